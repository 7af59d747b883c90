/**
 * The `Backend` contract as a test suite: every MUST rule of `src/local-oss/backend/backend.ts`,
 * run against any backend so the memory and file backends are held to the same behaviour.
 */
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { crc64, formatCrc64 } from '../../src/oss/checksum/crc64.js';
import { deterministicBytes } from './deterministic-bytes.js';
import { isWellFormedVersionId } from '../../src/local-oss/backend/backend-versions.js';
import {
  BackendError,
  MIN_PART_SIZE,
  isDeleteMarker,
  versionIdOf,
  type Backend,
  type BackendErrorCode,
  type DataDigest,
  type ObjectMetadata,
} from '../../src/local-oss/backend/backend.js';

/** Options of {@link describeBackendContract}. */
export interface ContractOptions {
  /** Runs after each test's backend was closed (e.g. to remove its temp directory). */
  readonly cleanup?: () => Promise<void>;
}

/** Metadata with defaults for the fields a test does not care about. */
export function metadata(overrides: Partial<ObjectMetadata> = {}): ObjectMetadata {
  return { contentType: 'application/octet-stream', headers: {}, userMetadata: {}, storageClass: 'Standard', acl: 'default', ...overrides };
}

/** A body yielding `chunks` (strings as UTF-8), as plain Uint8Arrays. */
export async function* bodyOf(...chunks: ReadonlyArray<string | Uint8Array>): AsyncGenerator<Uint8Array> {
  for (const c of chunks) yield typeof c === 'string' ? new TextEncoder().encode(c) : new Uint8Array(c);
}

/** A body that yields `chunks` and then throws `error`. */
export async function* failingBody(error: Error, ...chunks: string[]): AsyncGenerator<Uint8Array> {
  yield* bodyOf(...chunks);
  throw error;
}

/** All bytes of a body. */
export async function readAll(body: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of body) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts);
}

/** Quoted uppercase hex MD5, the ETag of a Normal object. */
export function etagOf(data: Uint8Array | string): string {
  return `"${createHash('md5').update(data).digest('hex').toUpperCase()}"`;
}

/** Decimal CRC-64 of data. */
export function crcOf(data: Uint8Array | string): string {
  return formatCrc64(crc64(typeof data === 'string' ? Buffer.from(data) : data));
}

/** Asserts that `promise` rejects with a BackendError of `code`. */
export async function expectCode(promise: Promise<unknown>, code: BackendErrorCode): Promise<void> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, `expected BackendError ${code}`).toBeInstanceOf(BackendError);
  expect((error as BackendError).code).toBe(code);
}

/** Keys that must be stored opaquely (never interpreted as paths or decoded). */
export const HOSTILE_KEYS: readonly string[] = [
  '../../etc/passwd',
  'a/../b',
  'a//b',
  '%2F',
  'x\r\ny',
  '中'.repeat(341),
  '/leading',
  'trailing/',
  '.',
  '..',
  'nul\u0000byte',
  'CON',
  'back\\slash\\..\\..\\x',
  '\uD800lone-surrogate',
  '\uFFFD',
];

function openFdCount(): number | undefined {
  try {
    return readdirSync('/proc/self/fd').length;
  } catch {
    return undefined;
  }
}

const B = 'bucket-a';
const NOW = 1_700_000_000_000;

/**
 * Registers a `describe(name)` suite checking every MUST rule of the Backend contract. Each test
 * gets a fresh backend from `makeBackend` with bucket `bucket-a` created, and closes it after.
 */
