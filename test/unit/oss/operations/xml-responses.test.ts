import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createOssApi } from '../../../../src/oss/api.js';
import { OssServiceError, isNotFoundError } from '../../../../src/oss/errors.js';
import { errorReply, fakeOss, ok } from '../../../helpers/oss-client.js';

const fixture = (path: string): string => readFileSync(new URL(`../../../fixtures/xml/${path}`, import.meta.url), 'utf8');
const xml = (path: string) => ok({ 'content-type': 'application/xml' }, fixture(path));

describe('ListObjectsV2 XML', () => {
  it('decodes keys, prefixes, delimiter and token, and always asks for encoding-type=url', async () => {
    const oss = fakeOss(() => xml('list-objects-v2/encoded-delimiter.xml'));
    const result = await createOssApi(oss.client).listObjectsV2({ bucket: 'examplebucket', prefix: 'a dir/', delimiter: '/', maxKeys: 2 });
    expect(oss.requests[0]?.path).toBe('/?list-type=2&encoding-type=url&prefix=a%20dir%2F&delimiter=%2F&max-keys=2');
    expect(oss.requests[0]?.origin).toBe('https://examplebucket.oss-cn-hangzhou.aliyuncs.com');
    expect(result).toMatchObject({
      name: 'examplebucket',
      prefix: 'a dir/',
      delimiter: '/',
      maxKeys: 2,
      keyCount: 3,
      isTruncated: true,
      nextContinuationToken: 'CgJiYw==',
      commonPrefixes: ['a dir/sub&dir/'],
      requestId: 'REQ1',
    });
    expect(result.contents).toEqual([
      {
        key: 'a dir/中文+plus.txt',
        size: 344606,
        etag: '"5B3C1A2E053D763E1B002CC607C5A0FE"',
        lastModified: new Date('2020-06-22T11:42:32.000Z'),
        storageClass: 'Standard',
        type: 'Normal',
      },
      {
        key: 'a dir/007',
        size: 0,
        etag: '"3E1372A912B4BC86E8A51234AEC0CA0C-400"',
        lastModified: new Date('2021-01-02T03:04:05.000Z'),
        storageClass: 'Archive',
        type: 'Multipart',
        restoreInfo: 'ongoing-request="true"',
        transitionTime: '2023-04-23T07:21:42.000Z',
      },
    ]);
  });

  it('reads an empty page', async () => {
    const oss = fakeOss(() => xml('list-objects-v2/empty.xml'));
    const result = await createOssApi(oss.client).listObjectsV2({ bucket: 'examplebucket' });
    expect(result).toEqual({
      name: 'examplebucket',
      prefix: '',
      maxKeys: 100,
      keyCount: 0,
      isTruncated: false,
      contents: [],
      commonPrefixes: [],
      requestId: 'REQ1',
    });
  });

  it('reads a single Contents element as a list, with owner, start-after and token', async () => {
    const oss = fakeOss(() => xml('list-objects-v2/single-content-with-owner.xml'));
    const result = await createOssApi(oss.client).listObjectsV2({ bucket: 'examplebucket', continuationToken: 'tok/en', fetchOwner: true });
    expect(oss.requests[0]?.path).toBe('/?list-type=2&encoding-type=url&continuation-token=tok%2Fen&fetch-owner=true');
    expect(result.startAfter).toBe('b');
    expect(result.continuationToken).toBe('tok/en');
    expect(result.contents).toHaveLength(1);
    expect(result.contents[0]).toMatchObject({ key: ' leading-space', type: 'Appendable', owner: { id: '0022012****', displayName: 'user-example' } });
  });
});

