/**
 * Issue 9 §2 over real sockets, on both backends: copy-source conditions and forbid-overwrite are
 * evaluated atomically with the commit (of many concurrent conditional writes to one key, exactly
 * one wins per condition), and Last-Modified is the commit time, not the arrival time.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../../src/local-oss/backend/backend.js';
import { createFileBackend } from '../../../src/local-oss/backend/file-backend.js';
import { createMemoryBackend } from '../../../src/local-oss/backend/memory-backend.js';
import { startLocalOss, type LocalOss } from '../../../src/local-oss/index.js';
import { errorCode, rawRequest, type RawRequest, type RawResponse } from '../../helpers/local-oss.js';

const BUCKET = 'atomic';
const N = 20;
const PART = Buffer.alloc(100 * 1024, 7);

describe.each(['memory', 'file'] as const)('atomic conditional writes (%s backend)', (kind) => {
  let store: LocalOss;
  let backend: Backend;
  let dir: string | undefined;
  // Why: an injected clock (near real time, so signatures are not skewed) makes "a later second"
  // deterministic instead of sleeping across a second boundary.
  let clock = Math.floor(Date.now() / 1000) * 1000;
  const send = (input: RawRequest): Promise<RawResponse> => rawRequest(store, { now: new Date(), ...input });

  beforeAll(async () => {
    if (kind === 'file') {
      dir = await mkdtemp(join(tmpdir(), 'ossgraph-atomic-'));
      backend = await createFileBackend({ dataDir: join(dir, 'data') });
    } else {
      backend = createMemoryBackend();
    }
    store = await startLocalOss({ backend, buckets: [BUCKET], now: () => new Date(clock) });
  });
  afterAll(async () => {
    await store.close();
    await backend.close();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  const statuses = (responses: RawResponse[]): number[] => responses.map((r) => r.status);

  it('concurrent self-copies guarded by copy-source if-match + if-unmodified-since: exactly one wins', async () => {
    const created = await send({ method: 'PUT', bucket: BUCKET, key: 'edited', body: 'payload', headers: { 'x-oss-meta-n': 'orig' } });
    expect(created.status).toBe(200);
    const head = await send({ method: 'HEAD', bucket: BUCKET, key: 'edited' });
    const lastModified = head.headers['last-modified'] as string;
    clock += 2000;
    const responses = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        send({
          method: 'PUT',
          bucket: BUCKET,
          key: 'edited',
          headers: {
            'x-oss-copy-source': `/${BUCKET}/edited`,
            'x-oss-metadata-directive': 'REPLACE',
            'x-oss-copy-source-if-match': created.headers['etag'] as string,
            'x-oss-copy-source-if-unmodified-since': lastModified,
            'content-type': 'text/plain',
            'x-oss-meta-n': String(i),
          },
        }),
      ),
    );
    const winners = responses.flatMap((r, i) => (r.status === 200 ? [i] : []));
    expect(winners, JSON.stringify(statuses(responses))).toHaveLength(1);
    for (const r of responses) if (r.status !== 200) expect(errorCode(r)).toBe('PreconditionFailed');
    const after = await send({ method: 'HEAD', bucket: BUCKET, key: 'edited' });
    expect(after.headers['x-oss-meta-n']).toBe(String(winners[0]));
    expect(Date.parse(after.headers['last-modified'] as string)).toBe(clock);
  });

  it('concurrent PutObject with x-oss-forbid-overwrite on a fresh key: exactly one wins and its body is stored', async () => {
    const responses = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        send({ method: 'PUT', bucket: BUCKET, key: 'fresh', body: `writer ${i}`, headers: { 'x-oss-forbid-overwrite': 'true' } }),
      ),
    );
    const winners = responses.flatMap((r, i) => (r.status === 200 ? [i] : []));
    expect(winners, JSON.stringify(statuses(responses))).toHaveLength(1);
    for (const r of responses) if (r.status !== 200) expect(errorCode(r)).toBe('FileAlreadyExists');
    expect((await send({ method: 'GET', bucket: BUCKET, key: 'fresh' })).text).toBe(`writer ${winners[0]}`);
  });

  it('concurrent copies from different sources onto one key with forbid-overwrite: exactly one wins', async () => {
    for (let i = 0; i < N; i++) await send({ method: 'PUT', bucket: BUCKET, key: `src-${i}`, body: `source ${i}` });
    const responses = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        send({
          method: 'PUT',
          bucket: BUCKET,
          key: 'copied',
          headers: { 'x-oss-copy-source': `/${BUCKET}/src-${i}`, 'x-oss-forbid-overwrite': 'true', 'x-oss-copy-source-if-unmodified-since': new Date(clock).toUTCString() },
        }),
      ),
    );
    const winners = responses.flatMap((r, i) => (r.status === 200 ? [i] : []));
    expect(winners, JSON.stringify(statuses(responses))).toHaveLength(1);
    for (const r of responses) if (r.status !== 200) expect(errorCode(r)).toBe('FileAlreadyExists');
    expect((await send({ method: 'GET', bucket: BUCKET, key: 'copied' })).text).toBe(`source ${winners[0]}`);
  });

  it('concurrent CompleteMultipartUpload with forbid-overwrite on one key: exactly one wins', async () => {
    const uploads: string[] = [];
    for (let i = 0; i < 8; i++) {
      const init = await send({ method: 'POST', bucket: BUCKET, key: 'mp', query: [['uploads', '']] });
      const uploadId = /<UploadId>([^<]+)<\/UploadId>/.exec(init.text)?.[1] as string;
      const part = await send({ method: 'PUT', bucket: BUCKET, key: 'mp', query: [['partNumber', '1'], ['uploadId', uploadId]], body: Buffer.from(`upload ${i}`) });
      expect(part.status).toBe(200);
      uploads.push(uploadId);
    }
    const responses = await Promise.all(
      uploads.map((uploadId) =>
        send({ method: 'POST', bucket: BUCKET, key: 'mp', query: [['uploadId', uploadId]], headers: { 'x-oss-forbid-overwrite': 'true', 'x-oss-complete-all': 'yes' } }),
      ),
    );
    const winners = responses.flatMap((r, i) => (r.status === 200 ? [i] : []));
    expect(winners, JSON.stringify(statuses(responses))).toHaveLength(1);
    for (const r of responses) if (r.status !== 200) expect(errorCode(r)).toBe('FileAlreadyExists');
    expect((await send({ method: 'GET', bucket: BUCKET, key: 'mp' })).text).toBe(`upload ${winners[0]}`);
  });

  it('Last-Modified is the commit time: a slow PutObject body committed later gets the later time', async () => {
    const arrival = clock;
    const committedAt = arrival + 60_000;
    async function* slowBody(): AsyncGenerator<Uint8Array> {
      yield Buffer.from('first half, ');
      // Why: the request has arrived (headers and a first chunk are on the wire) before time moves.
      await new Promise((done) => setTimeout(done, 50));
      clock = committedAt;
      yield Buffer.from('second half');
    }
    const put = await send({ method: 'PUT', bucket: BUCKET, key: 'slow', body: slowBody() });
    expect(put.status, put.text).toBe(200);
    expect(Date.parse(put.headers['date'] as string)).toBe(arrival);
    const head = await send({ method: 'HEAD', bucket: BUCKET, key: 'slow' });
    expect(Date.parse(head.headers['last-modified'] as string)).toBe(committedAt);
    const listed = await send({ method: 'GET', bucket: BUCKET, query: [['list-type', '2'], ['prefix', 'slow']] });
    expect(listed.text).toContain(`<LastModified>${new Date(committedAt).toISOString()}</LastModified>`);
  });

  it('Last-Modified of a copy and of a completed upload is the commit time', async () => {
    await send({ method: 'PUT', bucket: BUCKET, key: 'lm-src', body: PART });
    clock += 5000;
    const copy = await send({ method: 'PUT', bucket: BUCKET, key: 'lm-copy', headers: { 'x-oss-copy-source': `/${BUCKET}/lm-src` } });
    expect(copy.text).toContain(`<LastModified>${new Date(clock).toISOString()}</LastModified>`);
    const init = await send({ method: 'POST', bucket: BUCKET, key: 'lm-mp', query: [['uploads', '']] });
    const uploadId = /<UploadId>([^<]+)<\/UploadId>/.exec(init.text)?.[1] as string;
    await send({ method: 'PUT', bucket: BUCKET, key: 'lm-mp', query: [['partNumber', '1'], ['uploadId', uploadId]], body: PART });
    clock += 5000;
    await send({ method: 'POST', bucket: BUCKET, key: 'lm-mp', query: [['uploadId', uploadId]], headers: { 'x-oss-complete-all': 'yes' } });
    const head = await send({ method: 'HEAD', bucket: BUCKET, key: 'lm-mp' });
    expect(Date.parse(head.headers['last-modified'] as string)).toBe(clock);
  });
});
