/**
 * OpenTelemetry spans from a real app over local-oss, exported to memory: one server span per
 * GraphQL operation under the caller's `traceparent`, one client span per store request (retries
 * included) carrying the OSS request id.
 */
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app.js';
import type { App } from '../../../src/app.js';
import { loadConfig } from '../../../src/config/index.js';
import { createMemoryBackend } from '../../../src/local-oss/backend/memory-backend.js';
import { startLocalOss } from '../../../src/local-oss/index.js';
import type { LocalOss } from '../../../src/local-oss/index.js';
import { createOssApi } from '../../../src/oss/api.js';
import { createOssClient } from '../../../src/oss/client.js';
import { createJsonLogger } from '../../../src/server/logger.js';
import { storeEnv } from '../../helpers/local-oss.js';

const BUCKET = 'traced';
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT_SPAN_ID = '00f067aa0ba902b7';
const TRACEPARENT = `00-${TRACE_ID}-${PARENT_SPAN_ID}-01`;
const THREE = `query Three { objects(refs: [{bucket: "traced", key: "a"}, {bucket: "traced", key: "b"}, {bucket: "traced", key: "c"}]) { key contentType } }`;

const backend = createMemoryBackend();
const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
let clean: LocalOss;

interface Started {
  readonly app: App;
  readonly store: LocalOss;
  readonly logs: Array<Record<string, unknown>>;
  close(): Promise<void>;
}

async function start(errorRate = 0): Promise<Started> {
  const store = await startLocalOss({ backend, faults: { seed: 3, errorRate } });
  const logs: Array<Record<string, unknown>> = [];
  const app = createApp(
    loadConfig({
      ...storeEnv(store),
    }),
    { tracerProvider: provider, logger: createJsonLogger({ level: 'info', write: (line) => logs.push(JSON.parse(line) as Record<string, unknown>) }) },
  );
  return { app, store, logs, close: async () => (await app.close(), await store.close()) };
}

async function post(app: App, query: string, headers: Record<string, string> = {}): Promise<Response> {
  return app.fetch('http://ossgraph.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
}

const servers = (spans: readonly ReadableSpan[]) => spans.filter((s) => s.kind === SpanKind.SERVER);
const clients = (spans: readonly ReadableSpan[]) => spans.filter((s) => s.kind === SpanKind.CLIENT);

beforeAll(async () => {
  clean = await startLocalOss({ backend, buckets: [BUCKET] });
  const seeder = createOssClient({ region: clean.region, endpoint: clean.url, credentials: clean.credentials });
  for (const key of ['a', 'b', 'c']) await createOssApi(seeder).putObject({ bucket: BUCKET, key, body: key, contentType: 'text/plain' });
  await seeder.close();
});

afterAll(async () => {
  await clean?.close();
  await backend.close();
  await provider.shutdown();
});

beforeEach(() => exporter.reset());

describe('OpenTelemetry spans', () => {
  it('a three-object query: one operation span under the sent traceparent, three store spans with OSS request ids under it', async () => {
    const started = await start();
    try {
      const response = await post(started.app, THREE, { traceparent: TRACEPARENT });
      expect(((await response.json()) as { errors?: unknown }).errors).toBeUndefined();
      const spans = exporter.getFinishedSpans();
      expect(servers(spans)).toHaveLength(1);
      expect(clients(spans)).toHaveLength(3);
      expect(spans).toHaveLength(4);

      const operation = servers(spans)[0]!;
      expect(operation.name).toBe('query Three');
      expect(operation.spanContext().traceId).toBe(TRACE_ID);
      expect(operation.parentSpanContext?.spanId).toBe(PARENT_SPAN_ID);
      expect(operation.attributes).toMatchObject({ 'graphql.operation.name': 'Three', 'graphql.operation.type': 'query' });
      expect(operation.attributes['ossgraph.http_request_id']).toBe(response.headers.get('x-request-id'));
      expect(operation.status.code).not.toBe(SpanStatusCode.ERROR);

      const logged = started.logs.find((l) => l['msg'] === 'request');
      const nanos = ([seconds, ns]: readonly [number, number]) => BigInt(seconds) * 1_000_000_000n + BigInt(ns);
      for (const store of clients(spans)) {
        // The operation span covers its store requests.
        expect(nanos(store.startTime) >= nanos(operation.startTime)).toBe(true);
        expect(nanos(store.endTime) <= nanos(operation.endTime)).toBe(true);
      }
      for (const store of clients(spans)) {
        expect(store.name).toBe('OSS HeadObject');
        expect(store.spanContext().traceId).toBe(TRACE_ID);
        expect(store.parentSpanContext?.spanId).toBe(operation.spanContext().spanId);
        expect(store.attributes).toMatchObject({
          'oss.operation': 'HeadObject',
          'oss.bucket': BUCKET,
          'oss.attempt': 1,
          'http.request.method': 'HEAD',
          'http.response.status_code': 200,
        });
        expect(store.attributes['oss.request_id']).toMatch(/\S/);
      }
      // The same OSS request ids are on the request's log line.
      expect(new Set(logged?.['storeRequestIds'] as string[])).toEqual(new Set(clients(spans).map((s) => s.attributes['oss.request_id'])));
    } finally {
      await started.close();
    }
  });

  it('without a traceparent the operation span is a root; an invalid one is ignored', async () => {
    const started = await start();
    try {
      await post(started.app, 'query One { object(bucket: "traced", key: "a") { etag } }');
      await post(started.app, 'query One { object(bucket: "traced", key: "a") { etag } }', { traceparent: '00-zz-yy-01' });
      const operations = servers(exporter.getFinishedSpans());
      expect(operations).toHaveLength(2);
      for (const operation of operations) expect(operation.parentSpanContext).toBeUndefined();
      expect(operations[0]!.spanContext().traceId).not.toBe(operations[1]!.spanContext().traceId);
    } finally {
      await started.close();
    }
  });

  it('each attempt is a span: retried requests carry their attempt number and the retry reason', async () => {
    const started = await start(0.5);
    try {
      started.store.stats.reset();
      await post(started.app, THREE, { traceparent: TRACEPARENT });
      const stores = clients(exporter.getFinishedSpans());
      expect(stores).toHaveLength(started.store.stats.total());
      const retried = stores.filter((s) => s.attributes['oss.retry_reason'] !== undefined);
      expect(retried.length).toBeGreaterThan(0);
      for (const span of retried) {
        expect(span.attributes).toMatchObject({ 'http.response.status_code': 503, 'oss.retry_reason': 'ServiceUnavailable', 'error.type': 'ServiceUnavailable' });
        expect(span.status.code).toBe(SpanStatusCode.ERROR);
      }
      expect(stores.some((s) => (s.attributes['oss.attempt'] as number) > 1)).toBe(true);
    } finally {
      await started.close();
    }
  });

  it('a failed operation (validation) ends its span with status ERROR', async () => {
    const started = await start();
    try {
      await post(started.app, 'query Broken { nope }');
      const [operation] = servers(exporter.getFinishedSpans());
      expect(operation?.name).toBe('query Broken');
      expect(operation?.status.code).toBe(SpanStatusCode.ERROR);
      expect(clients(exporter.getFinishedSpans())).toEqual([]);
    } finally {
      await started.close();
    }
  });
});
