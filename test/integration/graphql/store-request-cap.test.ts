/**
 * The per-request cap on store requests (OSSGRAPH_MAX_STORE_REQUESTS) and the `_entities` cap,
 * with the operation limits raised so that the cap itself is what stops the request: counted at
 * local-oss.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphQL } from '../federation/support/app.js';
import { startGraphQLStack } from '../../helpers/graphql-stack.js';
import type { GraphQLStack } from '../../helpers/graphql-stack.js';

const CAP = 25;
const BUCKET = 'photos';

/** `n` aliases of `object(...)`, each on a distinct key (most do not exist: each still costs one request). */
function aliases(n: number): string {
  return `{ ${Array.from({ length: n }, (_, i) => `a${i}: object(bucket: "${BUCKET}", key: "k${i}") { key }`).join(' ')} }`;
}

describe('the store-request cap', () => {
  let stack: GraphQLStack;
  beforeAll(async () => {
    stack = await startGraphQLStack({
      config: { maxStoreRequests: CAP, maxAliases: 1_000_000, maxTokens: 10_000_000, maxDocumentBytes: 10 * 1024 * 1024, maxRefs: 1000 },
    });
    await stack.seed(BUCKET, [{ key: 'k0' }, { key: 'k1' }]);
  });
  afterAll(() => stack.close());

  it('stops a request at the cap: exactly CAP store requests, one clear error naming the cap', async () => {
    stack.store.stats.reset();
    const result = await stack.graphql(aliases(100));
    expect(stack.store.stats.total()).toBe(CAP);
    expect(result.errors).toHaveLength(1);
    expect(result.errors?.[0]).toMatchObject({
      message: `This request reached its limit of ${CAP} store requests (OSSGRAPH_MAX_STORE_REQUESTS); the store was not asked for more. Ask for fewer objects per request.`,
      extensions: { code: 'LIMIT_EXCEEDED', limit: 'maxStoreRequests', max: CAP, fieldsRefused: 100 - CAP },
    });
    const data = result.data as Record<string, { key: string } | null>;
    expect(data['a0']).toEqual({ key: 'k0' });
    expect(Object.values(data).filter((v) => v === null)).toHaveLength(100 - 2);
  });

  it('answers a request under the cap in full', async () => {
    stack.store.stats.reset();
    const result = await stack.graphql(aliases(CAP));
    expect(result.errors).toBeUndefined();
    expect(stack.store.stats.total()).toBe(CAP);
  });

  it('caps Query.objects(refs) the same way', async () => {
    stack.store.stats.reset();
    const refs = Array.from({ length: 300 }, (_, i) => ({ bucket: BUCKET, key: `r${i}` }));
    const result = await stack.graphql('query ($refs: [ObjectRefInput!]!) { objects(refs: $refs) { key } }', { refs });
    expect(stack.store.stats.total()).toBe(CAP);
    expect(result.errors?.map((e) => e.extensions?.['code'])).toEqual(['LIMIT_EXCEEDED']);
  });

  it('caps `_entities` on /subgraph, and refuses more representations than OSSGRAPH_MAX_REFS with no store request', async () => {
    const query = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on StorageObject { key } } }';
    const representations = (n: number) => Array.from({ length: n }, (_, i) => ({ __typename: 'StorageObject', bucket: BUCKET, key: `e${i}` }));
    stack.store.stats.reset();
    const capped = await postGraphQL(stack.app, '/subgraph', query, { r: representations(200) });
    expect(stack.store.stats.total()).toBe(CAP);
    expect(capped.errors?.map((e) => e.extensions?.['code'])).toEqual(['LIMIT_EXCEEDED']);

    stack.store.stats.reset();
    const refused = await postGraphQL(stack.app, '/subgraph', query, { r: representations(1001) });
    expect(stack.store.stats.total()).toBe(0);
    expect(refused.errors).toEqual([
      expect.objectContaining({
        message: 'representations: at most 1000 refs per call; received "1001 refs"',
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'representations' }),
      }),
    ]);
  });

  it('gives each request a fresh budget', async () => {
    stack.store.stats.reset();
    await Promise.all([stack.graphql(aliases(40)), stack.graphql(aliases(40))]);
    expect(stack.store.stats.total()).toBe(2 * CAP);
  });
});

describe('the store-request cap in the middle of a mutation', () => {
  let stack: GraphQLStack;
  beforeAll(async () => {
    stack = await startGraphQLStack({ config: { maxStoreRequests: 2 } });
    await stack.seed(BUCKET, [{ key: 'edit.txt', contentType: 'text/plain', metadata: { keep: 'yes' } }]);
  });
  afterAll(() => stack.close());

  it('refuses the write the edit would need beyond the cap: LIMIT_EXCEEDED, nothing changed', async () => {
    const result = await stack.graphql(
      'mutation ($input: UpdateMetadataInput!) { updateMetadata(input: $input) { __typename ... on Error { code message } } }',
      { input: { bucket: BUCKET, key: 'edit.txt', set: [{ key: 'added', value: 'x' }] } },
    );
    expect(stack.store.stats.total()).toBe(2);
    expect(stack.store.stats.count('CopyObject')).toBe(0);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'maxStoreRequests', max: 2 });
    const head = await stack.aliOss(BUCKET).head('edit.txt');
    expect((head.res.headers as Record<string, string>)['x-oss-meta-keep']).toBe('yes');
    expect((head.res.headers as Record<string, string>)['x-oss-meta-added']).toBeUndefined();
  });
});

describe('the _entities cap with its default (OSSGRAPH_MAX_REFS=100)', () => {
  let stack: GraphQLStack;
  beforeAll(async () => {
    stack = await startGraphQLStack();
  });
  afterAll(() => stack.close());

  it('refuses 2,000 representations with BAD_USER_INPUT and no store request', async () => {
    const representations = Array.from({ length: 2000 }, (_, i) => ({ __typename: 'StorageObject', bucket: BUCKET, key: `e${i}` }));
    stack.store.stats.reset();
    const result = await postGraphQL(stack.app, '/subgraph', 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on StorageObject { key } } }', { r: representations });
    expect(result.data ?? null).toBeNull();
    expect(result.errors?.[0]?.message).toBe('representations: at most 100 refs per call; received "2000 refs"');
    expect(stack.store.stats.total()).toBe(0);
  });
});
