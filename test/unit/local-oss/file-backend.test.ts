import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../../src/local-oss/backend/backend.js';
import { createFileBackend, type FileBackend } from '../../../src/local-oss/backend/file-backend.js';
import { nameHash } from '../../../src/local-oss/backend/file-backend-layout.js';
import { DataDirError } from '../../../src/local-oss/backend/file-backend-lock.js';
import { bodyOf, HOSTILE_KEYS, metadata, readAll } from '../../helpers/backend-contract.js';
import { deterministicBytes } from '../../helpers/deterministic-bytes.js';

const B = 'bucket-a';
const NOW = 1_700_000_000_000;

/** Every path under `root` (relative, `/`-separated), directories marked with a trailing `/`. */
async function walk(root: string): Promise<string[]> {
  const out: string[] = [];
  const visit = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      const rel = relative(root, path).split(sep).join('/');
      if (entry.isDirectory()) {
        out.push(`${rel}/`);
        await visit(path);
      } else out.push(rel);
    }
  };
  await visit(root);
  return out.sort();
}

/** Names the file backend may create; anything else would be derived from user input. */
const ALLOWED_NAME =
  /^(local-oss\.json|lock|tmp|blobs|buckets|objects|uploads|bucket\.json|upload\.json|part-[1-9][0-9]*\.json|[0-9a-f]{64}(\.json)?|[0-9a-f]{32}|[0-9A-F]{32})$/;

let parent: string;
let dataDir: string;
const open: FileBackend[] = [];

async function openBackend(dir = dataDir, onWarning?: (m: string) => void): Promise<FileBackend> {
  const backend = await createFileBackend(onWarning === undefined ? { dataDir: dir } : { dataDir: dir, onWarning });
  open.push(backend);
  return backend;
}

async function reopen(backend: Backend, onWarning?: (m: string) => void): Promise<FileBackend> {
  await backend.close();
  return openBackend(dataDir, onWarning);
}

const put = (backend: Backend, key: string, data: string | Uint8Array, userMetadata: Record<string, string> = {}) =>
  backend.putObject(B, key, bodyOf(data), { metadata: metadata({ userMetadata }), now: NOW });

async function get(backend: Backend, key: string, bucket = B): Promise<Buffer | undefined> {
  const read = await backend.getObject(bucket, key);
  return read === undefined ? undefined : readAll(read.body);
}

const allKeys = async (backend: Backend, bucket = B): Promise<string[]> =>
  (await backend.listObjects(bucket, { prefix: '', after: '', limit: 10_000 })).map((r) => r.key);

beforeEach(async () => {
  parent = await mkdtemp(join(tmpdir(), 'ossgraph-file-backend-'));
  // Why deep: `../../x` resolved from any directory of the store must still land under `parent`,
  // where the walk below sees it.
  dataDir = join(parent, 'l1', 'l2', 'l3', 'data');
});

afterEach(async () => {
  for (const backend of open.splice(0)) await backend.close();
  await rm(parent, { recursive: true, force: true });
});

