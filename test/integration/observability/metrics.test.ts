/**
 * `/metrics` against what local-oss saw: every HTTP request sent to the store is counted once by
 * OSS operation (retries included, and also counted as retries), over a store injecting 503s.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app.js';
import type { App } from '../../../src/app.js';
import { loadConfig } from '../../../src/config/index.js';
import { createMemoryBackend } from '../../../src/local-oss/backend/memory-backend.js';
import { startLocalOss } from '../../../src/local-oss/index.js';
import type { LocalOss } from '../../../src/local-oss/index.js';
import { createOssApi } from '../../../src/oss/api.js';
import { createOssClient } from '../../../src/oss/client.js';
import { listen } from '../../../src/server/http-server.js';
import { createJsonLogger } from '../../../src/server/logger.js';
import { parseMetrics, sumBy, total } from '../../helpers/prometheus.js';
import { storeEnv } from '../../helpers/local-oss.js';

const BUCKET = 'metered';
const backend = createMemoryBackend();
let clean: LocalOss;

interface Started {
  readonly app: App;
  readonly store: LocalOss;
  readonly logs: Array<Record<string, unknown>>;
  close(): Promise<void>;
}

/** An app (metrics on unless `env` says otherwise) over a local-oss sharing the seeded backend. */
async function start(env: Record<string, string> = {}, errorRate = 0): Promise<Started> {
  const store = await startLocalOss({ backend, faults: { seed: 7, errorRate } });
  const logs: Array<Record<string, unknown>> = [];
  const app = createApp(
    loadConfig({
      ...storeEnv(store),
      ...env,
    }),
    { logger: createJsonLogger({ level: 'info', write: (line) => logs.push(JSON.parse(line) as Record<string, unknown>) }) },
  );
  return {
    app,
    store,
    logs,
    async close() {
      await app.close();
      await store.close();
    },
  };
}

async function graphql(app: App, query: string, variables: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const response = await app.fetch('http://ossgraph.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as Record<string, unknown>;
}

async function scrape(app: App) {
  const response = await app.fetch('http://ossgraph.test/metrics');
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  return parseMetrics(await response.text());
}

/** The mix: a put, full and basic reads, a three-object read, a listing, and a rejected input. */
async function runMix(app: App): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await graphql(app, 'mutation Put($k: String!) { putObject(input: { bucket: "metered", key: $k, content: "x" }) { __typename } }', { k: `new/${i}` });
  }
  await graphql(app, 'query Full { object(bucket: "metered", key: "k0") { contentType cacheControl } }');
  await graphql(app, 'query Basic { object(bucket: "metered", key: "k1") { contentLength etag } }');
  await graphql(app, 'query Three { objects(refs: [{bucket: "metered", key: "k2"}, {bucket: "metered", key: "k3"}, {bucket: "metered", key: "k4"}]) { key contentType } }');
  await graphql(app, 'query List { bucket(name: "metered") { objects(first: 5) { nodes { key } } } }');
  await graphql(app, 'query Bad { object(bucket: "NOT a bucket", key: "k") { key } }');
}

beforeAll(async () => {
  clean = await startLocalOss({ backend, buckets: [BUCKET] });
  const seeder = createOssClient({ region: clean.region, endpoint: clean.url, credentials: clean.credentials });
  const api = createOssApi(seeder);
  for (let i = 0; i < 8; i++) await api.putObject({ bucket: BUCKET, key: `k${i}`, body: `body ${i}`, contentType: 'text/plain' });
  await seeder.close();
});

afterAll(async () => {
  await clean?.close();
  await backend.close();
});

