import { describe, expect, it } from 'vitest';
import { createOssApi } from '../../../../src/oss/api.js';
import type { OssApi } from '../../../../src/oss/api.js';
import { OssInvalidArgumentError } from '../../../../src/oss/errors.js';
import { createCopier } from '../../../../src/oss/helpers/copier.js';
import { createMetadataEditor } from '../../../../src/oss/helpers/metadata-editor.js';
import { createPresigner } from '../../../../src/oss/helpers/presigner.js';
import { createUploader } from '../../../../src/oss/helpers/uploader.js';
import { fakeOss, ok } from '../../../helpers/oss-client.js';

/** Runs `call` against a fake that counts requests; asserts the rejection and that nothing was sent. */
async function rejectsBeforeSending(call: (api: OssApi) => Promise<unknown>, field: RegExp | string, value?: unknown) {
  const oss = fakeOss(() => ok());
  const error = await Promise.resolve()
    .then(() => call(createOssApi(oss.client)))
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(OssInvalidArgumentError);
  const invalid = error as OssInvalidArgumentError;
  if (typeof field === 'string') expect(invalid.field).toBe(field);
  else expect(invalid.field).toMatch(field);
  expect(invalid.rule.length).toBeGreaterThan(5);
  if (value !== undefined) expect(invalid.value).toEqual(value);
  expect(invalid.message).toContain(invalid.field);
  expect(oss.requests).toHaveLength(0);
}

const key = 'k';
const bucket = 'examplebucket';

describe('bad bucket names never leave the client', () => {
  it.each(['ab', 'a'.repeat(64), 'Example', 'ex_ample', '-abc', 'abc-', ''])('%j', async (name) => {
    await rejectsBeforeSending((api) => api.headObject({ bucket: name, key }), 'bucket', name);
    await rejectsBeforeSending((api) => api.putObject({ bucket: name, key, body: 'x' }), 'bucket', name);
    await rejectsBeforeSending((api) => api.listObjectsV2({ bucket: name }), 'bucket', name);
    await rejectsBeforeSending((api) => api.putBucket({ bucket: name }), 'bucket', name);
  });
});

describe('bad keys never leave the client', () => {
  it.each([
    ['empty', ''],
    ['1024 bytes', 'a'.repeat(1024)],
    ['1024 bytes of UTF-8', '中'.repeat(341) + 'a'],
    ['leading /', '/abs'],
    ['leading \\', '\\abs'],
  ])('%s', async (_, badKey) => {
    await rejectsBeforeSending((api) => api.headObject({ bucket, key: badKey }), 'key', badKey);
    await rejectsBeforeSending((api) => api.getObjectMeta({ bucket, key: badKey }), 'key', badKey);
    await rejectsBeforeSending((api) => api.putObject({ bucket, key: badKey, body: 'x' }), 'key', badKey);
    await rejectsBeforeSending((api) => api.deleteObject({ bucket, key: badKey }), 'key', badKey);
    await rejectsBeforeSending((api) => api.copyObject({ bucket, key, sourceKey: badKey }), 'sourceKey', badKey);
    await rejectsBeforeSending((api) => api.copyObject({ bucket, key: badKey, sourceKey: key }), 'key', badKey);
  });

  it('accepts a 1023-byte key and sends dot segments verbatim', async () => {
    const oss = fakeOss(() => ok({ 'content-length': '0', etag: '"E"', 'last-modified': 'Fri, 24 Feb 2012 06:07:48 GMT' }));
    await createOssApi(oss.client).getObjectMeta({ bucket, key: 'a'.repeat(1023) });
    await createOssApi(oss.client).getObjectMeta({ bucket, key: 'a/../b' });
    expect(oss.requests).toHaveLength(2);
    expect(oss.requests[1]?.path).toBe('/a/%2E%2E/b?objectMeta');
  });
});

describe('bad metadata never leaves the client', () => {
  it.each([
    ['underscore in name', { my_key: 'v' }, /^metadata/],
    ['space in name', { 'my key': 'v' }, /^metadata/],
    ['empty name', { '': 'v' }, /^metadata/],
    ['names equal after lowercasing', { Abc: '1', aBC: '2' }, /^metadata/],
    ['CR in value', { a: 'x\ry' }, 'metadata.a'],
    ['LF in value', { a: 'x\ny' }, 'metadata.a'],
    ['non-ASCII value', { a: 'héllo' }, 'metadata.a'],
    ['CJK value', { a: '中文' }, 'metadata.a'],
    ['8 KB + 1', { a: 'x'.repeat(8192) }, 'metadata'],
  ])('%s', async (_, metadata, field) => {
    await rejectsBeforeSending((api) => api.putObject({ bucket, key, body: 'x', metadata }), field);
    await rejectsBeforeSending((api) => api.copyObject({ bucket, key, sourceKey: 'src', metadataDirective: 'REPLACE', metadata }), field);
    await rejectsBeforeSending((api) => api.initiateMultipartUpload({ bucket, key, metadata }), field);
  });

  it('says non-ASCII values are rejected, not converted', async () => {
    const oss = fakeOss(() => ok());
    await expect(createOssApi(oss.client).putObject({ bucket, key, body: 'x', metadata: { a: 'é' } })).rejects.toThrow(/non-ASCII.*rejected/);
  });

  it('accepts exactly 8 KB', async () => {
    const oss = fakeOss(() => ok({ etag: '"E"' }));
    await createOssApi(oss.client).putObject({ bucket, key, body: 'x', metadata: { a: 'x'.repeat(8191) } });
    expect(oss.requests).toHaveLength(1);
    expect(oss.requests[0]?.headers['x-oss-meta-a']).toHaveLength(8191);
  });
});

