/**
 * Compiled execution (graphql-jit, the default) against the standard executor on the real
 * schema: two apps over one local-oss, the same documents, the same answers (data, errors and
 * their codes, paths and messages) and the same store requests, counted at local-oss.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app.js';
import type { App } from '../../../src/app.js';
import { loadConfig } from '../../../src/config/index.js';
import { startGraphQLStack } from '../../helpers/graphql-stack.js';
import type { GraphQLStack } from '../../helpers/graphql-stack.js';
import { storeEnv } from '../../helpers/local-oss.js';

const BUCKET = 'photos';
let stack: GraphQLStack;
let standard: App;

beforeAll(async () => {
  const config = { subgraph: true, allowedBuckets: [BUCKET, 'missing-bucket'] };
  stack = await startGraphQLStack({ buckets: [BUCKET, 'other'], config });
  standard = createApp({ ...loadConfig({ ...storeEnv(stack.store), OSSGRAPH_LOG_LEVEL: 'silent' }), ...config, compiledExecution: false });
  await stack.seed(BUCKET, [
    { key: 'a.txt', contentType: 'text/plain', metadata: { owner: 'ann', team: 'x' } },
    { key: 'b.txt', contentType: 'text/markdown' },
    { key: 'docs/1.txt' },
    { key: 'docs/2.txt' },
    { key: 'docs/sub/3.txt' },
  ]);
});

afterAll(async () => {
  await standard.close();
  await stack.close();
});

/** Fields that differ between two runs by nature: request ids of the store and of the HTTP request. */
function stable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stable);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => k !== 'requestId' && k !== 'httpRequestId' && k !== 'storeRequestIds')
      .map(([k, v]) => [k, stable(v)]),
  );
}

async function send(app: App, path: string, query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) {
  stack.store.stats.reset();
  const response = await app.fetch(`http://ossgraph.test${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Record<string, unknown>;
  return { status: response.status, body: stable(body) as Record<string, any>, store: stack.store.stats.snapshot() };
}

/** Runs the document on both apps (twice on the compiled one: compiled on first use, then cached) and expects the same. */
async function parity(query: string, variables?: Record<string, unknown>, path = '/graphql', headers: Record<string, string> = {}) {
  const first = await send(stack.app, path, query, variables, headers);
  const cached = await send(stack.app, path, query, variables, headers);
  const reference = await send(standard, path, query, variables, headers);
  expect(first).toEqual(reference);
  expect(cached).toEqual(reference);
  return reference;
}

const FIELDS = 'bucket key contentLength contentType etag lastModified metadata { key value } metadataValue(key: "owner") id';

describe('compiled and standard execution agree', () => {
  it('Query.object: fields, aliases, fragments, @skip/@include, a missing object, a denied bucket, a bad argument', async () => {
    expect((await parity(`query O($k: String!) { object(bucket: "photos", key: $k) { ${FIELDS} } }`, { k: 'a.txt' })).body.data.object.metadataValue).toBe('ann');
    await parity(`query O($k: String! = "b.txt", $full: Boolean!) {
      x: object(bucket: "photos", key: $k) { ...F storageClass @include(if: $full) }
      y: object(bucket: "photos", key: "a.txt") { key ... on StorageObject @skip(if: $full) { contentType } }
      z: object(bucket: "photos", key: "nope") { key }
    }
    fragment F on StorageObject { key contentType @include(if: $full) contentLength }`, { full: true });
    await parity('{ object(bucket: "other", key: "a.txt") { key } }');
    await parity('{ object(bucket: "photos", key: "/abs") { key } }');
  });

  it('Query.objects: order, duplicates, nulls, per-ref errors and a bad ref', async () => {
    const refs = [
      { bucket: BUCKET, key: 'b.txt' },
      { bucket: BUCKET, key: 'nope' },
      { bucket: BUCKET, key: 'a.txt' },
      { bucket: BUCKET, key: 'b.txt' },
    ];
    const { body, store } = await parity(`query M($refs: [ObjectRefInput!]!) { objects(refs: $refs) { key contentType metadata { key } } }`, { refs });
    expect(body.data.objects.map((o: { key: string } | null) => o?.key ?? null)).toEqual(['b.txt', null, 'a.txt', 'b.txt']);
    expect(store).toEqual({ HeadObject: 3 });
    await parity(`query M($refs: [ObjectRefInput!]!) { objects(refs: $refs) { key } }`, { refs: [{ bucket: BUCKET, key: 'a.txt' }, { bucket: 'Bad_Name', key: 'x' }] });
  });

  it('listings: nodes, edges, cursors, folders and pages; a missing bucket', async () => {
    const page = await parity(`query L($after: String) { bucket(name: "photos") { name objects(prefix: "docs/", delimiter: "/", first: 1, after: $after) {
      folders nodes { key contentLength etag } edges { cursor node { key lastModified } } pageInfo { hasNextPage endCursor } } } }`);
    const after = page.body.data.bucket.objects.pageInfo.endCursor as string;
    await parity(`query L($after: String) { bucket(name: "photos") { objects(prefix: "docs/", first: 1, after: $after) { nodes { key contentType } } } }`, { after });
    await parity('{ bucket(name: "missing-bucket") { objects { nodes { key } } } }');
    await parity('{ bucket(name: "photos") { objects(first: 0) { nodes { key } } } }');
  });

  it('mutations with union results, in order', async () => {
    const put = `mutation P($input: PutObjectInput!) { putObject(input: $input) { __typename ... on PutObjectSuccess { etag object { key contentType contentLength } } ... on Error { code message } } }`;
    await parity(put, { input: { bucket: BUCKET, key: 'new.txt', content: 'same body', contentType: 'text/plain' } });
    await parity(put, { input: { bucket: BUCKET, key: 'Bad\r\nkey', content: 'x' } });
    await parity(put, { input: { bucket: 'other', key: 'x.txt', content: 'x' } });
    await parity(`mutation U { a: updateMetadata(input: { bucket: "photos", key: "new.txt", set: [{ key: "k", value: "v" }] }) { __typename ... on Error { code } }
      b: updateMetadata(input: { bucket: "photos", key: "gone.txt", set: [{ key: "k", value: "v" }] }) { __typename ... on Error { code message } } }`);
  });

  it('_entities on /subgraph, with an ftv1 trace when asked', async () => {
    const query = 'query E($r: [_Any!]!) { _entities(representations: $r) { __typename ... on StorageObject { key contentType } } }';
    const r = [
      { __typename: 'StorageObject', bucket: BUCKET, key: 'a.txt' },
      { __typename: 'StorageObject', bucket: BUCKET, key: 'nope' },
      { __typename: 'StorageObject', bucket: BUCKET, key: null },
      { __typename: 'StorageObject', bucket: 'other', key: 'a.txt' },
    ];
    const { body } = await parity(query, { r }, '/subgraph');
    expect(body.data._entities).toEqual([{ __typename: 'StorageObject', key: 'a.txt', contentType: 'text/plain' }, null, null, null]);
    const traced = await send(stack.app, '/subgraph', query, { r: r.slice(0, 1) }, { 'apollo-federation-include-trace': 'ftv1' });
    expect(typeof traced.body.extensions?.ftv1).toBe('string');
  });
});
