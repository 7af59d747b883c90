import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppFixture } from './app-fixture.js';
import type { AppFixture } from './app-fixture.js';

describe('the request log line over a real store', () => {
  let fixture: AppFixture;
  beforeAll(async () => {
    fixture = await startAppFixture({ OSSGRAPH_BUCKETS: 'demo' }, ['demo', 'other']);
    await fixture.app.api.putObject({ bucket: 'demo', key: 'a.txt', body: 'a', contentType: 'text/plain' });
    await fixture.app.api.putObject({ bucket: 'demo', key: 'b.txt', body: 'b', contentType: 'text/plain' });
  });
  afterAll(() => fixture.close());

  /** Runs `query` and returns the log line of that request. */
  async function logged(query: string): Promise<Record<string, unknown>> {
    fixture.logs.length = 0;
    fixture.store.stats.reset();
    const response = await fixture.graphql(query, undefined, { 'x-request-id': 'abc' });
    expect(response.status).toBe(200);
    await response.text();
    const lines = fixture.logs.filter((l) => l['msg'] === 'request');
    expect(lines).toHaveLength(1);
    return lines[0]!;
  }

  it('counts the store requests the query made, as local-oss saw them', async () => {
    const line = await logged(`query Two {
      a: object(bucket: "demo", key: "a.txt") { contentType }
      b: object(bucket: "demo", key: "b.txt") { contentType cacheControl }
    }`);
    expect(fixture.store.stats.total()).toBe(2);
    expect(line).toMatchObject({
      level: 'info',
      endpoint: 'graphql',
      method: 'POST',
      path: '/graphql',
      status: 200,
      storeRequests: 2,
      operations: ['Two'],
      requestId: 'abc',
    });
    expect(line['durationMs']).toEqual(expect.any(Number));
    expect(line['durationMs']).toBeGreaterThanOrEqual(0);
  });

  it('maps OSSGRAPH_BUCKETS: another bucket is ACCESS_DENIED with no store request', async () => {
    const line = await logged('{ other: object(bucket: "other", key: "x") { key } }');
    expect(fixture.store.stats.total()).toBe(0);
    expect(line).toMatchObject({ storeRequests: 0, errorCodes: ['ACCESS_DENIED'] });
  });

  it('logs requests that never reach GraphQL, but not health and readiness probes', async () => {
    fixture.logs.length = 0;
    await fixture.fetch('/healthz');
    await fixture.fetch('/readyz');
    await fixture.fetch('/nope');
    expect(fixture.logs.filter((l) => l['msg'] === 'request')).toMatchObject([{ path: '/nope', status: 404, storeRequests: 0 }]);
  });
});
