/**
 * The file backend never follows a symbolic link in its data directory: start-up removes nothing
 * outside it (a linked tmp/ or uploads/), and no link makes it read or serve a file outside it.
 */
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileBackend, type FileBackend } from '../../../src/local-oss/backend/file-backend.js';
import { blobPath, bucketDir, bucketPaths, layoutOf, objectPath } from '../../../src/local-oss/backend/file-backend-layout.js';
import { SymlinkRefusedError } from '../../../src/local-oss/backend/file-backend-nofollow.js';
import { bodyOf, metadata, readAll } from '../../helpers/backend-contract.js';

const B = 'bucket-a';
const NOW = 1_700_000_000_000;
const UPLOAD_LIKE = '0123456789ABCDEF0123456789ABCDEF';

let parent: string;
let dataDir: string;
/** A directory outside the data directory, with a file in it, that must survive everything. */
let outside: string;
const opened: FileBackend[] = [];

async function openBackend(warnings: string[] = []): Promise<FileBackend> {
  const backend = await createFileBackend({ dataDir, onWarning: (m) => warnings.push(m) });
  opened.push(backend);
  return backend;
}

async function closeAll(): Promise<void> {
  for (const backend of opened.splice(0)) await backend.close();
}

/** The record file of `key` and the blob it names. */
async function blobOf(key: string): Promise<string> {
  const record = JSON.parse(await readFile(objectPath(bucketDir(layoutOf(dataDir), B), key), 'utf8')) as { blob: string };
  return blobPath(layoutOf(dataDir), record.blob);
}

async function expectOutsideIntact(): Promise<void> {
  expect(await readFile(join(outside, 'precious.txt'), 'utf8')).toBe('do not delete');
  expect((await stat(join(outside, UPLOAD_LIKE))).isDirectory()).toBe(true);
}

beforeEach(async () => {
  parent = await mkdtemp(join(tmpdir(), 'ossgraph-symlinks-'));
  dataDir = join(parent, 'data');
  outside = join(parent, 'outside');
  await mkdir(join(outside, UPLOAD_LIKE), { recursive: true });
  await writeFile(join(outside, 'precious.txt'), 'do not delete');
  await writeFile(join(outside, 'secret.txt'), 'secret outside the data directory');
});

afterEach(async () => {
  await closeAll();
  await rm(parent, { recursive: true, force: true });
});

describe('file backend and symbolic links', () => {
  it('start-up unlinks a tmp/ that links elsewhere and keeps what it points to', async () => {
    await (await openBackend()).close();
    await rm(join(dataDir, 'tmp'), { recursive: true });
    await symlink(outside, join(dataDir, 'tmp'));
    await openBackend();
    await expectOutsideIntact();
    expect((await readdir(outside)).sort()).toEqual([UPLOAD_LIKE, 'precious.txt', 'secret.txt']);
    const tmp = await import('node:fs/promises').then((fs) => fs.lstat(join(dataDir, 'tmp')));
    expect(tmp.isDirectory()).toBe(true);
  });

  it('start-up empties tmp/ without following a link inside it', async () => {
    await (await openBackend()).close();
    await symlink(outside, join(dataDir, 'tmp', 'link'));
    await openBackend();
    await expectOutsideIntact();
    expect(await readdir(join(dataDir, 'tmp'))).toEqual([]);
  });

  it('refuses to start when blobs/ or buckets/ is a link, touching nothing', async () => {
    for (const name of ['blobs', 'buckets']) {
      await (await openBackend()).close();
      opened.length = 0;
      await rm(join(dataDir, name), { recursive: true });
      await symlink(outside, join(dataDir, name));
      await expect(createFileBackend({ dataDir })).rejects.toBeInstanceOf(SymlinkRefusedError);
      await expectOutsideIntact();
      await unlink(join(dataDir, name));
    }
  });

  it("skips a bucket whose uploads/ links elsewhere, instead of removing the link's target's upload-like directories", async () => {
    const backend = await openBackend();
    await backend.createBucket(B, NOW);
    await backend.putObject(B, 'kept.txt', bodyOf('kept'), { metadata: metadata(), now: NOW });
    await closeAll();
    const uploads = bucketPaths(bucketDir(layoutOf(dataDir), B)).uploads;
    await rm(uploads, { recursive: true });
    await symlink(outside, uploads);
    const warnings: string[] = [];
    const again = await openBackend(warnings);
    await expectOutsideIntact();
    expect(warnings.some((w) => w.includes('uploads') && w.includes('symbolic link'))).toBe(true);
    expect(await again.getBucket(B)).toBeUndefined();
  });

  it('never serves a blob replaced by a link: not after a restart, not while running', async () => {
    const backend = await openBackend();
    await backend.createBucket(B, NOW);
    const secretSized = 'x'.repeat('secret outside the data directory'.length);
    await backend.putObject(B, 'a.txt', bodyOf(secretSized), { metadata: metadata(), now: NOW });
    await backend.putObject(B, 'b.txt', bodyOf(secretSized), { metadata: metadata(), now: NOW });

    // While running: the next read opens the blob again, and must refuse the link.
    const blobA = await blobOf('a.txt');
    await unlink(blobA);
    await symlink(join(outside, 'secret.txt'), blobA);
    const read = backend.getObject(B, 'a.txt').then((r) => (r === undefined ? undefined : readAll(r.body)));
    await expect(read).rejects.toBeInstanceOf(SymlinkRefusedError);

    // After a restart: the object whose blob is a link is skipped (with a warning), the other stays.
    await closeAll();
    const warnings: string[] = [];
    const again = await openBackend(warnings);
    expect(await again.getObject(B, 'a.txt')).toBeUndefined();
    const blobId = blobA.split('/').pop() as string;
    expect(warnings.some((w) => w.includes(blobId) && w.includes('missing'))).toBe(true);
    const other = await again.getObject(B, 'b.txt');
    expect((await readAll(other!.body)).toString()).toBe(secretSized);
  });

  it('skips an object record that is a link to a record outside', async () => {
    const backend = await openBackend();
    await backend.createBucket(B, NOW);
    await backend.putObject(B, 'r.txt', bodyOf('record'), { metadata: metadata(), now: NOW });
    await closeAll();
    const record = objectPath(bucketDir(layoutOf(dataDir), B), 'r.txt');
    await cp(record, join(outside, 'record.json'));
    await unlink(record);
    await symlink(join(outside, 'record.json'), record);
    const warnings: string[] = [];
    const again = await openBackend(warnings);
    expect(await again.headObject(B, 'r.txt')).toBeUndefined();
    expect(warnings.some((w) => w.includes('symbolic link'))).toBe(true);
    expect(await readFile(join(outside, 'record.json'), 'utf8')).toContain('r.txt');
  });
});
