/**
 * The object surface of issue 14 through `/graphql` against local-oss: the new lazy fields
 * (tags, acl, image, symlinkTarget, restore, expiration, enums, id/node) with their store requests
 * counted at local-oss, and every new mutation end to end, read back with ali-oss.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startGraphQLStack } from '../../helpers/graphql-stack.js';
import type { GraphQLStack } from '../../helpers/graphql-stack.js';
import { deterministicBytes } from '../../helpers/deterministic-bytes.js';
import { pngOf } from '../../helpers/tiny-images.js';

const BUCKET = 'surface';
const KIB = 1024;
const THRESHOLD = 300 * KIB;
const N = 12;
const tagged = Array.from({ length: N }, (_, i) => `tagged/t-${String(i).padStart(2, '0')}.txt`);
const images = Array.from({ length: 4 }, (_, i) => `img/p-${i}.png`);

let stack: GraphQLStack;

beforeAll(async () => {
  stack = await startGraphQLStack({
    buckets: [BUCKET],
    config: { copyThresholdBytes: THRESHOLD, copyPartSizeBytes: 100 * KIB, maxUploadBytes: 1024 * KIB },
  });
  const api = stack.app.api;
  await Promise.all(
    tagged.map(async (key, i) => {
      await api.putObject({ bucket: BUCKET, key, body: `body ${i}`, contentType: 'text/plain' });
      await api.putObjectTagging({ bucket: BUCKET, key, tags: [{ key: 'n', value: String(i) }, { key: 'kind', value: 'text' }] });
    }),
  );
  await Promise.all(images.map((key, i) => api.putObject({ bucket: BUCKET, key, body: pngOf(3 + i, 2 + i), contentType: 'image/png' })));
  await api.putObject({ bucket: BUCKET, key: 'img/not-an-image.png', body: 'plain text', contentType: 'image/png' });
  await api.putSymlink({ bucket: BUCKET, key: 'links/to-t0', target: tagged[0] as string });
  stack.store.stats.reset();
});

afterAll(async () => {
  await stack.close();
});

beforeEach(() => {
  stack.store.stats.reset();
});

const counts = (): Record<string, number> => stack.store.stats.snapshot();
const refs = (keys: readonly string[]) => keys.map((key) => ({ bucket: BUCKET, key }));

/** The tags of `key` as ali-oss reads them (its typings lack getObjectTagging). */
async function aliTags(key: string): Promise<Record<string, string>> {
  const oss = stack.aliOss(BUCKET) as unknown as { getObjectTagging(name: string): Promise<{ tag: Record<string, string> }> };
  return (await oss.getObjectTagging(key)).tag;
}

async function ok<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<T> {
  const result = await stack.graphql<T>(query, variables);
  expect(result.errors).toBeUndefined();
  return result.data as T;
}

