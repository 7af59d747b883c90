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

  it('PutObjectAcl and the bucket ACL stay NotImplemented', async () => {
    await put('acl-put.txt');
    const putAcl = await send({ method: 'PUT', bucket: BUCKET, key: 'acl-put.txt', query: [['acl', '']], headers: { 'x-oss-object-acl': 'private' } });
    expect(errorCode(putAcl)).toBe('NotImplemented');
    expect(errorCode(await send({ method: 'GET', bucket: BUCKET, query: [['acl', '']] }))).toBe('NotImplemented');
    expect(await grantOf('acl-put.txt')).toBe('default');
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
