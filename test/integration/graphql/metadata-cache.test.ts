/**
 * The cross-request metadata cache (OSSGRAPH_METADATA_CACHE_TTL), measured at local-oss: a hit
 * costs no store request, a miss one per object as without the cache, errors and CORS probes are
 * never kept, every mutation invalidates what it changed, the editor reads fresh, and a write by
 * another client is seen within the TTL.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startGraphQLStack } from '../../helpers/graphql-stack.js';
import type { GraphQLStack } from '../../helpers/graphql-stack.js';

const BUCKET = 'photos';
const keys = Array.from({ length: 20 }, (_, i) => `cached/object-${String(i).padStart(2, '0')}.txt`);
const refs = keys.map((key) => ({ bucket: BUCKET, key }));
const FULL = `query Full($refs: [ObjectRefInput!]!) { objects(refs: $refs) { key contentLength etag contentType metadata { key value } } }`;
const BASIC = `query Basic($refs: [ObjectRefInput!]!) { objects(refs: $refs) { key contentLength etag } }`;
const ONE = `query One($key: String!) { object(bucket: "${BUCKET}", key: $key) { key etag contentType taggingCount storageClass restore { ongoing } metadata { key value } } }`;
const TAIL = `... on Error { code message }`;

let stack: GraphQLStack;

beforeAll(async () => {
  stack = await startGraphQLStack({ buckets: [BUCKET], config: { metadataCacheTtlMs: 60_000 } });
  await stack.seed(
    BUCKET,
    keys.map((key) => ({ key, contentType: 'text/plain', metadata: { owner: 'tests' } })),
  );
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

/** Reads `key` (full fields) and returns the object with the store requests the read cost. */
async function read(key: string): Promise<{ object: Record<string, any> | null; requests: Record<string, number> }> {
  stack.store.stats.reset();
  const result = await stack.graphql(ONE, { key });
  expect(result.errors).toBeUndefined();
  const requests = counts();
  stack.store.stats.reset();
  return { object: result.data?.['object'] ?? null, requests };
}

/** Runs a mutation and expects `success` as its typename. */
async function mutate(document: string, input: Record<string, unknown>, success: string): Promise<Record<string, any>> {
  const result = await stack.graphql(document, { input });
  expect(result.errors).toBeUndefined();
  const answer = Object.values(result.data ?? {})[0] as Record<string, any>;
  expect(answer, JSON.stringify(answer)).toMatchObject({ __typename: success });
  return answer;
}

/** Puts `key` through the store's other door (not ossgraph): no invalidation. */
async function putOutside(key: string, contentType: string): Promise<void> {
  await stack.aliOss(BUCKET).put(key, Buffer.from(`outside ${contentType}`), { headers: { 'Content-Type': contentType } });
  stack.store.stats.reset();
}

