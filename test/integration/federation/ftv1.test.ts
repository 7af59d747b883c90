/**
 * Federated tracing: when the gateway asks with `apollo-federation-include-trace: ftv1`, every
 * `/subgraph` answer — the `_entities` fetches the Hive Gateway runtime plans included — carries
 * `extensions.ftv1`; `/graphql` never does, and a trace never carries the store's URL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/app.js';
import { startLocalOss } from '../../../src/local-oss/index.js';
import type { LocalOss } from '../../../src/local-oss/index.js';
import { createProductsSubgraph, PRODUCTS_SUBGRAPH_NAME, twentyProductsOverTwelveObjects, twelveImageKeys } from '../../fixtures/federation/products-subgraph.js';
import { createAppOverLocalOss } from './support/app.js';
import { startInProcessGateway } from './support/gateway.js';
import type { InProcessGateway } from './support/gateway.js';

const BUCKET = 'catalog';
const FTV1 = { 'apollo-federation-include-trace': 'ftv1' };

/** The decoded ftv1 trace: a protobuf whose strings (field and type names) are plain UTF-8. */
function decodeTrace(ftv1: unknown): Buffer {
  expect(typeof ftv1).toBe('string');
  const bytes = Buffer.from(ftv1 as string, 'base64');
  expect(bytes.length).toBeGreaterThan(10);
  return bytes;
}

describe('ftv1 on /subgraph', () => {
  let store: LocalOss;
  let app: App;
  let gateway: InProcessGateway;

  beforeAll(async () => {
    store = await startLocalOss({ buckets: [BUCKET] });
    app = createAppOverLocalOss(store, { env: { OSSGRAPH_BUCKETS: BUCKET } });
    for (const key of twelveImageKeys()) await app.api.putObject({ bucket: BUCKET, key, body: key, contentType: 'image/png' });
    gateway = await startInProcessGateway(
      [
        { name: 'ossgraph', url: 'http://ossgraph.internal/subgraph', handler: app },
        { name: PRODUCTS_SUBGRAPH_NAME, url: 'http://products.internal/graphql', handler: createProductsSubgraph(twentyProductsOverTwelveObjects(BUCKET)) },
      ],
      { subgraphHeaders: FTV1 },
    );
  });

  afterAll(async () => {
    await gateway?.close();
    await app?.close();
    await store?.close();
  });

  it('comes back through the Hive Gateway runtime on the _entities fetch', async () => {
    const before = gateway.subgraphResponses.get('ossgraph')?.length ?? 0;
    const result = await gateway.execute<{ products: Array<{ image: { contentType: string } | null }> }>('{ products { id image { key contentType } } }');
    expect(result.errors).toBeUndefined();
    expect(result.data?.products).toHaveLength(20);
    const answers = gateway.subgraphResponses.get('ossgraph')?.slice(before) ?? [];
    const requests = gateway.subgraphRequests.get('ossgraph')?.slice(-answers.length) ?? [];
    expect(answers).toHaveLength(1);
    expect(requests[0]).toContain('_entities');
    const body = JSON.parse(answers[0]!) as { extensions?: { ftv1?: unknown } };
    const trace = decodeTrace(body.extensions?.ftv1);
    expect(trace.includes('_entities')).toBe(true);
    expect(trace.includes('contentType')).toBe(true);
  });

  it('is on every /subgraph operation the gateway asks it for, and only then', async () => {
    const post = (path: string, query: string, headers: Record<string, string>) =>
      app.fetch(`http://ossgraph.test${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
    const query = `{ object(bucket: "${BUCKET}", key: "${twelveImageKeys()[0]}") { contentType } }`;
    const asked = (await (await post('/subgraph', query, FTV1)).json()) as { extensions?: { ftv1?: unknown } };
    expect(decodeTrace(asked.extensions?.ftv1).includes('contentType')).toBe(true);
    const sdl = (await (await post('/subgraph', '{ _service { sdl } }', FTV1)).json()) as { extensions?: { ftv1?: unknown } };
    decodeTrace(sdl.extensions?.ftv1);
    const notAsked = (await (await post('/subgraph', query, {})).json()) as { extensions?: unknown };
    expect(notAsked.extensions).toBeUndefined();
    const publicEndpoint = (await (await post('/graphql', query, FTV1)).json()) as { data?: unknown; extensions?: unknown };
    expect(publicEndpoint.data).toBeDefined();
    expect(publicEndpoint.extensions).toBeUndefined();
  });

  it('keeps an expected error (code, message) in the trace, never the store URL', async () => {
    const failing = await startLocalOss({ buckets: [BUCKET], faults: { seed: 1, errorRate: 1 } });
    const failingApp = createAppOverLocalOss(failing);
    try {
      const response = await failingApp.fetch('http://ossgraph.test/subgraph', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...FTV1 },
        body: JSON.stringify({ query: `{ object(bucket: "${BUCKET}", key: "k") { contentType } }` }),
      });
      const body = (await response.json()) as { errors?: Array<{ extensions?: Record<string, unknown> }>; extensions?: { ftv1?: unknown } };
      expect(body.errors?.[0]?.extensions?.['code']).toBe('UPSTREAM_UNAVAILABLE');
      const trace = decodeTrace(body.extensions?.ftv1);
      expect(trace.includes('the object store failed with 503')).toBe(true);
      expect(trace.includes('127.0.0.1')).toBe(false);
    } finally {
      await failingApp.close();
      await failing.close();
    }
  });
});