describe('copy and multipart XML', () => {
  it('CopyObjectResult', async () => {
    const oss = fakeOss(() => ({ ...xml('copy-object/success.xml'), headers: { 'x-oss-request-id': 'R', 'x-oss-version-id': 'v2', 'x-oss-copy-source-version-id': 'v1', 'x-oss-hash-crc64ecma': '42' } }));
    const result = await createOssApi(oss.client).copyObject({ bucket: 'dst-bucket', key: 'to', sourceBucket: 'src-bucket', sourceKey: 'a b/c+d', sourceVersionId: 'v1' });
    expect(oss.requests[0]?.headers['x-oss-copy-source']).toBe('/src-bucket/a%20b/c%2Bd?versionId=v1');
    expect(result).toEqual({
      etag: '"F2064A169EE92E9775EE5324D0B1682A"',
      lastModified: new Date('2018-12-28T09:41:56.000Z'),
      versionId: 'v2',
      sourceVersionId: 'v1',
      hashCrc64: '42',
      requestId: 'R',
    });
  });

  it('CopyPartResult', async () => {
    const oss = fakeOss(() => xml('upload-part-copy/success.xml'));
    const result = await createOssApi(oss.client).uploadPartCopy({
      bucket: 'dst-bucket',
      key: 'to',
      uploadId: 'U1',
      partNumber: 3,
      sourceKey: 'from',
      range: { start: 0, end: 102399 },
    });
    expect(oss.requests[0]?.path).toBe('/to?partNumber=3&uploadId=U1');
    expect(oss.requests[0]?.headers['x-oss-copy-source-range']).toBe('bytes=0-102399');
    expect(oss.requests[0]?.headers['x-oss-copy-source']).toBe('/dst-bucket/from');
    expect(result).toEqual({ etag: '"5B3C1A2E053D763E1B002CC607C5A0FE"', lastModified: new Date('2014-07-17T06:27:54.000Z'), requestId: 'REQ1' });
  });

  it('InitiateMultipartUploadResult with an encoded key', async () => {
    const oss = fakeOss(() => xml('initiate-multipart-upload/encoded-key.xml'));
    const result = await createOssApi(oss.client).initiateMultipartUpload({ bucket: 'oss-example', key: 'multi part/中.data', contentType: 'text/plain', metadata: { A: '1' } });
    expect(oss.requests[0]?.path).toBe('/multi%20part/%E4%B8%AD.data?uploads&encoding-type=url');
    expect(oss.requests[0]?.headers).toMatchObject({ 'content-type': 'text/plain', 'x-oss-meta-a': '1' });
    expect(result).toEqual({ bucket: 'oss-example', key: 'multi part/中.data', uploadId: '0004B9894A22E5B1888A1E29F823ABCD', requestId: 'REQ1' });
  });

  it('CompleteMultipartUploadResult, parts sent sorted with escaped quotes', async () => {
    const oss = fakeOss(() => ({ ...xml('complete-multipart-upload/encoded-key.xml'), headers: { 'x-oss-request-id': 'R', 'x-oss-hash-crc64ecma': '7' } }));
    const result = await createOssApi(oss.client).completeMultipartUpload({
      bucket: 'oss-example',
      key: 'multi part.data',
      uploadId: 'U1',
      parts: [
        { partNumber: 2, etag: '"B"' },
        { partNumber: 1, etag: '"A"' },
      ],
    });
    const body = oss.requests[0]?.body?.toString('utf8') ?? '';
    expect(body.indexOf('<PartNumber>1</PartNumber>')).toBeLessThan(body.indexOf('<PartNumber>2</PartNumber>'));
    expect(body).toMatch(/<ETag>(&quot;|")A(&quot;|")<\/ETag>/);
    expect(result).toEqual({
      bucket: 'oss-example',
      key: 'multi part.data',
      etag: '"B864DB6A936D376F9F8D3ED3BBE540DD-3"',
      location: 'http://oss-example.oss-cn-hangzhou.aliyuncs.com/multi%20part.data',
      hashCrc64: '7',
      requestId: 'R',
    });
  });
});