describe('FileBackend key safety', () => {
  it('stores hostile keys without creating any key-derived path, inside or outside the data directory', async () => {
    await mkdir(join(parent, 'l1', 'l2', 'l3'), { recursive: true });
    await writeFile(join(parent, 'l1', 'sentinel'), 'x');
    const before = await walk(parent);

    const backend = await openBackend();
    await backend.createBucket(B, NOW);
    for (const [i, key] of HOSTILE_KEYS.entries()) {
      await put(backend, key, `v${i}`, { i: String(i) });
      const u = await backend.createMultipartUpload(B, key, { metadata: metadata(), now: NOW });
      await backend.uploadPart(B, key, u.uploadId, 1, bodyOf(`part ${i}`), { now: NOW });
    }
    for (const [i, key] of HOSTILE_KEYS.entries()) {
      const head = await backend.headObject(B, key);
      expect(head?.key).toBe(key);
      expect(head?.userMetadata).toEqual({ i: String(i) });
      expect((await get(backend, key))?.toString()).toBe(`v${i}`);
    }
    expect((await allKeys(backend)).sort()).toEqual([...HOSTILE_KEYS].sort());

    const after = await walk(parent);
    const outside = (paths: string[]) => paths.filter((p) => !p.startsWith('l1/l2/l3/data/'));
    expect(outside(after)).toEqual(outside(before));
    expect(after.length).toBeGreaterThan(before.length + HOSTILE_KEYS.length);
    for (const path of after.filter((p) => p.startsWith('l1/l2/l3/data/') && p !== 'l1/l2/l3/data/')) {
      const name = path.replace(/\/$/, '').split('/').pop() as string;
      expect(name, path).toMatch(ALLOWED_NAME);
    }
    for (const target of ['etc', 'l1/l2/etc', 'l1/l2/l3/etc', 'l1/l2/l3/data/etc', 'l1/l2/l3/data/buckets/etc']) {
      await expect(stat(join(parent, target))).rejects.toMatchObject({ code: 'ENOENT' });
    }
    expect(after.some((p) => /passwd|%2F|\r|\n|中/.test(p))).toBe(false);
  });

  it('keys that differ only where UTF-8 would collapse them (lone surrogate vs U+FFFD) stay distinct', async () => {
    const backend = await openBackend();
    await backend.createBucket(B, NOW);
    await put(backend, '\uD800', 'lone');
    await put(backend, '\uFFFD', 'replacement');
    expect((await get(backend, '\uD800'))?.toString()).toBe('lone');
    expect((await get(backend, '\uFFFD'))?.toString()).toBe('replacement');
    const again = await reopen(backend);
    expect((await get(again, '\uD800'))?.toString()).toBe('lone');
    expect(await allKeys(again)).toEqual(['\uFFFD', '\uD800']);
  });
});

