/**
 * The classic cache race, against local-oss: a read whose answer left the store before a write
 * and arrives after the write's invalidation must not put the old answer back. The read's answer
 * is held (after the store sent it) until the write and its invalidation are done.
 */
import { describe, expect, it } from 'vitest';
import { cachedReads } from '../../../src/cache/cached-reads.js';
import { invalidateOnWrite } from '../../../src/cache/invalidate-on-write.js';
import { createMetadataCache } from '../../../src/cache/metadata-cache.js';
import type { OssApi } from '../../../src/oss/api.js';
import type { HeadObjectRequest, HeadObjectResult } from '../../../src/oss/operations/head-object.js';
import type { GetObjectMetaRequest, GetObjectMetaResult } from '../../../src/oss/operations/get-object-meta.js';
import { useLocalOss } from '../oss-client/support.js';

const harness = useLocalOss();
const BUCKET = 'test-bucket';

/** A promise and its resolver. */
function gate(): { promise: Promise<void>; open(): void } {
  let open = (): void => undefined;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

function setup() {
  const cache = createMetadataCache({ ttlMs: 60_000, maxEntries: 100, maxBytes: 1_000_000 });
  const writer: OssApi = invalidateOnWrite(harness.api, async (targets) => {
    for (const t of targets) cache.invalidate(t.bucket, t.key);
  });
  let hold: Promise<void> | undefined;
  let answered: (() => void) | undefined;
  const counted = { head: 0, meta: 0 };
  // The store as the cache sees it: real answers, optionally held after they arrived.
  const store = {
    async headObject(request: HeadObjectRequest): Promise<HeadObjectResult> {
      counted.head++;
      const answer = await harness.api.headObject(request);
      answered?.();
      if (hold !== undefined) await hold;
      return answer;
    },
    async getObjectMeta(request: GetObjectMetaRequest): Promise<GetObjectMetaResult> {
      counted.meta++;
      const answer = await harness.api.getObjectMeta(request);
      answered?.();
      if (hold !== undefined) await hold;
      return answer;
    },
  };
  const reads = cachedReads(store as Pick<OssApi, 'headObject' | 'getObjectMeta'>, cache);
  return {
    cache,
    writer,
    reads,
    counted,
    holdNext() {
      const g = gate();
      const arrived = gate();
      hold = g.promise;
      answered = arrived.open;
      return {
        arrived: arrived.promise,
        release() {
          hold = undefined;
          answered = undefined;
          g.open();
        },
      };
    },
  };
}

describe('a read that straddles a write', () => {
  for (const kind of ['headObject', 'getObjectMeta'] as const) {
    it(`${kind}: the old answer is returned to its reader but not kept`, async () => {
      const key = `race/${kind}.txt`;
      const { writer, reads, counted, holdNext } = setup();
      await writer.putObject({ bucket: BUCKET, key, body: 'old', contentType: 'text/old' });
      const held = holdNext();
      const reading = reads[kind]({ bucket: BUCKET, key });
      await held.arrived;
      // The store has answered "old"; now a write lands and invalidates before the answer is stored.
      const put = await writer.putObject({ bucket: BUCKET, key, body: 'newer body', contentType: 'text/new' });
      held.release();
      const old = await reading;
      expect(old.etag).not.toBe(put.etag);
      const before = counted[kind === 'headObject' ? 'head' : 'meta'];
      const next = await reads[kind]({ bucket: BUCKET, key });
      expect(next.etag).toBe(put.etag);
      expect(counted[kind === 'headObject' ? 'head' : 'meta']).toBe(before + 1);
      // And the fresh answer is kept.
      expect((await reads[kind]({ bucket: BUCKET, key })).etag).toBe(put.etag);
      expect(counted[kind === 'headObject' ? 'head' : 'meta']).toBe(before + 1);
    });
  }

  it('a write that fails still invalidates (it may have happened at the store)', async () => {
    const key = 'race/failed-write.txt';
    const { writer, reads, counted } = setup();
    await writer.putObject({ bucket: BUCKET, key, body: 'one' });
    await reads.headObject({ bucket: BUCKET, key });
    await expect(writer.putObject({ bucket: BUCKET, key, body: 'two', forbidOverwrite: true })).rejects.toThrow();
    const before = counted.head;
    await reads.headObject({ bucket: BUCKET, key });
    expect(counted.head).toBe(before + 1);
  });

  it('a clear (a lost subscription) refuses every read that started before it', async () => {
    const key = 'race/cleared.txt';
    const { cache, writer, reads, counted, holdNext } = setup();
    await writer.putObject({ bucket: BUCKET, key, body: 'one' });
    const held = holdNext();
    const reading = reads.headObject({ bucket: BUCKET, key });
    await held.arrived;
    cache.clear();
    held.release();
    await reading;
    const before = counted.head;
    await reads.headObject({ bucket: BUCKET, key });
    expect(counted.head).toBe(before + 1);
  });
});