describe('CR/LF in any header value never leaves the client', () => {
  it.each([
    ['contentType', { contentType: 'text/plain\r\nx-evil: 1' }],
    ['cacheControl', { cacheControl: 'no-cache\n' }],
    ['contentDisposition', { contentDisposition: 'a\rb' }],
    ['tagging', { tagging: 'a=b\nc' }],
  ])('%s', async (field, headers) => {
    await rejectsBeforeSending((api) => api.putObject({ bucket, key, body: 'x', ...headers }), field);
  });

  it('HeadObject conditions and origin', async () => {
    await rejectsBeforeSending((api) => api.headObject({ bucket, key, ifMatch: '"a"\r\n' }), 'ifMatch');
    await rejectsBeforeSending((api) => api.headObject({ bucket, key, origin: 'https://a\n' }), 'origin');
  });
});

describe('any control character or an edge space in any header value never leaves the client', () => {
  const controls = [...Array.from({ length: 0x20 }, (_, code) => String.fromCharCode(code)), '\u007f'];

  it.each(['contentType', 'cacheControl', 'contentDisposition', 'contentEncoding', 'contentLanguage', 'expires'] as const)(
    '%s on every write (PutObject, CopyObject, InitiateMultipartUpload) and on a presigned PUT',
    async (field) => {
      for (const value of [...controls.map((c) => `a${c}b`), ' a', 'a ']) {
        await rejectsBeforeSending((api) => api.putObject({ bucket, key, body: 'x', [field]: value }), field, value);
        await rejectsBeforeSending((api) => api.copyObject({ bucket, key, sourceKey: 's', metadataDirective: 'REPLACE', [field]: value }), field, value);
        await rejectsBeforeSending((api) => api.initiateMultipartUpload({ bucket, key, [field]: value }), field, value);
        const oss = fakeOss(() => ok());
        await expect(createPresigner(oss.client).presignPut({ bucket, key, [field]: value })).rejects.toThrow(OssInvalidArgumentError);
      }
    },
  );

  it('read conditions, CORS probes and copy conditions', async () => {
    for (const value of ['"e"\u0001', '"e"\t', ' "e"', '"e" ']) {
      await rejectsBeforeSending((api) => api.headObject({ bucket, key, ifMatch: value }), 'ifMatch', value);
      await rejectsBeforeSending((api) => api.headObject({ bucket, key, origin: value }), 'origin', value);
      await rejectsBeforeSending((api) => api.headObject({ bucket, key, accessControlRequestMethod: value }), 'accessControlRequestMethod', value);
      await rejectsBeforeSending((api) => api.copyObject({ bucket, key, sourceKey: 's', copySourceIfMatch: value }), /ifMatch|IfMatch/, value);
    }
  });

  it('accepts inner spaces and Latin-1, and sends the value unchanged', async () => {
    const oss = fakeOss(() => ok({ etag: '"E"' }));
    await createOssApi(oss.client).putObject({ bucket, key, body: 'x', contentDisposition: 'attachment; filename="caf\u00e9 menu.pdf"' });
    expect(oss.requests[0]?.headers['content-disposition']).toBe('attachment; filename="caf\u00e9 menu.pdf"');
  });
});

describe('other rules', () => {
  it.each([
    ['partNumber 0', (api: OssApi) => api.uploadPart({ bucket, key, uploadId: 'u', partNumber: 0, body: 'x' }), 'partNumber'],
    ['partNumber 10001', (api: OssApi) => api.uploadPart({ bucket, key, uploadId: 'u', partNumber: 10001, body: 'x' }), 'partNumber'],
    ['empty uploadId', (api: OssApi) => api.abortMultipartUpload({ bucket, key, uploadId: '' }), 'uploadId'],
    ['no parts', (api: OssApi) => api.completeMultipartUpload({ bucket, key, uploadId: 'u', parts: [] }), 'parts'],
    ['maxKeys 0', (api: OssApi) => api.listObjectsV2({ bucket, maxKeys: 0 }), 'maxKeys'],
    ['bad directive', (api: OssApi) => api.copyObject({ bucket, key, sourceKey: 's', metadataDirective: 'replace' as 'REPLACE' }), 'metadataDirective'],
    ['self-copy forbidOverwrite', (api: OssApi) => api.copyObject({ bucket, key, sourceKey: key, forbidOverwrite: true }), 'forbidOverwrite'],
    ['negative range', (api: OssApi) => api.getObject({ bucket, key, range: { start: -1 } }), 'range.start'],
    ['invalid date', (api: OssApi) => api.headObject({ bucket, key, ifModifiedSince: new Date('x') }), 'ifModifiedSince'],
  ])('%s', async (_, call, field) => {
    await rejectsBeforeSending(call, field);
  });

  it('helpers validate before their first request', async () => {
    await rejectsBeforeSending((api) => createUploader(api, { partSize: 100 * 1024 }).upload({ bucket: 'B', key, body: 'x' }), 'bucket');
    await rejectsBeforeSending((api) => createCopier(api).copy({ bucket, key, sourceKey: '' }), /^sourceKey|key$/);
    await rejectsBeforeSending(
      (api) => createMetadataEditor(api).edit({ bucket, key, mode: 'update', metadata: { bad_name: 'v' } }),
      /^metadata/,
    );
    await rejectsBeforeSending((api) => createMetadataEditor(api).edit({ bucket, key, mode: 'update', removeKeys: ['a b'] }), 'removeKeys');
    const oss = fakeOss(() => ok());
    await expect(createPresigner(oss.client).presignPut({ bucket, key, metadata: { a: 'x\n' } })).rejects.toThrow(OssInvalidArgumentError);
    expect(() => createUploader(createOssApi(oss.client), { partSize: 1024 })).toThrow(OssInvalidArgumentError);
  });
});