describe('store requests of the new fields', () => {
  it(`${N} listed objects with tags: 1 ListObjectsV2 + ${N} GetObjectTagging`, async () => {
    const data = await ok(`{ bucket(name: "${BUCKET}") { objects(prefix: "tagged/", first: 100) { nodes { key contentLength storageClass tags { key value } } } } }`);
    const nodes = data['bucket'].objects.nodes;
    expect(nodes).toHaveLength(N);
    expect(nodes[3]).toMatchObject({ key: tagged[3], storageClass: 'STANDARD', tags: [{ key: 'n', value: '3' }, { key: 'kind', value: 'text' }] });
    expect(counts()).toEqual({ ListObjectsV2: 1, GetObjectTagging: N });
  });

  it(`${N} objects by refs with only tags: ${N} GetObjectTagging and nothing else; NoSuchKey answers existence`, async () => {
    const data = await ok(`query ($refs: [ObjectRefInput!]!) { objects(refs: $refs) { key tags { key value } } }`, {
      refs: [...refs(tagged), { bucket: BUCKET, key: 'tagged/missing.txt' }],
    });
    expect(data['objects']).toHaveLength(N + 1);
    expect(data['objects'][N]).toBeNull();
    expect(data['objects'][5].tags).toContainEqual({ key: 'n', value: '5' });
    expect(counts()).toEqual({ GetObjectTagging: N + 1 });
  });

  it('tags under aliases and fragments of the same objects: still one GetObjectTagging per object', async () => {
    const data = await ok(
      `query ($refs: [ObjectRefInput!]!) { a: objects(refs: $refs) { ...T } b: objects(refs: $refs) { tags { key } ... on StorageObject { t2: tags { value } } } }
       fragment T on StorageObject { tags { key value } }`,
      { refs: refs([...tagged.slice(0, 4), ...tagged.slice(0, 4)]) },
    );
    expect(data['a']).toHaveLength(8);
    expect(counts()).toEqual({ GetObjectTagging: 4 });
  });

  it('tags + contentType on one object: exactly one HeadObject and one GetObjectTagging', async () => {
    const data = await ok(`{ object(bucket: "${BUCKET}", key: "${tagged[1]}") { contentType tags { key value } } }`);
    expect(data['object']).toEqual({ contentType: 'text/plain', tags: [{ key: 'n', value: '1' }, { key: 'kind', value: 'text' }] });
    expect(counts()).toEqual({ HeadObject: 1, GetObjectTagging: 1 });
  });

  it('image on N objects: N image-info requests; null for a non-image', async () => {
    const data = await ok(`query ($refs: [ObjectRefInput!]!) { objects(refs: $refs) { key image { width height format } } }`, {
      refs: refs([...images, 'img/not-an-image.png']),
    });
    expect(data['objects'].map((o: any) => o.image)).toEqual([
      { width: 3, height: 2, format: 'png' },
      { width: 4, height: 3, format: 'png' },
      { width: 5, height: 4, format: 'png' },
      { width: 6, height: 5, format: 'png' },
      null,
    ]);
    expect(counts()).toEqual({ GetImageInfo: images.length + 1 });
  });

  it('listed images with image: 1 list + N image-info requests', async () => {
    const data = await ok(`{ bucket(name: "${BUCKET}") { objects(prefix: "img/p-") { nodes { key image { width } } } } }`);
    expect(data['bucket'].objects.nodes).toHaveLength(images.length);
    expect(counts()).toEqual({ ListObjectsV2: 1, GetImageInfo: images.length });
  });

  it('acl on N objects: N GetObjectAcl (enum values)', async () => {
    await stack.app.api.putObjectAcl({ bucket: BUCKET, key: tagged[2] as string, acl: 'public-read' });
    stack.store.stats.reset();
    const data = await ok(`query ($refs: [ObjectRefInput!]!) { objects(refs: $refs) { acl } }`, { refs: refs(tagged.slice(0, 4)) });
    expect(data['objects'].map((o: any) => o.acl)).toEqual(['DEFAULT', 'DEFAULT', 'PUBLIC_READ', 'DEFAULT']);
    expect(counts()).toEqual({ GetObjectAcl: 4 });
  });

  it('symlinkTarget: one GetSymlink per object; null for a non-symlink; objectType SYMLINK', async () => {
    const data = await ok(`query ($refs: [ObjectRefInput!]!) { objects(refs: $refs) { key symlinkTarget } }`, {
      refs: refs(['links/to-t0', tagged[0] as string]),
    });
    expect(data['objects']).toEqual([
      { key: 'links/to-t0', symlinkTarget: tagged[0] },
      { key: tagged[0], symlinkTarget: null },
    ]);
    expect(counts()).toEqual({ GetSymlink: 2 });
    const typed = await ok(`{ object(bucket: "${BUCKET}", key: "links/to-t0") { objectType storageClass restore { ongoing } expiration { ruleId } } }`);
    expect(typed['object']).toEqual({ objectType: 'SYMLINK', storageClass: 'STANDARD', restore: null, expiration: null });
  });

  it('id costs nothing and node(id) round-trips (one request, chosen from the selection); a deleted object is null', async () => {
    const listed = await ok(`{ bucket(name: "${BUCKET}") { objects(prefix: "tagged/", first: 2) { nodes { id key } } } }`);
    expect(counts()).toEqual({ ListObjectsV2: 1 });
    const { id, key } = listed['bucket'].objects.nodes[1];
    stack.store.stats.reset();
    const node = await ok(`query ($id: ID!) { node(id: $id) { __typename id ... on StorageObject { bucket key contentType } } }`, { id });
    expect(node['node']).toEqual({ __typename: 'StorageObject', id, bucket: BUCKET, key, contentType: 'text/plain' });
    expect(counts()).toEqual({ HeadObject: 1 });

    await stack.app.api.putObject({ bucket: BUCKET, key: 'node/a:b c+%.txt', body: 'x' });
    const made = await ok(`{ object(bucket: "${BUCKET}", key: "node/a:b c+%.txt") { id } }`);
    const again = await ok(`query ($id: ID!) { node(id: $id) { ... on StorageObject { key } } }`, { id: made['object'].id });
    expect(again['node']).toEqual({ key: 'node/a:b c+%.txt' });
    await stack.app.api.deleteObject({ bucket: BUCKET, key: 'node/a:b c+%.txt' });
    expect((await ok(`query ($id: ID!) { node(id: $id) { id } }`, { id: made['object'].id }))['node']).toBeNull();

    const bad = await stack.graphql(`{ node(id: "bm90LWFuLWlk") { id } }`);
    expect(bad.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });
});

const MUTATION_TAIL = `... on Error { __typename code message }`;

describe('mutations, read back with ali-oss', () => {
  it('putObject with tags; setTags replaces; updateTags merges', async () => {
    const key = 'm/tags.txt';
    const put = await ok(`mutation ($input: PutObjectInput!) { putObject(input: $input) { __typename ... on PutObjectSuccess { object { tags { key value } } } ${MUTATION_TAIL} } }`, {
      input: { bucket: BUCKET, key, content: 'x', tags: [{ key: 'a b', value: '1+1=2' }, { key: 'c', value: 'x/y' }] },
    });
    expect(put['putObject'].object.tags).toEqual([{ key: 'a b', value: '1+1=2' }, { key: 'c', value: 'x/y' }]);
    expect((await aliTags(key))).toEqual({ 'a b': '1+1=2', c: 'x/y' });

    const set = await ok(`mutation ($input: SetTagsInput!) { setTags(input: $input) { __typename ... on SetTagsSuccess { requestId tags { key } } ${MUTATION_TAIL} } }`, {
      input: { bucket: BUCKET, key, tags: [{ key: 'only', value: 'this' }] },
    });
    expect(set['setTags']).toMatchObject({ __typename: 'SetTagsSuccess', tags: [{ key: 'only' }] });
    expect((await aliTags(key))).toEqual({ only: 'this' });

    const update = await ok(
      `mutation ($input: UpdateTagsInput!) { updateTags(input: $input) { __typename ... on UpdateTagsSuccess { tags { key value } object { tags { key value } } } ${MUTATION_TAIL} } }`,
      { input: { bucket: BUCKET, key, set: [{ key: 'new', value: 'v' }], remove: ['absent'] } },
    );
    expect(update['updateTags'].object.tags).toEqual([{ key: 'only', value: 'this' }, { key: 'new', value: 'v' }]);
    expect((await aliTags(key))).toEqual({ only: 'this', new: 'v' });

    const tooMany = await ok(`mutation ($input: SetTagsInput!) { setTags(input: $input) { __typename ${MUTATION_TAIL} } }`, {
      input: { bucket: BUCKET, key, tags: Array.from({ length: 11 }, (_, i) => ({ key: `k${i}`, value: '' })) },
    });
    expect(tooMany['setTags']).toMatchObject({ __typename: 'BadUserInputError', code: 'BAD_USER_INPUT' });
    const missing = await ok(`mutation ($input: SetTagsInput!) { setTags(input: $input) { __typename ${MUTATION_TAIL} } }`, {
      input: { bucket: BUCKET, key: 'm/missing', tags: [] },
    });
    expect(missing['setTags']).toMatchObject({ __typename: 'NotFoundError' });
  });

  it('10 concurrent updateTags on one object, each adding its own tag: none is lost', async () => {
    const key = 'm/concurrent-tags.txt';
    await stack.app.api.putObject({ bucket: BUCKET, key, body: 'x' });
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        stack.graphql(`mutation ($input: UpdateTagsInput!) { updateTags(input: $input) { __typename ${MUTATION_TAIL} } }`, {
          input: { bucket: BUCKET, key, set: [{ key: `t${i}`, value: String(i) }] },
        }),
      ),
    );
    for (const answer of answers) expect(answer.data?.['updateTags'].__typename).toBe('UpdateTagsSuccess');
    const tag = (await aliTags(key));
    expect(Object.keys(tag).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `t${i}`).sort());
  });

  it('setObjectAcl, read back with ali-oss and through acl', async () => {
    const key = 'm/acl.txt';
    await stack.app.api.putObject({ bucket: BUCKET, key, body: 'x' });
    const set = await ok(`mutation ($input: SetObjectAclInput!) { setObjectAcl(input: $input) { __typename ... on SetObjectAclSuccess { requestId object { acl } } ${MUTATION_TAIL} } }`, {
      input: { bucket: BUCKET, key, acl: 'PUBLIC_READ' },
    });
    expect(set['setObjectAcl']).toMatchObject({ __typename: 'SetObjectAclSuccess', object: { acl: 'PUBLIC_READ' } });
    expect((await stack.aliOss(BUCKET).getACL(key)).acl).toBe('public-read');
  });

  it('deleteObject: gone for ali-oss; a missing key succeeds', async () => {
    const key = 'm/delete me.txt';
    await stack.app.api.putObject({ bucket: BUCKET, key, body: 'x' });
    const answer = await ok(`mutation ($input: DeleteObjectInput!) { deleteObject(input: $input) { __typename ... on DeleteObjectSuccess { requestId deleteMarker versionId } ${MUTATION_TAIL} } }`, {
      input: { bucket: BUCKET, key },
    });
    expect(answer['deleteObject']).toMatchObject({ __typename: 'DeleteObjectSuccess', deleteMarker: false, versionId: null });
    await expect(stack.aliOss(BUCKET).head(key)).rejects.toMatchObject({ status: 404 });
    const again = await ok(`mutation ($input: DeleteObjectInput!) { deleteObject(input: $input) { __typename } }`, { input: { bucket: BUCKET, key } });
    expect(again['deleteObject'].__typename).toBe('DeleteObjectSuccess');
  });

  it('deleteObjects: one DeleteMultipleObjects deletes exactly keys with %, +, spaces and control characters', async () => {
    const doomed = ['d/100%.txt', 'd/a+b.txt', 'd/with space.txt', 'd/ctl\u0001\u001f.txt', 'd/cr\rlf\n.txt', 'd/tab\t.txt', 'd/amp&<lt>"q\'.txt', 'd/%41.txt'];
    // Near misses that must survive: what a wrong encoding or decoding would hit instead.
    const survivors = ['d/100%25.txt', 'd/a b.txt', 'd/with+space.txt', 'd/with%20space.txt', 'd/ctl.txt', 'd/cr\nlf\n.txt', 'd/A.txt'];
    await Promise.all([...doomed, ...survivors].map((key) => stack.app.api.putObject({ bucket: BUCKET, key, body: key })));
    stack.store.stats.reset();
    const answer = await ok(
      `mutation ($input: DeleteObjectsInput!) { deleteObjects(input: $input) { __typename ... on DeleteObjectsSuccess { requestId deleted { key deleteMarker } errors { key code } } ${MUTATION_TAIL} } }`,
      { input: { bucket: BUCKET, objects: [...doomed.map((key) => ({ key })), { key: 'd/never-existed' }] } },
    );
    expect(counts()).toEqual({ DeleteMultipleObjects: 1 });
    expect(answer['deleteObjects'].errors).toEqual([]);
    expect(answer['deleteObjects'].deleted.map((d: any) => d.key)).toEqual([...doomed, 'd/never-existed']);
    const left = await stack.app.api.listObjectsV2({ bucket: BUCKET, prefix: 'd/', maxKeys: 1000 });
    expect(left.contents.map((c) => c.key).sort()).toEqual([...survivors].sort());
    // ali-oss agrees for the keys it can address (its request signing does not take control characters).
    const oss = stack.aliOss(BUCKET);
    for (const key of survivors.filter((k) => !/[\u0000-\u001f]/.test(k))) expect((await oss.head(key)).status).toBe(200);
    for (const key of doomed.filter((k) => !/[\u0000-\u001f]/.test(k))) await expect(oss.head(key)).rejects.toMatchObject({ status: 404 });

    const quiet = await ok(`mutation ($input: DeleteObjectsInput!) { deleteObjects(input: $input) { ... on DeleteObjectsSuccess { deleted { key } errors { key } } } }`, {
      input: { bucket: BUCKET, objects: [{ key: 'd/A.txt' }], quiet: true },
    });
    expect(quiet['deleteObjects']).toEqual({ deleted: [], errors: [] });
    await expect(stack.aliOss(BUCKET).head('d/A.txt')).rejects.toMatchObject({ status: 404 });

    stack.store.stats.reset();
    const tooMany = await ok(`mutation ($input: DeleteObjectsInput!) { deleteObjects(input: $input) { __typename ${MUTATION_TAIL} } }`, {
      input: { bucket: BUCKET, objects: Array.from({ length: 1001 }, (_, i) => ({ key: `d/${i}` })) },
    });
    expect(tooMany['deleteObjects']).toMatchObject({ __typename: 'BadUserInputError' });
    const none = await ok(`mutation ($input: DeleteObjectsInput!) { deleteObjects(input: $input) { __typename } }`, { input: { bucket: BUCKET, objects: [] } });
    expect(none['deleteObjects'].__typename).toBe('BadUserInputError');
    expect(counts()).toEqual({});
  });

  it('restoreObject on an ARCHIVE object: STARTED, then the restore status; a STANDARD object is BAD_USER_INPUT', async () => {
    const key = 'm/archived.bin';
    const put = await ok(`mutation ($input: PutObjectInput!) { putObject(input: $input) { __typename ... on PutObjectSuccess { object { storageClass } } } }`, {
      input: { bucket: BUCKET, key, content: 'cold', storageClass: 'ARCHIVE' },
    });
    expect(put['putObject']).toEqual({ __typename: 'PutObjectSuccess', object: { storageClass: 'ARCHIVE' } });
    const restore = `mutation ($input: RestoreObjectInput!) { restoreObject(input: $input) { __typename ... on RestoreObjectSuccess { status object { restore { ongoing expiresAt } } } ${MUTATION_TAIL} } }`;
    const first = await ok(restore, { input: { bucket: BUCKET, key, days: 2 } });
    expect(first['restoreObject'].__typename).toBe('RestoreObjectSuccess');
    expect(first['restoreObject'].status).toBe('STARTED');
    expect(first['restoreObject'].object.restore).not.toBeNull();
    const head = await stack.aliOss(BUCKET).head(key);
    expect((head.res.headers as Record<string, string>)['x-oss-restore']).toMatch(/ongoing-request="(true|false)"/);
    const second = await ok(restore, { input: { bucket: BUCKET, key, days: 2 } });
    expect(['IN_PROGRESS', 'ALREADY_RESTORED']).toContain(second['restoreObject'].status);
    const standard = await ok(restore, { input: { bucket: BUCKET, key: tagged[0], tier: 'BULK' } });
    expect(standard['restoreObject']).toMatchObject({ __typename: 'BadUserInputError' });
  });

  it('copyObject: COPY carries the tags; REPLACE sets the given ones; COPY with tags is BAD_USER_INPUT', async () => {
    const COPY = `mutation ($input: CopyObjectInput!) { copyObject(input: $input) { __typename ... on CopyObjectSuccess { method object { tags { key value } } } ${MUTATION_TAIL} } }`;
    const base = { sourceBucket: BUCKET, sourceKey: tagged[4], bucket: BUCKET };
    const copied = await ok(COPY, { input: { ...base, key: 'm/copy-tags.txt' } });
    expect(copied['copyObject'].object.tags).toEqual([{ key: 'n', value: '4' }, { key: 'kind', value: 'text' }]);
    const replaced = await ok(COPY, { input: { ...base, key: 'm/copy-replaced.txt', taggingDirective: 'REPLACE', tags: [{ key: 'z', value: '9' }] } });
    expect(replaced['copyObject'].object.tags).toEqual([{ key: 'z', value: '9' }]);
    expect((await aliTags('m/copy-replaced.txt'))).toEqual({ z: '9' });
    const bad = await ok(COPY, { input: { ...base, key: 'm/never.txt', tags: [{ key: 'z', value: '9' }] } });
    expect(bad['copyObject']).toMatchObject({ __typename: 'BadUserInputError' });
  });

  it('createUpload with tags signs x-oss-tagging; the presigned PUT stores them', async () => {
    const answer = await ok(
      `mutation ($input: CreateUploadInput!) { createUpload(input: $input) { __typename ... on CreateUploadSuccess { url method headers { name value } } ${MUTATION_TAIL} } }`,
      { input: { bucket: BUCKET, key: 'm/uploaded.txt', contentType: 'text/plain', tags: [{ key: 'by', value: 'browser upload' }] } },
    );
    const upload = answer['createUpload'];
    expect(upload.headers).toContainEqual({ name: 'x-oss-tagging', value: 'by=browser%20upload' });
    const response = await fetch(upload.url, {
      method: upload.method,
      headers: Object.fromEntries(upload.headers.map((h: any) => [h.name, h.value])),
      body: 'hello',
    });
    expect(response.status).toBe(200);
    expect((await aliTags('m/uploaded.txt'))).toEqual({ by: 'browser upload' });
  });
});

