import { describe, expect, it } from 'vitest';
import { createOssApi } from '../../../../src/oss/api.js';
import { OssResponseParseError } from '../../../../src/oss/errors.js';
import { fakeOss, ok } from '../../../helpers/oss-client.js';

const base = {
  'content-length': '344606',
  etag: '"5B3C1A2E053D763E1B002CC607C5A0FE"',
  'last-modified': 'Fri, 24 Feb 2012 06:07:48 GMT',
};

function head(headers: Record<string, string>) {
  const oss = fakeOss(() => ok({ ...base, ...headers }));
  return { oss, result: createOssApi(oss.client).headObject({ bucket: 'examplebucket', key: 'dir/a.txt' }) };
}

describe('HeadObject header → result mapping', () => {
  it('reads the base fields', async () => {
    const { result } = head({});
    expect(await result).toMatchObject({
      contentLength: 344606,
      etag: '"5B3C1A2E053D763E1B002CC607C5A0FE"',
      lastModified: new Date('2012-02-24T06:07:48Z'),
      metadata: {},
      requestId: 'REQ1',
    });
  });

  it.each([
    ['content-type', 'text/plain', 'contentType', 'text/plain'],
    ['content-md5', 'eB5eJF1ptWaXm4bijSPyxw==', 'contentMd5', 'eB5eJF1ptWaXm4bijSPyxw=='],
    ['cache-control', 'no-cache', 'cacheControl', 'no-cache'],
    ['content-disposition', 'attachment; filename="a.txt"', 'contentDisposition', 'attachment; filename="a.txt"'],
    ['content-encoding', 'gzip', 'contentEncoding', 'gzip'],
    ['content-language', 'zh-CN', 'contentLanguage', 'zh-CN'],
    ['expires', 'Fri, 28 Feb 2031 05:38:42 GMT', 'expires', 'Fri, 28 Feb 2031 05:38:42 GMT'],
    ['x-oss-hash-crc64ecma', '11051210869376104954', 'hashCrc64', '11051210869376104954'],
    ['x-oss-storage-class', 'IA', 'storageClass', 'IA'],
    ['x-oss-object-type', 'Multipart', 'objectType', 'Multipart'],
    ['x-oss-version-id', 'CAEQNhiBgMDJgZCA0BYiIDc4MGZjZGI2OTBjOTRmNTE5NmU5NmFhZjhjYmY0****', 'versionId', 'CAEQNhiBgMDJgZCA0BYiIDc4MGZjZGI2OTBjOTRmNTE5NmU5NmFhZjhjYmY0****'],
    ['x-oss-tagging-count', '2', 'taggingCount', 2],
    ['x-oss-server-side-encryption', 'KMS', 'serverSideEncryption', 'KMS'],
    ['x-oss-server-side-data-encryption', 'SM4', 'serverSideDataEncryption', 'SM4'],
    ['x-oss-server-side-encryption-key-id', '9468da86-3509-4f8d-a61e-6eab1eac****', 'serverSideEncryptionKeyId', '9468da86-3509-4f8d-a61e-6eab1eac****'],
    ['x-oss-next-append-position', '1717', 'nextAppendPosition', 1717],
    ['x-oss-expiration', 'expiry-date="Sun, 16 Apr 2017 08:12:33 GMT", rule-id="r1"', 'expiration', 'expiry-date="Sun, 16 Apr 2017 08:12:33 GMT", rule-id="r1"'],
    ['x-oss-restore', 'ongoing-request="true"', 'restore', 'ongoing-request="true"'],
    ['x-oss-process-status', 'eyJhIjoxfQ==', 'processStatus', 'eyJhIjoxfQ=='],
    ['x-oss-request-charged', 'requester', 'requestCharged', 'requester'],
    ['x-oss-transition-time', 'Tue, 23 Apr 2024 07:21:42 GMT', 'transitionTime', 'Tue, 23 Apr 2024 07:21:42 GMT'],
    ['access-control-allow-origin', 'https://app.example', 'allowOrigin', 'https://app.example'],
    ['access-control-allow-methods', 'GET, PUT', 'allowMethods', 'GET, PUT'],
    ['access-control-max-age', '600', 'maxAge', 600],
    ['access-control-allow-age', '300', 'maxAge', 300],
    ['access-control-allow-headers', 'content-type', 'allowHeaders', 'content-type'],
    ['access-control-expose-headers', 'etag', 'exposeHeaders', 'etag'],
  ] as const)('%s → %s', async (header, value, field, expected) => {
    const { result } = head({ [header]: value });
    const out = (await result) as unknown as Record<string, unknown>;
    expect(out[field]).toEqual(expected);
    expect((await result).headers[header]).toBe(value);
  });

  it('prefers Access-Control-Max-Age over the SDKs’ Allow-Age', async () => {
    const { result } = head({ 'access-control-max-age': '600', 'access-control-allow-age': '5' });
    expect((await result).maxAge).toBe(600);
  });

  it('collects user metadata with lowercased names, sorted', async () => {
    const { result } = head({ 'X-OSS-META-Zeta': 'z', 'x-oss-meta-alpha': 'a b', 'x-oss-meta-': 'empty-name' });
    expect((await result).metadata).toEqual({ '': 'empty-name', alpha: 'a b', zeta: 'z' });
  });

  it('leaves absent optional fields absent', async () => {
    const { result } = head({});
    const out = await result;
    expect('contentType' in out).toBe(false);
    expect('maxAge' in out).toBe(false);
  });

  it('fails clearly on a malformed Content-Length', async () => {
    const { result } = head({ 'content-length': 'abc' });
    await expect(result).rejects.toBeInstanceOf(OssResponseParseError);
  });

  it('sends version, conditions, Origin and Access-Control-Request-Method', async () => {
    const oss = fakeOss(() => ok(base));
    await createOssApi(oss.client).headObject({
      bucket: 'examplebucket',
      key: 'dir/a b.txt',
      versionId: 'v 1',
      ifMatch: '"abc"',
      ifNoneMatch: '"def"',
      ifModifiedSince: new Date('2024-01-01T00:00:00Z'),
      ifUnmodifiedSince: new Date('2024-02-01T00:00:00Z'),
      origin: 'https://app.example',
      accessControlRequestMethod: 'PUT',
    });
    const sent = oss.requests[0];
    expect(sent?.method).toBe('HEAD');
    expect(sent?.path).toBe('/dir/a%20b.txt?versionId=v%201');
    expect(sent?.headers).toMatchObject({
      'if-match': '"abc"',
      'if-none-match': '"def"',
      'if-modified-since': 'Mon, 01 Jan 2024 00:00:00 GMT',
      'if-unmodified-since': 'Thu, 01 Feb 2024 00:00:00 GMT',
      origin: 'https://app.example',
      'access-control-request-method': 'PUT',
    });
  });
});