describe('hits and misses', () => {
  it('20 objects: 20 HeadObject, then 0 requests; the same answers', async () => {
    const first = await stack.graphql(FULL, { refs });
    expect(first.errors).toBeUndefined();
    expect(counts()).toEqual({ HeadObject: 20 });
    stack.store.stats.reset();
    const second = await stack.graphql(FULL, { refs });
    expect(counts()).toEqual({});
    expect(second).toEqual(first);
  });

  it('a kept HeadObject answers basic fields too; a kept GetObjectMeta does not answer full ones', async () => {
    await stack.graphql(FULL, { refs: refs.slice(0, 5) });
    stack.store.stats.reset();
    const basic = await stack.graphql(BASIC, { refs: refs.slice(0, 5) });
    expect(basic.data?.objects[2]).toMatchObject({ key: keys[2], contentLength: `body of ${keys[2]}`.length });
    expect(counts()).toEqual({});
    const fresh = [{ bucket: BUCKET, key: 'cached/basic-only.txt' }];
    await stack.seed(BUCKET, [{ key: 'cached/basic-only.txt', contentType: 'text/csv' }]);
    await stack.graphql(BASIC, { refs: fresh });
    expect(counts()).toEqual({ GetObjectMeta: 1 });
    stack.store.stats.reset();
    await stack.graphql(BASIC, { refs: fresh });
    expect(counts()).toEqual({});
    const full = await stack.graphql(FULL, { refs: fresh });
    expect(full.data?.objects[0]).toMatchObject({ contentType: 'text/csv' });
    expect(counts()).toEqual({ HeadObject: 1 });
  });

  it('a missing object is not kept: every read asks again, and sees it once it exists', async () => {
    const key = 'cached/later.txt';
    expect(await read(key)).toEqual({ object: null, requests: { HeadObject: 1 } });
    expect(await read(key)).toEqual({ object: null, requests: { HeadObject: 1 } });
    await putOutside(key, 'text/x-later');
    const seen = await read(key);
    expect(seen.object).toMatchObject({ contentType: 'text/x-later' });
    expect(seen.requests).toEqual({ HeadObject: 1 });
  });

  it('CORS probes are not kept (their answer depends on the origin)', async () => {
    const query = `{ object(bucket: "${BUCKET}", key: "${keys[0]}") { cors(origin: "https://app.example") { allowOrigin } } }`;
    await stack.graphql(query);
    const firstCount = stack.store.stats.total();
    expect(firstCount).toBeGreaterThan(0);
    stack.store.stats.reset();
    await stack.graphql(query);
    expect(stack.store.stats.snapshot()['HeadObject']).toBeGreaterThanOrEqual(1);
  });

  it('a symlink\'s HeadObject answer is not kept (it carries the target\'s ETag); its target\'s is', async () => {
    await stack.app.api.putObject({ bucket: BUCKET, key: 'cached/target.txt', body: 'one', contentType: 'text/target' });
    await stack.app.api.putSymlink({ bucket: BUCKET, key: 'cached/link', target: 'cached/target.txt' });
    const link = await read('cached/link');
    expect(link).toMatchObject({ requests: { HeadObject: 1 } });
    expect((await read('cached/link')).requests).toEqual({ HeadObject: 1 });
    await read('cached/target.txt');
    expect((await read('cached/target.txt')).requests).toEqual({});
    // A write to the target: the link shows it at once.
    await stack.app.api.putObject({ bucket: BUCKET, key: 'cached/target.txt', body: 'a longer body', contentType: 'text/target' });
    const after = await read('cached/link');
    expect(after.object?.['etag']).not.toBe(link.object?.['etag']);
  });

  it('hits and misses are counted in /metrics', async () => {
    const metric = async (name: string): Promise<number> => {
      const text = await (await stack.app.fetch('http://ossgraph.test/metrics')).text();
      return Number(new RegExp(`^${name} (\\d+)$`, 'm').exec(text)?.[1] ?? NaN);
    };
    const [hits, misses] = [await metric('ossgraph_metadata_cache_hits_total'), await metric('ossgraph_metadata_cache_misses_total')];
    await stack.graphql(FULL, { refs: refs.slice(0, 3) });
    expect(await metric('ossgraph_metadata_cache_hits_total')).toBe(hits + 3);
    expect(await metric('ossgraph_metadata_cache_misses_total')).toBe(misses);
    await stack.graphql(`{ object(bucket: "${BUCKET}", key: "cached/nowhere.txt") { contentType } }`);
    expect(await metric('ossgraph_metadata_cache_misses_total')).toBe(misses + 1);
    expect(await metric('ossgraph_metadata_cache_entries')).toBeGreaterThan(0);
  });

  it('a write by another client is seen after the TTL, not before', async () => {
    const short = await startGraphQLStack({ buckets: [BUCKET], config: { metadataCacheTtlMs: 400 } });
    try {
      await short.seed(BUCKET, [{ key: 'ttl.txt', contentType: 'text/old' }]);
      const q = `{ object(bucket: "${BUCKET}", key: "ttl.txt") { contentType } }`;
      expect((await short.graphql(q)).data?.['object']).toEqual({ contentType: 'text/old' });
      await short.aliOss(BUCKET).put('ttl.txt', Buffer.from('new'), { headers: { 'Content-Type': 'text/new' } });
      short.store.stats.reset();
      // Within the TTL the old answer may still be served (that is the staleness the README states)…
      const within = (await short.graphql(q)).data?.['object'];
      expect(['text/old', 'text/new']).toContain(within.contentType);
      await new Promise((resolve) => setTimeout(resolve, 600));
      short.store.stats.reset();
      // …and after it never.
      expect((await short.graphql(q)).data?.['object']).toEqual({ contentType: 'text/new' });
      expect(short.store.stats.snapshot()).toEqual({ HeadObject: 1 });
    } finally {
      await short.close();
    }
  });
});