export function describeBackendContract(
  name: string,
  makeBackend: () => Promise<Backend>,
  options: ContractOptions = {},
): void {
  describe(`Backend contract: ${name}`, () => {
    let backend: Backend;

    beforeEach(async () => {
      backend = await makeBackend();
      await backend.createBucket(B, NOW);
    });

    afterEach(async () => {
      await backend.close();
      await options.cleanup?.();
    });

    const put = (key: string, data: string | Uint8Array, extra: Partial<ObjectMetadata> = {}, now = NOW) =>
      backend.putObject(B, key, bodyOf(data), { metadata: metadata(extra), now });
    const get = async (key: string, bucket = B): Promise<Buffer | undefined> => {
      const read = await backend.getObject(bucket, key);
      return read === undefined ? undefined : readAll(read.body);
    };
    const keysOf = async (bucket = B): Promise<string[]> =>
      (await backend.listObjects(bucket, { prefix: '', after: '', limit: 1000 })).map((r) => r.key);

    describe('buckets', () => {
      it('createBucket resolves true for a new bucket and false for an existing one, keeping objects and date', async () => {
        await put('k', 'v');
        expect(await backend.createBucket(B, NOW + 5)).toBe(false);
        expect(await backend.getBucket(B)).toEqual({ name: B, creationDate: NOW });
        expect(await get('k')).toEqual(Buffer.from('v'));
        expect(await backend.createBucket('bucket-b', NOW + 1)).toBe(true);
        expect(await backend.getBucket('bucket-b')).toEqual({ name: 'bucket-b', creationDate: NOW + 1 });
      });

      it('getBucket resolves undefined for a missing bucket', async () => {
        expect(await backend.getBucket('nope')).toBeUndefined();
      });

      it('listBuckets is sorted by name', async () => {
        for (const n of ['zz-bucket', 'bucket-0', 'mm-bucket']) await backend.createBucket(n, NOW);
        expect((await backend.listBuckets()).map((b) => b.name)).toEqual(['bucket-0', B, 'mm-bucket', 'zz-bucket']);
      });

      it('deleteBucket: NoSuchBucket, BucketNotEmpty (object or upload), then deletes an empty bucket', async () => {
        await expectCode(backend.deleteBucket('nope'), 'NoSuchBucket');
        await put('k', 'v');
        await expectCode(backend.deleteBucket(B), 'BucketNotEmpty');
        await backend.deleteObject(B, 'k');
        const upload = await backend.createMultipartUpload(B, 'm', { metadata: metadata(), now: NOW });
        await expectCode(backend.deleteBucket(B), 'BucketNotEmpty');
        await backend.abortMultipartUpload(B, 'm', upload.uploadId);
        await backend.deleteBucket(B);
        expect(await backend.getBucket(B)).toBeUndefined();
        expect(await backend.listBuckets()).toEqual([]);
        await expectCode(backend.headObject(B, 'k'), 'NoSuchBucket');
      });

      it('a deleted and recreated bucket is empty', async () => {
        await put('k', 'v');
        await backend.deleteObject(B, 'k');
        await backend.deleteBucket(B);
        expect(await backend.createBucket(B, NOW + 9)).toBe(true);
        expect(await keysOf()).toEqual([]);
        expect(await backend.getBucket(B)).toEqual({ name: B, creationDate: NOW + 9 });
      });

      it('every object method throws NoSuchBucket for a missing bucket', async () => {
        const x = 'missing-bucket';
        await expectCode(backend.headObject(x, 'k'), 'NoSuchBucket');
        await expectCode(backend.getObject(x, 'k'), 'NoSuchBucket');
        await expectCode(backend.putObject(x, 'k', bodyOf('v'), { metadata: metadata(), now: NOW }), 'NoSuchBucket');
        await expectCode(backend.deleteObject(x, 'k'), 'NoSuchBucket');
        await expectCode(backend.listObjects(x, { prefix: '', after: '', limit: 1 }), 'NoSuchBucket');
        await expectCode(backend.replaceMetadata(x, 'k', { now: NOW, resolve: () => metadata() }), 'NoSuchBucket');
        await expectCode(backend.createMultipartUpload(x, 'k', { metadata: metadata(), now: NOW }), 'NoSuchBucket');
        await expectCode(backend.getMultipartUpload(x, 'k', 'ABC'), 'NoSuchBucket');
      });
    });

    describe('putObject / headObject / getObject', () => {
      it('records size, quoted uppercase MD5 ETag, base64 Content-MD5, decimal CRC-64, Normal type and times', async () => {
        const data = 'hello world';
        const meta = metadata({
          contentType: 'text/plain',
          headers: { 'cache-control': 'no-cache', expires: 'Thu, 01 Jan 2099 00:00:00 GMT' },
          userMetadata: { a: '1', 'b-c': 'x y' },
          storageClass: 'IA',
          acl: 'private',
          sse: { algorithm: 'KMS', keyId: 'k1' },
          tagging: 'a=b&c=d',
        });
        const record = await backend.putObject(B, 'k', bodyOf('hello', ' ', 'world'), { metadata: meta, now: NOW + 1 });
        expect(record).toEqual({
          ...meta,
          key: 'k',
          size: 11,
          etag: etagOf(data),
          contentMd5: createHash('md5').update(data).digest('base64'),
          crc64: '5981764153023615706',
          objectType: 'Normal',
          lastModified: NOW + 1,
          lastAccessTime: NOW + 1,
        });
        expect(record.etag).toMatch(/^"[0-9A-F]{32}"$/);
        expect(await backend.headObject(B, 'k')).toEqual(record);
        const read = await backend.getObject(B, 'k');
        expect(read?.record).toEqual(record);
        expect(await readAll(read!.body)).toEqual(Buffer.from(data));
      });

      it('stores an empty object', async () => {
        const record = await backend.putObject(B, 'empty', bodyOf(), { metadata: metadata(), now: NOW });
        expect(record.size).toBe(0);
        expect(record.crc64).toBe('0');
        expect(record.etag).toBe(etagOf(''));
        expect(await get('empty')).toEqual(Buffer.alloc(0));
      });

      it('stores binary data of several MiB byte-exactly', async () => {
        const data = deterministicBytes(3 * 1024 * 1024 + 17, 7);
        const chunks = [data.subarray(0, 1), data.subarray(1, 70_000), data.subarray(70_000)];
        const record = await backend.putObject(B, 'bin', bodyOf(...chunks), { metadata: metadata(), now: NOW });
        expect(record.crc64).toBe(crcOf(data));
        expect((await get('bin'))?.equals(data)).toBe(true);
      });

      it('headObject and getObject resolve undefined for a missing key', async () => {
        expect(await backend.headObject(B, 'nope')).toBeUndefined();
        expect(await backend.getObject(B, 'nope')).toBeUndefined();
      });

      it('overwrites an existing object atomically', async () => {
        await put('k', 'old', { userMetadata: { v: '1' } });
        const record = await put('k', 'newer', { userMetadata: { v: '2' } }, NOW + 2);
        expect(await backend.headObject(B, 'k')).toEqual(record);
        expect(await get('k')).toEqual(Buffer.from('newer'));
        expect(await keysOf()).toEqual(['k']);
      });

      it('calls verify once with the digest, and a throwing verify propagates unchanged and keeps the old object', async () => {
        await put('k', 'old');
        const digests: DataDigest[] = [];
        const record = await backend.putObject(B, 'k2', bodyOf('abc'), {
          metadata: metadata(),
          now: NOW,
          verify: (d) => digests.push(d),
        });
        expect(digests).toHaveLength(1);
        expect(digests[0]?.size).toBe(3);
        expect(Buffer.from(digests[0]!.md5).toString('hex')).toBe(createHash('md5').update('abc').digest('hex'));
        expect(formatCrc64(digests[0]!.crc64)).toBe(record.crc64);

        const boom = new Error('BadDigest');
        const error = await backend
          .putObject(B, 'k', bodyOf('new'), { metadata: metadata(), now: NOW, verify: () => { throw boom; } })
          .catch((e: unknown) => e);
        expect(error).toBe(boom);
        expect(await get('k')).toEqual(Buffer.from('old'));
        const error2 = await backend
          .putObject(B, 'fresh', bodyOf('new'), { metadata: metadata(), now: NOW, verify: () => { throw boom; } })
          .catch((e: unknown) => e);
        expect(error2).toBe(boom);
        expect(await backend.headObject(B, 'fresh')).toBeUndefined();
        expect(await keysOf()).toEqual(['k', 'k2']);
      });

      it('a body that throws makes nothing visible and the error propagates unchanged', async () => {
        await put('k', 'old');
        const boom = new Error('connection reset');
        expect(await backend.putObject(B, 'k', failingBody(boom, 'part'), { metadata: metadata(), now: NOW }).catch((e: unknown) => e)).toBe(boom);
        expect(await backend.putObject(B, 'new', failingBody(boom, 'part'), { metadata: metadata(), now: NOW }).catch((e: unknown) => e)).toBe(boom);
        expect(await get('k')).toEqual(Buffer.from('old'));
        expect(await backend.headObject(B, 'new')).toBeUndefined();
        expect(await keysOf()).toEqual(['k']);
      });

      it('forbidOverwrite: FileAlreadyExists on an existing key keeps the old object; a new key is written', async () => {
        await put('k', 'old');
        await expectCode(
          backend.putObject(B, 'k', bodyOf('new'), { metadata: metadata(), now: NOW, forbidOverwrite: true }),
          'FileAlreadyExists',
        );
        expect(await get('k')).toEqual(Buffer.from('old'));
        await backend.putObject(B, 'k2', bodyOf('x'), { metadata: metadata(), now: NOW, forbidOverwrite: true });
        expect(await get('k2')).toEqual(Buffer.from('x'));
      });

      it('forbidOverwrite is atomic with the commit: of two concurrent writers exactly one wins', async () => {
        const results = await Promise.allSettled(
          ['one', 'two', 'three'].map((v) =>
            backend.putObject(B, 'race', bodyOf(v), { metadata: metadata(), now: NOW, forbidOverwrite: true }),
          ),
        );
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        const winner = (results.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<{ etag: string }>).value;
        expect((await backend.headObject(B, 'race'))?.etag).toBe(winner.etag);
      });

      it('reads a range exactly', async () => {
        const data = deterministicBytes(2 * 1024 * 1024 + 5, 3);
        await put('r', data);
        for (const [offset, length] of [[0, 1], [5, 100], [1024 * 1024 - 1, 1024 * 1024 + 2], [data.length - 1, 1], [0, data.length], [10, 0]] as const) {
          const read = await backend.getObject(B, 'r', { offset, length });
          expect(read?.record.size).toBe(data.length);
          expect((await readAll(read!.body)).equals(data.subarray(offset, offset + length))).toBe(true);
        }
      });

      it('a body keeps the data of its record while the object is overwritten or deleted', async () => {
        const first = deterministicBytes(3 * 1024 * 1024, 1);
        await put('k', first);
        const readOld = await backend.getObject(B, 'k');
        const iterator = readOld!.body[Symbol.asyncIterator]();
        const firstChunk = await iterator.next();
        await put('k', deterministicBytes(3 * 1024 * 1024, 2));
        const readSecond = await backend.getObject(B, 'k');
        await backend.deleteObject(B, 'k');
        const rest: Buffer[] = [Buffer.from(firstChunk.value as Uint8Array)];
        for (let r = await iterator.next(); r.done !== true; r = await iterator.next()) rest.push(Buffer.from(r.value));
        expect(Buffer.concat(rest).equals(first)).toBe(true);
        expect(readOld!.record.crc64).toBe(crcOf(first));
        const second = await readAll(readSecond!.body);
        expect(second.equals(deterministicBytes(3 * 1024 * 1024, 2))).toBe(true);
        expect(readSecond!.record.crc64).toBe(crcOf(second));
      });

      it('a body that is abandoned mid-iteration releases its resources', async () => {
        await put('k', deterministicBytes(3 * 1024 * 1024, 4));
        const before = openFdCount();
        for (let i = 0; i < 20; i++) {
          const read = await backend.getObject(B, 'k');
          for await (const chunk of read!.body) {
            expect(chunk.length).toBeGreaterThan(0);
            break;
          }
        }
        const after = openFdCount();
        if (before !== undefined && after !== undefined) expect(after).toBeLessThanOrEqual(before);
      });

      it('keeps keys opaque: hostile keys round-trip exactly through put, head, get, list and delete', async () => {
        for (const [i, key] of HOSTILE_KEYS.entries()) await put(key, `value ${i}`);
        expect(Buffer.byteLength('中'.repeat(341))).toBe(1023);
        for (const [i, key] of HOSTILE_KEYS.entries()) {
          expect((await backend.headObject(B, key))?.key).toBe(key);
          expect(await get(key)).toEqual(Buffer.from(`value ${i}`));
        }
        const listed = await keysOf();
        expect(new Set(listed)).toEqual(new Set(HOSTILE_KEYS));
        expect(listed).toHaveLength(HOSTILE_KEYS.length);
        // Keys that a path-based store would alias must stay distinct.
        expect(await backend.headObject(B, 'b')).toBeUndefined();
        expect(await backend.headObject(B, 'a/b')).toBeUndefined();
        expect(await backend.headObject(B, 'etc/passwd')).toBeUndefined();
        expect(await backend.headObject(B, '/')).toBeUndefined();
        for (const key of HOSTILE_KEYS) await backend.deleteObject(B, key);
        expect(await keysOf()).toEqual([]);
      });
    });

    describe('copyObject', () => {
      it('copies data and derived fields, takes metadata from resolve and lastModified = now', async () => {
        const src = await put('src', 'payload', { contentType: 'text/plain', userMetadata: { a: '1' } });
        const seen: unknown[] = [];
        const newMeta = metadata({ contentType: 'image/png', userMetadata: { b: '2' } });
        const record = await backend.copyObject({ bucket: B, key: 'src' }, { bucket: B, key: 'dst' }, {
          now: NOW + 7,
          resolve: (s) => {
            seen.push(s);
            return newMeta;
          },
        });
        expect(seen).toEqual([src]);
        expect(record).toEqual({
          ...newMeta,
          key: 'dst',
          size: src.size,
          etag: src.etag,
          contentMd5: src.contentMd5,
          crc64: src.crc64,
          objectType: 'Normal',
          lastModified: NOW + 7,
          lastAccessTime: NOW + 7,
        });
        expect(await backend.headObject(B, 'dst')).toEqual(record);
        expect(await get('dst')).toEqual(Buffer.from('payload'));
        expect(await backend.headObject(B, 'src')).toEqual(src);
      });

      it('copies across buckets, and the copy is independent of later changes to the source', async () => {
        await backend.createBucket('bucket-b', NOW);
        await put('src', 'first');
        await backend.copyObject({ bucket: B, key: 'src' }, { bucket: 'bucket-b', key: 'c' }, { now: NOW, resolve: () => metadata() });
        await put('src', 'second');
        expect(await get('c', 'bucket-b')).toEqual(Buffer.from('first'));
        await backend.deleteObject(B, 'src');
        expect(await get('c', 'bucket-b')).toEqual(Buffer.from('first'));
        expect(await keysOf('bucket-b')).toEqual(['c']);
      });

      it('throws NoSuchBucket or NoSuchKey before calling resolve', async () => {
        await put('src', 'x');
        let calls = 0;
        const input = { now: NOW, resolve: () => { calls++; return metadata(); } };
        await expectCode(backend.copyObject({ bucket: 'nope', key: 'src' }, { bucket: B, key: 'd' }, input), 'NoSuchBucket');
        await expectCode(backend.copyObject({ bucket: B, key: 'src' }, { bucket: 'nope', key: 'd' }, input), 'NoSuchBucket');
        await expectCode(backend.copyObject({ bucket: B, key: 'missing' }, { bucket: B, key: 'd' }, input), 'NoSuchKey');
        expect(calls).toBe(0);
        expect(await backend.headObject(B, 'd')).toBeUndefined();
      });

      it('a throwing resolve propagates unchanged and leaves no trace', async () => {
        await put('src', 'x');
        await put('dst', 'old');
        const boom = new Error('PreconditionFailed');
        const error = await backend
          .copyObject({ bucket: B, key: 'src' }, { bucket: B, key: 'dst' }, { now: NOW, resolve: () => { throw boom; } })
          .catch((e: unknown) => e);
        expect(error).toBe(boom);
        expect(await get('dst')).toEqual(Buffer.from('old'));
        expect(await keysOf()).toEqual(['dst', 'src']);
      });

      it('forbidOverwrite: FileAlreadyExists keeps the destination', async () => {
        await put('src', 'x');
        await put('dst', 'old');
        await expectCode(
          backend.copyObject({ bucket: B, key: 'src' }, { bucket: B, key: 'dst' }, { now: NOW, forbidOverwrite: true, resolve: () => metadata() }),
          'FileAlreadyExists',
        );
        expect(await get('dst')).toEqual(Buffer.from('old'));
      });

      it('copying an object onto itself keeps its data', async () => {
        const src = await put('self', 'same');
        const record = await backend.copyObject({ bucket: B, key: 'self' }, { bucket: B, key: 'self' }, {
          now: NOW + 1,
          resolve: () => metadata({ userMetadata: { x: 'y' } }),
        });
        expect(record.etag).toBe(src.etag);
        expect(await get('self')).toEqual(Buffer.from('same'));
        expect((await backend.headObject(B, 'self'))?.userMetadata).toEqual({ x: 'y' });
      });
    });

    describe('atomicity and commit time (issue 9 §2)', () => {
      it('a clock given as now is read at the commit point, after the whole body was consumed', async () => {
        let clock = NOW;
        async function* slowBody(): AsyncGenerator<Uint8Array> {
          yield new TextEncoder().encode('first ');
          clock = NOW + 60_000;
          yield new TextEncoder().encode('second');
        }
        const record = await backend.putObject(B, 'slow', slowBody(), { metadata: metadata(), now: () => clock });
        expect(record.lastModified).toBe(NOW + 60_000);
        expect((await backend.headObject(B, 'slow'))?.lastModified).toBe(NOW + 60_000);
      });

      it('copyObject and replaceMetadata read the clock after resolve (commit time)', async () => {
        await put('src', 'data');
        let clock = NOW;
        const copied = await backend.copyObject({ bucket: B, key: 'src' }, { bucket: B, key: 'dst' }, {
          now: () => clock,
          resolve: () => {
            clock = NOW + 5_000;
            return metadata();
          },
        });
        expect(copied.lastModified).toBe(NOW + 5_000);
        const replaced = await backend.replaceMetadata(B, 'dst', {
          now: () => clock,
          resolve: () => {
            clock = NOW + 9_000;
            return metadata();
          },
        });
        expect(replaced.lastModified).toBe(NOW + 9_000);
      });

      it('copyObject: resolve and the commit are one step; a write to the destination issued meanwhile lands after', async () => {
        await put('src', 'source-data');
        await put('dst', 'old-destination');
        let concurrent: Promise<unknown> | undefined;
        await backend.copyObject({ bucket: B, key: 'src' }, { bucket: B, key: 'dst' }, {
          now: NOW + 1,
          resolve: () => {
            // Why: a concurrent request arriving while the copy checks its conditions (the next
            // turn of the event loop); it must not slip in between the check and the commit.
            concurrent = new Promise((done) => setImmediate(done)).then(() =>
              backend.replaceMetadata(B, 'dst', {
                now: NOW + 2,
                resolve: (current) => metadata({ userMetadata: { after: current.etag } }),
              }),
            );
            return metadata({ userMetadata: { copy: 'yes' } });
          },
        });
        await concurrent;
        const head = await backend.headObject(B, 'dst');
        expect(head?.userMetadata).toEqual({ after: etagOf('source-data') });
        expect(await get('dst')).toEqual(Buffer.from('source-data'));
      });

      it('copyObject: a write to the source issued during resolve lands after the copy has committed', async () => {
        await put('src', 'v1');
        let concurrent: Promise<unknown> | undefined;
        let destinationSeenByWriter: Promise<unknown> | undefined;
        const copied = await backend.copyObject({ bucket: B, key: 'src' }, { bucket: B, key: 'dst' }, {
          now: NOW + 1,
          resolve: () => {
            concurrent = new Promise((done) => setImmediate(done)).then(() =>
              backend.replaceMetadata(B, 'src', {
                now: NOW + 2,
                resolve: () => {
                  // Why: what the destination holds at the moment the source write is applied;
                  // an atomic copy has committed by then (it holds the source key until it has).
                  destinationSeenByWriter = backend.headObject(B, 'dst');
                  return metadata({ userMetadata: { changed: '1' } });
                },
              }),
            );
            return metadata();
          },
        });
        await concurrent;
        expect(copied.etag).toBe(etagOf('v1'));
        expect(await destinationSeenByWriter).toEqual(copied);
        expect((await backend.headObject(B, 'src'))?.userMetadata).toEqual({ changed: '1' });
      });

      it('forbidOverwrite copies to one key from many sources: exactly one wins', async () => {
        await Promise.all(Array.from({ length: 8 }, (_, i) => put(`s${i}`, `source ${i}`)));
        const results = await Promise.allSettled(
          Array.from({ length: 8 }, (_, i) =>
            backend.copyObject({ bucket: B, key: `s${i}` }, { bucket: B, key: 'one' }, { now: NOW, forbidOverwrite: true, resolve: () => metadata() }),
          ),
        );
        const winners = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []));
        expect(winners).toHaveLength(1);
        for (const r of results) if (r.status === 'rejected') expect((r.reason as BackendError).code).toBe('FileAlreadyExists');
        expect(await get('one')).toEqual(Buffer.from(`source ${winners[0]}`));
      });
    });

    describe('appendObject', () => {
      const append = (key: string, data: string, position: number, extra: Partial<ObjectMetadata> = {}) =>
        backend.appendObject(B, key, bodyOf(data), { metadata: metadata(extra), position, now: NOW + position });

      it('creates at 0, appends at the length, keeps the first metadata; CRC-64 and data of the whole object', async () => {
        const first = await append('log', 'hello ', 0, { contentType: 'text/plain', userMetadata: { a: '1' } });
        expect(first).toMatchObject({ objectType: 'Appendable', size: 6, crc64: crcOf('hello '), contentType: 'text/plain' });
        expect(first.contentMd5).toBeUndefined();
        const second = await append('log', 'world', 6, { contentType: 'image/png', userMetadata: { b: '2' } });
        expect(second).toMatchObject({ objectType: 'Appendable', size: 11, crc64: crcOf('hello world'), contentType: 'text/plain', userMetadata: { a: '1' }, lastModified: NOW + 6 });
        expect(second.etag).not.toBe(first.etag);
        expect(await get('log')).toEqual(Buffer.from('hello world'));
        expect(await backend.headObject(B, 'log')).toEqual(second);
      });

      it('PositionNotEqualToLength (with the length) and ObjectNotAppendable change nothing', async () => {
        await append('log', 'abc', 0);
        const wrong = await append('log', 'x', 2).catch((e: unknown) => e);
        expect((wrong as BackendError).code).toBe('PositionNotEqualToLength');
        expect((wrong as BackendError).nextAppendPosition).toBe(3);
        await expectCode(append('fresh', 'x', 5), 'PositionNotEqualToLength');
        await put('normal', 'data');
        await expectCode(append('normal', 'x', 4), 'ObjectNotAppendable');
        expect(await get('log')).toEqual(Buffer.from('abc'));
        expect(await get('normal')).toEqual(Buffer.from('data'));
        expect(await backend.headObject(B, 'fresh')).toBeUndefined();
      });

      it('of concurrent appends at one position exactly one lands', async () => {
        await append('race', '0', 0);
        const results = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => append('race', `<${i}>`, 1)));
        const winners = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []));
        expect(winners).toHaveLength(1);
        expect(await get('race')).toEqual(Buffer.from(`0<${winners[0]}>`));
      });
    });

    describe('replaceMetadata', () => {
      it('replaces metadata only, keeping data and derived fields, lastModified = now', async () => {
        const old = await put('k', 'data', { contentType: 'text/plain', userMetadata: { a: '1' } });
        const newMeta = metadata({ contentType: 'text/html', userMetadata: { b: '2' }, headers: { 'content-language': 'en' } });
        const record = await backend.replaceMetadata(B, 'k', {
          now: NOW + 3,
          resolve: (current) => {
            expect(current).toEqual(old);
            return newMeta;
          },
        });
        expect(record).toEqual({
          ...newMeta,
          key: 'k',
          size: old.size,
          etag: old.etag,
          contentMd5: old.contentMd5,
          crc64: old.crc64,
          objectType: 'Normal',
          lastModified: NOW + 3,
          lastAccessTime: NOW + 3,
        });
        expect(await backend.headObject(B, 'k')).toEqual(record);
        expect(await get('k')).toEqual(Buffer.from('data'));
      });

      it('keepLastModified keeps lastModified (tag changes) but still replaces the metadata', async () => {
        const old = await put('kept', 'data');
        const record = await backend.replaceMetadata(B, 'kept', { now: NOW + 50, keepLastModified: true, resolve: () => metadata({ tagging: 'a=1' }) });
        expect(record.lastModified).toBe(old.lastModified);
        expect(await backend.headObject(B, 'kept')).toEqual(record);
        expect(record.tagging).toBe('a=1');
      });

      it('NoSuchKey when absent; a throwing resolve propagates unchanged and changes nothing', async () => {
        await expectCode(backend.replaceMetadata(B, 'nope', { now: NOW, resolve: () => metadata() }), 'NoSuchKey');
        const old = await put('k', 'data');
        const boom = new Error('PreconditionFailed');
        expect(await backend.replaceMetadata(B, 'k', { now: NOW + 1, resolve: () => { throw boom; } }).catch((e: unknown) => e)).toBe(boom);
        expect(await backend.headObject(B, 'k')).toEqual(old);
      });

      it('concurrent read-modify-write replacements never lose an update', async () => {
        await put('k', 'data');
        await Promise.all(
          Array.from({ length: 8 }, (_, i) =>
            backend.replaceMetadata(B, 'k', {
              now: NOW + i,
              resolve: (current) => metadata({ userMetadata: { ...current.userMetadata, [`m${i}`]: String(i) } }),
            }),
          ),
        );
        expect(Object.keys((await backend.headObject(B, 'k'))!.userMetadata)).toHaveLength(8);
      });
    });

    describe('deleteObject', () => {
      it('deletes, and does not throw for a missing key', async () => {
        await put('k', 'v');
        await backend.deleteObject(B, 'k');
        await backend.deleteObject(B, 'k');
        await backend.deleteObject(B, 'never');
        expect(await backend.headObject(B, 'k')).toBeUndefined();
        expect(await backend.getObject(B, 'k')).toBeUndefined();
        expect(await keysOf()).toEqual([]);
      });
    });

    describe('listObjects', () => {
      const keys = ['a', 'a/b', 'a/c', 'ab', 'b', 'b/1', '\u00e9', '\uFFFD', '\uD83D\uDE00', 'z'];

      beforeEach(async () => {
        for (const k of [...keys].reverse()) await put(k, k);
      });

      it('lists in UTF-8 byte order (surrogate pairs after U+FFFD)', async () => {
        expect(await keysOf()).toEqual(['a', 'a/b', 'a/c', 'ab', 'b', 'b/1', 'z', '\u00e9', '\uFFFD', '\uD83D\uDE00']);
      });

      it('filters by prefix, starts strictly after `after`, honours limit', async () => {
        const list = async (prefix: string, after: string, limit: number) =>
          (await backend.listObjects(B, { prefix, after, limit })).map((r) => r.key);
        expect(await list('a/', '', 10)).toEqual(['a/b', 'a/c']);
        expect(await list('a', 'a/b', 10)).toEqual(['a/c', 'ab']);
        expect(await list('', 'b', 2)).toEqual(['b/1', 'z']);
        expect(await list('b', 'a', 10)).toEqual(['b', 'b/1']);
        expect(await list('b', 'zz', 10)).toEqual([]);
        expect(await list('nothing', '', 10)).toEqual([]);
        expect(await list('', '\uFFFD', 10)).toEqual(['\uD83D\uDE00']);
      });

      it('pages through everything with fewer than limit on the last page', async () => {
        const seen: string[] = [];
        let after = '';
        for (;;) {
          const page = await backend.listObjects(B, { prefix: '', after, limit: 3 });
          seen.push(...page.map((r) => r.key));
          if (page.length < 3) break;
          after = page[page.length - 1]!.key;
        }
        expect(seen).toEqual(await keysOf());
      });

      it('lists full records equal to headObject', async () => {
        for (const record of await backend.listObjects(B, { prefix: '', after: '', limit: 100 })) {
          expect(await backend.headObject(B, record.key)).toEqual(record);
        }
      });
    });

    describe('versioning', () => {
      const versionsOf = async (key: string) =>
        (await backend.listObjectVersions(B, { prefix: key, keyMarker: '', limit: 1000 }))
          .filter((v) => v.version.key === key)
          .map((v) => ({ id: versionIdOf(v.version), marker: isDeleteMarker(v.version), latest: v.isLatest }));

      it('unversioned by default; putBucketVersioning records the state; NoSuchBucket for a missing bucket', async () => {
        expect((await backend.getBucket(B))?.versioning).toBeUndefined();
        await backend.putBucketVersioning(B, 'Enabled');
        expect((await backend.getBucket(B))?.versioning).toBe('Enabled');
        await backend.putBucketVersioning(B, 'Suspended');
        expect((await backend.getBucket(B))?.versioning).toBe('Suspended');
        await expectCode(backend.putBucketVersioning('missing-bucket', 'Enabled'), 'NoSuchBucket');
      });

      it('Enabled: every write adds a version with a unique well-formed id, readable by id; the old null version stays', async () => {
        const legacy = await put('k', 'v0');
        expect(legacy.versionId).toBeUndefined();
        await backend.putBucketVersioning(B, 'Enabled');
        const v1 = await put('k', 'v1');
        const v2 = await put('k', 'v2', {}, NOW + 1000);
        expect(v1.versionId).toMatch(/^CAEQ[A-Za-z0-9_-]+$/);
        expect(isWellFormedVersionId(v1.versionId as string)).toBe(true);
        expect(v2.versionId).not.toBe(v1.versionId);
        expect(await get('k')).toEqual(Buffer.from('v2'));
        const read = async (id: string) => {
          const r = await backend.getObject(B, 'k', undefined, id);
          return r === undefined ? undefined : (await readAll(r.body)).toString();
        };
        expect(await read(v1.versionId as string)).toBe('v1');
        expect(await read('null')).toBe('v0');
        expect((await backend.headObject(B, 'k', v1.versionId))?.etag).toBe(etagOf('v1'));
        expect(await versionsOf('k')).toEqual([
          { id: v2.versionId, marker: false, latest: true },
          { id: v1.versionId, marker: false, latest: false },
          { id: 'null', marker: false, latest: false },
        ]);
        expect(await backend.headObject(B, 'k', 'CAEQnope')).toBeUndefined();
      });

      it('Enabled: delete adds a marker (current reads see nothing), deleting the marker by id restores the object', async () => {
        await backend.putBucketVersioning(B, 'Enabled');
        const v1 = await put('k', 'v1');
        const outcome = await backend.deleteObject(B, 'k', { now: NOW + 5 });
        expect(outcome.deleteMarker).toBe(true);
        expect(isWellFormedVersionId(outcome.versionId as string)).toBe(true);
        expect(await backend.headObject(B, 'k')).toBeUndefined();
        expect(await backend.getObject(B, 'k')).toBeUndefined();
        expect(await backend.headVersion(B, 'k')).toEqual({ key: 'k', versionId: outcome.versionId, lastModified: NOW + 5, deleteMarker: true });
        expect(await keysOf()).toEqual([]);
        await expectCode(backend.copyObject({ bucket: B, key: 'k' }, { bucket: B, key: 'c' }, { now: NOW, resolve: (s) => s }), 'NoSuchKey');
        await expectCode(backend.replaceMetadata(B, 'k', { now: NOW, resolve: (s) => s }), 'NoSuchKey');
        await expectCode(backend.deleteBucket(B), 'BucketNotEmpty');
        expect(await backend.deleteObject(B, 'k', { versionId: outcome.versionId as string })).toEqual({ versionId: outcome.versionId, deleteMarker: true });
        expect(await get('k')).toEqual(Buffer.from('v1'));
        expect(await backend.deleteObject(B, 'k', { versionId: v1.versionId as string })).toEqual({ versionId: v1.versionId, deleteMarker: false });
        expect(await versionsOf('k')).toEqual([]);
        await backend.deleteBucket(B);
      });

      it('Suspended: writes and deletes are the null version, replacing it wherever it is; other versions stay', async () => {
        await put('k', 'v0');
        await backend.putBucketVersioning(B, 'Enabled');
        const v1 = await put('k', 'v1');
        await backend.putBucketVersioning(B, 'Suspended');
        const n = await put('k', 'n1');
        expect(n.versionId).toBe('null');
        expect(await versionsOf('k')).toEqual([
          { id: 'null', marker: false, latest: true },
          { id: v1.versionId, marker: false, latest: false },
        ]);
        expect(await backend.deleteObject(B, 'k', { now: NOW })).toEqual({ versionId: 'null', deleteMarker: true });
        expect(await versionsOf('k')).toEqual([
          { id: 'null', marker: true, latest: true },
          { id: v1.versionId, marker: false, latest: false },
        ]);
        await put('k', 'n2');
        expect(await get('k')).toEqual(Buffer.from('n2'));
        expect(await versionsOf('k')).toEqual([
          { id: 'null', marker: false, latest: true },
          { id: v1.versionId, marker: false, latest: false },
        ]);
      });

      it('copy and replaceMetadata address versions: a copy of an old version becomes current, tags change one version in place', async () => {
        await backend.putBucketVersioning(B, 'Enabled');
        const v1 = await put('k', 'v1', { userMetadata: { n: '1' } });
        const v2 = await put('k', 'v2');
        const restored = await backend.copyObject({ bucket: B, key: 'k', versionId: v1.versionId as string }, { bucket: B, key: 'k' }, { now: NOW, resolve: (s) => metadata({ userMetadata: s.userMetadata }) });
        expect(restored.versionId).not.toBe(v1.versionId);
        expect(await get('k')).toEqual(Buffer.from('v1'));
        expect((await backend.headObject(B, 'k'))?.userMetadata).toEqual({ n: '1' });
        await expectCode(backend.copyObject({ bucket: B, key: 'k', versionId: 'CAEQmissing' }, { bucket: B, key: 'x' }, { now: NOW, resolve: (s) => s }), 'NoSuchVersion');
        const tagged = await backend.replaceMetadata(B, 'k', { now: NOW, versionId: v2.versionId as string, keepLastModified: true, resolve: (c) => metadata({ tagging: 'a=1', contentType: c.contentType }) });
        expect(tagged.versionId).toBe(v2.versionId);
        expect((await backend.headObject(B, 'k', v2.versionId))?.tagging).toBe('a=1');
        expect((await backend.headObject(B, 'k'))?.tagging).toBeUndefined();
        expect((await versionsOf('k')).map((v) => v.id)).toEqual([restored.versionId, v2.versionId, v1.versionId]);
        await expectCode(backend.replaceMetadata(B, 'k', { now: NOW, versionId: 'CAEQmissing', resolve: (c) => c }), 'NoSuchVersion');
        // Deleting the version another shares data with keeps the data of the other.
        await backend.deleteObject(B, 'k', { versionId: v1.versionId as string });
        expect(await get('k')).toEqual(Buffer.from('v1'));
      });

      it('forbidOverwrite is ignored in a versioned bucket; append extends the appendable version in place', async () => {
        await backend.putBucketVersioning(B, 'Enabled');
        await put('k', 'v1');
        const v2 = await backend.putObject(B, 'k', bodyOf('v2'), { metadata: metadata(), now: NOW, forbidOverwrite: true });
        expect(await get('k')).toEqual(Buffer.from('v2'));
        const a1 = await backend.appendObject(B, 'log', bodyOf('ab'), { metadata: metadata(), position: 0, now: NOW });
        const a2 = await backend.appendObject(B, 'log', bodyOf('cd'), { metadata: metadata(), position: 2, now: NOW });
        expect(a2.versionId).toBe(a1.versionId);
        expect(await versionsOf('log')).toEqual([{ id: a1.versionId, marker: false, latest: true }]);
        expect(await get('log')).toEqual(Buffer.from('abcd'));
        expect((await versionsOf('k')).length).toBe(2);
        expect(v2.versionId).toBeDefined();
      });

      it('hostile keys keep their versions apart and exact', async () => {
        await backend.putBucketVersioning(B, 'Enabled');
        for (const key of HOSTILE_KEYS) {
          await put(key, `1 ${key}`);
          await put(key, `2 ${key}`);
          await backend.deleteObject(B, key, { now: NOW });
        }
        const listed = await backend.listObjectVersions(B, { prefix: '', keyMarker: '', limit: 1000 });
        expect(listed).toHaveLength(HOSTILE_KEYS.length * 3);
        for (const key of HOSTILE_KEYS) {
          const mine = listed.filter((v) => v.version.key === key);
          expect(mine.map((v) => isDeleteMarker(v.version))).toEqual([true, false, false]);
          const older = await backend.getObject(B, key, undefined, versionIdOf(mine[2]!.version));
          expect((await readAll(older!.body)).equals(Buffer.from(`1 ${key}`))).toBe(true);
        }
        expect(await keysOf()).toEqual([]);
      });

      it('completeMultipartUpload adds a version', async () => {
        await backend.putBucketVersioning(B, 'Enabled');
        const v1 = await put('k', 'v1');
        const u = await backend.createMultipartUpload(B, 'k', { metadata: metadata(), now: NOW });
        const p = await backend.uploadPart(B, 'k', u.uploadId, 1, bodyOf('mp'), { now: NOW });
        const done = await backend.completeMultipartUpload(B, 'k', u.uploadId, [p], { now: NOW, forbidOverwrite: true });
        expect((await versionsOf('k')).map((v) => v.id)).toEqual([done.versionId, v1.versionId]);
      });

      it('listObjects skips keys whose current version is a marker; listObjectVersions pages with key and version markers', async () => {
        await backend.putBucketVersioning(B, 'Enabled');
        const ids: Record<string, string[]> = {};
        for (const key of ['a', 'b', 'c']) {
          ids[key] = [];
          for (let i = 0; i < 3; i++) ids[key]!.unshift((await put(key, `${key}${i}`)).versionId as string);
        }
        const marker = await backend.deleteObject(B, 'b', { now: NOW });
        ids['b']!.unshift(marker.versionId as string);
        expect((await backend.listObjects(B, { prefix: '', after: '', limit: 2 })).map((r) => r.key)).toEqual(['a', 'c']);
        const all = (await backend.listObjectVersions(B, { prefix: '', keyMarker: '', limit: 100 })).map((v) => `${v.version.key}:${versionIdOf(v.version)}`);
        expect(all).toEqual(['a', 'b', 'c'].flatMap((k) => ids[k]!.map((id) => `${k}:${id}`)));
        // Paging by (key, version) markers sees everything exactly once.
        const seen: string[] = [];
        let keyMarker = '';
        let versionIdMarker: string | undefined;
        for (let round = 0; round < 20; round++) {
          const page = await backend.listObjectVersions(B, { prefix: '', keyMarker, ...(versionIdMarker !== undefined ? { versionIdMarker } : {}), limit: 2 });
          seen.push(...page.map((v) => `${v.version.key}:${versionIdOf(v.version)}`));
          if (page.length < 2) break;
          const last = page[page.length - 1]!.version;
          keyMarker = last.key;
          versionIdMarker = versionIdOf(last);
        }
        expect(seen).toEqual(all);
        // key-marker alone starts after that key; a vanished marker version resumes by creation order.
        expect((await backend.listObjectVersions(B, { prefix: '', keyMarker: 'b', limit: 100 })).map((v) => v.version.key)).toEqual(['c', 'c', 'c']);
        await backend.deleteObject(B, 'b', { versionId: ids['b']![2]! });
        const resumed = await backend.listObjectVersions(B, { prefix: '', keyMarker: 'b', versionIdMarker: ids['b']![2]!, limit: 100 });
        expect(resumed.map((v) => `${v.version.key}:${versionIdOf(v.version)}`)).toEqual([`b:${ids['b']![3]}`, ...ids['c']!.map((id) => `c:${id}`)]);
        expect((await backend.listObjectVersions(B, { prefix: 'c', keyMarker: '', limit: 100 })).map((v) => v.isLatest)).toEqual([true, false, false]);
      });
    });

    describe('multipart uploads', () => {
      const part1 = deterministicBytes(MIN_PART_SIZE, 11);
      const part2 = deterministicBytes(MIN_PART_SIZE + 3, 12);
      const part3 = deterministicBytes(10, 13);

      const start = (key = 'mp', extra: { forbidOverwrite?: boolean } = {}) =>
        backend.createMultipartUpload(B, key, { metadata: metadata({ contentType: 'video/mp4', userMetadata: { u: '1' } }), now: NOW, ...extra });
      const upload = (key: string, id: string, n: number, data: Uint8Array, now = NOW) =>
        backend.uploadPart(B, key, id, n, bodyOf(data.subarray(0, 1000), data.subarray(1000)), { now });

      it('createMultipartUpload resolves a unique alphanumeric id; getMultipartUpload finds it by bucket and key', async () => {
        const a = await start();
        const b = await start();
        expect(a.uploadId).toMatch(/^[A-Za-z0-9]+$/);
        expect(a.uploadId).not.toBe(b.uploadId);
        expect(a).toEqual({
          uploadId: a.uploadId,
          bucket: B,
          key: 'mp',
          initiated: NOW,
          metadata: metadata({ contentType: 'video/mp4', userMetadata: { u: '1' } }),
          forbidOverwrite: false,
        });
        expect(await backend.getMultipartUpload(B, 'mp', a.uploadId)).toEqual(a);
        expect(await backend.getMultipartUpload(B, 'other', a.uploadId)).toBeUndefined();
        expect(await backend.getMultipartUpload(B, 'mp', 'NOPE')).toBeUndefined();
        expect((await start('k2', { forbidOverwrite: true })).forbidOverwrite).toBe(true);
      });

      it('uploadPart records etag, size, crc64, lastModified; a re-upload replaces the part; listParts ascends', async () => {
        const u = await start();
        const p2 = await upload('mp', u.uploadId, 2, part2, NOW + 2);
        expect(p2).toEqual({ partNumber: 2, etag: etagOf(part2), size: part2.length, crc64: crcOf(part2), lastModified: NOW + 2 });
        await upload('mp', u.uploadId, 1, part3);
        const p1 = await upload('mp', u.uploadId, 1, part1);
        expect(await backend.listParts(B, 'mp', u.uploadId)).toEqual([p1, p2]);
      });

      it('uploadPart and listParts throw NoSuchUpload for unknown, aborted and completed uploads', async () => {
        await expectCode(upload('mp', 'NOPE', 1, part3), 'NoSuchUpload');
        await expectCode(backend.listParts(B, 'mp', 'NOPE'), 'NoSuchUpload');
        const u = await start();
        await expectCode(upload('other-key', u.uploadId, 1, part3), 'NoSuchUpload');
        await backend.abortMultipartUpload(B, 'mp', u.uploadId);
        await expectCode(upload('mp', u.uploadId, 1, part3), 'NoSuchUpload');
        await expectCode(backend.listParts(B, 'mp', u.uploadId), 'NoSuchUpload');
        await expectCode(backend.abortMultipartUpload(B, 'mp', u.uploadId), 'NoSuchUpload');
        const v = await start();
        const p = await upload('mp', v.uploadId, 1, part3);
        await backend.completeMultipartUpload(B, 'mp', v.uploadId, [p], { now: NOW });
        await expectCode(upload('mp', v.uploadId, 2, part3), 'NoSuchUpload');
        await expectCode(backend.completeMultipartUpload(B, 'mp', v.uploadId, [p], { now: NOW }), 'NoSuchUpload');
        await expectCode(backend.abortMultipartUpload(B, 'mp', v.uploadId), 'NoSuchUpload');
        expect(await backend.getMultipartUpload(B, 'mp', v.uploadId)).toBeUndefined();
      });

      it('uploadPart: a throwing verify or body propagates unchanged and leaves the parts as they were', async () => {
        const u = await start();
        const p1 = await upload('mp', u.uploadId, 1, part1);
        const boom = new Error('InvalidDigest');
        expect(await backend.uploadPart(B, 'mp', u.uploadId, 1, bodyOf('x'), { now: NOW, verify: () => { throw boom; } }).catch((e: unknown) => e)).toBe(boom);
        expect(await backend.uploadPart(B, 'mp', u.uploadId, 2, failingBody(boom, 'x'), { now: NOW }).catch((e: unknown) => e)).toBe(boom);
        expect(await backend.listParts(B, 'mp', u.uploadId)).toEqual([p1]);
        const digests: DataDigest[] = [];
        await backend.uploadPart(B, 'mp', u.uploadId, 3, bodyOf('abc'), { now: NOW, verify: (d) => digests.push(d) });
        expect(digests.map((d) => d.size)).toEqual([3]);
      });

      it('completes: concatenated data, multipart ETag, combined CRC-64, upload metadata with acl, no contentMd5', async () => {
        const u = await start();
        const p1 = await upload('mp', u.uploadId, 1, part1);
        const p2 = await upload('mp', u.uploadId, 2, part2);
        const p3 = await upload('mp', u.uploadId, 5, part3);
        const whole = Buffer.concat([part1, part2, part3]);
        const record = await backend.completeMultipartUpload(
          B,
          'mp',
          u.uploadId,
          [{ partNumber: 1, etag: p1.etag }, { partNumber: 2, etag: p2.etag.slice(1, -1).toLowerCase() }, { partNumber: 5, etag: p3.etag }],
          { now: NOW + 9, acl: 'public-read' },
        );
        const partMd5s = Buffer.concat([part1, part2, part3].map((p) => createHash('md5').update(p).digest()));
        expect(record).toEqual({
          ...metadata({ contentType: 'video/mp4', userMetadata: { u: '1' }, acl: 'public-read' }),
          key: 'mp',
          size: whole.length,
          etag: `"${createHash('md5').update(partMd5s).digest('hex').toUpperCase()}-3"`,
          crc64: crcOf(whole),
          objectType: 'Multipart',
          lastModified: NOW + 9,
          lastAccessTime: NOW + 9,
        });
        expect(record.contentMd5).toBeUndefined();
        expect(await backend.headObject(B, 'mp')).toEqual(record);
        expect((await get('mp'))?.equals(whole)).toBe(true);
        expect(await backend.getMultipartUpload(B, 'mp', u.uploadId)).toBeUndefined();
        const range = await backend.getObject(B, 'mp', { offset: MIN_PART_SIZE - 2, length: 5 });
        expect((await readAll(range!.body)).equals(whole.subarray(MIN_PART_SIZE - 2, MIN_PART_SIZE + 3))).toBe(true);
      });

      it('completes with a subset of parts and with a single part; copies keep Multipart type', async () => {
        const u = await start();
        await upload('mp', u.uploadId, 1, part1);
        const p2 = await upload('mp', u.uploadId, 2, part2);
        const record = await backend.completeMultipartUpload(B, 'mp', u.uploadId, [p2], { now: NOW });
        expect(record.etag).toMatch(/^"[0-9A-F]{32}-1"$/);
        expect((await get('mp'))?.equals(part2)).toBe(true);
        const copy = await backend.copyObject({ bucket: B, key: 'mp' }, { bucket: B, key: 'cp' }, { now: NOW, resolve: (s) => s });
        expect(copy.objectType).toBe('Multipart');
        expect(copy.contentMd5).toBeUndefined();
        expect(copy.etag).toBe(record.etag);
      });

      it('validates parts before anything changes: InvalidPartOrder, InvalidPart, EntityTooSmall', async () => {
        await put('mp', 'old');
        const u = await start();
        const p1 = await upload('mp', u.uploadId, 1, part3);
        const p2 = await upload('mp', u.uploadId, 2, part2);
        const complete = (parts: { partNumber: number; etag: string }[]) =>
          backend.completeMultipartUpload(B, 'mp', u.uploadId, parts, { now: NOW });
        await expectCode(complete([p2, p1]), 'InvalidPartOrder');
        await expectCode(complete([p1, p1]), 'InvalidPartOrder');
        await expectCode(complete([]), 'InvalidPart');
        await expectCode(complete([{ partNumber: 3, etag: p2.etag }]), 'InvalidPart');
        await expectCode(complete([{ partNumber: 2, etag: p1.etag }]), 'InvalidPart');
        await expectCode(complete([p1, p2]), 'EntityTooSmall');
        expect(await get('mp')).toEqual(Buffer.from('old'));
        expect(await backend.listParts(B, 'mp', u.uploadId)).toEqual([p1, p2]);
      });

      it('FileAlreadyExists when overwrite is forbidden at initiation or completion; the upload survives', async () => {
        await put('mp', 'old');
        const u = await start('mp', { forbidOverwrite: true });
        const p = await upload('mp', u.uploadId, 1, part3);
        await expectCode(backend.completeMultipartUpload(B, 'mp', u.uploadId, [p], { now: NOW }), 'FileAlreadyExists');
        const v = await start('mp');
        const q = await upload('mp', v.uploadId, 1, part3);
        await expectCode(backend.completeMultipartUpload(B, 'mp', v.uploadId, [q], { now: NOW, forbidOverwrite: true }), 'FileAlreadyExists');
        expect(await get('mp')).toEqual(Buffer.from('old'));
        expect(await backend.listParts(B, 'mp', v.uploadId)).toEqual([q]);
        const done = await backend.completeMultipartUpload(B, 'mp', v.uploadId, [q], { now: NOW });
        expect(await backend.headObject(B, 'mp')).toEqual(done);
      });

      it('abortMultipartUpload discards the upload and its parts', async () => {
        const u = await start();
        await upload('mp', u.uploadId, 1, part1);
        await backend.abortMultipartUpload(B, 'mp', u.uploadId);
        expect(await backend.getMultipartUpload(B, 'mp', u.uploadId)).toBeUndefined();
        expect(await backend.headObject(B, 'mp')).toBeUndefined();
        await backend.deleteBucket(B);
        await backend.createBucket(B, NOW);
      });

      it('listMultipartUploads: every in-progress upload by key (byte order), then upload id; not completed or aborted ones', async () => {
        const made = [await start('b'), await start('a'), await start('b'), await start('\u{1F600}'), await start('\uFFFD')];
        const done = await start('c');
        const p = await upload('c', done.uploadId, 1, part3);
        await backend.completeMultipartUpload(B, 'c', done.uploadId, [p], { now: NOW });
        const aborted = await start('d');
        await backend.abortMultipartUpload(B, 'd', aborted.uploadId);
        const bs = made.filter((u) => u.key === 'b').sort((x, y) => (x.uploadId < y.uploadId ? -1 : 1));
        const listed = await backend.listMultipartUploads(B);
        expect(listed.map((u) => u.key)).toEqual(['a', 'b', 'b', '\uFFFD', '\u{1F600}']);
        expect(listed).toEqual([made[1], ...bs, made[4], made[3]]);
        await expectCode(backend.listMultipartUploads('missing-bucket'), 'NoSuchBucket');
      });

      it('hostile keys work for uploads too', async () => {
        for (const key of HOSTILE_KEYS) {
          const u = await start(key);
          const p = await upload(key, u.uploadId, 1, part3);
          expect(await backend.getMultipartUpload(B, key, u.uploadId)).toEqual(u);
          await backend.completeMultipartUpload(B, key, u.uploadId, [p], { now: NOW });
          expect((await get(key))?.equals(part3)).toBe(true);
        }
        expect(new Set(await keysOf())).toEqual(new Set(HOSTILE_KEYS));
      });
    });
  });
}
