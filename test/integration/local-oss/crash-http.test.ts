/**
 * The crash guarantee through the real server: `local-oss` (the CLI, file backend) is SIGKILLed
 * during an HTTP PutObject of a large body and during a CopyObject; after restart each object is
 * exactly its old or its new version, and a body that never fully arrived never becomes visible.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { request } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFileBackend } from '../../../src/local-oss/backend/file-backend.js';
import { crcOf, readAll } from '../../helpers/backend-contract.js';
import { bigSize, CRASH_BUCKET, versionData } from '../../helpers/file-backend-worker.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CLI = fileURLToPath(new URL('../../../src/local-oss/cli.ts', import.meta.url));

interface Server {
  readonly child: ChildProcessByStdio<null, Readable, Readable>;
  readonly port: number;
  readonly exited: Promise<void>;
}

async function startServer(dataDir: string): Promise<Server> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', CLI, '--port', '0', '--data-dir', dataDir, '--bucket', CRASH_BUCKET, '--allow-anonymous'],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    const onData = (d: Buffer): void => {
      output += d.toString();
      const match = /listening on http:\/\/[^:\s]+:(\d+)/.exec(output);
      if (match !== null) resolve(Number(match[1]));
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    void exited.then(() => reject(new Error(`local-oss exited before listening: ${output}`)));
  });
  return { child, port, exited };
}

async function kill(server: Server): Promise<void> {
  server.child.kill('SIGKILL');
  await server.exited;
  expect(server.child.signalCode).toBe('SIGKILL');
}

/**
 * PUTs `/crash/<key>` with `headers` and the chunks of `body`. `onSent` runs after `sentChunks`
 * chunks were flushed (all chunks when omitted). Resolves the status, or undefined when the
 * connection died first.
 */
function put(
  port: number,
  key: string,
  headers: Record<string, string | number>,
  body: Iterable<Buffer>,
  onSent: () => void,
  sentChunks = Number.POSITIVE_INFINITY,
): Promise<number | undefined> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, method: 'PUT', path: `/${CRASH_BUCKET}/${key}`, headers });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
      res.on('error', () => resolve(undefined));
    });
    req.on('error', () => resolve(undefined));
    void (async () => {
      let sent = 0;
      for (const chunk of body) {
        if (sent === sentChunks) {
          onSent();
          return;
        }
        if (!req.write(chunk)) await new Promise<void>((r) => req.once('drain', () => r()));
        sent++;
      }
      req.end(() => onSent());
    })().catch(() => undefined);
  });
}

const putBig = (port: number, version: number, onSent: () => void, sentChunks?: number) =>
  put(
    port,
    'big',
    { 'content-length': bigSize(version), 'x-oss-meta-version': String(version) },
    versionData(version, bigSize(version)),
    onSent,
    sentChunks,
  );

const copyBig = (port: number, onSent: () => void) =>
  put(port, 'copy', { 'content-length': 0, 'x-oss-copy-source': `/${CRASH_BUCKET}/big` }, [], onSent);

/** Reopens the store in-process and returns each key's version, checking bytes, CRC-64 and ETag. */
async function versions(dataDir: string): Promise<Map<string, number | undefined>> {
  const warnings: string[] = [];
  const backend = await createFileBackend({ dataDir, onWarning: (m) => warnings.push(m) });
  try {
    expect(warnings).toEqual([]);
    const listed = await backend.listObjects(CRASH_BUCKET, { prefix: '', after: '', limit: 10 });
    const out = new Map<string, number | undefined>();
    for (const key of ['big', 'copy']) {
      const read = await backend.getObject(CRASH_BUCKET, key);
      expect(listed.find((r) => r.key === key)).toEqual(read?.record);
      if (read === undefined) {
        out.set(key, undefined);
        continue;
      }
      const version = Number(read.record.userMetadata['version']);
      const data = await readAll(read.body);
      const expected = Buffer.concat([...versionData(version, bigSize(version))]);
      expect(data.equals(expected), `${key} v${version} bytes differ`).toBe(true);
      expect(read.record.crc64).toBe(crcOf(expected));
      expect(read.record.size).toBe(expected.length);
      out.set(key, version);
    }
    expect(listed.map((r) => r.key).every((k) => out.get(k) !== undefined)).toBe(true);
    return out;
  } finally {
    await backend.close();
  }
}

describe('local-oss server killed mid-request', () => {
  let parent: string;
  let dataDir: string;

  beforeAll(async () => {
    parent = await mkdtemp(join(tmpdir(), 'ossgraph-crash-http-'));
    dataDir = join(parent, 'data');
  });

  afterAll(async () => {
    await rm(parent, { recursive: true, force: true });
  });

  it('keeps old or new versions across SIGKILL during PUT and copy', async () => {
    // Round 1: a committed v1 and its copy, then a v2 whose body is cut off half-way.
    let server = await startServer(dataDir);
    expect(await putBig(server.port, 1, () => undefined)).toBe(200);
    expect(await copyBig(server.port, () => undefined)).toBe(200);
    await new Promise<void>((resolve) => void putBig(server.port, 2, () => setTimeout(resolve, 100), 6));
    await kill(server);
    expect(Object.fromEntries(await versions(dataDir))).toEqual({ big: 1, copy: 1 });

    // Rounds 2-4: kill right after the whole body of v3/v4/v5 was sent (commit may or may not
    // have happened), at different delays.
    let previous = 1;
    for (const [version, delay] of [[3, 0], [4, 15], [5, 40]] as const) {
      server = await startServer(dataDir);
      const sent = new Promise<void>((resolve) => void putBig(server.port, version, resolve));
      await sent;
      await new Promise((r) => setTimeout(r, delay));
      await kill(server);
      const big = (await versions(dataDir)).get('big');
      expect([previous, version]).toContain(big);
      previous = big as number;
    }

    // Rounds 5-6: kill during a copy of big onto copy.
    let copied = 1;
    for (const delay of [0, 3]) {
      server = await startServer(dataDir);
      await new Promise<void>((resolve) => void copyBig(server.port, () => setTimeout(resolve, delay)));
      await kill(server);
      const after = await versions(dataDir);
      expect(after.get('big')).toBe(previous);
      expect([copied, previous]).toContain(after.get('copy'));
      copied = after.get('copy') as number;
    }
  }, 60_000);
});