describe('FileBackend restart', () => {
  it('keeps buckets, objects with metadata, copies, metadata edits and uploads with parts', async () => {
    let backend = await openBackend();
    await backend.createBucket(B, NOW);
    await backend.createBucket('bucket-b', NOW + 1);
    await backend.createBucket('bucket-gone', NOW);
    await backend.deleteBucket('bucket-gone');
    const meta = metadata({
      contentType: 'text/plain; charset=utf-8',
      headers: { 'content-disposition': 'attachment; filename="a.txt"', 'cache-control': 'max-age=1' },
      userMetadata: { owner: 'me', 'x-y': 'z' },
      storageClass: 'IA',
      acl: 'private',
      sse: { algorithm: 'KMS', dataAlgorithm: 'SM4', keyId: 'kid' },
      tagging: 't=1',
    });
    const big = deterministicBytes(2 * 1024 * 1024 + 1, 5);
    const records = [
      await backend.putObject(B, 'meta', bodyOf('with metadata'), { metadata: meta, now: NOW + 2 }),
      await put(backend, 'big', big),
      await put(backend, '../../etc/passwd', 'not a path'),
    ];
    await put(backend, 'deleted', 'x');
    await backend.deleteObject(B, 'deleted');
    await put(backend, 'overwritten', 'one');
    records.push(await put(backend, 'overwritten', 'two'));
    records.push(
      await backend.copyObject({ bucket: B, key: 'big' }, { bucket: 'bucket-b', key: 'copy' }, { now: NOW + 3, resolve: (s) => s }),
    );
    records.push(
      await backend.replaceMetadata(B, 'meta', { now: NOW + 4, resolve: (c) => ({ ...c, userMetadata: { ...c.userMetadata, edited: 'yes' } }) }),
    );
    const upload = await backend.createMultipartUpload(B, 'mp', { metadata: meta, now: NOW + 5, forbidOverwrite: true });
    const p1 = await backend.uploadPart(B, 'mp', upload.uploadId, 1, bodyOf(deterministicBytes(100 * 1024, 1)), { now: NOW + 6 });
    const p2 = await backend.uploadPart(B, 'mp', upload.uploadId, 2, bodyOf('tail'), { now: NOW + 7 });
    const empty = await backend.createMultipartUpload(B, 'mp2', { metadata: metadata(), now: NOW + 8 });

    backend = await reopen(backend);

    expect(await backend.listBuckets()).toEqual([
      { name: B, creationDate: NOW },
      { name: 'bucket-b', creationDate: NOW + 1 },
    ]);
    for (const r of records.slice(0, 3)) {
      if (r.key !== 'meta') expect(await backend.headObject(B, r.key)).toEqual(r);
    }
    expect(await backend.headObject(B, 'meta')).toEqual(records[5]);
    expect(await backend.headObject(B, 'overwritten')).toEqual(records[3]);
    expect(await backend.headObject('bucket-b', 'copy')).toEqual(records[4]);
    expect((await get(backend, 'big'))?.equals(big)).toBe(true);
    expect((await get(backend, 'copy', 'bucket-b'))?.equals(big)).toBe(true);
    expect((await get(backend, 'overwritten'))?.toString()).toBe('two');
    expect(await allKeys(backend)).toEqual(['../../etc/passwd', 'big', 'meta', 'overwritten']);
    expect(await backend.getMultipartUpload(B, 'mp', upload.uploadId)).toEqual(upload);
    expect(await backend.getMultipartUpload(B, 'mp2', empty.uploadId)).toEqual(empty);
    expect(await backend.listParts(B, 'mp', upload.uploadId)).toEqual([p1, p2]);
    expect(await backend.listParts(B, 'mp2', empty.uploadId)).toEqual([]);

    const done = await backend.completeMultipartUpload(B, 'mp', upload.uploadId, [p1, p2], { now: NOW + 9 });
    expect(done.userMetadata).toEqual(meta.userMetadata);
    backend = await reopen(backend);
    expect(await backend.headObject(B, 'mp')).toEqual(done);
    expect((await get(backend, 'mp'))?.equals(Buffer.concat([deterministicBytes(100 * 1024, 1), Buffer.from('tail')]))).toBe(true);
    expect(await backend.getMultipartUpload(B, 'mp', upload.uploadId)).toBeUndefined();
  });

  it('keeps wave-2 state: appendable objects, tags, restores, bucket settings; appends continue after a restart', async () => {
    let backend = await openBackend();
    await backend.createBucket(B, NOW);
    await backend.createBucket('bucket-ia', NOW, { storageClass: 'IA', acl: 'public-read' });
    await backend.appendObject(B, 'log', bodyOf('one;'), { metadata: metadata({ contentType: 'text/plain' }), position: 0, now: NOW });
    await put(backend, 'cold', 'frozen');
    const restored = await backend.replaceMetadata(B, 'cold', {
      now: NOW + 1,
      keepLastModified: true,
      resolve: (current) => ({ ...metadata({ storageClass: 'Archive', tagging: 'a=1' }), acl: current.acl, restore: { readyAt: NOW + 5, expiresAt: NOW + 10, tier: 'Bulk' } }),
    });
    backend = await reopen(backend);
    expect(await backend.headObject(B, 'cold')).toEqual(restored);
    expect((await backend.getBucket('bucket-ia'))).toMatchObject({ storageClass: 'IA', acl: 'public-read' });
    const appended = await backend.appendObject(B, 'log', bodyOf('two;'), { metadata: metadata(), position: 4, now: NOW + 2 });
    expect(appended).toMatchObject({ objectType: 'Appendable', size: 8, contentType: 'text/plain' });
    backend = await reopen(backend);
    expect(await get(backend, 'log')).toEqual(Buffer.from('one;two;'));
    expect(await backend.headObject(B, 'log')).toEqual(appended);
  });

  it('keeps versions: chains, delete markers, the null version, the versioning state; ids continue in order; unreferenced blobs go', async () => {
    let backend = await openBackend();
    await backend.createBucket(B, NOW);
    await put(backend, 'k', 'v0');
    await backend.putBucketVersioning(B, 'Enabled');
    const v1 = await put(backend, 'k', 'v1');
    const v2 = await put(backend, 'k', 'v2');
    const marker = await backend.deleteObject(B, 'k', { now: NOW + 3 });
    await put(backend, 'gone', 'x');
    await backend.deleteObject(B, 'gone', { now: NOW });
    const listing = async (b: Backend) => (await b.listObjectVersions(B, { prefix: '', keyMarker: '', limit: 100 })).map((v) => ({ ...v }));
    const before = await listing(backend);
    expect(before).toHaveLength(6);
    backend = await reopen(backend);
    expect(await listing(backend)).toEqual(before);
    expect((await backend.getBucket(B))?.versioning).toBe('Enabled');
    expect(await backend.headVersion(B, 'k')).toMatchObject({ deleteMarker: true, versionId: marker.versionId });
    expect(await allKeys(backend)).toEqual([]);
    const read = async (id: string) => {
      const r = await backend.getObject(B, 'k', undefined, id);
      return r === undefined ? undefined : (await readAll(r.body)).toString();
    };
    expect([await read('null'), await read(v1.versionId as string), await read(v2.versionId as string)]).toEqual(['v0', 'v1', 'v2']);
    // A version made after the restart sorts newest: the commit order survived.
    const v3 = await put(backend, 'k', 'v3');
    const chain = (await backend.listObjectVersions(B, { prefix: 'k', keyMarker: '', limit: 10 })).map((v) => v.version.versionId ?? 'null');
    expect(chain).toEqual([v3.versionId, marker.versionId, v2.versionId, v1.versionId, 'null']);
    const resumed = await backend.listObjectVersions(B, { prefix: '', keyMarker: 'k', versionIdMarker: v2.versionId as string, limit: 10 });
    expect(resumed.map((v) => v.version.versionId ?? 'null')).toEqual([v1.versionId, 'null']);
    await backend.putBucketVersioning(B, 'Suspended');
    await put(backend, 'k', 'n');
    for (const id of [v1.versionId, v2.versionId, v3.versionId, marker.versionId] as string[]) await backend.deleteObject(B, 'k', { versionId: id });
    backend = await reopen(backend);
    expect((await backend.getBucket(B))?.versioning).toBe('Suspended');
    expect(await get(backend, 'k')).toEqual(Buffer.from('n'));
    expect((await listing(backend)).map((v) => v.version.key)).toEqual(['gone', 'gone', 'k']);
    await backend.close();
    // Only the blobs of live versions remain: 'x' and 'n'.
    expect((await readdir(join(dataDir, 'blobs'))).length).toBe(2);
  });

  it('a stale lock of a dead process is taken over; a live owner and a second open here are refused', async () => {
    const backend = await openBackend();
    await expect(createFileBackend({ dataDir })).rejects.toBeInstanceOf(DataDirError);
    await backend.close();
    await writeFile(join(dataDir, 'lock'), `${process.ppid}\n`);
    await expect(createFileBackend({ dataDir })).rejects.toThrow(/in use by process/);
    await writeFile(join(dataDir, 'lock'), '2147483646\n');
    const again = await openBackend();
    expect(await again.listBuckets()).toEqual([]);
  });

  it('refuses a non-empty directory that is not a data directory, and touches nothing in it', async () => {
    await mkdir(join(parent, 'home', 'tmp'), { recursive: true });
    await writeFile(join(parent, 'home', 'tmp', 'precious'), 'keep me');
    await expect(createFileBackend({ dataDir: join(parent, 'home') })).rejects.toThrow(/not a local-oss data directory/);
    expect(await walk(join(parent, 'home'))).toEqual(['tmp/', 'tmp/precious']);
  });
});