describe('/metrics', () => {
  it('counts every store request once by OSS operation, equal to local-oss, retries included, under injected 503s', async () => {
    const started = await start({}, 0.3);
    try {
      started.store.stats.reset();
      await runMix(started.app);
      const samples = await scrape(started.app);

      const byOperation = sumBy(samples, 'ossgraph_store_requests_total', 'operation');
      console.log(`[metrics] store requests by operation: ${JSON.stringify(byOperation)}; local-oss: ${JSON.stringify(started.store.stats.snapshot())}`);
      expect(byOperation).toEqual(started.store.stats.snapshot());
      expect(Object.keys(byOperation).sort()).toEqual(['GetObjectMeta', 'HeadObject', 'ListObjectsV2', 'PutObject']);

      // Faults happened, and each re-send is a retry: operations started + retries = requests sent.
      const retries = total(samples, 'ossgraph_store_retries_total');
      const failed503 = total(samples, 'ossgraph_store_requests_total', { status: '503' });
      expect(failed503).toBeGreaterThan(0);
      expect(retries).toBeGreaterThan(0);
      expect(sumBy(samples, 'ossgraph_store_retries_total', 'reason')).toEqual({ ServiceUnavailable: retries });
      const operationsStarted = started.logs.filter((l) => l['msg'] === 'request').reduce((sum, l) => sum + (l['storeRequests'] as number), 0);
      expect(operationsStarted + retries).toBe(total(samples, 'ossgraph_store_requests_total'));
      expect(total(samples, 'ossgraph_store_requests_total', { status: '200' }) + failed503).toBe(total(samples, 'ossgraph_store_requests_total'));

      // Durations: one observation per request; nothing left in flight.
      expect(total(samples, 'ossgraph_store_request_duration_seconds_count')).toBe(total(samples, 'ossgraph_store_requests_total'));
      expect(total(samples, 'ossgraph_store_requests_in_flight')).toBe(0);

      // Loader batches: the three-object query is one batch of three.
      expect(total(samples, 'ossgraph_loader_batch_size_count', { loader: 'objectMetadata' })).toBeGreaterThanOrEqual(3);
      expect(total(samples, 'ossgraph_loader_batch_size_bucket', { loader: 'objectMetadata', le: '2' })).toBeLessThan(
        total(samples, 'ossgraph_loader_batch_size_count', { loader: 'objectMetadata' }),
      );

      // GraphQL metrics by operation name, errors included; process metrics.
      const durations = sumBy(samples, 'graphql_envelop_request_duration_count', 'operationName');
      expect(durations).toMatchObject({ Put: 3, Full: 1, Basic: 1, Three: 1, List: 1 });
      expect(total(samples, 'graphql_envelop_error_result', { operationName: 'Bad' })).toBe(1);
      expect(total(samples, 'graphql_yoga_http_duration_count', { operationName: 'Three' })).toBe(1);
      expect(samples.some((s) => s.name === 'process_resident_memory_bytes')).toBe(true);
      expect(samples.some((s) => s.name === 'nodejs_eventloop_lag_seconds')).toBe(true);
      // The scrape itself is not a logged request.
      expect(started.logs.filter((l) => l['msg'] === 'request' && l['path'] === '/metrics')).toEqual([]);
    } finally {
      await started.close();
    }
  });

  it('keeps one registry per app: two apps in one process count separately', async () => {
    const [a, b] = [await start(), await start()];
    try {
      await graphql(a.app, 'query Basic { object(bucket: "metered", key: "k1") { etag } }');
      expect(total(await scrape(a.app), 'ossgraph_store_requests_total')).toBe(1);
      expect(total(await scrape(b.app), 'ossgraph_store_requests_total')).toBe(0);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('OSSGRAPH_METRICS=false: no /metrics', async () => {
    const off = await start({ OSSGRAPH_METRICS: 'false' });
    try {
      expect((await off.app.fetch('http://ossgraph.test/metrics')).status).toBe(404);
      expect(off.app.metricsListener).toBeUndefined();
    } finally {
      await off.close();
    }
  });

  it('OSSGRAPH_METRICS_PORT: /metrics only on its own listener, not on the API port', async () => {
    const own = await start({ OSSGRAPH_METRICS_PORT: '0' });
    try {
      expect((await own.app.fetch('http://ossgraph.test/metrics')).status).toBe(404);
      expect(own.app.metricsListener).toBeDefined();
      const server = await listen(own.app.metricsListener!, { host: '127.0.0.1', port: 0 });
      try {
        await graphql(own.app, 'query Basic { object(bucket: "metered", key: "k1") { etag } }');
        const response = await fetch(`${server.origin}/metrics`);
        expect(response.status).toBe(200);
        expect(sumBy(parseMetrics(await response.text()), 'ossgraph_store_requests_total', 'operation')).toEqual({ GetObjectMeta: 1 });
        expect((await fetch(`${server.origin}/graphql`)).status).toBe(404);
      } finally {
        await server.stop(0);
      }
    } finally {
      await own.close();
    }
  });
});
