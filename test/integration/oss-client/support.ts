/** A real client against a fresh local-oss on 127.0.0.1, port 0. */
import { afterAll, beforeAll } from 'vitest';
import { createOssApi } from '../../../src/oss/api.js';
import type { OssApi } from '../../../src/oss/api.js';
import { createOssClient } from '../../../src/oss/client.js';
import type { OssClient, OssClientConfig } from '../../../src/oss/client.js';
import { startLocalOss } from '../../../src/local-oss/index.js';
import type { LocalOss, LocalOssOptions } from '../../../src/local-oss/index.js';

/** What a test file gets: the server, a client and its API. Filled in `beforeAll`. */
export interface Harness {
  store: LocalOss;
  client: OssClient;
  api: OssApi;
  /** Another client on the same server with different settings. */
  makeClient(config?: Partial<OssClientConfig>): OssClient;
}

/** Starts local-oss and a client before the file's tests, and stops both after. */
export function useLocalOss(options: LocalOssOptions = {}, config: Partial<OssClientConfig> = {}): Harness {
  const harness = {} as Harness;
  const extra: OssClient[] = [];
  beforeAll(async () => {
    harness.store = await startLocalOss({ buckets: ['test-bucket'], ...options });
    harness.makeClient = (more = {}) => {
      const client = createOssClient({
        region: harness.store.region,
        endpoint: harness.store.url,
        credentials: harness.store.credentials,
        ...config,
        ...more,
      });
      extra.push(client);
      return client;
    };
    harness.client = harness.makeClient();
    harness.api = createOssApi(harness.client);
  });
  afterAll(async () => {
    await Promise.all(extra.map((c) => c.close()));
    await harness.store?.close();
  });
  return harness;
}
