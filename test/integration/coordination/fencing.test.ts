/**
 * The fencing check end to end: the real metadata editor, fenced by a coordinator with Redis
 * leases, against local-oss. An edit whose lease expires while it runs (its process stalled and
 * could not renew) and is taken by another replica does not commit, on either copy path; the
 * object is left exactly as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEditCoordinator } from '../../../src/coordination/edit-coordinator.js';
import { leaseName } from '../../../src/coordination/lease.js';
import type { Lease } from '../../../src/coordination/lease.js';
import { createRedisLeases } from '../../../src/coordination/redis-lease.js';
import { startLocalOss } from '../../../src/local-oss/index.js';
import type { LocalOss } from '../../../src/local-oss/index.js';
import { createOssApi } from '../../../src/oss/api.js';
import type { OssApi } from '../../../src/oss/api.js';
import { createOssClient } from '../../../src/oss/client.js';
import type { OssClient } from '../../../src/oss/client.js';
import { OssConflictError } from '../../../src/oss/errors.js';
import { createMetadataEditor } from '../../../src/oss/helpers/metadata-editor.js';
import { startRedisServer } from '../../helpers/redis-server.js';
import type { RedisServer } from '../../helpers/redis-server.js';
import { BUCKET, LARGE, SMALL, THRESHOLD, seedObject, snapshot } from './support.js';

let store: LocalOss;
let client: OssClient;
let api: OssApi;
let redis: RedisServer;

beforeAll(async () => {
  store = await startLocalOss({ buckets: [BUCKET] });
  client = createOssClient({ region: store.region, endpoint: store.url, credentials: store.credentials });
  api = createOssApi(client);
  redis = await startRedisServer();
});

afterAll(async () => {
  await client?.close();
  await store?.close();
  await redis?.stop();
});

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('an edit whose Redis lease expired and was taken', () => {
  for (const size of [SMALL, LARGE]) {
    it(`does not commit (${size > THRESHOLD ? 'multipart copy' : 'CopyObject'})`, { timeout: 60_000 }, async () => {
      const key = `fenced/${size}.png`;
      await seedObject(api, key, size);
      const before = await snapshot(api, key);
      // This replica cannot renew (a stalled process): its lease lives 400 ms.
      const stalled = createEditCoordinator({ leases: createRedisLeases({ url: redis.url, ttlMs: 400, renewEveryMs: 60_000, maxWaitMs: 5000 }) });
      const other = createRedisLeases({ url: redis.url, ttlMs: 10_000, maxWaitMs: 5000 });
      let taken: Lease | undefined;
      // The edit's read is slow; meanwhile the lease expires and another replica takes it.
      const slowReads: OssApi = {
        ...api,
        headObject: async (request, options) => {
          const head = await api.headObject(request, options);
          await sleep(700);
          taken ??= await other.acquire(leaseName(BUCKET, key));
          return head;
        },
      };
      const editor = createMetadataEditor(stalled.fence(slowReads), { threshold: THRESHOLD, partSize: THRESHOLD });
      try {
        store.stats.reset();
        const error = await stalled.edit({ bucket: BUCKET, key, mode: 'update', metadata: { late: 'yes' } }, editor).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(OssConflictError);
        expect(taken).toBeDefined();
        expect(store.stats.count('CopyObject') + store.stats.count('CompleteMultipartUpload')).toBe(0);
        const after = await snapshot(api, key);
        expect(after.metadata).toEqual(before.metadata);
        expect(after.kept).toEqual(before.kept);
        // The other replica's lease is untouched by the stalled one's release.
        await taken?.assertHeld();
      } finally {
        await taken?.release();
        await stalled.close();
        await other.close();
      }
    });
  }
});
