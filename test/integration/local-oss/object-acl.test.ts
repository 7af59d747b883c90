/**
 * local-oss over raw HTTP: GetObjectAcl, and the object ACL each write stores (PutObject,
 * CopyObject in both directives and onto itself, CompleteMultipartUpload).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalOss, type LocalOss } from '../../../src/local-oss/index.js';
import { errorCode, rawRequest, type RawRequest, type RawResponse } from '../../helpers/local-oss.js';

const BUCKET = 'acl-test';
let store: LocalOss;
const send = (input: RawRequest): Promise<RawResponse> => rawRequest(store, input);
const put = (key: string, headers: Record<string, string> = {}): Promise<RawResponse> =>
  send({ method: 'PUT', bucket: BUCKET, key, body: `data of ${key}`, headers });
const copy = (key: string, source: string, headers: Record<string, string> = {}): Promise<RawResponse> =>
  send({ method: 'PUT', bucket: BUCKET, key, headers: { 'x-oss-copy-source': `/${BUCKET}/${source}`, ...headers } });

/** The `<Grant>` GetObjectAcl answers for `key`. */
async function grantOf(key: string): Promise<string | undefined> {
  const response = await send({ method: 'GET', bucket: BUCKET, key, query: [['acl', '']] });
  expect(response.status, response.text).toBe(200);
  return /<Grant>([^<]*)<\/Grant>/.exec(response.text)?.[1];
}

beforeAll(async () => {
  store = await startLocalOss({ buckets: [BUCKET] });
});
afterAll(async () => {
  await store.close();
});

describe('GetObjectAcl', () => {
  it('answers the AccessControlPolicy document, `default` when no ACL was set', async () => {
    await put('plain.txt');
    const response = await send({ method: 'GET', bucket: BUCKET, key: 'plain.txt', query: [['acl', '']] });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/xml');
    expect(response.text).toMatch(
      /<AccessControlPolicy>\s*<Owner>\s*<ID>local-oss<\/ID>\s*<DisplayName>local-oss<\/DisplayName>\s*<\/Owner>\s*<AccessControlList>\s*<Grant>default<\/Grant>\s*<\/AccessControlList>\s*<\/AccessControlPolicy>/,
    );
    expect(store.stats.count('GetObjectAcl')).toBeGreaterThanOrEqual(1);
    expect(store.stats.count('GetObject')).toBe(0);
  });

  it('a missing object is NoSuchKey, another version NoSuchVersion', async () => {
    const missing = await send({ method: 'GET', bucket: BUCKET, key: 'none.txt', query: [['acl', '']] });
    expect(missing.status).toBe(404);
    expect(errorCode(missing)).toBe('NoSuchKey');
    await put('versioned.txt');
    const version = await send({ method: 'GET', bucket: BUCKET, key: 'versioned.txt', query: [['acl', ''], ['versionId', 'v1']] });
    expect(errorCode(version)).toBe('NoSuchVersion');
    expect(await grantOf('versioned.txt')).toBe('default');
  });

  it('the bucket ACL stays NotImplemented', async () => {
    expect(errorCode(await send({ method: 'GET', bucket: BUCKET, query: [['acl', '']] }))).toBe('NotImplemented');
  });
});

