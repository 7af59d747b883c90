import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../../src/app.js';
import { printSubgraphSdl } from '../../../src/graphql/federation.js';
import { startLocalOss } from '../../../src/local-oss/index.js';
import type { LocalOss } from '../../../src/local-oss/index.js';
import { twelveImageKeys, twentyProductsOverTwelveObjects } from '../../fixtures/federation/products-subgraph.js';
import { createAppOverLocalOss, postGraphQL } from './support/app.js';

const BUCKET = 'catalog';

const ENTITIES = /* GraphQL */ `
  query Entities($representations: [_Any!]!) {
    _entities(representations: $representations) {
      __typename
      ... on StorageObject { bucket key ...Sizes }
    }
  }
  fragment Sizes on StorageObject { contentLength }
`;

const ENTITIES_FULL = /* GraphQL */ `
  query Entities($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ...Typed
    }
  }
  fragment Typed on StorageObject { key type: contentType }
`;

type Entity = { __typename: string; bucket?: string; key: string; contentLength?: number; type?: string } | null;

/** 20 representations (the 20 products' images, duplicates included) as a gateway would send them without deduplication. */
function twentyRepresentations(): Array<{ __typename: string; bucket: string; key: string }> {
  return twentyProductsOverTwelveObjects(BUCKET).map((product) => ({ __typename: 'StorageObject', bucket: BUCKET, key: product.image?.key ?? '' }));
}

describe('/subgraph _entities', () => {
  let store: LocalOss;
  let app: App;

  beforeAll(async () => {
    store = await startLocalOss({ buckets: [BUCKET, 'elsewhere'] });
    app = createAppOverLocalOss(store, { env: { OSSGRAPH_BUCKETS: BUCKET } });
    for (const key of twelveImageKeys()) {
      await app.api.putObject({ bucket: BUCKET, key, body: `bytes of ${key}`, contentType: 'image/png' });
    }
  });

  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  beforeEach(() => store.stats.reset());

  it('20 representations of 12 objects with only tags: 12 GetObjectTagging and nothing else (its NoSuchKey answers existence)', async () => {
    const query = /* GraphQL */ `
      query Entities($representations: [_Any!]!) {
        _entities(representations: $representations) { ... on StorageObject { key tags { key } } }
      }
    `;
    const representations = [...twentyRepresentations(), { __typename: 'StorageObject', bucket: BUCKET, key: 'missing.png' }];
    const body = await postGraphQL<{ _entities: Array<{ key: string; tags: unknown[] } | null> }>(app, '/subgraph', query, { representations });
    expect(body.errors).toBeUndefined();
    expect(body.data?._entities).toHaveLength(21);
    expect(body.data?._entities[0]).toEqual({ key: representations[0]?.key, tags: [] });
    expect(body.data?._entities[20]).toBeNull();
    expect(store.stats.snapshot()).toEqual({ GetObjectTagging: 13 });
  });

  it('20 representations of 12 distinct objects cost 12 GetObjectMeta (duplicates share the loader)', async () => {
    const body = await postGraphQL<{ _entities: Entity[] }>(app, '/subgraph', ENTITIES, { representations: twentyRepresentations() });
    expect(body.errors).toBeUndefined();
    const entities = body.data?._entities ?? [];
    expect(entities).toHaveLength(20);
    expect(entities.map((entity) => entity?.key)).toEqual(twentyRepresentations().map((r) => r.key));
    for (const entity of entities) {
      expect(entity?.__typename).toBe('StorageObject');
      expect(entity?.contentLength).toBe(Buffer.byteLength(`bytes of ${entity?.key ?? ''}`));
    }
    expect(store.stats.snapshot()).toEqual({ GetObjectMeta: 12 });
  });

  it('a full field reached through a named fragment costs 12 HeadObject and nothing else', async () => {
    const body = await postGraphQL<{ _entities: Entity[] }>(app, '/subgraph', ENTITIES_FULL, { representations: twentyRepresentations() });
    expect(body.errors).toBeUndefined();
    expect(body.data?._entities.every((entity) => entity?.type === 'image/png')).toBe(true);
    expect(store.stats.snapshot()).toEqual({ HeadObject: 12 });
  });

  it('a missing object is null; the versionId key is accepted', async () => {
    const body = await postGraphQL<{ _entities: Entity[] }>(app, '/subgraph', ENTITIES, {
      representations: [
        { __typename: 'StorageObject', bucket: BUCKET, key: 'no/such/object.png' },
        { __typename: 'StorageObject', bucket: BUCKET, key: twelveImageKeys()[0], versionId: null },
      ],
    });
    expect(body.errors).toBeUndefined();
    expect(body.data?._entities[0]).toBeNull();
    expect(body.data?._entities[1]?.key).toBe(twelveImageKeys()[0]);
    expect(store.stats.snapshot()).toEqual({ GetObjectMeta: 2 });
  });

  it('the bucket allowlist applies to _entities too, without a store request', async () => {
    const body = await postGraphQL<{ _entities: Entity[] }>(app, '/subgraph', ENTITIES, {
      representations: [{ __typename: 'StorageObject', bucket: 'elsewhere', key: 'secret.txt' }],
    });
    expect(body.data?._entities[0] ?? null).toBeNull();
    expect(body.errors?.[0]?.extensions?.['code']).toBe('ACCESS_DENIED');
    expect(store.stats.total()).toBe(0);
  });
});

describe('/graphql (public) has no federation fields', () => {
  let store: LocalOss;
  let app: App;

  beforeAll(async () => {
    store = await startLocalOss({ buckets: [BUCKET] });
    app = createAppOverLocalOss(store, { env: { OSSGRAPH_INTROSPECTION: 'true' } });
  });

  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  it('rejects _service and _entities, and its introspection lists no federation types', async () => {
    const service = await postGraphQL(app, '/graphql', '{ _service { sdl } }');
    expect(service.errors?.[0]?.message).toMatch(/Cannot query field "_service"/);
    const entities = await postGraphQL(app, '/graphql', '{ _entities(representations: []) { __typename } }');
    expect(entities.errors?.[0]?.message).toMatch(/Cannot query field "_entities"/);
    const types = await postGraphQL<{ __schema: { types: Array<{ name: string }> } }>(app, '/graphql', '{ __schema { types { name } } }');
    const names = types.data?.__schema.types.map((type) => type.name) ?? [];
    expect(names).toContain('StorageObject');
    expect(names).not.toContain('_Entity');
    expect(names).not.toContain('_Service');
    expect(names).not.toContain('_Any');
  });

  it('/subgraph serves _service.sdl with the entity keys', async () => {
    const body = await postGraphQL<{ _service: { sdl: string } }>(app, '/subgraph', '{ _service { sdl } }');
    expect(body.errors).toBeUndefined();
    const sdl = body.data?._service.sdl ?? '';
    expect(sdl).toMatch(/type StorageObject\s+implements Node\s+@key\(fields: "bucket key"\)\s+@key\(fields: "bucket key versionId"\)/);
    // The gateway composes from exactly what is committed in schema/subgraph.graphql.
    expect(sdl.trimEnd()).toBe(printSubgraphSdl().trimEnd());
  });
});
