/**
 * The one-request-per-object rule (DESIGN §4), measured at local-oss: GetObjectMeta for basic
 * fields, one HeadObject when any full field is selected, nothing for listed fields.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startGraphQLStack } from '../../helpers/graphql-stack.js';
import type { GraphQLStack } from '../../helpers/graphql-stack.js';

const BUCKET = 'photos';
const keys50 = Array.from({ length: 50 }, (_, i) => `fifty/object-${String(i).padStart(2, '0')}.txt`);
const keys200 = Array.from({ length: 200 }, (_, i) => `two-hundred/item-${String(i).padStart(3, '0')}.bin`);
const refs50 = keys50.map((key) => ({ bucket: BUCKET, key }));

let stack: GraphQLStack;

beforeAll(async () => {
  stack = await startGraphQLStack({ buckets: [BUCKET] });
  await stack.seed(BUCKET, [
    ...keys50.map((key) => ({ key, contentType: 'text/plain', metadata: { owner: 'tests' } })),
    ...keys200.map((key) => ({ key, contentType: 'application/octet-stream' })),
  ]);
});

afterAll(async () => {
  await stack.close();
});

beforeEach(() => {
  stack.store.stats.reset();
});

function counts(): Record<string, number> {
  return stack.store.stats.snapshot();
}

describe('store requests per query', () => {
  it('basic fields of 50 objects: 50 GetObjectMeta, no HeadObject', async () => {
    const result = await stack.graphql(
      `query Basic($refs: [ObjectRefInput!]!) { objects(refs: $refs) { key contentLength etag lastModified hashCrc64 } }`,
      { refs: refs50 },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.objects).toHaveLength(50);
    expect(result.data?.objects[7]).toMatchObject({ key: keys50[7], contentLength: `body of ${keys50[7]}`.length });
    expect(counts()).toEqual({ GetObjectMeta: 50 });
  });

  it('basic and full fields of 50 objects: 50 HeadObject, no GetObjectMeta', async () => {
    const result = await stack.graphql(
      `query Full($refs: [ObjectRefInput!]!) { objects(refs: $refs) { key contentLength etag contentType metadata { key value } } }`,
      { refs: refs50 },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.objects[0]).toMatchObject({ contentType: 'text/plain', metadata: [{ key: 'owner', value: 'tests' }] });
    expect(counts()).toEqual({ HeadObject: 50 });
  });

  it('bucket/key only through objects(refs): 50 GetObjectMeta (the existence check)', async () => {
    const result = await stack.graphql(`query Exists($refs: [ObjectRefInput!]!) { objects(refs: $refs) { bucket key } }`, {
      refs: [...refs50, { bucket: BUCKET, key: 'missing.txt' }],
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?.objects).toHaveLength(51);
    expect(result.data?.objects[50]).toBeNull();
    expect(counts()).toEqual({ GetObjectMeta: 51 });
  });

  it('the same object under 10 aliases costs 1 request', async () => {
    const aliases = Array.from({ length: 10 }, (_, i) => `a${i}: object(bucket: "${BUCKET}", key: "${keys50[3]}") { key contentLength contentType }`);
    const result = await stack.graphql(`query Aliases { ${aliases.join('\n')} }`);
    expect(result.errors).toBeUndefined();
    expect(result.data?.['a9']).toMatchObject({ key: keys50[3], contentType: 'text/plain' });
    expect(counts()).toEqual({ HeadObject: 1 });
  });

  it('Query.object with a full field: exactly 1 HeadObject (not GetObjectMeta + HeadObject)', async () => {
    const result = await stack.graphql(`{ object(bucket: "${BUCKET}", key: "${keys50[0]}") { contentType } }`);
    expect(result.data?.object).toEqual({ contentType: 'text/plain' });
    expect(counts()).toEqual({ HeadObject: 1 });
  });

  it('Query.object with only bucket/key: 1 GetObjectMeta; missing object: null', async () => {
    const result = await stack.graphql(
      `{ present: object(bucket: "${BUCKET}", key: "${keys50[0]}") { bucket key } missing: object(bucket: "${BUCKET}", key: "nope") { key } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ present: { bucket: BUCKET, key: keys50[0] }, missing: null });
    expect(counts()).toEqual({ GetObjectMeta: 2 });
  });

  it('full fields reached through fragments, inline fragments and duplicate refs: one HeadObject per distinct object', async () => {
    const result = await stack.graphql(
      `query Frag($refs: [ObjectRefInput!]!) {
        objects(refs: $refs) { ...Ident ... on StorageObject { etag } }
        again: objects(refs: $refs) { key ...Deep }
      }
      fragment Ident on StorageObject { key ... { contentLength } }
      fragment Deep on StorageObject { ... on StorageObject { cacheControl } }`,
      { refs: [refs50[0], refs50[1], refs50[0], refs50[1], refs50[2]] },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.objects).toHaveLength(5);
    expect(counts()).toEqual({ HeadObject: 3 });
  });

  it('a selection whose only full field is in a fragment loads full at once', async () => {
    const result = await stack.graphql(
      `{ object(bucket: "${BUCKET}", key: "${keys50[5]}") { key ...Meta } } fragment Meta on StorageObject { metadataValue(key: "OWNER") }`,
    );
    expect(result.data?.object).toEqual({ key: keys50[5], metadataValue: 'tests' });
    expect(counts()).toEqual({ HeadObject: 1 });
  });

  it('@skip on the only full field keeps the existence check basic', async () => {
    const result = await stack.graphql(
      `query Skip($skip: Boolean!) { object(bucket: "${BUCKET}", key: "${keys50[6]}") { key contentType @skip(if: $skip) } }`,
      { skip: true },
    );
    expect(result.data?.object).toEqual({ key: keys50[6] });
    expect(counts()).toEqual({ GetObjectMeta: 1 });
  });
});

describe('store requests per listing', () => {
  it('bucket/key of listed objects: list calls only', async () => {
    const result = await stack.graphql(
      `{ bucket(name: "${BUCKET}") { objects(prefix: "fifty/", first: 1000) { nodes { bucket key } } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.bucket.objects.nodes).toHaveLength(50);
    expect(counts()).toEqual({ ListObjectsV2: 1 });
  });

  it('200 listed objects with every listed field: list calls only', async () => {
    const result = await stack.graphql(
      `{ bucket(name: "${BUCKET}") { objects(prefix: "two-hundred/", first: 1000) {
          edges { cursor node { key contentLength etag lastModified storageClass objectType } } } } }`,
    );
    expect(result.errors).toBeUndefined();
    const edges = result.data?.bucket.objects.edges;
    expect(edges).toHaveLength(200);
    expect(edges[0].node).toMatchObject({ storageClass: 'STANDARD', objectType: 'NORMAL' });
    expect(counts()).toEqual({ ListObjectsV2: 1 });
  });

  it('200 listed objects with contentType: list calls + 200 HeadObject', async () => {
    const result = await stack.graphql(
      `{ bucket(name: "${BUCKET}") { objects(prefix: "two-hundred/", first: 1000) { nodes { key contentLength contentType } } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.bucket.objects.nodes[199]).toMatchObject({ contentType: 'application/octet-stream' });
    expect(counts()).toEqual({ ListObjectsV2: 1, HeadObject: 200 });
  });

  it('the same listing under two aliases costs one list call', async () => {
    const result = await stack.graphql(
      `{ bucket(name: "${BUCKET}") { a: objects(prefix: "fifty/", first: 10) { nodes { key } } b: objects(prefix: "fifty/", first: 10) { nodes { etag } } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(counts()).toEqual({ ListObjectsV2: 1 });
  });

  it('pages through continuation tokens and reports folders', async () => {
    const first = await stack.graphql(
      `{ bucket(name: "${BUCKET}") { objects(prefix: "two-hundred/", first: 150) { nodes { key } pageInfo { hasNextPage endCursor } } } }`,
    );
    const page1 = first.data?.bucket.objects;
    expect(page1.nodes).toHaveLength(150);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const second = await stack.graphql(
      `query Next($after: String) { bucket(name: "${BUCKET}") { objects(prefix: "two-hundred/", first: 150, after: $after) { nodes { key } pageInfo { hasNextPage } } } }`,
      { after: page1.pageInfo.endCursor },
    );
    const page2 = second.data?.bucket.objects;
    expect(page2.nodes).toHaveLength(50);
    expect(page2.nodes[0].key).toBe(keys200[150]);
    expect(page2.pageInfo.hasNextPage).toBe(false);

    const folders = await stack.graphql(`{ bucket(name: "${BUCKET}") { objects(delimiter: "/") { folders nodes { key } } } }`);
    expect(folders.data?.bucket.objects).toEqual({ folders: ['fifty/', 'two-hundred/'], nodes: [] });
  });
});