describe('FileBackend storage', () => {
  const blobs = async (): Promise<string[]> => (await readdir(join(dataDir, 'blobs'))).sort();

  it('replaceMetadata rewrites only the record and copyObject reuses the blob', async () => {
    const backend = await openBackend();
    await backend.createBucket(B, NOW);
    await backend.createBucket('bucket-b', NOW);
    await put(backend, 'k', deterministicBytes(1024 * 1024, 1));
    const [blob] = await blobs();
    const before = await stat(join(dataDir, 'blobs', blob as string));
    await backend.replaceMetadata(B, 'k', { now: NOW + 1, resolve: () => metadata({ userMetadata: { a: 'b' } }) });
    await backend.copyObject({ bucket: B, key: 'k' }, { bucket: 'bucket-b', key: 'c' }, { now: NOW, resolve: (s) => s });
    await backend.copyObject({ bucket: B, key: 'k' }, { bucket: B, key: 'c2' }, { now: NOW, resolve: (s) => s });
    expect(await blobs()).toEqual([blob]);
    const after = await stat(join(dataDir, 'blobs', blob as string));
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
  });

  it('removes unreferenced blobs: overwritten, deleted, aborted, failed writes; shared blobs stay while referenced', async () => {
    const backend = await openBackend();
    await backend.createBucket(B, NOW);
    await put(backend, 'a', 'one');
    await put(backend, 'a', 'two');
    await backend.copyObject({ bucket: B, key: 'a' }, { bucket: B, key: 'b' }, { now: NOW, resolve: (s) => s });
    await backend.deleteObject(B, 'a');
    await put(backend, 'c', 'three');
    await backend.deleteObject(B, 'c');
    await backend
      .putObject(B, 'd', bodyOf('x'), { metadata: metadata(), now: NOW, verify: () => { throw new Error('no'); } })
      .catch(() => undefined);
    const u = await backend.createMultipartUpload(B, 'mp', { metadata: metadata(), now: NOW });
    await backend.uploadPart(B, 'mp', u.uploadId, 1, bodyOf('p1'), { now: NOW });
    await backend.uploadPart(B, 'mp', u.uploadId, 1, bodyOf('p1 again'), { now: NOW });
    expect(await blobs()).toHaveLength(2);
    await backend.abortMultipartUpload(B, 'mp', u.uploadId);
    await backend.close();
    expect(await blobs()).toHaveLength(1);
    expect(await readdir(join(dataDir, 'tmp'))).toEqual([]);
    const again = await openBackend();
    expect((await get(again, 'b'))?.toString()).toBe('two');
  });

  it('repairs what a crash can leave: temp files, orphan blobs, half-created buckets and uploads', async () => {
    let backend = await openBackend();
    await backend.createBucket(B, NOW);
    await put(backend, 'k', 'kept');
    const u = await backend.createMultipartUpload(B, 'mp', { metadata: metadata(), now: NOW });
    const part = await backend.uploadPart(B, 'mp', u.uploadId, 1, bodyOf('part'), { now: NOW });
    await backend.close();

    await writeFile(join(dataDir, 'tmp', 'deadbeef.tmp'), 'torn write');
    await writeFile(join(dataDir, 'blobs', 'f'.repeat(32)), 'orphan');
    await mkdir(join(dataDir, 'buckets', nameHash('half-bucket'), 'objects'), { recursive: true });
    const bucketDirectory = join(dataDir, 'buckets', nameHash(B));
    await mkdir(join(bucketDirectory, 'uploads', 'ABCDEF0123456789ABCDEF0123456789'));
    await writeFile(join(bucketDirectory, 'uploads', 'ABCDEF0123456789ABCDEF0123456789', 'part-1.json'), '{}');

    const warnings: string[] = [];
    backend = await openBackend(dataDir, (m) => warnings.push(m));
    expect(warnings).toEqual([]);
    expect(await readdir(join(dataDir, 'tmp'))).toEqual([]);
    expect(await blobs()).toHaveLength(2);
    expect(await readdir(join(dataDir, 'buckets'))).toEqual([nameHash(B)]);
    expect(await readdir(join(bucketDirectory, 'uploads'))).toEqual([u.uploadId]);
    expect(await backend.listBuckets()).toEqual([{ name: B, creationDate: NOW }]);
    expect((await get(backend, 'k'))?.toString()).toBe('kept');
    expect(await backend.listParts(B, 'mp', u.uploadId)).toEqual([part]);
  });

  it('finishes a completion interrupted between the object commit and the upload removal', async () => {
    let backend = await openBackend();
    await backend.createBucket(B, NOW);
    const u = await backend.createMultipartUpload(B, 'mp', { metadata: metadata(), now: NOW });
    const part = await backend.uploadPart(B, 'mp', u.uploadId, 1, bodyOf('only part'), { now: NOW });
    await backend.close();
    const uploadDirectory = join(dataDir, 'buckets', nameHash(B), 'uploads', u.uploadId);
    await cp(uploadDirectory, join(parent, 'saved-upload'), { recursive: true });
    backend = await openBackend();
    const done = await backend.completeMultipartUpload(B, 'mp', u.uploadId, [part], { now: NOW });
    await backend.close();
    await cp(join(parent, 'saved-upload'), uploadDirectory, { recursive: true });

    backend = await openBackend();
    expect(await backend.getMultipartUpload(B, 'mp', u.uploadId)).toBeUndefined();
    expect(await backend.headObject(B, 'mp')).toEqual(done);
    expect((await get(backend, 'mp'))?.toString()).toBe('only part');
    await backend.deleteObject(B, 'mp');
    await backend.deleteBucket(B);
  });

  it('skips damaged records with a warning instead of serving them', async () => {
    let backend = await openBackend();
    await backend.createBucket(B, NOW);
    await put(backend, 'good', 'ok');
    await put(backend, 'garbled', 'x');
    await put(backend, 'no-blob', 'y');
    await backend.close();
    const objects = join(dataDir, 'buckets', nameHash(B), 'objects');
    await writeFile(join(objects, `${nameHash('garbled')}.json`), '{"format":1,"rec');
    const noBlob = JSON.parse(await readFile(join(objects, `${nameHash('no-blob')}.json`), 'utf8')) as { blob: string };
    await rm(join(dataDir, 'blobs', noBlob.blob));

    const warnings: string[] = [];
    backend = await openBackend(dataDir, (m) => warnings.push(m));
    expect(warnings).toHaveLength(2);
    expect(warnings.join('\n')).toMatch(/not valid JSON/);
    expect(warnings.join('\n')).toMatch(/missing/);
    expect(await allKeys(backend)).toEqual(['good']);
    expect(await backend.getObject(B, 'garbled')).toBeUndefined();
  });

  it('deleteBucket racing writes ends consistent: an object exists only if its bucket does', async () => {
    const backend = await openBackend();
    for (let round = 0; round < 10; round++) {
      await backend.createBucket(B, NOW);
      const results = await Promise.allSettled([
        put(backend, 'k', `round ${round}`),
        backend.deleteBucket(B),
        backend.createMultipartUpload(B, 'u', { metadata: metadata(), now: NOW }),
      ]);
      const bucket = await backend.getBucket(B);
      if (bucket === undefined) {
        expect(results[0].status === 'rejected' && results[2].status === 'rejected').toBe(true);
      } else {
        expect(results[1].status).toBe('rejected');
        for (const key of await allKeys(backend)) await backend.deleteObject(B, key);
        const upload = results[2].status === 'fulfilled' ? results[2].value : undefined;
        if (upload !== undefined) await backend.abortMultipartUpload(B, 'u', upload.uploadId);
        await backend.deleteBucket(B);
      }
    }
    const again = await reopen(backend);
    expect(await again.listBuckets()).toEqual([]);
    expect(await readdir(join(dataDir, 'buckets'))).toEqual([]);
  });

  it('a closed backend refuses calls', async () => {
    const backend = await openBackend();
    await backend.close();
    await expect(backend.listBuckets()).rejects.toThrow(/closed/);
  });
});
