/**
 * local-oss versioning over raw HTTP: the wire details clients do not surface (XML shapes, the
 * headers of delete-marker answers, refusals), and concurrency on one key.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalOss, type LocalOss } from '../../../src/local-oss/index.js';
import { errorCode, rawRequest, type RawRequest, type RawResponse } from '../../helpers/local-oss.js';

const BUCKET = 'ver-raw';
const PLAIN = 'plain-raw';
let store: LocalOss;
const send = (input: RawRequest): Promise<RawResponse> => rawRequest(store, input);
const setVersioning = (bucket: string, body: string) => send({ method: 'PUT', bucket, query: [['versioning', '']], body });

beforeAll(async () => {
  store = await startLocalOss({ buckets: [BUCKET, PLAIN] });
});
afterAll(async () => {
  await store.close();
});

describe('bucket versioning documents', () => {
  it('GetBucketVersioning: empty configuration until set, then the Status; PutBucketVersioning refuses other statuses and bad XML', async () => {
    const empty = await send({ method: 'GET', bucket: PLAIN, query: [['versioning', '']] });
    expect(empty.status).toBe(200);
    expect(empty.text).not.toContain('<Status>');
    expect(empty.text).toMatch(/<VersioningConfiguration\s*(\/>|><\/VersioningConfiguration>)/);
    for (const [body, code] of [
      ['<VersioningConfiguration><Status>Disabled</Status></VersioningConfiguration>', 'InvalidArgument'],
      ['<VersioningConfiguration></VersioningConfiguration>', 'InvalidArgument'],
      ['<VersioningConfiguration><Status>Enabled', 'MalformedXML'],
    ] as const) {
      const refused = await setVersioning(BUCKET, body);
      expect([refused.status, errorCode(refused)]).toEqual([400, code]);
    }
    expect((await setVersioning(BUCKET, '<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>')).status).toBe(200);
    expect((await send({ method: 'GET', bucket: BUCKET, query: [['versioning', '']] })).text).toContain('<Status>Enabled</Status>');
    expect(errorCode(await send({ method: 'GET', bucket: 'no-such-bucket', query: [['versioning', '']] }))).toBe('NoSuchBucket');
  });
});

describe('delete markers on the wire', () => {
  it('GET/HEAD of a current marker: 404 NoSuchKey with the marker headers; by id: 405 with Allow: DELETE and ResourceType', async () => {
    await send({ method: 'PUT', bucket: BUCKET, key: 'm.txt', body: 'x' });
    const deleted = await send({ method: 'DELETE', bucket: BUCKET, key: 'm.txt' });
    expect(deleted.status).toBe(204);
    expect(deleted.headers['x-oss-delete-marker']).toBe('true');
    const id = deleted.headers['x-oss-version-id'] as string;
    const get = await send({ method: 'GET', bucket: BUCKET, key: 'm.txt' });
    expect([get.status, errorCode(get), get.headers['x-oss-delete-marker'], get.headers['x-oss-version-id']]).toEqual([404, 'NoSuchKey', 'true', id]);
    const head = await send({ method: 'HEAD', bucket: BUCKET, key: 'm.txt' });
    expect([head.status, head.headers['x-oss-delete-marker'], head.headers['x-oss-version-id']]).toEqual([404, 'true', id]);
    expect(Buffer.from(head.headers['x-oss-err'] as string, 'base64').toString()).toContain('<Code>NoSuchKey</Code>');
    const byId = await send({ method: 'GET', bucket: BUCKET, key: 'm.txt', query: [['versionId', id]] });
    expect([byId.status, errorCode(byId), byId.headers['allow'], byId.headers['x-oss-delete-marker']]).toEqual([405, 'MethodNotAllowed', 'DELETE', 'true']);
    expect(byId.text).toContain('<Method>GET</Method>');
    expect(byId.text).toContain('<ResourceType>DeleteMarker</ResourceType>');
    const empty = await send({ method: 'GET', bucket: BUCKET, key: 'm.txt', query: [['versionId', '']] });
    expect([empty.status, errorCode(empty)]).toEqual([400, 'InvalidArgument']);
    const unknown = await send({ method: 'HEAD', bucket: BUCKET, key: 'm.txt', query: [['versionId', 'CAEQunknown']] });
    expect(unknown.status).toBe(404);
    expect(Buffer.from(unknown.headers['x-oss-err'] as string, 'base64').toString()).toContain('<Code>NoSuchVersion</Code>');
  });
});

describe('ListObjectVersions on the wire', () => {
  it('interleaves Version and DeleteMarker newest first, encodes keys with encoding-type=url (never +), refuses bad paging parameters', async () => {
    const key = 'l/a b+c';
    await send({ method: 'PUT', bucket: BUCKET, key, body: '1' });
    await send({ method: 'DELETE', bucket: BUCKET, key });
    await send({ method: 'PUT', bucket: BUCKET, key, body: '22' });
    const listed = await send({ method: 'GET', bucket: BUCKET, query: [['versions', ''], ['prefix', 'l/'], ['encoding-type', 'url']] });
    expect(listed.status).toBe(200);
    const order = [...listed.text.matchAll(/<(Version|DeleteMarker)>/g)].map((m) => m[1]);
    expect(order).toEqual(['Version', 'DeleteMarker', 'Version']);
    expect(listed.text).toContain('<Key>l%2Fa%20b%2Bc</Key>');
    expect(listed.text).toContain('<EncodingType>url</EncodingType>');
    expect(listed.text).toContain('<Prefix>l%2F</Prefix>');
    expect([...listed.text.matchAll(/<IsLatest>(\w+)<\/IsLatest>/g)].map((m) => m[1])).toEqual(['true', 'false', 'false']);
    for (const query of [
      [['version-id-marker', 'x']],
      [['max-keys', '0']],
      [['max-keys', '1001']],
      [['encoding-type', 'base64']],
      [['prefix', 'p'.repeat(1024)]],
    ]) {
      const refused = await send({ method: 'GET', bucket: BUCKET, query: [['versions', ''], ...query] as Array<[string, string]> });
      expect([refused.status, errorCode(refused)], JSON.stringify(query)).toEqual([400, 'InvalidArgument']);
    }
    await send({ method: 'PUT', bucket: PLAIN, key: 'p', body: 'p' });
    const plain = await send({ method: 'GET', bucket: PLAIN, query: [['versions', '']] });
    expect(plain.headers['x-oss-version-id']).toBeUndefined();
    expect(plain.text).toContain('<VersionId>null</VersionId>');
  });
});

describe('writes in a versioned bucket', () => {
  it('x-oss-forbid-overwrite is ignored (a new version), and every write answers its version id', async () => {
    const first = await send({ method: 'PUT', bucket: BUCKET, key: 'f/k', body: 'a' });
    const second = await send({ method: 'PUT', bucket: BUCKET, key: 'f/k', body: 'b', headers: { 'x-oss-forbid-overwrite': 'true' } });
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.headers['x-oss-version-id']).not.toBe(first.headers['x-oss-version-id']);
    const copy = await send({ method: 'PUT', bucket: BUCKET, key: 'f/c', headers: { 'x-oss-copy-source': `/${BUCKET}/f/k?versionId=${first.headers['x-oss-version-id']}`, 'x-oss-forbid-overwrite': 'true' } });
    expect(copy.status).toBe(200);
    expect(copy.headers['x-oss-copy-source-version-id']).toBe(first.headers['x-oss-version-id']);
    expect(copy.headers['x-oss-version-id']).toMatch(/^CAEQ/);
    expect((await send({ method: 'GET', bucket: BUCKET, key: 'f/c' })).text).toBe('a');
    // Unversioned buckets still honour it.
    await send({ method: 'PUT', bucket: PLAIN, key: 'f/k', body: 'a' });
    const refused = await send({ method: 'PUT', bucket: PLAIN, key: 'f/k', body: 'b', headers: { 'x-oss-forbid-overwrite': 'true' } });
    expect([refused.status, errorCode(refused)]).toEqual([409, 'FileAlreadyExists']);
  });
});

describe('concurrency on one key', () => {
  it('concurrent writes and deletes each make exactly one version with a distinct id; the listing shows them all, newest first', async () => {
    const writes = Array.from({ length: 16 }, (_, i) =>
      i % 4 === 3 ? send({ method: 'DELETE', bucket: BUCKET, key: 'c/k' }) : send({ method: 'PUT', bucket: BUCKET, key: 'c/k', body: `body ${i}` }),
    );
    const responses = await Promise.all(writes);
    const ids = responses.map((r) => r.headers['x-oss-version-id'] as string);
    expect(responses.every((r) => r.status === 200 || r.status === 204)).toBe(true);
    expect(new Set(ids).size).toBe(16);
    const listed = await send({ method: 'GET', bucket: BUCKET, query: [['versions', ''], ['prefix', 'c/']] });
    const listedIds = [...listed.text.matchAll(/<VersionId>([^<]*)<\/VersionId>/g)].map((m) => m[1]);
    expect(new Set(listedIds)).toEqual(new Set(ids));
    // The current version is the newest listed one, whatever it is.
    const newest = listedIds[0] as string;
    const current = await send({ method: 'HEAD', bucket: BUCKET, key: 'c/k' });
    expect(current.headers['x-oss-version-id']).toBe(newest);
  });
});
