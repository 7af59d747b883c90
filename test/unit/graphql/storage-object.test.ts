import { describe, expect, it } from 'vitest';
import { createFakeOssApi } from './fake-oss-api.js';
import { execute, testSettings } from './execute.js';

const FIVE_GB = 5 * 1024 * 1024 * 1024;

describe('StorageObject over a fake store', () => {
  it('serialises sizes beyond 2^31 as SafeInt and dates as ISO 8601', async () => {
    const fake = createFakeOssApi({ 'big.iso': { size: FIVE_GB } });
    const { result, context } = await execute(fake.api, `{ object(bucket: "b1b", key: "big.iso") { contentLength lastModified } }`);
    expect(result).toEqual({ data: { object: { contentLength: FIVE_GB, lastModified: '2024-05-01T12:00:00.000Z' } } });
    expect(context.storeRequests()).toBe(1);
  });

  it('chooses the level by looking ahead through aliases, fragments and inline fragments', async () => {
    const fake = createFakeOssApi({ a: { size: 1, contentType: 'text/plain', metadata: { Zed: 'z', alpha: 'a' } } });
    const { result } = await execute(
      fake.api,
      `{ x: object(bucket: "b1b", key: "a") { ...F } y: object(bucket: "b1b", key: "a") { size: contentLength } }
       fragment F on StorageObject { ... on StorageObject { meta: metadata { key value } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      x: { meta: [{ key: 'alpha', value: 'a' }, { key: 'zed', value: 'z' }] },
      y: { size: 1 },
    });
    expect(fake.calls).toEqual(['HeadObject']);
  });

  it('honours @include(if: false) on the only full field', async () => {
    const fake = createFakeOssApi({ a: { size: 1, contentType: 'text/plain' } });
    await execute(fake.api, `query Q($on: Boolean!) { object(bucket: "b1b", key: "a") { key contentType @include(if: $on) } }`, { on: false });
    expect(fake.calls).toEqual(['GetObjectMeta']);
  });

  it('objects(refs) keeps input order with nulls, one request per distinct ref', async () => {
    const fake = createFakeOssApi({ a: { size: 1 }, b: { size: 2 } });
    const { result, context } = await execute(fake.api, `{ objects(refs: [{bucket: "b1b", key: "b"}, {bucket: "b1b", key: "x"}, {bucket: "b1b", key: "a"}, {bucket: "b1b", key: "b"}]) { key contentLength } }`);
    expect(result.data).toEqual({ objects: [{ key: 'b', contentLength: 2 }, null, { key: 'a', contentLength: 1 }, { key: 'b', contentLength: 2 }] });
    expect(fake.calls).toEqual(['GetObjectMeta', 'GetObjectMeta', 'GetObjectMeta']);
    expect(context.storeRequests()).toBe(3);
  });

  it('listed fields cost nothing beyond the listing; downloadUrl costs nothing', async () => {
    const fake = createFakeOssApi({ 'p/a': { size: 1 }, 'p/b': { size: 2 } });
    const { result } = await execute(fake.api, `{ bucket(name: "b1b") { objects(prefix: "p/") { edges { cursor node { key contentLength etag storageClass objectType downloadUrl(expiresIn: 60) } } pageInfo { hasNextPage hasPreviousPage } } } }`);
    expect(result.errors).toBeUndefined();
    const edges = (result.data as any).bucket.objects.edges;
    expect(edges[1].node).toEqual({ key: 'p/b', contentLength: 2, etag: '"p/b"', storageClass: 'STANDARD', objectType: 'NORMAL', downloadUrl: 'https://signed.example/b1b/p/b?expires=60' });
    expect(fake.calls).toEqual(['ListObjectsV2']);
  });

  it('refs over the maximum and bad refs are BAD_USER_INPUT before any request', async () => {
    const fake = createFakeOssApi({});
    const refs = Array.from({ length: 3 }, (_, i) => ({ bucket: 'b1b', key: `k${i}` }));
    const { result } = await execute(fake.api, `query Q($refs: [ObjectRefInput!]!) { objects(refs: $refs) { key } }`, { refs }, testSettings({ maxRefs: 2 }));
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'refs', value: '"3 refs"' });
    expect(fake.calls).toEqual([]);
  });
});
