/**
 * local-oss over raw HTTP (undici, signed with the shared signer): response shapes, digests,
 * errors, conditions, copies, multipart and authentication.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalOss, type LocalOss } from '../../../src/local-oss/index.js';
import { crc64, formatCrc64 } from '../../../src/oss/checksum/crc64.js';
import { presignV4, signV4 } from '../../../src/oss/signer/sign-v4.js';
import { presignV1 } from '../../../src/oss/signer/sign-v1.js';
import { uriEncode } from '../../../src/oss/signer/canonical.js';
import { request } from 'undici';
import { errorCode, rawRequest, type RawRequest, type RawResponse } from '../../helpers/local-oss.js';

const BUCKET = 'proto';
let store: LocalOss;
const send = (input: RawRequest): Promise<RawResponse> => rawRequest(store, input);
const put = (key: string, body: string | Buffer, headers: Record<string, string> = {}): Promise<RawResponse> =>
  send({ method: 'PUT', bucket: BUCKET, key, body, headers });

beforeAll(async () => {
  store = await startLocalOss({
    buckets: [BUCKET, 'proto-other'],
    credentials: [
      { accessKeyId: 'local-oss-ak', accessKeySecret: 'local-oss-sk' },
      { accessKeyId: 'sts-ak', accessKeySecret: 'sts-sk', securityToken: 'sts-token' },
    ],
  });
});
afterAll(async () => {
  await store.close();
});

describe('every response', () => {
  it('carries x-oss-request-id and Date, on success and on errors (HEAD errors via x-oss-err)', async () => {
    const responses = [
      await put('rid.txt', 'x'),
      await send({ method: 'GET', bucket: BUCKET, key: 'missing' }),
      await send({ method: 'HEAD', bucket: BUCKET, key: 'missing' }),
      await send({ method: 'GET', bucket: BUCKET, key: 'rid.txt', sign: 'none' }),
      await send({ method: 'PATCH', bucket: BUCKET, key: 'rid.txt' }),
    ];
    const ids = new Set<string>();
    for (const r of responses) {
      expect(r.headers['x-oss-request-id']).toMatch(/^[0-9A-F]{24}$/);
      expect(Number.isNaN(Date.parse(r.headers['date'] ?? ''))).toBe(false);
      ids.add(r.headers['x-oss-request-id'] as string);
    }
    expect(ids.size).toBe(responses.length);
  });

  it('renders errors as OSS XML with Code, Message, RequestId, HostId and EC', async () => {
    const r = await send({ method: 'GET', bucket: BUCKET, key: 'missing' });
    expect(r.status).toBe(404);
    expect(r.headers['content-type']).toBe('application/xml');
    expect(r.text).toContain('<Code>NoSuchKey</Code>');
    expect(r.text).toContain(`<RequestId>${r.headers['x-oss-request-id']}</RequestId>`);
    expect(r.text).toContain(`<HostId>${BUCKET}.oss-cn-hangzhou.aliyuncs.com</HostId>`);
    expect(r.text).toContain('<EC>0026-00000001</EC>');
    expect(r.headers['x-oss-ec']).toBe('0026-00000001');
  });

  it('answers HEAD errors with an empty body and the base64 x-oss-err header', async () => {
    const r = await send({ method: 'HEAD', bucket: BUCKET, key: 'missing' });
    expect(r.status).toBe(404);
    expect(r.body.length).toBe(0);
    const xml = Buffer.from(r.headers['x-oss-err'] ?? '', 'base64').toString('utf8');
    expect(xml).toContain('<Code>NoSuchKey</Code>');
    expect(r.headers['x-oss-ec']).toBe('0026-00000001');
  });
});

describe('digests', () => {
  it('returns quoted uppercase MD5 ETags and unsigned decimal CRC-64 (vectors)', async () => {
    const empty = await put('empty', '');
    expect(empty.headers['etag']).toBe('"D41D8CD98F00B204E9800998ECF8427E"');
    expect(empty.headers['x-oss-hash-crc64ecma']).toBe('0');
    expect(empty.headers['content-md5']).toBe('1B2M2Y8AsgTpgAmY7PhCfg==');
    const digits = await put('digits', '123456789');
    expect(digits.headers['x-oss-hash-crc64ecma']).toBe('11051210869376104954');
    const head = await send({ method: 'HEAD', bucket: BUCKET, key: 'digits' });
    expect(head.headers['etag']).toBe(`"${createHash('md5').update('123456789').digest('hex').toUpperCase()}"`);
    expect(head.headers['x-oss-hash-crc64ecma']).toBe('11051210869376104954');
  });

  it('verifies Content-MD5 (InvalidDigest) and then stores nothing', async () => {
    const wrong = await put('md5.txt', 'hello', { 'Content-MD5': createHash('md5').update('other').digest('base64') });
    expect(wrong.status).toBe(400);
    expect(errorCode(wrong)).toBe('InvalidDigest');
    expect((await send({ method: 'HEAD', bucket: BUCKET, key: 'md5.txt' })).status).toBe(404);
    const right = await put('md5.txt', 'hello', { 'Content-MD5': createHash('md5').update('hello').digest('base64') });
    expect(right.status).toBe(200);
  });

  it('lowercases user metadata names and enforces the 8 KB limit', async () => {
    await put('meta.txt', 'm', { 'X-Oss-Meta-MixedCase': 'Value' });
    const head = await send({ method: 'HEAD', bucket: BUCKET, key: 'meta.txt' });
    expect(head.headers['x-oss-meta-mixedcase']).toBe('Value');
    const big = await put('meta-big.txt', 'm', { 'x-oss-meta-big': 'v'.repeat(8200) });
    expect(big.status).toBe(400);
    expect(errorCode(big)).toBe('InvalidArgument');
  });
});

describe('reads', () => {
  it('serves ranges with 206 and Content-Range, and 416 beyond the end', async () => {
    await put('range.txt', '0123456789');
    const r = await send({ method: 'GET', bucket: BUCKET, key: 'range.txt', headers: { Range: 'bytes=2-4' } });
    expect(r.status).toBe(206);
    expect(r.text).toBe('234');
    expect(r.headers['content-range']).toBe('bytes 2-4/10');
    expect(r.headers['x-oss-hash-crc64ecma']).toBe(formatCrc64(crc64(Buffer.from('0123456789'))));
    const suffix = await send({ method: 'GET', bucket: BUCKET, key: 'range.txt', headers: { Range: 'bytes=-3' } });
    expect(suffix.text).toBe('789');
    const beyond = await send({ method: 'GET', bucket: BUCKET, key: 'range.txt', headers: { Range: 'bytes=20-' } });
    expect(beyond.status).toBe(416);
  });

  it('honours conditional GET/HEAD headers', async () => {
    const { headers } = await put('cond.txt', 'c');
    const etag = headers['etag'] as string;
    const h = (extra: Record<string, string>): Promise<RawResponse> =>
      send({ method: 'HEAD', bucket: BUCKET, key: 'cond.txt', headers: extra });
    expect((await h({ 'If-Match': etag })).status).toBe(200);
    expect((await h({ 'If-Match': '"ABCORZ"' })).status).toBe(412);
    const notModified = await h({ 'If-None-Match': etag });
    expect(notModified.status).toBe(304);
    expect(notModified.headers['etag']).toBe(etag);
    expect((await h({ 'If-Modified-Since': 'Sat, 01 Jan 2100 00:00:00 GMT' })).status).toBe(304);
    expect((await h({ 'If-Unmodified-Since': 'Sat, 01 Jan 1994 00:00:00 GMT' })).status).toBe(412);
    const get = await send({ method: 'GET', bucket: BUCKET, key: 'cond.txt', headers: { 'If-Match': '"NOPE"' } });
    expect(errorCode(get)).toBe('PreconditionFailed');
  });

  it('answers GetObjectMeta for ?objectMeta with and without "="', async () => {
    await put('om.txt', 'abc', { 'x-oss-meta-a': '1' });
    for (const raw of ['objectMeta', 'objectMeta=']) {
      const response = await request(`${store.url}/${BUCKET}/om.txt?${raw}`, {
        method: 'HEAD',
        headers: signedHeaders('HEAD', 'om.txt', [['objectMeta', '']]),
      });
      await response.body.dump();
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-length']).toBe('3');
      expect(response.headers['x-oss-last-access-time']).toBeTruthy();
      expect(response.headers['x-oss-meta-a']).toBeUndefined();
    }
    expect(store.stats.count('GetObjectMeta')).toBeGreaterThanOrEqual(2);
  });
});

function signedHeaders(method: string, key: string, query: Array<[string, string]>): Record<string, string> {
  // Why: sign for the decoded query; the raw URL may spell `?k` or `?k=`.
  return signV4({ method, bucket: BUCKET, key, query, headers: {} }, { credentials: store.credentials, region: 'cn-hangzhou', now: new Date() }).headers;
}

describe('copies', () => {
  it('keeps ETag and CRC, copies metadata (COPY) or takes the request (REPLACE); accepts %2F', async () => {
    const src = await put('dir/src.txt', 'copy me', { 'Content-Type': 'text/x-src', 'x-oss-meta-a': '1' });
    const copy = await send({
      method: 'PUT', bucket: 'proto-other', key: 'dst.txt',
      headers: { 'x-oss-copy-source': `/${BUCKET}/${encodeURIComponent('dir/src.txt')}`, 'x-oss-meta-ignored': 'x' },
    });
    expect(copy.status).toBe(200);
    expect(copy.text.replace(/&quot;/g, '"')).toContain(`<ETag>${src.headers['etag']}</ETag>`);
    expect(copy.headers['x-oss-hash-crc64ecma']).toBe(src.headers['x-oss-hash-crc64ecma']);
    const head = await send({ method: 'HEAD', bucket: 'proto-other', key: 'dst.txt' });
    expect(head.headers['x-oss-meta-a']).toBe('1');
    expect(head.headers['x-oss-meta-ignored']).toBeUndefined();
    expect(head.headers['content-type']).toBe('text/x-src');

    await send({
      method: 'PUT', bucket: BUCKET, key: 'dir/replaced.txt',
      headers: { 'x-oss-copy-source': `/${BUCKET}/dir/src.txt`, 'x-oss-metadata-directive': 'REPLACE', 'x-oss-meta-b': '2' },
    });
    const replaced = await send({ method: 'HEAD', bucket: BUCKET, key: 'dir/replaced.txt' });
    expect(replaced.headers['x-oss-meta-a']).toBeUndefined();
    expect(replaced.headers['x-oss-meta-b']).toBe('2');
  });

  it('self-copy uses the request metadata regardless of the directive and keeps data and ETag', async () => {
    const src = await put('self.txt', 'self', { 'x-oss-meta-old': '1', 'Cache-Control': 'no-cache' });
    const r = await send({
      method: 'PUT', bucket: BUCKET, key: 'self.txt',
      headers: { 'x-oss-copy-source': `/${BUCKET}/self.txt`, 'x-oss-metadata-directive': 'COPY', 'x-oss-meta-new': '2' },
    });
    expect(r.status).toBe(200);
    const head = await send({ method: 'HEAD', bucket: BUCKET, key: 'self.txt' });
    expect(head.headers['x-oss-meta-old']).toBeUndefined();
    expect(head.headers['x-oss-meta-new']).toBe('2');
    expect(head.headers['cache-control']).toBeUndefined();
    expect(head.headers['etag']).toBe(src.headers['etag']);
    expect((await send({ method: 'GET', bucket: BUCKET, key: 'self.txt' })).text).toBe('self');
  });

  it('maps copy-source conditions to 412/304 and forbid-overwrite to 409', async () => {
    const src = await put('cs.txt', 'cs');
    const copy = (headers: Record<string, string>): Promise<RawResponse> =>
      send({ method: 'PUT', bucket: BUCKET, key: 'cs-dst.txt', headers: { 'x-oss-copy-source': `/${BUCKET}/cs.txt`, ...headers } });
    expect((await copy({ 'x-oss-copy-source-if-match': '"ABCORZ"' })).status).toBe(412);
    expect((await copy({ 'x-oss-copy-source-if-none-match': src.headers['etag'] as string })).status).toBe(304);
    expect((await copy({ 'x-oss-copy-source-if-match': src.headers['etag'] as string })).status).toBe(200);
    const forbidden = await copy({ 'x-oss-forbid-overwrite': 'true' });
    expect(forbidden.status).toBe(409);
    expect(errorCode(forbidden)).toBe('FileAlreadyExists');
    const putForbidden = await put('cs.txt', 'again', { 'x-oss-forbid-overwrite': 'true' });
    expect(errorCode(putForbidden)).toBe('FileAlreadyExists');
  });
});

describe('multipart', () => {
  it('assembles parts with "<HEX>-<N>" ETag and the whole-object CRC, checks order and parts', async () => {
    const init = await send({ method: 'POST', bucket: BUCKET, key: 'mp.bin', query: [['uploads', '']], headers: { 'x-oss-meta-k': 'v' } });
    const uploadId = /<UploadId>([^<]+)<\/UploadId>/.exec(init.text)?.[1] as string;
    const part1 = Buffer.alloc(100 * 1024, 1);
    const part2 = Buffer.from('tail');
    const p1 = await send({ method: 'PUT', bucket: BUCKET, key: 'mp.bin', query: [['partNumber', '1'], ['uploadId', uploadId]], body: part1 });
    const p2 = await send({ method: 'PUT', bucket: BUCKET, key: 'mp.bin', query: [['partNumber', '2'], ['uploadId', uploadId]], body: part2 });
    expect(p1.headers['x-oss-hash-crc64ecma']).toBe(formatCrc64(crc64(part1)));
    const xml = (parts: Array<[number, string]>): string =>
      `<CompleteMultipartUpload>${parts.map(([n, e]) => `<Part><PartNumber>${n}</PartNumber><ETag>${e.replace(/"/g, '&#34;')}</ETag></Part>`).join('')}</CompleteMultipartUpload>`;
    const complete = (body: string): Promise<RawResponse> =>
      send({ method: 'POST', bucket: BUCKET, key: 'mp.bin', query: [['uploadId', uploadId]], body });
    expect(errorCode(await complete(xml([[2, p2.headers['etag'] as string], [1, p1.headers['etag'] as string]])))).toBe('InvalidPartOrder');
    expect(errorCode(await complete(xml([[1, '"00000000000000000000000000000000"']])))).toBe('InvalidPart');
    expect(errorCode(await complete('<CompleteMultipartUpload><Part>'))).toBe('MalformedXML');
    const done = await complete(xml([[1, p1.headers['etag'] as string], [2, p2.headers['etag'] as string]]));
    expect(done.status).toBe(200);
    const whole = Buffer.concat([part1, part2]);
    expect(done.headers['x-oss-hash-crc64ecma']).toBe(formatCrc64(crc64(whole)));
    const head = await send({ method: 'HEAD', bucket: BUCKET, key: 'mp.bin' });
    expect(head.headers['etag']).toMatch(/^"[0-9A-F]{32}-2"$/);
    expect(head.headers['x-oss-object-type']).toBe('Multipart');
    expect(head.headers['x-oss-meta-k']).toBe('v');
    expect(head.headers['content-md5']).toBeUndefined();
  });

  it('UploadPartCopy copies ranges of a source', async () => {
    await put('upc-src.txt', 'abcdefghij');
    const init = await send({ method: 'POST', bucket: BUCKET, key: 'upc.txt', query: [['uploads', '']] });
    const uploadId = /<UploadId>([^<]+)<\/UploadId>/.exec(init.text)?.[1] as string;
    const part = await send({
      method: 'PUT', bucket: BUCKET, key: 'upc.txt', query: [['partNumber', '1'], ['uploadId', uploadId]],
      headers: { 'x-oss-copy-source': `/${BUCKET}/upc-src.txt`, 'x-oss-copy-source-range': 'bytes=2-5' },
    });
    expect(part.status).toBe(200);
    const etag = /<ETag>([^<]+)<\/ETag>/.exec(part.text.replace(/&quot;/g, '"'))?.[1] as string;
    await send({
      method: 'POST', bucket: BUCKET, key: 'upc.txt', query: [['uploadId', uploadId]],
      body: `<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>${etag}</ETag></Part></CompleteMultipartUpload>`,
    });
    expect((await send({ method: 'GET', bucket: BUCKET, key: 'upc.txt' })).text).toBe('cdef');
    expect(store.stats.count('UploadPartCopy')).toBe(1);
    const abort = await send({ method: 'DELETE', bucket: BUCKET, key: 'upc.txt', query: [['uploadId', uploadId]] });
    expect(errorCode(abort)).toBe('NoSuchUpload');
  });
});

describe('buckets and addressing', () => {
  it('routes virtual-hosted requests by Host', async () => {
    const r = await send({ method: 'PUT', bucket: BUCKET, key: 'vh/a.txt', body: 'vh', virtualHosted: true });
    expect(r.status).toBe(200);
    expect((await send({ method: 'GET', bucket: BUCKET, key: 'vh/a.txt' })).text).toBe('vh');
  });

  it('deletes only empty buckets and validates names', async () => {
    expect(errorCode(await send({ method: 'DELETE', bucket: BUCKET }))).toBe('BucketNotEmpty');
    expect((await send({ method: 'PUT', bucket: 'tmp-bucket' })).status).toBe(200);
    expect((await send({ method: 'DELETE', bucket: 'tmp-bucket' })).status).toBe(204);
    expect(errorCode(await send({ method: 'PUT', bucket: 'Bad_Name' }))).toBe('InvalidBucketName');
    const list = await send({ method: 'GET' });
    expect(list.text).toContain(`<Name>${BUCKET}</Name>`);
    expect(list.text).not.toContain('<Name>tmp-bucket</Name>');
  });
});

describe('authentication', () => {
  it('refuses anonymous requests, unknown keys, bad signatures and skewed clocks', async () => {
    expect(errorCode(await send({ method: 'GET', bucket: BUCKET, key: 'rid.txt', sign: 'none' }))).toBe('AccessDenied');
    const unknown = await send({ method: 'GET', bucket: BUCKET, key: 'rid.txt', credentials: { accessKeyId: 'nope', accessKeySecret: 'x' } });
    expect(errorCode(unknown)).toBe('InvalidAccessKeyId');
    const bad = await send({ method: 'GET', bucket: BUCKET, key: 'rid.txt', credentials: { accessKeyId: 'local-oss-ak', accessKeySecret: 'wrong' } });
    expect(errorCode(bad)).toBe('SignatureDoesNotMatch');
    expect(bad.text).toContain('<StringToSign>');
    for (const sign of ['v4', 'v1'] as const) {
      const skewed = await send({ method: 'GET', bucket: BUCKET, key: 'rid.txt', sign, now: new Date(Date.now() - 16 * 60 * 1000) });
      expect(errorCode(skewed)).toBe('RequestTimeTooSkewed');
      const ok = await send({ method: 'GET', bucket: BUCKET, key: 'rid.txt', sign, now: new Date(Date.now() - 14 * 60 * 1000) });
      expect(ok.status).toBe(200);
    }
  });

  it('accepts STS tokens only for the pair configured with one', async () => {
    const sts = { accessKeyId: 'sts-ak', accessKeySecret: 'sts-sk', securityToken: 'sts-token' };
    expect((await send({ method: 'GET', bucket: BUCKET, key: 'rid.txt', credentials: sts })).status).toBe(200);
    expect((await send({ method: 'GET', bucket: BUCKET, key: 'rid.txt', sign: 'v1', credentials: sts })).status).toBe(200);
    const missing = await send({ method: 'GET', bucket: BUCKET, key: 'rid.txt', credentials: { accessKeyId: 'sts-ak', accessKeySecret: 'sts-sk' } });
    expect(errorCode(missing)).toBe('InvalidSecurityToken');
  });

  it('checks presigned URLs (V4 and V1) and their expiry', async () => {
    const signable = { method: 'GET', bucket: BUCKET, key: 'rid.txt', query: [], headers: {} };
    const render = (q: Array<[string, string]>): string => q.map(([k, v]) => `${uriEncode(k, false)}=${uriEncode(v, false)}`).join('&');
    const fresh = presignV4(signable, { credentials: store.credentials, region: 'cn-hangzhou', now: new Date(), expiresInSeconds: 60 });
    const ok = await request(`${store.url}/${BUCKET}/rid.txt?${render(fresh.query)}`);
    expect(ok.statusCode).toBe(200);
    await ok.body.dump();
    const old = presignV4(signable, { credentials: store.credentials, region: 'cn-hangzhou', now: new Date(Date.now() - 120_000), expiresInSeconds: 60 });
    const expired = await request(`${store.url}/${BUCKET}/rid.txt?${render(old.query)}`);
    expect(expired.statusCode).toBe(403);
    expect(await expired.body.text()).toContain('<Code>AccessDenied</Code>');
    const v1 = presignV1(signable, { credentials: store.credentials, expires: Math.floor(Date.now() / 1000) + 60 });
    const v1ok = await request(`${store.url}/${BUCKET}/rid.txt?${render(v1.query)}`);
    expect(v1ok.statusCode).toBe(200);
    await v1ok.body.dump();
    const v1old = presignV1(signable, { credentials: store.credentials, expires: Math.floor(Date.now() / 1000) - 1 });
    const v1expired = await request(`${store.url}/${BUCKET}/rid.txt?${render(v1old.query)}`);
    expect(v1expired.statusCode).toBe(403);
    await v1expired.body.dump();
  });

  it('allows anonymous access only when enabled', async () => {
    const open = await startLocalOss({ allowAnonymous: true, buckets: ['anon'] });
    try {
      const r = await rawRequest(open, { method: 'PUT', bucket: 'anon', key: 'a', body: 'a', sign: 'none' });
      expect(r.status).toBe(200);
    } finally {
      await open.close();
    }
  });
});

describe('stats', () => {
  it('counts one request per operation, including failed ones', async () => {
    store.stats.reset();
    await send({ method: 'HEAD', bucket: BUCKET, key: 'missing' });
    await send({ method: 'HEAD', bucket: BUCKET, key: 'rid.txt', sign: 'none' });
    await send({ method: 'GET', bucket: BUCKET, query: [['list-type', '2']] });
    expect(store.stats.snapshot()).toEqual({ HeadObject: 2, ListObjectsV2: 1 });
    expect(store.stats.total()).toBe(3);
  });
});
