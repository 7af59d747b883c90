import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../../src/app.js';
import { startLocalOss } from '../../../src/local-oss/index.js';
import type { LocalOss } from '../../../src/local-oss/index.js';
import {
  createProductsSubgraph,
  PRODUCTS_SUBGRAPH_NAME,
  twelveImageKeys,
  twentyProductsOverTwelveObjects,
} from '../../fixtures/federation/products-subgraph.js';
import { createAppOverLocalOss } from './support/app.js';
import { startInProcessGateway } from './support/gateway.js';
import type { InProcessGateway } from './support/gateway.js';

const BUCKET = 'catalog';

interface ProductsData {
  products: Array<{
    id: string;
    name: string;
    image: null | {
      bucket: string;
      key: string;
      contentLength?: number;
      etag?: string;
      contentType?: string | null;
      sku?: string | null;
    };
  }>;
}

describe('gateway over ossgraph and a products subgraph', () => {
  let store: LocalOss;
  let app: App;
  let gateway: InProcessGateway;
  const sizes = new Map<string, number>();

  beforeAll(async () => {
    store = await startLocalOss({ buckets: [BUCKET] });
    app = createAppOverLocalOss(store, { env: { OSSGRAPH_BUCKETS: BUCKET } });
    for (const [index, key] of twelveImageKeys().entries()) {
      const body = `png bytes of image ${index} `.repeat(index + 1);
      sizes.set(key, Buffer.byteLength(body));
      await app.api.putObject({ bucket: BUCKET, key, body, contentType: 'image/png', metadata: { sku: `sku-${index}` } });
    }
    gateway = await startInProcessGateway([
      { name: 'ossgraph', url: 'http://ossgraph.internal/subgraph', handler: app },
      {
        name: PRODUCTS_SUBGRAPH_NAME,
        url: 'http://products.internal/graphql',
        handler: createProductsSubgraph(twentyProductsOverTwelveObjects(BUCKET)),
      },
    ]);
  });

  afterAll(async () => {
    await gateway?.close();
    await app?.close();
    await store?.close();
  });

  beforeEach(() => store.stats.reset());

  it('basic fields of 20 products over 12 objects: 12 GetObjectMeta, no HeadObject', async () => {
    const result = await gateway.execute<ProductsData>(
      '{ products { id name image { bucket key contentLength etag } } }',
    );
    expect(result.errors).toBeUndefined();
    const products = result.data?.products ?? [];
    expect(products).toHaveLength(20);
    for (const product of products) {
      expect(product.image?.bucket).toBe(BUCKET);
      expect(product.image?.contentLength).toBe(sizes.get(product.image?.key ?? ''));
      expect(product.image?.etag).toMatch(/^"[0-9A-F]{32}"$/);
    }
    console.log(`[federation] basic selection store requests: ${JSON.stringify(store.stats.snapshot())}`);
    expect(store.stats.snapshot()).toEqual({ GetObjectMeta: 12 });
  });

  it('a full field (contentType) makes it 12 HeadObject, which also answer the basic fields', async () => {
    const result = await gateway.execute<ProductsData>(
      '{ products { id image { key contentLength contentType sku: metadataValue(key: "SKU") } } }',
    );
    expect(result.errors).toBeUndefined();
    const products = result.data?.products ?? [];
    expect(products).toHaveLength(20);
    const keys = twelveImageKeys();
    for (const product of products) {
      const key = product.image?.key ?? '';
      expect(product.image?.contentType).toBe('image/png');
      expect(product.image?.contentLength).toBe(sizes.get(key));
      expect(product.image?.sku).toBe(`sku-${keys.indexOf(key)}`);
    }
    console.log(`[federation] full selection store requests: ${JSON.stringify(store.stats.snapshot())}`);
    expect(store.stats.snapshot()).toEqual({ HeadObject: 12 });
  });

  it('the gateway resolves the images with _entities on /subgraph, not through the public endpoint', async () => {
    const before = gateway.subgraphRequests.get('ossgraph')?.length ?? 0;
    await gateway.execute('{ products { image { etag } } }');
    const sent = gateway.subgraphRequests.get('ossgraph')?.slice(before) ?? [];
    expect(sent).toHaveLength(1);
    expect(sent[0]).toContain('_entities(representations: $representations)');
  });

  it('selecting only the key fields needs no ossgraph request at all', async () => {
    const before = gateway.subgraphRequests.get('ossgraph')?.length ?? 0;
    const result = await gateway.execute<ProductsData>('{ products { image { bucket key } } }');
    expect(result.data?.products).toHaveLength(20);
    expect(gateway.subgraphRequests.get('ossgraph')?.length ?? 0).toBe(before);
    expect(store.stats.total()).toBe(0);
  });
});