describe('GetObjectMeta header → result mapping', () => {
  it.each([
    [{}, {}],
    [{ 'x-oss-last-access-time': 'Thu, 14 Oct 2021 11:49:05 GMT' }, { lastAccessTime: new Date('2021-10-14T11:49:05Z') }],
    [{ 'x-oss-version-id': 'v1' }, { versionId: 'v1' }],
    [{ 'x-oss-hash-crc64ecma': '0' }, { hashCrc64: '0' }],
    [{ 'x-oss-transition-time': 'Tue, 23 Apr 2024 07:21:42 GMT' }, { transitionTime: 'Tue, 23 Apr 2024 07:21:42 GMT' }],
  ])('%j → %j', async (extra, expected) => {
    const oss = fakeOss(() => ok({ ...base, 'content-type': 'text/plain', 'x-oss-meta-a': 'b', ...extra }));
    const result = await createOssApi(oss.client).getObjectMeta({ bucket: 'examplebucket', key: 'a' });
    expect(result).toEqual({
      contentLength: 344606,
      etag: '"5B3C1A2E053D763E1B002CC607C5A0FE"',
      lastModified: new Date('2012-02-24T06:07:48Z'),
      requestId: 'REQ1',
      ...expected,
    });
  });

  it('sends HEAD ?objectMeta with the version', async () => {
    const oss = fakeOss(() => ok(base));
    await createOssApi(oss.client).getObjectMeta({ bucket: 'examplebucket', key: 'a', versionId: 'v1' });
    expect(oss.requests[0]).toMatchObject({ method: 'HEAD', path: '/a?objectMeta&versionId=v1' });
  });
});
