import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createOssApi } from '../../../src/oss/api.js';
import { crc64, formatCrc64 } from '../../../src/oss/checksum/crc64.js';
import { OssIntegrityError, OssServiceError, isNotFoundError, isPreconditionFailedError } from '../../../src/oss/errors.js';
import { deterministicBytes } from '../../helpers/deterministic-bytes.js';
import { useLocalOss } from './support.js';

const h = useLocalOss();
const bucket = 'test-bucket';

const systemHeaders = {
  contentType: 'text/plain; charset=utf-8',
  contentLanguage: 'zh-CN',
  contentEncoding: 'identity',
  contentDisposition: 'attachment; filename="r\u00e9sum\u00e9.txt"',
  cacheControl: 'max-age=60, must-revalidate',
  expires: 'Fri, 28 Feb 2031 05:38:42 GMT',
};

describe('object operations round-trip', () => {
  it('PutObject → HeadObject → GetObjectMeta → GetObject → DeleteObject', async () => {
    const body = Buffer.from('hello world');
    const put = await h.api.putObject({ bucket, key: 'dir/hello world.txt', body, metadata: { Author: 'Alice', 'x-trace': '1' }, ...systemHeaders });
    expect(put.etag).toBe('"5EB63BBBE01EEED093CB22BB8F5ACDC3"');
    expect(put.hashCrc64).toBe('5981764153023615706');
    expect(put.requestId).not.toBe('');

    const head = await h.api.headObject({ bucket, key: 'dir/hello world.txt' });
    expect(head).toMatchObject({ contentLength: 11, etag: put.etag, hashCrc64: put.hashCrc64, metadata: { author: 'Alice', 'x-trace': '1' }, ...systemHeaders });
    expect(head.lastModified).toBeInstanceOf(Date);
    expect(head.objectType).toBe('Normal');

    const meta = await h.api.getObjectMeta({ bucket, key: 'dir/hello world.txt' });
    expect(meta).toMatchObject({ contentLength: 11, etag: put.etag, hashCrc64: put.hashCrc64 });
    expect(meta.lastModified.getTime()).toBe(head.lastModified.getTime());

    const got = await h.api.getObject({ bucket, key: 'dir/hello world.txt' });
    expect(got.contentType).toBe(systemHeaders.contentType);
    expect(await got.body.text()).toBe('hello world');

    const range = await h.api.getObject({ bucket, key: 'dir/hello world.txt', range: { start: 6 } });
    expect(range.contentRange).toBe('bytes 6-10/11');
    expect(Buffer.from(await range.body.bytes()).toString()).toBe('world');

    await h.api.deleteObject({ bucket, key: 'dir/hello world.txt' });
    const missing = await h.api.headObject({ bucket, key: 'dir/hello world.txt' }).catch((e: unknown) => e);
    expect(isNotFoundError(missing)).toBe(true);
    expect(missing).toMatchObject({ code: 'NoSuchKey', status: 404 });
    expect(isNotFoundError(await h.api.getObjectMeta({ bucket, key: 'dir/hello world.txt' }).catch((e: unknown) => e))).toBe(true);
    expect(isNotFoundError(await h.api.getObject({ bucket, key: 'dir/hello world.txt' }).catch((e: unknown) => e))).toBe(true);
  });

  it('keys with spaces, unicode, plus, dots and percent round-trip', async () => {
    for (const key of ['a b/中文.txt', 'c+d%20e', 'x/../y', './dot', 'trailing/', 'q?x=1&y#z']) {
      await h.api.putObject({ bucket, key, body: key });
      expect(await (await h.api.getObject({ bucket, key })).body.text()).toBe(key);
      await h.api.deleteObject({ bucket, key });
    }
  });

  it('streams a body, replayable or not, with CRC-64 verified', async () => {
    const data = deterministicBytes(300_000, 7);
    const stream = await h.api.putObject({
      bucket,
      key: 'streamed',
      body: { stream: () => Readable.from([data.subarray(0, 1000), data.subarray(1000)]), replayable: false, contentLength: data.length },
    });
    expect(stream.hashCrc64).toBe(formatCrc64(crc64(data)));
    const got = await h.api.getObject({ bucket, key: 'streamed' });
    expect(Buffer.compare(Buffer.from(await got.body.bytes()), data)).toBe(0);
  });

  it('honours read conditions', async () => {
    const put = await h.api.putObject({ bucket, key: 'cond', body: 'x' });
    await expect(h.api.headObject({ bucket, key: 'cond', ifMatch: put.etag })).resolves.toBeDefined();
    const failed = await h.api.headObject({ bucket, key: 'cond', ifMatch: '"0000"' }).catch((e: unknown) => e);
    expect(isPreconditionFailedError(failed)).toBe(true);
    const notModified = await h.api.headObject({ bucket, key: 'cond', ifNoneMatch: put.etag }).catch((e: unknown) => e);
    expect(notModified).toMatchObject({ status: 304 });
  });

  it('forbidOverwrite refuses an existing key', async () => {
    await h.api.putObject({ bucket, key: 'once', body: 'a' });
    await expect(h.api.putObject({ bucket, key: 'once', body: 'b', forbidOverwrite: true })).rejects.toMatchObject({ status: 409, code: 'FileAlreadyExists' });
  });

  it('CopyObject COPY keeps metadata; REPLACE sets it; conditions guard the source', async () => {
    const put = await h.api.putObject({ bucket, key: 'src', body: 'source', metadata: { a: '1' }, ...systemHeaders });
    const copied = await h.api.copyObject({ bucket, key: 'dst', sourceKey: 'src', copySourceIfMatch: put.etag });
    expect(copied.etag).toBe(put.etag);
    expect(await h.api.headObject({ bucket, key: 'dst' })).toMatchObject({ metadata: { a: '1' }, ...systemHeaders });

    await h.api.copyObject({ bucket, key: 'dst2', sourceKey: 'src', metadataDirective: 'REPLACE', metadata: { b: '2' }, contentType: 'text/x' });
    const replaced = await h.api.headObject({ bucket, key: 'dst2' });
    expect(replaced.metadata).toEqual({ b: '2' });
    expect(replaced.contentType).toBe('text/x');
    expect(replaced.cacheControl).toBeUndefined();

    const guarded = await h.api.copyObject({ bucket, key: 'dst3', sourceKey: 'src', copySourceIfMatch: '"0000"' }).catch((e: unknown) => e);
    expect(isPreconditionFailedError(guarded)).toBe(true);
    await expect(h.api.copyObject({ bucket, key: 'dst', sourceKey: 'src', forbidOverwrite: true })).rejects.toMatchObject({ status: 409 });
  });

  it('multipart: initiate, upload parts, copy a part, complete, abort', async () => {
    const one = deterministicBytes(100 * 1024, 3);
    const two = deterministicBytes(150 * 1024, 4);
    await h.api.putObject({ bucket, key: 'part-source', body: two });
    const init = await h.api.initiateMultipartUpload({ bucket, key: 'multi part.bin', contentType: 'application/x-test', metadata: { m: 'v' } });
    expect(init.key).toBe('multi part.bin');
    const p1 = await h.api.uploadPart({ bucket, key: 'multi part.bin', uploadId: init.uploadId, partNumber: 1, body: one });
    expect(p1.hashCrc64).toBe(formatCrc64(crc64(one)));
    const p2 = await h.api.uploadPartCopy({ bucket, key: 'multi part.bin', uploadId: init.uploadId, partNumber: 2, sourceKey: 'part-source', range: { start: 0, end: 102399 } });
    const p3 = await h.api.uploadPart({ bucket, key: 'multi part.bin', uploadId: init.uploadId, partNumber: 3, body: two.subarray(102400) });
    const done = await h.api.completeMultipartUpload({
      bucket,
      key: 'multi part.bin',
      uploadId: init.uploadId,
      parts: [
        { partNumber: 3, etag: p3.etag },
        { partNumber: 1, etag: p1.etag },
        { partNumber: 2, etag: p2.etag },
      ],
    });
    const whole = Buffer.concat([one, two]);
    expect(done.key).toBe('multi part.bin');
    expect(done.hashCrc64).toBe(formatCrc64(crc64(whole)));
    const head = await h.api.headObject({ bucket, key: 'multi part.bin' });
    expect(head).toMatchObject({ contentLength: whole.length, contentType: 'application/x-test', metadata: { m: 'v' }, objectType: 'Multipart' });
    expect(Buffer.compare(Buffer.from(await (await h.api.getObject({ bucket, key: 'multi part.bin' })).body.bytes()), whole)).toBe(0);

    const aborted = await h.api.initiateMultipartUpload({ bucket, key: 'never' });
    await h.api.abortMultipartUpload({ bucket, key: 'never', uploadId: aborted.uploadId });
    await expect(h.api.abortMultipartUpload({ bucket, key: 'never', uploadId: aborted.uploadId })).rejects.toMatchObject({ status: 404, code: 'NoSuchUpload' });
    expect(isNotFoundError(await h.api.headObject({ bucket, key: 'never' }).catch((e: unknown) => e))).toBe(true);
  });
});