describe('every mutation invalidates what it changed', () => {
  /** Seeds `key`, reads it twice (the second a hit), and returns the cached object. */
  async function cached(key: string, extra: Record<string, unknown> = {}): Promise<Record<string, any>> {
    await mutate(
      `mutation ($input: PutObjectInput!) { putObject(input: $input) { __typename ${TAIL} } }`,
      { bucket: BUCKET, key, content: `first ${key}`, contentType: 'text/first', metadata: [{ key: 'gen', value: '1' }], ...extra },
      'PutObjectSuccess',
    );
    const first = await read(key);
    expect(first.requests).toEqual({ HeadObject: 1 });
    const second = await read(key);
    expect(second.requests).toEqual({});
    expect(second.object).toEqual(first.object);
    return first.object as Record<string, any>;
  }

  /**
   * After a mutation: the next read costs one HeadObject (none when the mutation's own result
   * already read the new state through the loaders), and the one after is a hit again.
   */
  async function readAfter(key: string, requests: Record<string, number> = { HeadObject: 1 }): Promise<Record<string, any> | null> {
    const after = await read(key);
    expect(after.requests).toEqual(requests);
    expect((await read(key)).requests).toEqual(after.object === null ? { HeadObject: 1 } : {});
    return after.object;
  }

  it('putObject', async () => {
    const before = await cached('m/put.txt');
    await mutate(
      `mutation ($input: PutObjectInput!) { putObject(input: $input) { __typename ${TAIL} } }`,
      { bucket: BUCKET, key: 'm/put.txt', content: 'second', contentType: 'text/second' },
      'PutObjectSuccess',
    );
    const after = await readAfter('m/put.txt');
    expect(after).toMatchObject({ contentType: 'text/second' });
    expect(after?.['etag']).not.toBe(before['etag']);
  });

  it('copyObject: the destination, and a deleted source', async () => {
    await cached('m/copy-source.txt', { contentType: 'text/source' });
    await cached('m/copy-dest.txt');
    await mutate(
      `mutation ($input: CopyObjectInput!) { copyObject(input: $input) { __typename ${TAIL} } }`,
      { sourceBucket: BUCKET, sourceKey: 'm/copy-source.txt', bucket: BUCKET, key: 'm/copy-dest.txt', deleteSource: true },
      'CopyObjectSuccess',
    );
    expect(await readAfter('m/copy-dest.txt')).toMatchObject({ contentType: 'text/source' });
    expect(await readAfter('m/copy-source.txt')).toBeNull();
  });

  it('updateMetadata, and its own reads are fresh though the cache holds an older answer', async () => {
    await cached('m/update.txt');
    // Another client changes the object: the cache still holds the old ETag; the editor must not use it.
    await putOutside('m/update.txt', 'text/outside');
    const answer = await mutate(
      `mutation ($input: UpdateMetadataInput!) { updateMetadata(input: $input) { __typename ... on UpdateMetadataSuccess { object { contentType metadata { key value } } } ${TAIL} } }`,
      { bucket: BUCKET, key: 'm/update.txt', set: [{ key: 'gen', value: '2' }] },
      'UpdateMetadataSuccess',
    );
    expect(answer['object']).toMatchObject({ contentType: 'text/outside', metadata: [{ key: 'gen', value: '2' }] });
    // The result above read the new state after the write's invalidation, and was kept.
    expect(await readAfter('m/update.txt', {})).toMatchObject({ contentType: 'text/outside', metadata: [{ key: 'gen', value: '2' }] });
  });

  it('replaceMetadata', async () => {
    await cached('m/replace.txt');
    await mutate(
      `mutation ($input: ReplaceMetadataInput!) { replaceMetadata(input: $input) { __typename ${TAIL} } }`,
      { bucket: BUCKET, key: 'm/replace.txt', metadata: [{ key: 'gen', value: '3' }], contentType: 'text/replaced' },
      'ReplaceMetadataSuccess',
    );
    expect(await readAfter('m/replace.txt')).toMatchObject({ contentType: 'text/replaced', metadata: [{ key: 'gen', value: '3' }] });
  });

  it('setTags and updateTags (taggingCount is in the HeadObject answer)', async () => {
    expect(await cached('m/tags.txt')).toMatchObject({ taggingCount: null });
    await mutate(
      `mutation ($input: SetTagsInput!) { setTags(input: $input) { __typename ${TAIL} } }`,
      { bucket: BUCKET, key: 'm/tags.txt', tags: [{ key: 'a', value: '1' }] },
      'SetTagsSuccess',
    );
    expect(await readAfter('m/tags.txt')).toMatchObject({ taggingCount: 1 });
    await mutate(
      `mutation ($input: UpdateTagsInput!) { updateTags(input: $input) { __typename ${TAIL} } }`,
      { bucket: BUCKET, key: 'm/tags.txt', set: [{ key: 'b', value: '2' }] },
      'UpdateTagsSuccess',
    );
    expect(await readAfter('m/tags.txt')).toMatchObject({ taggingCount: 2 });
  });

  it('setObjectAcl', async () => {
    const before = await cached('m/acl.txt');
    await mutate(
      `mutation ($input: SetObjectAclInput!) { setObjectAcl(input: $input) { __typename ${TAIL} } }`,
      { bucket: BUCKET, key: 'm/acl.txt', acl: 'PUBLIC_READ' },
      'SetObjectAclSuccess',
    );
    expect(await readAfter('m/acl.txt')).toMatchObject({ etag: before['etag'] });
  });

  it('restoreObject', async () => {
    expect(await cached('m/archived.bin', { storageClass: 'ARCHIVE' })).toMatchObject({ storageClass: 'ARCHIVE', restore: null });
    await mutate(
      `mutation ($input: RestoreObjectInput!) { restoreObject(input: $input) { __typename ${TAIL} } }`,
      { bucket: BUCKET, key: 'm/archived.bin', days: 1 },
      'RestoreObjectSuccess',
    );
    expect((await readAfter('m/archived.bin'))?.['restore']).not.toBeNull();
  });

  it('deleteObject', async () => {
    await cached('m/delete.txt');
    await mutate(`mutation ($input: DeleteObjectInput!) { deleteObject(input: $input) { __typename ${TAIL} } }`, { bucket: BUCKET, key: 'm/delete.txt' }, 'DeleteObjectSuccess');
    expect(await readAfter('m/delete.txt')).toBeNull();
  });

  it('deleteObjects', async () => {
    await cached('m/batch-1.txt');
    await cached('m/batch-2.txt');
    await mutate(
      `mutation ($input: DeleteObjectsInput!) { deleteObjects(input: $input) { __typename ${TAIL} } }`,
      { bucket: BUCKET, objects: [{ key: 'm/batch-1.txt' }, { key: 'm/batch-2.txt' }] },
      'DeleteObjectsSuccess',
    );
    expect(await readAfter('m/batch-1.txt')).toBeNull();
    expect(await readAfter('m/batch-2.txt')).toBeNull();
  });

  it('writes through app.api (the process-wide API) invalidate too', async () => {
    await cached('m/app-api.txt');
    await stack.app.api.putObject({ bucket: BUCKET, key: 'm/app-api.txt', body: 'x', contentType: 'text/app-api' });
    expect(await readAfter('m/app-api.txt')).toMatchObject({ contentType: 'text/app-api' });
  });

  it('a mutation result read in the same request shows the new state', async () => {
    await cached('m/same-request.txt');
    const answer = await mutate(
      `mutation ($input: PutObjectInput!) { putObject(input: $input) { __typename ... on PutObjectSuccess { object { contentType } } ${TAIL} } }`,
      { bucket: BUCKET, key: 'm/same-request.txt', content: 'new', contentType: 'text/same-request' },
      'PutObjectSuccess',
    );
    expect(answer['object']).toEqual({ contentType: 'text/same-request' });
  });
});