describe('ListAllMyBucketsResult', () => {
  it('reads buckets, paging and owner from the service endpoint', async () => {
    const oss = fakeOss(() => xml('list-buckets/two-buckets.xml'));
    const result = await createOssApi(oss.client).listBuckets({ prefix: 'app', maxKeys: 2 });
    expect(oss.requests[0]?.origin).toBe('https://oss-cn-hangzhou.aliyuncs.com');
    expect(oss.requests[0]?.path).toBe('/?prefix=app&max-keys=2');
    expect(result).toEqual({
      buckets: [
        {
          name: 'app-base-oss',
          creationDate: new Date('2014-02-17T18:12:43.000Z'),
          location: 'oss-cn-shanghai',
          region: 'cn-shanghai',
          storageClass: 'Standard',
          extranetEndpoint: 'oss-cn-shanghai.aliyuncs.com',
          intranetEndpoint: 'oss-cn-shanghai-internal.aliyuncs.com',
        },
        { name: 'app-mbaas-oss', creationDate: new Date('2014-12-25T11:21:04.000Z'), location: 'oss-cn-hangzhou', storageClass: 'IA' },
      ],
      prefix: 'app',
      maxKeys: 2,
      isTruncated: true,
      nextMarker: 'app-z',
      owner: { id: '512**', displayName: '51264' },
      requestId: 'REQ1',
    });
  });

  it('reads an empty <Buckets/>', async () => {
    const oss = fakeOss(() => xml('list-buckets/empty.xml'));
    const result = await createOssApi(oss.client).listBuckets();
    expect(result.buckets).toEqual([]);
    expect(result.isTruncated).toBe(false);
  });
});

describe('error responses', () => {
  it('parses the <Error> body into OssServiceError', async () => {
    const oss = fakeOss(() => ({ status: 404, headers: { 'content-type': 'application/xml', 'x-oss-request-id': 'HDR' }, body: fixture('error/no-such-key.xml') }));
    const error = await createOssApi(oss.client).deleteBucket({ bucket: 'examplebucket' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OssServiceError);
    expect(error).toMatchObject({
      status: 404,
      code: 'NoSuchKey',
      requestId: '6556E3AED11E553933CCDEDF',
      ec: '0026-00000001',
      hostId: 'demo-walker-6961.oss-cn-hangzhou.aliyuncs.com',
      target: { method: 'DELETE', url: 'https://examplebucket.oss-cn-hangzhou.aliyuncs.com/' },
    });
    expect(isNotFoundError(error)).toBe(true);
    expect(oss.requests).toHaveLength(1);
  });

  it('parses a namespaced <Error> body', async () => {
    const oss = fakeOss(() => ({ status: 400, body: fixture('error/namespaced-skewed.xml') }), { maxAttempts: 1 });
    const error = await createOssApi(oss.client).deleteBucket({ bucket: 'examplebucket' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400, code: 'RequestTimeTooSkewed', requestId: '5C3D9778CC1C2AEDF85BC111' });
  });

  it('decodes the base64 x-oss-err header of a HEAD error', async () => {
    const encoded = Buffer.from(fixture('error/head-x-oss-err.xml'), 'utf8').toString('base64');
    const oss = fakeOss(() => ({ status: 400, headers: { 'x-oss-err': encoded, 'x-oss-request-id': 'HDR', 'x-oss-ec': '0026-00000011' } }));
    const error = await createOssApi(oss.client).headObject({ bucket: 'bucket', key: 'link' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400, code: 'InvalidTargetType', requestId: '5C3D8D2A0ACA54D87B43C048', ec: '0026-00000011' });
  });

  it('falls back to BadErrorResponse and the headers when the HEAD error says nothing', async () => {
    const oss = fakeOss(() => ({ status: 404, headers: { 'x-oss-request-id': 'HDR', 'x-oss-ec': '0026-00000001' } }));
    const error = await createOssApi(oss.client).headObject({ bucket: 'bucket', key: 'k' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 404, code: 'BadErrorResponse', requestId: 'HDR', ec: '0026-00000001' });
    expect(isNotFoundError(error)).toBe(false);
  });

  it('keeps a non-XML body as the message', async () => {
    const oss = fakeOss(() => ({ status: 403, body: 'denied by proxy' }));
    const error = await createOssApi(oss.client).deleteBucket({ bucket: 'examplebucket' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 403, code: 'BadErrorResponse' });
    expect((error as Error).message).toContain('denied by proxy');
  });

  it('errorReply helper builds a parseable error', async () => {
    const oss = fakeOss(() => errorReply(409, 'BucketNotEmpty'));
    await expect(createOssApi(oss.client).deleteBucket({ bucket: 'examplebucket' })).rejects.toMatchObject({ code: 'BucketNotEmpty', status: 409 });
  });
});