describe('listing', () => {
  it('ListObjectsV2 decodes encoded keys, groups by delimiter and pages with tokens', async () => {
    await h.api.putBucket({ bucket: 'list-bucket' });
    const keys = ['a/1 one.txt', 'a/2+two.txt', 'a/sub/3.txt', 'a/中/4.txt', 'b.txt', 'a/%41'];
    for (const key of keys) await h.api.putObject({ bucket: 'list-bucket', key, body: key });

    const grouped = await h.api.listObjectsV2({ bucket: 'list-bucket', prefix: 'a/', delimiter: '/' });
    expect(grouped.contents.map((c) => c.key)).toEqual(['a/%41', 'a/1 one.txt', 'a/2+two.txt']);
    expect(grouped.commonPrefixes).toEqual(['a/sub/', 'a/中/']);
    expect(grouped).toMatchObject({ prefix: 'a/', delimiter: '/', isTruncated: false, keyCount: 5, name: 'list-bucket' });
    expect(grouped.contents[1]).toMatchObject({ size: 11, type: 'Normal', storageClass: 'Standard' });
    expect(grouped.contents[1]?.etag).toMatch(/^"[0-9A-F]{32}"$/);

    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await h.api.listObjectsV2({ bucket: 'list-bucket', maxKeys: 2, ...(token === undefined ? {} : { continuationToken: token }) });
      seen.push(...page.contents.map((c) => c.key));
      token = page.nextContinuationToken;
      pages++;
      if (page.isTruncated) expect(token).toBeDefined();
    } while (token !== undefined);
    expect(pages).toBe(3);
    expect(seen).toEqual([...keys].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y))));
  });

  it('PutBucket, ListBuckets, DeleteBucket', async () => {
    await h.api.putBucket({ bucket: 'made-here', storageClass: 'Standard' });
    const listed = await h.api.listBuckets();
    expect(listed.buckets.map((b) => b.name)).toContain('made-here');
    expect(listed.buckets.find((b) => b.name === 'made-here')?.creationDate).toBeInstanceOf(Date);
    const prefixed = await h.api.listBuckets({ prefix: 'made-' });
    expect(prefixed.buckets.map((b) => b.name)).toEqual(['made-here']);
    await h.api.putObject({ bucket: 'made-here', key: 'k', body: 'x' });
    await expect(h.api.deleteBucket({ bucket: 'made-here' })).rejects.toMatchObject({ status: 409 });
    await h.api.deleteObject({ bucket: 'made-here', key: 'k' });
    await h.api.deleteBucket({ bucket: 'made-here' });
    expect((await h.api.listBuckets()).buckets.map((b) => b.name)).not.toContain('made-here');
    const noBucket = await h.api.headObject({ bucket: 'made-here', key: 'k' }).catch((e: unknown) => e);
    expect(noBucket).toMatchObject({ status: 404, code: 'NoSuchBucket' });
    expect(isNotFoundError(noBucket)).toBe(true);
  });
});

