/**
 * A masked store error through the real app: an OSS answer ossgraph has no typed error for (409
 * OperationAborted, injected by local-oss) is masked for the client and logged exactly once, with
 * the request id, the OSS request id and code, and without the store's URL.
 */
import { describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app.js';
import { loadConfig } from '../../../src/config/index.js';
import { startLocalOss } from '../../../src/local-oss/index.js';
import { createJsonLogger } from '../../../src/server/logger.js';
import { storeEnv } from '../../helpers/local-oss.js';

describe('a masked store error', () => {
  it('is logged once, with request id and OSS request id, without the store URL', async () => {
    const store = await startLocalOss({ buckets: ['demo'], faults: { seed: 1, errorRate: 1, errorStatus: 405, errorCode: 'MethodNotAllowed' } });
    const raw: string[] = [];
    const app = createApp(
      loadConfig({
        ...storeEnv(store),
        OSSGRAPH_LOG_LEVEL: 'debug',
      }),
      { logger: createJsonLogger({ level: 'debug', write: (line) => raw.push(line) }) },
    );
    // Why: start-up lines (such as the auth-off warning) belong to no request.
    const startUpLines = raw.length;
    try {
      const response = await app.fetch('http://ossgraph.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'masked-1' },
        body: JSON.stringify({ query: '{ object(bucket: "demo", key: "secret/path.txt") { contentType } }' }),
      });
      const body = (await response.json()) as { errors: Array<{ message: string; extensions: Record<string, unknown> }> };
      expect(body.errors).toHaveLength(1);
      expect(body.errors[0]).toMatchObject({ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR', httpRequestId: 'masked-1' } });

      const logs = raw.map((line) => JSON.parse(line) as Record<string, unknown>);
      const errors = logs.filter((l) => l['level'] === 'error');
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({
        msg: 'unexpected error',
        requestId: 'masked-1',
        graphqlPath: ['object'],
        error: { name: 'OssServiceError', code: 'MethodNotAllowed', status: 405, message: expect.stringContaining('HEAD [url] failed with 405 MethodNotAllowed') },
      });
      expect((errors[0]?.['error'] as { ossRequestId?: string }).ossRequestId).toMatch(/^[0-9A-F]{24}$/i);
      const text = raw.join('');
      expect(text).not.toContain(store.url);
      expect(text).not.toContain(`:${store.port}`);
      expect(text).not.toContain('secret/path.txt?');
      for (const line of logs.slice(startUpLines)) expect(line['requestId']).toBe('masked-1');
    } finally {
      await app.close();
      await store.close();
    }
  });
});
