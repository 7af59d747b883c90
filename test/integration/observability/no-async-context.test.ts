/**
 * The default request path uses no AsyncLocalStorage. Why it matters: on Node 20, once one is
 * used, every promise of the process runs async-context hooks for the rest of its life (≈ 10 % of
 * the server's CPU per request). A query, a metadata edit (edit coordinator, fenced commit) and a
 * tag change (exclusive work in the edit queue) through a real app over local-oss must not call
 * `run` or `enterWith` on any AsyncLocalStorage — and must still carry the request id to the
 * response, the log line and its OSS request ids. With tracing on, the store spans still find
 * their operation span without one.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { SpanKind } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../../src/app.js';
import { loadConfig } from '../../../src/config/index.js';
import { startLocalOss } from '../../../src/local-oss/index.js';
import { createJsonLogger } from '../../../src/server/logger.js';
import { storeEnv } from '../../helpers/local-oss.js';
import { startAppFixture } from '../server/app-fixture.js';

const QUERY = `query Three($refs: [ObjectRefInput!]!) { objects(refs: $refs) { key contentType } }`;
const UPDATE = `mutation Update($input: UpdateMetadataInput!) {
  updateMetadata(input: $input) { __typename ... on UpdateMetadataSuccess { object { metadata { key value } } } ... on Error { message } }
}`;
const SET_TAGS = `mutation Tags($input: SetTagsInput!) {
  setTags(input: $input) { __typename ... on SetTagsSuccess { tags { key value } } ... on Error { message } }
}`;

/** Spies on every way an AsyncLocalStorage gets switched on (Node 20 enables its hooks in `_enable`). */
function spyOnAsyncContext() {
  const proto = AsyncLocalStorage.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  const names = ['run', 'enterWith', ...('_enable' in proto ? ['_enable'] : [])];
  const spies = names.map((name) => vi.spyOn(proto, name));
  return { calls: () => spies.reduce((sum, spy) => sum + spy.mock.calls.length, 0) };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the default request path', () => {
  it('uses no AsyncLocalStorage for a query, an edit and a tag change', { timeout: 60_000 }, async () => {
    const asyncContext = spyOnAsyncContext();
    const fixture = await startAppFixture();
    try {
      for (const key of ['a.txt', 'b.txt', 'c.txt']) await fixture.app.api.putObject({ bucket: 'demo', key, body: key, contentType: 'text/plain' });
      fixture.logs.length = 0;

      const refs = ['a.txt', 'b.txt', 'c.txt'].map((key) => ({ bucket: 'demo', key }));
      const query = await fixture.graphql(QUERY, { refs }, { 'x-request-id': 'no-als-query' });
      expect(query.headers.get('x-request-id')).toBe('no-als-query');
      expect(((await query.json()) as { errors?: unknown }).errors).toBeUndefined();

      const update = await fixture.graphql(UPDATE, { input: { bucket: 'demo', key: 'a.txt', set: [{ key: 'k', value: 'v' }] } }, { 'x-request-id': 'no-als-edit' });
      expect(await update.json()).toMatchObject({ data: { updateMetadata: { __typename: 'UpdateMetadataSuccess', object: { metadata: [{ key: 'k', value: 'v' }] } } } });

      const tags = await fixture.graphql(SET_TAGS, { input: { bucket: 'demo', key: 'b.txt', tags: [{ key: 't', value: '1' }] } }, { 'x-request-id': 'no-als-tags' });
      expect(await tags.json()).toMatchObject({ data: { setTags: { __typename: 'SetTagsSuccess', tags: [{ key: 't', value: '1' }] } } });

      expect(asyncContext.calls()).toBe(0);

      // The request scope still reached the log line and the store calls.
      const lines = fixture.logs.filter((l) => l['msg'] === 'request');
      expect(lines.map((l) => l['requestId'])).toEqual(['no-als-query', 'no-als-edit', 'no-als-tags']);
      expect(lines[0]).toMatchObject({ storeRequests: 3 });
      expect(lines[0]?.['storeRequestIds']).toHaveLength(3);
      for (const line of lines.slice(1)) expect((line['storeRequestIds'] as string[]).length).toBeGreaterThan(0);
      for (const line of fixture.logs) expect(['no-als-query', 'no-als-edit', 'no-als-tags']).toContain(line['requestId']);
    } finally {
      await fixture.close();
    }
    // The spies see an AsyncLocalStorage when there is one (so the zero above means something).
    new AsyncLocalStorage<number>().run(1, () => undefined);
    expect(asyncContext.calls()).toBeGreaterThan(0);
  });

  it('uses none with tracing on either: store spans are parented through the scope', { timeout: 60_000 }, async () => {
    const asyncContext = spyOnAsyncContext();
    const store = await startLocalOss({ buckets: ['demo'] });
    const exporter = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    const app = createApp(loadConfig({ ...storeEnv(store) }), { tracerProvider: provider, logger: createJsonLogger({ level: 'silent' }) });
    try {
      for (const key of ['a.txt', 'b.txt']) await app.api.putObject({ bucket: 'demo', key, body: key });
      const response = await app.fetch('http://ossgraph.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: QUERY, variables: { refs: ['a.txt', 'b.txt'].map((key) => ({ bucket: 'demo', key })) } }),
      });
      expect(((await response.json()) as { errors?: unknown }).errors).toBeUndefined();
      expect(asyncContext.calls()).toBe(0);
      const spans = exporter.getFinishedSpans();
      const operation = spans.find((span) => span.kind === SpanKind.SERVER);
      const stores = spans.filter((span) => span.kind === SpanKind.CLIENT && span.name === 'OSS HeadObject');
      expect(stores).toHaveLength(2);
      for (const span of stores) expect(span.parentSpanContext?.spanId).toBe(operation?.spanContext().spanId);
    } finally {
      await app.close();
      await store.close();
      await provider.shutdown();
    }
  });
});
