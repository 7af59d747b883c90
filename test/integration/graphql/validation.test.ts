/**
 * Wrong input gets BAD_USER_INPUT naming field, rule and value; a bucket outside the allowlist
 * gets ACCESS_DENIED; in both cases no store request is made. Other query errors carry
 * `extensions.code` and the OSS request id.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startGraphQLStack } from '../../helpers/graphql-stack.js';
import type { GraphQLResult, GraphQLStack } from '../../helpers/graphql-stack.js';

const BUCKET = 'photos';
let stack: GraphQLStack;

beforeAll(async () => {
  stack = await startGraphQLStack({ buckets: [BUCKET, 'secret-bucket'], config: { allowedBuckets: [BUCKET], maxRefs: 5 } });
  await stack.seed(BUCKET, [{ key: 'a.txt', contentType: 'text/plain' }]);
});

afterAll(async () => {
  await stack.close();
});

beforeEach(() => {
  stack.store.stats.reset();
});

function onlyError(result: GraphQLResult) {
  expect(result.errors).toHaveLength(1);
  return result.errors?.[0];
}

describe('queries with bad arguments', () => {
  const cases: Array<[string, string, string, Record<string, unknown>?]> = [
    ['bucket name', `{ object(bucket: "Bad_Bucket", key: "a.txt") { key } }`, 'bucket'],
    ['key starting with /', `{ object(bucket: "${BUCKET}", key: "/a.txt") { key } }`, 'key'],
    ['empty key', `{ object(bucket: "${BUCKET}", key: "") { key } }`, 'key'],
    ['key over 1023 bytes', `{ object(bucket: "${BUCKET}", key: "${'é'.repeat(512)}") { key } }`, 'key'],
    ['a bad ref among good ones', `query Q($refs: [ObjectRefInput!]!) { objects(refs: $refs) { key } }`, 'refs[1].bucket', {
      refs: [{ bucket: BUCKET, key: 'a.txt' }, { bucket: 'x', key: 'a.txt' }],
    }],
    ['too many refs', `query Q($refs: [ObjectRefInput!]!) { objects(refs: $refs) { key } }`, 'refs', {
      refs: Array.from({ length: 6 }, (_, i) => ({ bucket: BUCKET, key: `k${i}` })),
    }],
    ['first = 0', `{ bucket(name: "${BUCKET}") { objects(first: 0) { nodes { key } } } }`, 'first'],
    ['first = 1001', `{ bucket(name: "${BUCKET}") { objects(first: 1001) { nodes { key } } } }`, 'first'],
    ['a forged cursor', `{ bucket(name: "${BUCKET}") { objects(after: "not-a-cursor!") { nodes { key } } } }`, 'after'],
  ];
  for (const [label, query, field, variables] of cases) {
    it(`${label}: BAD_USER_INPUT naming ${field}, no store request`, async () => {
      const error = onlyError(await stack.graphql(query, variables));
      expect(error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(error?.extensions?.['rule']).toMatch(/\w/);
      expect(error?.extensions?.['value']).toBeDefined();
      expect(error?.message).toContain(field);
      expect(stack.store.stats.total()).toBe(0);
    });
  }

  it('an out-of-range expiresIn is BAD_USER_INPUT before the existence check, with no store request', async () => {
    const result = await stack.graphql(`{ object(bucket: "${BUCKET}", key: "a.txt") { downloadUrl(expiresIn: 99999999) } }`);
    expect(onlyError(result)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'expiresIn' });
    expect(stack.store.stats.total()).toBe(0);
  });
});

describe('the bucket allowlist', () => {
  it('refuses a query on another bucket with ACCESS_DENIED and no store request', async () => {
    for (const query of [
      `{ object(bucket: "secret-bucket", key: "a.txt") { key } }`,
      `{ objects(refs: [{ bucket: "secret-bucket", key: "a.txt" }]) { key } }`,
      `{ bucket(name: "secret-bucket") { objects { nodes { key } } } }`,
    ]) {
      const error = onlyError(await stack.graphql(query));
      expect(error?.extensions?.['code']).toBe('ACCESS_DENIED');
      expect(error?.message).toContain('secret-bucket');
    }
    expect(stack.store.stats.total()).toBe(0);
  });

  it('refuses mutations on another bucket with an AccessDeniedError and no store request', async () => {
    const result = await stack.graphql(
      `mutation { putObject(input: { bucket: "secret-bucket", key: "x", content: "x" }) { __typename ... on Error { code message } } }`,
    );
    expect(result.data?.putObject).toMatchObject({ __typename: 'AccessDeniedError', code: 'ACCESS_DENIED' });
    const copy = await stack.graphql(
      `mutation { copyObject(input: { sourceBucket: "secret-bucket", sourceKey: "x", bucket: "${BUCKET}", key: "y" }) { __typename } }`,
    );
    expect(copy.data?.copyObject).toEqual({ __typename: 'AccessDeniedError' });
    expect(stack.store.stats.total()).toBe(0);
  });

  it('lists only allowed buckets', async () => {
    const result = await stack.graphql(`{ buckets { name creationDate } }`);
    expect(result.data?.buckets.map((b: { name: string }) => b.name)).toEqual([BUCKET]);
  });
});

describe('other query errors', () => {
  it('a listing of a missing bucket is NOT_FOUND with the OSS request id', async () => {
    const open = await startGraphQLStack({ buckets: [BUCKET] });
    try {
      const error = onlyError(await open.graphql(`{ bucket(name: "no-such-bucket") { objects { nodes { key } } } }`));
      expect(error?.extensions).toMatchObject({ code: 'NOT_FOUND', ossCode: 'NoSuchBucket' });
      expect(error?.extensions?.['requestId']).toMatch(/\S/);
      expect(error?.message).not.toContain('127.0.0.1');
    } finally {
      await open.close();
    }
  });

  it('a missing object is null, not an error', async () => {
    const result = await stack.graphql(`{ object(bucket: "${BUCKET}", key: "missing") { key contentType } }`);
    expect(result).toEqual({ data: { object: null } });
  });
});

describe('fields without store requests', () => {
  it('downloadUrl of a listed object costs nothing and serves the object', async () => {
    const result = await stack.graphql(`{ bucket(name: "${BUCKET}") { objects { nodes { key downloadUrl(expiresIn: 60) } } } }`);
    expect(stack.store.stats.snapshot()).toEqual({ ListObjectsV2: 1 });
    const url = result.data?.bucket.objects.nodes[0].downloadUrl as string;
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('body of a.txt');
  });

  it('cors(origin, method) is one HeadObject per distinct (object, origin, method)', async () => {
    const result = await stack.graphql(`{ object(bucket: "${BUCKET}", key: "a.txt") {
      a: cors(origin: "https://app.example") { allowOrigin allowMethods maxAge }
      b: cors(origin: "https://app.example") { allowOrigin }
      c: cors(origin: "https://app.example", method: "PUT") { allowMethods }
    } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data?.object.a.allowOrigin).toMatch(/\*|https:\/\/app\.example/);
    expect(stack.store.stats.snapshot()).toEqual({ GetObjectMeta: 1, HeadObject: 2 });
  });
});