describe('metadata edits keep tags and ACL', () => {
  for (const [label, size] of [
    ['below the copy threshold', 10 * KIB],
    ['above the copy threshold (multipart)', THRESHOLD + 50 * KIB],
  ] as const) {
    it(`updateMetadata and replaceMetadata — ${label}`, async () => {
      const key = `edit/${size}.bin`;
      const api = stack.app.api;
      await api.putObject({ bucket: BUCKET, key, body: deterministicBytes(size, 7), metadata: { a: '1' } });
      await api.putObjectTagging({ bucket: BUCKET, key, tags: [{ key: 'keep', value: 'me' }, { key: 'and', value: 'me too' }] });
      await api.putObjectAcl({ bucket: BUCKET, key, acl: 'public-read' });
      const update = await ok(
        `mutation ($input: UpdateMetadataInput!) { updateMetadata(input: $input) { __typename ... on UpdateMetadataSuccess { object { metadataValue(key: "b") } } ${MUTATION_TAIL} } }`,
        { input: { bucket: BUCKET, key, set: [{ key: 'b', value: '2' }] } },
      );
      expect(update['updateMetadata']).toEqual({ __typename: 'UpdateMetadataSuccess', object: { metadataValue: '2' } });
      const replace = await ok(`mutation ($input: ReplaceMetadataInput!) { replaceMetadata(input: $input) { __typename ${MUTATION_TAIL} } }`, {
        input: { bucket: BUCKET, key, metadata: [{ key: 'c', value: '3' }] },
      });
      expect(replace['replaceMetadata'].__typename).toBe('ReplaceMetadataSuccess');
      const oss = stack.aliOss(BUCKET);
      expect((await aliTags(key))).toEqual({ keep: 'me', and: 'me too' });
      expect((await oss.getACL(key)).acl).toBe('public-read');
      const read = await ok(`{ object(bucket: "${BUCKET}", key: "${key}") { acl tags { key } metadata { key value } } }`);
      expect(read['object']).toEqual({ acl: 'PUBLIC_READ', tags: [{ key: 'keep' }, { key: 'and' }], metadata: [{ key: 'c', value: '3' }] });
    });
  }

  it('copyObject of a tagged object above the threshold (multipart) carries its tags', async () => {
    const key = 'edit/big-source.bin';
    await stack.app.api.putObject({ bucket: BUCKET, key, body: deterministicBytes(THRESHOLD + 10 * KIB, 3) });
    await stack.app.api.putObjectTagging({ bucket: BUCKET, key, tags: [{ key: 'big', value: 'yes' }] });
    const copied = await ok(
      `mutation ($input: CopyObjectInput!) { copyObject(input: $input) { __typename ... on CopyObjectSuccess { method } ${MUTATION_TAIL} } }`,
      { input: { sourceBucket: BUCKET, sourceKey: key, bucket: BUCKET, key: 'edit/big-copy.bin' } },
    );
    expect(copied['copyObject']).toEqual({ __typename: 'CopyObjectSuccess', method: 'multipart' });
    expect((await aliTags('edit/big-copy.bin'))).toEqual({ big: 'yes' });
  });
});