describe('signing and errors against a verifying server', () => {
  it('V1 signatures and STS-less V4 both verify', async () => {
    const v1 = createOssApi(h.makeClient({ signatureVersion: 'v1' }));
    await v1.putObject({ bucket, key: 'v1 key+', body: 'v1', contentType: 'text/plain', metadata: { a: 'b' } });
    expect((await v1.headObject({ bucket, key: 'v1 key+' })).metadata).toEqual({ a: 'b' });
    expect((await v1.listObjectsV2({ bucket, prefix: 'v1 ' })).contents).toHaveLength(1);
  });

  it('wrong credentials fail with a service error and are not retried', async () => {
    h.store.stats.reset();
    const bad = createOssApi(h.makeClient({ credentials: { accessKeyId: h.store.credentials.accessKeyId, accessKeySecret: 'wrong' } }));
    const error = await bad.headObject({ bucket, key: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OssServiceError);
    expect(error).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
    expect(h.store.stats.total()).toBeLessThanOrEqual(1);
  });

  it('a wrong CRC would be detected (the check is live)', () => {
    expect(new OssIntegrityError('x', '1', '2').code).toBe('InconsistentError');
  });
});

describe('bad input is rejected before any request reaches local-oss', () => {
  it.each([
    ['2-char bucket', { bucket: 'ab', key: 'k' }],
    ['64-char bucket', { bucket: 'a'.repeat(64), key: 'k' }],
    ['uppercase bucket', { bucket: 'Test-bucket', key: 'k' }],
    ['underscore bucket', { bucket: 'test_bucket', key: 'k' }],
    ['empty key', { bucket, key: '' }],
    ['1024-byte key', { bucket, key: 'k'.repeat(1024) }],
    ['key starting with /', { bucket, key: '/k' }],
    ['metadata key with _', { bucket, key: 'k', metadata: { a_b: 'v' } }],
    ['metadata key with space', { bucket, key: 'k', metadata: { 'a b': 'v' } }],
    ['value with CR/LF', { bucket, key: 'k', metadata: { a: 'v\r\nx-oss-meta-b: 1' } }],
    ['non-ASCII value', { bucket, key: 'k', metadata: { a: 'ünïcode' } }],
    ['8 KB+ metadata', { bucket, key: 'k', metadata: { a: 'x'.repeat(4096), b: 'y'.repeat(4096) } }],
  ])('%s', async (_, request) => {
    h.store.stats.reset();
    const error = await h.api.putObject({ ...request, body: 'x' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'OssInvalidArgumentError', code: 'InvalidArgument' });
    expect((error as Error).message).toMatch(/^(bucket|key|metadata)[^:]*: .+; received /);
    expect(h.store.stats.total()).toBe(0);
  });
});