describe('PutObjectAcl', () => {
  it('sets each of the four values and keeps data, ETag and metadata; Last-Modified advances', async () => {
    await put('acl-put.txt', { 'x-oss-meta-keep': 'me', 'content-type': 'text/x-kept' });
    const before = await send({ method: 'HEAD', bucket: BUCKET, key: 'acl-put.txt' });
    for (const acl of ['private', 'public-read', 'public-read-write', 'default']) {
      const r = await send({ method: 'PUT', bucket: BUCKET, key: 'acl-put.txt', query: [['acl', '']], headers: { 'x-oss-object-acl': acl } });
      expect(r.status, r.text).toBe(200);
      expect(r.body.length).toBe(0);
      expect(await grantOf('acl-put.txt')).toBe(acl);
    }
    const after = await send({ method: 'HEAD', bucket: BUCKET, key: 'acl-put.txt' });
    for (const h of ['etag', 'content-type', 'x-oss-meta-keep', 'x-oss-hash-crc64ecma', 'content-length']) expect(after.headers[h]).toBe(before.headers[h]);
    expect(Date.parse(after.headers['last-modified'] as string)).toBeGreaterThanOrEqual(Date.parse(before.headers['last-modified'] as string));
    expect((await send({ method: 'GET', bucket: BUCKET, key: 'acl-put.txt' })).text).toBe('data of acl-put.txt');
    expect(store.stats.count('PutObjectAcl')).toBe(4);
  });

  it('refuses a missing or unknown value, a missing object and another version', async () => {
    await put('acl-bad.txt', { 'x-oss-object-acl': 'private' });
    for (const headers of [{}, { 'x-oss-object-acl': 'public' }]) {
      const r = await send({ method: 'PUT', bucket: BUCKET, key: 'acl-bad.txt', query: [['acl', '']], headers });
      expect([r.status, errorCode(r)]).toEqual([400, 'InvalidArgument']);
    }
    expect(await grantOf('acl-bad.txt')).toBe('private');
    const missing = await send({ method: 'PUT', bucket: BUCKET, key: 'acl-none.txt', query: [['acl', '']], headers: { 'x-oss-object-acl': 'private' } });
    expect([missing.status, errorCode(missing)]).toEqual([404, 'NoSuchKey']);
    const version = await send({ method: 'PUT', bucket: BUCKET, key: 'acl-bad.txt', query: [['acl', ''], ['versionId', 'v1']], headers: { 'x-oss-object-acl': 'default' } });
    expect(errorCode(version)).toBe('NoSuchVersion');
  });
});

describe('the ACL each write stores', () => {
  it('PutObject stores x-oss-object-acl and refuses an unknown one', async () => {
    for (const acl of ['private', 'public-read', 'public-read-write', 'default']) {
      await put(`put-${acl}.txt`, { 'x-oss-object-acl': acl });
      expect(await grantOf(`put-${acl}.txt`)).toBe(acl);
    }
    const bad = await put('put-bad.txt', { 'x-oss-object-acl': 'public' });
    expect(bad.status).toBe(400);
    expect(errorCode(bad)).toBe('InvalidArgument');
  });

  it('CopyObject to another key takes the request ACL in both directives, never the source one', async () => {
    await put('src.txt', { 'x-oss-object-acl': 'public-read' });
    await copy('copied.txt', 'src.txt');
    expect(await grantOf('copied.txt')).toBe('default');
    await copy('copied-acl.txt', 'src.txt', { 'x-oss-object-acl': 'private' });
    expect(await grantOf('copied-acl.txt')).toBe('private');
    await copy('replaced.txt', 'src.txt', { 'x-oss-metadata-directive': 'REPLACE', 'x-oss-object-acl': 'public-read-write' });
    expect(await grantOf('replaced.txt')).toBe('public-read-write');
  });

  it('a self-copy keeps the ACL only when it re-sends it', async () => {
    await put('self.txt', { 'x-oss-object-acl': 'public-read' });
    await copy('self.txt', 'self.txt', { 'x-oss-metadata-directive': 'REPLACE', 'x-oss-meta-a': '1', 'x-oss-object-acl': 'public-read' });
    expect(await grantOf('self.txt')).toBe('public-read');
    await copy('self.txt', 'self.txt', { 'x-oss-metadata-directive': 'REPLACE', 'x-oss-meta-a': '2' });
    expect(await grantOf('self.txt')).toBe('default');
  });

  it('CompleteMultipartUpload sets the ACL; without one the initiation ACL stays', async () => {
    for (const [key, initiate, complete, expected] of [
      ['mp-complete.bin', undefined, 'public-read', 'public-read'],
      ['mp-initiate.bin', 'private', undefined, 'private'],
      ['mp-none.bin', undefined, undefined, 'default'],
    ] as const) {
      const init = await send({
        method: 'POST', bucket: BUCKET, key, query: [['uploads', '']],
        headers: initiate === undefined ? {} : { 'x-oss-object-acl': initiate },
      });
      const uploadId = /<UploadId>([^<]+)<\/UploadId>/.exec(init.text)?.[1] as string;
      const part = await send({ method: 'PUT', bucket: BUCKET, key, query: [['partNumber', '1'], ['uploadId', uploadId]], body: 'one part' });
      const etag = (part.headers['etag'] as string).replace(/"/g, '&quot;');
      const done = await send({
        method: 'POST', bucket: BUCKET, key, query: [['uploadId', uploadId]],
        headers: complete === undefined ? {} : { 'x-oss-object-acl': complete },
        body: `<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>${etag}</ETag></Part></CompleteMultipartUpload>`,
      });
      expect(done.status, done.text).toBe(200);
      expect(await grantOf(key), key).toBe(expected);
    }
  });
});