describe('tag and ACL changes against concurrent metadata edits (one edit queue per object)', () => {
  for (const [label, size] of [
    ['single copy', 4 * KIB],
    ['multipart copy', THRESHOLD + 20 * KIB],
  ] as const) {
    it(`updateTags and setObjectAcl racing updateMetadata (${label}): nothing is lost`, async () => {
      const key = `race/${size}.bin`;
      await stack.app.api.putObject({ bucket: BUCKET, key, body: deterministicBytes(size, 11) });
      await stack.app.api.putObjectTagging({ bucket: BUCKET, key, tags: [{ key: 'base', value: '0' }] });
      const edits = Array.from({ length: 3 }, (_, i) =>
        stack.graphql(`mutation ($input: UpdateMetadataInput!) { updateMetadata(input: $input) { __typename ... on Error { code message } } }`, {
          input: { bucket: BUCKET, key, set: [{ key: `m${i}`, value: String(i) }] },
        }),
      );
      const tagEdits = Array.from({ length: 3 }, (_, i) =>
        stack.graphql(`mutation ($input: UpdateTagsInput!) { updateTags(input: $input) { __typename } }`, {
          input: { bucket: BUCKET, key, set: [{ key: `t${i}`, value: String(i) }] },
        }),
      );
      const acl = stack.graphql(`mutation { setObjectAcl(input: { bucket: "${BUCKET}", key: "${key}", acl: PUBLIC_READ }) { __typename } }`);
      const answers = await Promise.all([...edits, ...tagEdits, acl]);
      for (const answer of answers.slice(0, 3)) expect(answer.data?.['updateMetadata'].__typename).toBe('UpdateMetadataSuccess');
      for (const answer of answers.slice(3, 6)) expect(answer.data?.['updateTags'].__typename).toBe('UpdateTagsSuccess');
      expect(answers[6]?.data?.['setObjectAcl'].__typename).toBe('SetObjectAclSuccess');
      const tags = await aliTags(key);
      expect(Object.keys(tags).sort()).toEqual(['base', 't0', 't1', 't2']);
      expect((await stack.aliOss(BUCKET).getACL(key)).acl).toBe('public-read');
      const head = await stack.app.api.headObject({ bucket: BUCKET, key });
      expect(Object.keys(head.metadata).sort()).toEqual(['m0', 'm1', 'm2']);
    });
  }
});

describe('updateTags limits', () => {
  it('a merge that would exceed 10 tags is BAD_USER_INPUT on input.set and changes nothing', async () => {
    const key = 'limits/ten.txt';
    await stack.app.api.putObject({ bucket: BUCKET, key, body: 'x' });
    const ten = Array.from({ length: 10 }, (_, i) => ({ key: `k${i}`, value: String(i) }));
    await stack.app.api.putObjectTagging({ bucket: BUCKET, key, tags: ten });
    const answer = await ok(`mutation ($input: UpdateTagsInput!) { updateTags(input: $input) { __typename ... on BadUserInputError { field } } }`, {
      input: { bucket: BUCKET, key, set: [{ key: 'eleventh', value: 'x' }] },
    });
    expect(answer['updateTags']).toEqual({ __typename: 'BadUserInputError', field: 'input.set' });
    expect(Object.keys(await aliTags(key))).toHaveLength(10);
  });
});
