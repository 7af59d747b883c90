/**
 * Versions through `/graphql` against local-oss: setBucketVersioning, Bucket.versioning and
 * objectVersions, StorageObject.versions (one ListObjectVersions per object, counted), deletes
 * on versioned and unversioned buckets, and metadata edits that leave the old version intact.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startGraphQLStack } from '../../helpers/graphql-stack.js';
import type { GraphQLStack } from '../../helpers/graphql-stack.js';

const VERSIONED = 'versioned';
const PLAIN = 'plain';

let stack: GraphQLStack;
beforeAll(async () => {
  stack = await startGraphQLStack({ buckets: [VERSIONED, PLAIN] });
});
afterAll(async () => {
  await stack.close();
});
beforeEach(() => {
  stack.store.stats.reset();
});

async function ok<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<T> {
  const result = await stack.graphql<T>(query, variables);
  expect(result.errors).toBeUndefined();
  return result.data as T;
}

const SET = `mutation ($input: SetBucketVersioningInput!) { setBucketVersioning(input: $input) { __typename ... on SetBucketVersioningSuccess { bucket { name versioning } } ... on Error { code } } }`;
const DELETE = `mutation ($input: DeleteObjectInput!) { deleteObject(input: $input) { __typename ... on DeleteObjectSuccess { versionId deleteMarker } ... on Error { code } } }`;

describe('versioning', () => {
  it('setBucketVersioning ENABLED; Bucket.versioning reads it (OFF for the other bucket)', async () => {
    const set = await ok(SET, { input: { bucket: VERSIONED, status: 'ENABLED' } });
    expect(set['setBucketVersioning']).toEqual({ __typename: 'SetBucketVersioningSuccess', bucket: { name: VERSIONED, versioning: 'ENABLED' } });
    const both = await ok(`{ a: bucket(name: "${VERSIONED}") { versioning } b: bucket(name: "${PLAIN}") { versioning } }`);
    expect(both).toEqual({ a: { versioning: 'ENABLED' }, b: { versioning: 'OFF' } });
    const oss = stack.aliOss(VERSIONED) as unknown as { getBucketVersioning(bucket: string): Promise<{ versionStatus?: string }> };
    expect((await oss.getBucketVersioning(VERSIONED)).versionStatus).toBe('Enabled');
  });

  it('metadata edits create new versions and leave the old ones intact; versions costs one ListObjectVersions per object', async () => {
    const api = stack.app.api;
    const first = await api.putObject({ bucket: VERSIONED, key: 'doc.txt', body: 'v1', metadata: { rev: '1' } });
    await api.putObject({ bucket: VERSIONED, key: 'other.txt', body: 'o1' });
    await api.putObject({ bucket: VERSIONED, key: 'other.txt', body: 'o2' });
    const edit = await ok(
      `mutation { updateMetadata(input: { bucket: "${VERSIONED}", key: "doc.txt", set: [{ key: "rev", value: "2" }] }) { __typename ... on UpdateMetadataSuccess { versionId } ... on Error { code message } } }`,
    );
    expect(edit['updateMetadata'].__typename).toBe('UpdateMetadataSuccess');
    expect(edit['updateMetadata'].versionId).not.toBe(first.versionId);
    const old = await api.headObject({ bucket: VERSIONED, key: 'doc.txt', versionId: first.versionId as string });
    expect(old.metadata).toEqual({ rev: '1' });

    stack.store.stats.reset();
    const data = await ok(
      `query ($refs: [ObjectRefInput!]!) { objects(refs: $refs) { key versions(first: 10) { nodes { versionId isLatest isDeleteMarker contentLength object { metadataValue(key: "rev") } } } } }`,
      { refs: [{ bucket: VERSIONED, key: 'doc.txt' }, { bucket: VERSIONED, key: 'other.txt' }] },
    );
    const [doc, other] = data['objects'];
    expect(doc.versions.nodes.map((n: any) => [n.isLatest, n.object.metadataValue])).toEqual([
      [true, '2'],
      [false, '1'],
    ]);
    expect(doc.versions.nodes[1].versionId).toBe(first.versionId);
    expect(other.versions.nodes).toHaveLength(2);
    // Existence (one GetObjectMeta per object), one ListObjectVersions per object, one HeadObject per listed version's `object`.
    expect(stack.store.stats.snapshot()).toEqual({ GetObjectMeta: 2, ListObjectVersions: 2, HeadObject: 4 });
  });

  it('deleteObject on a versioned bucket adds a delete marker; the old versions stay; objectVersions lists them', async () => {
    await stack.app.api.putObject({ bucket: VERSIONED, key: 'gone.txt', body: 'x' });
    const deleted = await ok(DELETE, { input: { bucket: VERSIONED, key: 'gone.txt' } });
    expect(deleted['deleteObject']).toMatchObject({ __typename: 'DeleteObjectSuccess', deleteMarker: true });
    expect(deleted['deleteObject'].versionId).toEqual(expect.any(String));
    expect((await ok(`{ object(bucket: "${VERSIONED}", key: "gone.txt") { key } }`))['object']).toBeNull();
    const listed = await ok(`{ bucket(name: "${VERSIONED}") { objectVersions(prefix: "gone") { nodes { key isDeleteMarker isLatest object { key } } } } }`);
    expect(listed['bucket'].objectVersions.nodes).toEqual([
      { key: 'gone.txt', isDeleteMarker: true, isLatest: true, object: null },
      { key: 'gone.txt', isDeleteMarker: false, isLatest: false, object: { key: 'gone.txt' } },
    ]);
    const oss = stack.aliOss(VERSIONED);
    await expect(oss.head('gone.txt')).rejects.toMatchObject({ status: 404 });
  });

  it('node(id) round-trips for a version: the id of a version’s object names that version', async () => {
    const data = await ok(`{ object(bucket: "${VERSIONED}", key: "doc.txt") { versions { nodes { versionId object { id } } } } }`);
    const old = data['object'].versions.nodes[1];
    const node = await ok(`query ($id: ID!) { node(id: $id) { id ... on StorageObject { key versionId metadataValue(key: "rev") } } }`, { id: old.object.id });
    expect(node['node']).toEqual({ id: old.object.id, key: 'doc.txt', versionId: old.versionId, metadataValue: '1' });
  });

  it('deleteObjects on a versioned bucket: markers for keys, a given version deleted for good', async () => {
    const a = await stack.app.api.putObject({ bucket: VERSIONED, key: 'batch/a.txt', body: 'a' });
    await stack.app.api.putObject({ bucket: VERSIONED, key: 'batch/b.txt', body: 'b' });
    stack.store.stats.reset();
    const answer = await ok(
      `mutation ($input: DeleteObjectsInput!) { deleteObjects(input: $input) { ... on DeleteObjectsSuccess { deleted { key versionId deleteMarker deleteMarkerVersionId } } } }`,
      { input: { bucket: VERSIONED, objects: [{ key: 'batch/a.txt', versionId: a.versionId }, { key: 'batch/b.txt' }] } },
    );
    expect(stack.store.stats.snapshot()).toEqual({ DeleteMultipleObjects: 1 });
    const [da, db] = answer['deleteObjects'].deleted;
    expect(da).toMatchObject({ key: 'batch/a.txt', versionId: a.versionId, deleteMarker: false });
    expect(db).toMatchObject({ key: 'batch/b.txt', deleteMarker: true, deleteMarkerVersionId: expect.any(String) });
    const versions = await stack.app.api.listObjectVersions({ bucket: VERSIONED, prefix: 'batch/' });
    expect(versions.versions.map((v) => [v.key, v.isDeleteMarker])).toEqual([
      ['batch/b.txt', true],
      ['batch/b.txt', false],
    ]);
  });

  it('deleteObject on an unversioned bucket: no delete marker, gone', async () => {
    await stack.app.api.putObject({ bucket: PLAIN, key: 'p.txt', body: 'x' });
    const deleted = await ok(DELETE, { input: { bucket: PLAIN, key: 'p.txt' } });
    expect(deleted['deleteObject']).toEqual({ __typename: 'DeleteObjectSuccess', versionId: null, deleteMarker: false });
    await expect(stack.aliOss(PLAIN).head('p.txt')).rejects.toMatchObject({ status: 404 });
  });

  it('objectVersions pages with cursors; a foreign cursor is BAD_USER_INPUT', async () => {
    for (let i = 0; i < 3; i++) await stack.app.api.putObject({ bucket: VERSIONED, key: 'paged.txt', body: `p${i}` });
    const Q = `query ($after: String) { bucket(name: "${VERSIONED}") { objectVersions(prefix: "paged", first: 2, after: $after) { nodes { versionId } pageInfo { hasNextPage endCursor } } } }`;
    const page1 = await ok(Q);
    expect(page1['bucket'].objectVersions.pageInfo.hasNextPage).toBe(true);
    const page2 = await ok(Q, { after: page1['bucket'].objectVersions.pageInfo.endCursor });
    const ids = [...page1['bucket'].objectVersions.nodes, ...page2['bucket'].objectVersions.nodes].map((n: any) => n.versionId);
    expect(new Set(ids).size).toBe(3);
    const foreign = await stack.graphql(`{ bucket(name: "${VERSIONED}") { objectVersions(prefix: "other", after: "${page1['bucket'].objectVersions.pageInfo.endCursor}") { nodes { key } } } }`);
    expect(foreign.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });
});
