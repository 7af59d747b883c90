/**
 * Request ids through a real app over local-oss: accepted or generated, echoed on every response
 * (`/graphql`, `/subgraph`, probes, 404s), on every log line the request writes, in error
 * extensions beside the OSS request id, and tied to the OSS request ids of its store calls.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppFixture } from '../server/app-fixture.js';
import type { AppFixture } from '../server/app-fixture.js';
import { startLocalOss } from '../../../src/local-oss/index.js';
import { createApp } from '../../../src/app.js';
import { loadConfig } from '../../../src/config/index.js';
import { createJsonLogger } from '../../../src/server/logger.js';
import { storeEnv } from '../../helpers/local-oss.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('x-request-id', () => {
  let fixture: AppFixture;
  beforeAll(async () => {
    fixture = await startAppFixture({ OSSGRAPH_LOG_LEVEL: 'debug' });
    await fixture.app.api.putObject({ bucket: 'demo', key: 'a.txt', body: 'a' });
    await fixture.app.api.putObject({ bucket: 'demo', key: 'b.txt', body: 'b' });
  });
  afterAll(() => fixture.close());

  const post = (path: string, query: string, headers: Record<string, string> = {}) =>
    fixture.fetch(path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });

  it('is generated when absent, returned, and on every log line of the request', async () => {
    fixture.logs.length = 0;
    const response = await post('/graphql', '{ object(bucket: "demo", key: "a.txt") { etag } }');
    await response.text();
    const id = response.headers.get('x-request-id');
    expect(id).toMatch(UUID);
    expect(fixture.logs.length).toBeGreaterThan(1);
    for (const line of fixture.logs) expect(line).toMatchObject({ requestId: id });
    const second = await post('/graphql', '{ __typename }');
    expect(second.headers.get('x-request-id')).toMatch(UUID);
    expect(second.headers.get('x-request-id')).not.toBe(id);
  });

  it('is echoed when valid, on /graphql, /subgraph, probes and unknown paths', async () => {
    const id = 'gw-3f2a:01HZX.9_b=+/@-';
    expect((await post('/graphql', '{ __typename }', { 'x-request-id': id })).headers.get('x-request-id')).toBe(id);
    expect((await post('/subgraph', '{ _service { sdl } }', { 'x-request-id': id })).headers.get('x-request-id')).toBe(id);
    for (const path of ['/healthz', '/readyz', '/nope', '/subgraph/healthz']) {
      const response = await fixture.fetch(path, { headers: { 'x-request-id': id } });
      expect(response.headers.get('x-request-id'), path).toBe(id);
    }
  });

  it('replaces an unsafe or over-long id with a generated one (never echoes or logs it)', async () => {
    for (const bad of ['has space', '<script>alert(1)</script>', 'a'.repeat(129), '"quoted"', 'ünïcode', 'a\tb']) {
      fixture.logs.length = 0;
      const response = await post('/graphql', '{ __typename }', { 'x-request-id': bad });
      await response.text();
      expect(response.headers.get('x-request-id'), bad).toMatch(UUID);
      expect(JSON.stringify(fixture.logs)).not.toContain(bad.slice(0, 20));
    }
    const longest = 'b'.repeat(128);
    expect((await post('/graphql', '{ __typename }', { 'x-request-id': longest })).headers.get('x-request-id')).toBe(longest);
  });

  it('logs the OSS request ids of the store calls the request made', async () => {
    fixture.logs.length = 0;
    const response = await post('/graphql', 'query Two { a: object(bucket: "demo", key: "a.txt") { etag } b: object(bucket: "demo", key: "b.txt") { contentType } }', {
      'x-request-id': 'two-objects',
    });
    await response.text();
    const line = fixture.logs.find((l) => l['msg'] === 'request');
    expect(line).toMatchObject({ requestId: 'two-objects', storeRequests: 2 });
    const ids = line?.['storeRequestIds'] as string[];
    expect(ids).toHaveLength(2);
    for (const id of ids) expect(id).toMatch(/^[0-9A-F]{24}$/i);
    expect(new Set(ids).size).toBe(2);
  });

  it('keeps concurrent requests apart: each response, log line and error carries its own id', async () => {
    fixture.logs.length = 0;
    const ids = Array.from({ length: 20 }, (_, i) => `concurrent-${i}`);
    const responses = await Promise.all(
      ids.map((id, i) => post('/graphql', `query Q${i} { object(bucket: "demo", key: "${i % 2 === 0 ? 'a.txt' : 'b.txt'}") { etag } bad: object(bucket: "X", key: "k") { key } }`, { 'x-request-id': id })),
    );
    for (const [i, response] of responses.entries()) {
      expect(response.headers.get('x-request-id')).toBe(ids[i]);
      const body = (await response.json()) as { errors: Array<{ extensions: Record<string, unknown> }> };
      expect(body.errors[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', httpRequestId: ids[i] });
    }
    const lines = fixture.logs.filter((l) => l['msg'] === 'request');
    expect(lines).toHaveLength(20);
    for (const line of lines) {
      const i = Number(String(line['requestId']).replace('concurrent-', ''));
      expect(line['operations']).toEqual([`Q${i}`]);
      expect(line['storeRequestIds']).toHaveLength(1);
    }
    // The debug lines of the GraphQL phases name their own request too.
    for (const id of ids) {
      const own = fixture.logs.filter((l) => l['requestId'] === id && l['level'] === 'debug');
      expect(own.map((l) => l['msg'])).toEqual(['Parsing request to extract GraphQL parameters', 'Processing GraphQL Parameters', 'Processing GraphQL Parameters done.']);
    }
  });
});

describe('error extensions over a failing store', () => {
  it('carry httpRequestId beside the OSS requestId', async () => {
    const store = await startLocalOss({ buckets: ['demo'], faults: { seed: 1, errorRate: 1 } });
    const app = createApp(
      loadConfig({
        ...storeEnv(store),
      }),
      { logger: createJsonLogger({ level: 'silent' }) },
    );
    try {
      const response = await app.fetch('http://ossgraph.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'failing-1' },
        body: JSON.stringify({ query: '{ object(bucket: "demo", key: "k") { contentType } }' }),
      });
      const body = (await response.json()) as { errors: Array<{ extensions: Record<string, unknown> }> };
      const extensions = body.errors[0]?.extensions ?? {};
      expect(extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', httpRequestId: 'failing-1' });
      expect(extensions['requestId']).toMatch(/^[0-9A-F]{24}$/i);
    } finally {
      await app.close();
      await store.close();
    }
  });
});
