/**
 * Issue 13 bugs 1–7 as raw signed requests, where ali-oss cannot express the request (the Python
 * and Go SDKs' body escapes and `encoding-type=url`, a multipart upload without Content-Type, a
 * bad signature, ListParts' XML). The ali-oss side is in `test/conformance/ali-oss-fidelity.test.ts`.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalOss, type LocalOss } from '../../../src/local-oss/index.js';
import { errorCode, rawRequest, type RawRequest, type RawResponse } from '../../helpers/local-oss.js';

const BUCKET = 'fidelity';
let store: LocalOss;
const send = (input: RawRequest): Promise<RawResponse> => rawRequest(store, input);
const put = (key: string, body = key, headers: Record<string, string> = {}): Promise<RawResponse> =>
  send({ method: 'PUT', bucket: BUCKET, key, body, headers });
const head = (key: string): Promise<RawResponse> => send({ method: 'HEAD', bucket: BUCKET, key });
const md5 = (body: string): string => createHash('md5').update(body).digest('base64');

beforeAll(async () => {
  store = await startLocalOss({ buckets: [BUCKET] });
});
afterAll(async () => {
  await store.close();
});

describe('1. DeleteMultipleObjects keys are taken from the body exactly', () => {
  const deleteMulti = (xml: string, encodingUrl: boolean): Promise<RawResponse> =>
    send({
      method: 'POST',
      bucket: BUCKET,
      query: encodingUrl ? [['delete', ''], ['encoding-type', 'url']] : [['delete', '']],
      headers: { 'content-type': 'application/xml', 'content-md5': md5(xml) },
      body: xml,
    });
  const deletedKeys = (r: RawResponse): string[] =>
    [...r.text.matchAll(/<Deleted><Key>([^<]*)<\/Key><\/Deleted>/g)].map((m) => decodeURIComponent(m[1] as string));

  it('with encoding-type=url (Python and Go SDKs): %XX and + in a body key are not decoded; the answer is encoded', async () => {
    const keys = ['dm/pct%41.txt', 'dm/100%', 'dm/a+b c', 'dm/%E4%B8%AD'];
    const lookAlikes = ['dm/pctA.txt', 'dm/a b c', 'dm/中'];
    for (const k of [...keys, ...lookAlikes]) expect((await put(k)).status).toBe(200);
    const xml = `<Delete><Quiet>false</Quiet>${keys.map((k) => `<Object><Key>${k}</Key></Object>`).join('')}</Delete>`;
    const r = await deleteMulti(xml, true);
    expect(r.status, r.text).toBe(200);
    expect(r.text).toContain('<EncodingType>url</EncodingType>');
    expect(r.text).toContain('<Key>dm%2Fpct%2541.txt</Key>');
    expect(r.text).toContain('<Key>dm%2Fa%2Bb%20c</Key>');
    expect(deletedKeys(r)).toEqual(keys);
    for (const k of keys) expect((await head(k)).status).toBe(404);
    for (const k of lookAlikes) expect((await head(k)).status).toBe(200);
  });

  it('decodes the Python (&#01;) and Go (&#x1F;) control-character references and tolerates raw ones', async () => {
    const key = 'dm/ctl\u0001\u001f\t.txt';
    const survivors = ['dm/ctl.txt', 'dm/ctl\t.txt', 'dm/ctl&#01;.txt'];
    for (const k of [key, ...survivors]) expect((await put(k)).status).toBe(200);
    const python = '<Delete><Quiet>false</Quiet><Object><Key>dm/ctl&#01;&#31;&#09;.txt</Key></Object></Delete>';
    expect(deletedKeys(await deleteMulti(python, true))).toEqual([key]);
    expect((await head(key)).status).toBe(404);
    expect((await put(key)).status).toBe(200);
    const go = '<Delete><Quiet>false</Quiet><Object><Key>dm/ctl&#x01;&#x1F;&#x9;.txt</Key></Object></Delete>';
    expect(deletedKeys(await deleteMulti(go, true))).toEqual([key]);
    expect((await put(key)).status).toBe(200);
    const raw = `<?xml version="1.0" encoding="UTF-8"?>\n<Delete><Quiet>false</Quiet><Object><Key>${key}</Key></Object></Delete>`;
    const r = await deleteMulti(raw, false);
    expect(r.text).toContain('<Key>dm/ctl\u0001\u001f\t.txt</Key>');
    expect((await head(key)).status).toBe(404);
    for (const k of survivors) expect((await head(k)).status).toBe(200);
    // An escaped ampersand stays text: this deletes the literal key `dm/ctl&#01;.txt`.
    expect(deletedKeys(await deleteMulti('<Delete><Object><Key>dm/ctl&amp;#01;.txt</Key></Object></Delete>', true))).toEqual(['dm/ctl&#01;.txt']);
    expect((await head('dm/ctl&#01;.txt')).status).toBe(404);
    expect((await head('dm/ctl.txt')).status).toBe(200);
  });

  it('keeps leading and trailing spaces and reports missing keys as deleted, in request order', async () => {
    expect((await put(' dm/spaced ')).status).toBe(200);
    expect((await put('dm/spaced')).status).toBe(200);
    const r = await deleteMulti('<Delete><Object><Key>zz-missing</Key></Object><Object><Key> dm/spaced </Key></Object></Delete>', false);
    expect(deletedKeys(r)).toEqual(['zz-missing', ' dm/spaced ']);
    expect((await head(' dm/spaced ')).status).toBe(404);
    expect((await head('dm/spaced')).status).toBe(200);
  });
});

describe('2. ListParts', () => {
  it('has the upload storage class', async () => {
    const init = await send({ method: 'POST', bucket: BUCKET, key: 'lp', query: [['uploads', '']], headers: { 'x-oss-storage-class': 'IA' } });
    const uploadId = /<UploadId>([^<]+)<\/UploadId>/.exec(init.text)?.[1] as string;
    await send({ method: 'PUT', bucket: BUCKET, key: 'lp', query: [['partNumber', '1'], ['uploadId', uploadId]], body: 'part' });
    const parts = await send({ method: 'GET', bucket: BUCKET, key: 'lp', query: [['uploadId', uploadId]] });
    expect(parts.text).toMatch(/<UploadId>[^<]+<\/UploadId><StorageClass>IA<\/StorageClass><PartNumberMarker>/);
    const unknown = await send({ method: 'GET', bucket: BUCKET, key: 'lp', query: [['uploadId', 'F'.repeat(32)]] });
    expect([unknown.status, errorCode(unknown)]).toEqual([404, 'NoSuchUpload']);
  });
});

describe('3 and 4. order of checks: bucket, then access key and signature, then the sub-resource', () => {
  const stranger = { accessKeyId: 'unknown-ak', accessKeySecret: 'x' };
  const wrongSecret = { accessKeyId: 'local-oss-ak', accessKeySecret: 'wrong' };

  it('a missing bucket is 404 NoSuchBucket whatever the credentials, signature or sub-resource', async () => {
    for (const input of [
      { credentials: stranger },
      { credentials: wrongSecret },
      { sign: 'none' as const },
      { credentials: stranger, query: [['acl', '']] as Array<[string, string]> },
      { query: [['lifecycle', '']] as Array<[string, string]> },
      { sign: 'v1' as const, credentials: stranger, query: [['acl', '']] as Array<[string, string]> },
    ]) {
      const r = await send({ method: 'GET', bucket: 'no-such-bucket', ...input });
      expect([r.status, errorCode(r)], JSON.stringify(input)).toEqual([404, 'NoSuchBucket']);
    }
  });

  it('on an existing bucket: access key, then signature, then NotImplemented', async () => {
    const q: Array<[string, string]> = [['lifecycle', '']];
    const a = await send({ method: 'GET', bucket: BUCKET, query: q, credentials: stranger });
    expect([a.status, errorCode(a)]).toEqual([403, 'InvalidAccessKeyId']);
    const b = await send({ method: 'GET', bucket: BUCKET, query: q, credentials: wrongSecret });
    expect([b.status, errorCode(b)]).toEqual([403, 'SignatureDoesNotMatch']);
    const c = await send({ method: 'GET', bucket: BUCKET, query: q });
    expect([c.status, errorCode(c)]).toEqual([501, 'NotImplemented']);
  });

  it('PutBucket of a new name checks the access key (no bucket to find first)', async () => {
    const r = await send({ method: 'PUT', bucket: 'brand-new-bucket', credentials: stranger });
    expect([r.status, errorCode(r)]).toEqual([403, 'InvalidAccessKeyId']);
  });
});

describe('5. ListBuckets paging', () => {
  it('omits the paging elements when all fit, pages with max-keys, and rejects a bad max-keys', async () => {
    for (const n of ['lb-one', 'lb-two', 'lb-three']) await send({ method: 'PUT', bucket: n });
    const all = await send({ method: 'GET' });
    expect(all.text).not.toContain('<IsTruncated>');
    const page = await send({ method: 'GET', query: [['prefix', 'lb-'], ['max-keys', '2']] });
    expect(page.text).toContain('<Prefix>lb-</Prefix><Marker></Marker><MaxKeys>2</MaxKeys><IsTruncated>true</IsTruncated><NextMarker>lb-three</NextMarker>');
    const rest = await send({ method: 'GET', query: [['prefix', 'lb-'], ['max-keys', '2'], ['marker', 'lb-three']] });
    expect(rest.text).toContain('<IsTruncated>false</IsTruncated>');
    expect([...rest.text.matchAll(/<Name>([^<]+)<\/Name>/g)].map((m) => m[1])).toEqual(['lb-two']);
    for (const bad of ['0', '1001', 'ten']) {
      const r = await send({ method: 'GET', query: [['max-keys', bad]] });
      expect([r.status, errorCode(r)]).toEqual([400, 'InvalidArgument']);
    }
  });
});

describe('6. Content-Type without a Content-Type header', () => {
  it('a single REPLACE copy (also onto itself) keeps the source type instead of guessing from the destination key', async () => {
    await put('ct/src.txt', 'x', { 'content-type': 'text/plain' });
    const copy = await send({ method: 'PUT', bucket: BUCKET, key: 'ct/dst.jpg', headers: { 'x-oss-copy-source': `/${BUCKET}/ct/src.txt`, 'x-oss-metadata-directive': 'REPLACE', 'x-oss-meta-a': '1' } });
    expect(copy.status, copy.text).toBe(200);
    const h = await head('ct/dst.jpg');
    expect([h.headers['content-type'], h.headers['x-oss-meta-a']]).toEqual(['text/plain', '1']);
    await put('ct/self.jpg', 'x', { 'content-type': 'text/csv' });
    await send({ method: 'PUT', bucket: BUCKET, key: 'ct/self.jpg', headers: { 'x-oss-copy-source': `/${BUCKET}/ct/self.jpg`, 'x-oss-metadata-directive': 'REPLACE' } });
    expect((await head('ct/self.jpg')).headers['content-type']).toBe('text/csv');
  });

  it('a multipart upload gets application/octet-stream, not a guess from its key', async () => {
    const init = await send({ method: 'POST', bucket: BUCKET, key: 'ct/multi.jpg', query: [['uploads', '']] });
    const uploadId = /<UploadId>([^<]+)<\/UploadId>/.exec(init.text)?.[1] as string;
    await send({ method: 'PUT', bucket: BUCKET, key: 'ct/multi.jpg', query: [['partNumber', '1'], ['uploadId', uploadId]], body: 'data' });
    const done = await send({ method: 'POST', bucket: BUCKET, key: 'ct/multi.jpg', query: [['uploadId', uploadId]], headers: { 'x-oss-complete-all': 'yes' } });
    expect(done.status, done.text).toBe(200);
    expect((await head('ct/multi.jpg')).headers['content-type']).toBe('application/octet-stream');
    // PutObject still guesses from the extension, as OSS does (wave 1 §3).
    await send({ method: 'PUT', bucket: BUCKET, key: 'ct/single.jpg', body: 'x' });
    expect((await head('ct/single.jpg')).headers['content-type']).toBe('image/jpeg');
  });
});

describe('7. GetBucketInfo', () => {
  it('keeps the StorageClass of the CreateBucketConfiguration body and rejects an unknown one', async () => {
    const body = '<?xml version="1.0" encoding="UTF-8"?><CreateBucketConfiguration><StorageClass>Archive</StorageClass></CreateBucketConfiguration>';
    expect((await send({ method: 'PUT', bucket: 'info-archive', body })).status).toBe(200);
    const info = await send({ method: 'GET', bucket: 'info-archive', query: [['bucketInfo', '']] });
    expect(info.text).toContain('<StorageClass>Archive</StorageClass>');
    expect(info.text).toContain('<AccessControlList><Grant>private</Grant></AccessControlList>');
    const bad = await send({ method: 'PUT', bucket: 'info-bad', body: '<CreateBucketConfiguration><StorageClass>Gold</StorageClass></CreateBucketConfiguration>' });
    expect([bad.status, errorCode(bad)]).toEqual([400, 'InvalidArgument']);
    expect((await send({ method: 'GET', bucket: 'info-bad', query: [['bucketInfo', '']] })).status).toBe(404);
  });
});

describe('object tagging limits and Last-Modified', () => {
  const putTags = (key: string, tags: Array<[string, string]>): Promise<RawResponse> => {
    const xml = `<Tagging><TagSet>${tags.map(([k, v]) => `<Tag><Key>${k}</Key><Value>${v}</Value></Tag>`).join('')}</TagSet></Tagging>`;
    return send({ method: 'PUT', bucket: BUCKET, key, query: [['tagging', '']], body: xml, headers: { 'content-md5': md5(xml) } });
  };

  it('refuses more than 10 tags, bad keys and values, duplicates; keeps the old tags', async () => {
    await put('tg/limits.txt', 'x', { 'x-oss-tagging': 'keep=1' });
    const cases: Array<[Array<[string, string]>, string]> = [
      [Array.from({ length: 11 }, (_, i): [string, string] => [`k${i}`, 'v']), 'InvalidArgument'],
      [[['k'.repeat(129), 'v']], 'InvalidTaggingKey'],
      [[['', 'v']], 'InvalidTaggingKey'],
      [[['semi;colon', 'v']], 'InvalidTaggingKey'],
      [[['k', 'v'.repeat(257)]], 'InvalidArgument'],
      [[['k', 'a,b']], 'InvalidArgument'],
      [[['a', '1'], ['a', '2']], 'InvalidArgument'],
    ];
    for (const [tags, code] of cases) {
      const r = await putTags('tg/limits.txt', tags);
      expect([r.status, errorCode(r)], JSON.stringify(tags).slice(0, 60)).toEqual([400, code]);
    }
    const ten = await putTags('tg/limits.txt', Array.from({ length: 10 }, (_, i): [string, string] => [`k${i}`, 'v'.repeat(256)]));
    expect(ten.status).toBe(200);
    expect((await head('tg/limits.txt')).headers['x-oss-tagging-count']).toBe('10');
  });

  it('tag changes keep Last-Modified; a self-copy keeps the tags in COPY mode', async () => {
    await put('tg/lm.txt', 'x');
    const before = (await head('tg/lm.txt')).headers['last-modified'];
    await new Promise((done) => setTimeout(done, 1100));
    expect((await putTags('tg/lm.txt', [['a', '1']])).status).toBe(200);
    expect((await send({ method: 'DELETE', bucket: BUCKET, key: 'tg/lm.txt', query: [['tagging', '']] })).status).toBe(204);
    expect((await putTags('tg/lm.txt', [['b', '2']])).status).toBe(200);
    expect((await head('tg/lm.txt')).headers['last-modified']).toBe(before);
    await send({ method: 'PUT', bucket: BUCKET, key: 'tg/lm.txt', headers: { 'x-oss-copy-source': `/${BUCKET}/tg/lm.txt`, 'x-oss-metadata-directive': 'REPLACE', 'x-oss-meta-m': '1' } });
    const got = await send({ method: 'GET', bucket: BUCKET, key: 'tg/lm.txt', query: [['tagging', '']] });
    expect(got.text).toContain('<Tag><Key>b</Key><Value>2</Value></Tag>');
  });
});
