import { describe, expect, it } from 'vitest';
import { route, type RouteInput } from '../../../src/local-oss/router.js';
import { LocalOssError } from '../../../src/local-oss/errors.js';
import { parseTarget } from '../../../src/local-oss/server.js';

function r(method: string, bucket: string | undefined, key: string | undefined, query: string[] = [], hasCopySource = false): string {
  const params = new Map(query.map((q) => [q.split('=')[0] as string, q.split('=')[1] ?? '']));
  const input: RouteInput = { method, bucket, key, params, hasCopySource };
  return route(input);
}

describe('route', () => {
  it.each([
    ['GET', undefined, undefined, [], false, 'ListBuckets'],
    ['PUT', 'b', undefined, [], false, 'PutBucket'],
    ['DELETE', 'b', undefined, [], false, 'DeleteBucket'],
    ['GET', 'b', undefined, [], false, 'ListObjects'],
    ['GET', 'b', undefined, ['list-type=2'], false, 'ListObjectsV2'],
    ['GET', 'b', undefined, ['bucketInfo'], false, 'GetBucketInfo'],
    ['POST', 'b', undefined, ['delete'], false, 'DeleteMultipleObjects'],
    ['POST', 'b', undefined, [], false, 'PostObject'],
    ['GET', 'b', undefined, ['uploads'], false, 'ListMultipartUploads'],
    ['GET', 'b', undefined, ['uploads', 'prefix=p', 'encoding-type=url'], false, 'ListMultipartUploads'],
    ['PUT', 'b', 'k', [], false, 'PutObject'],
    ['PUT', 'b', 'k', [], true, 'CopyObject'],
    ['PUT', 'b', 'k', ['partNumber=1', 'uploadId=u'], false, 'UploadPart'],
    ['PUT', 'b', 'k', ['partNumber=1', 'uploadId=u'], true, 'UploadPartCopy'],
    ['GET', 'b', 'k', [], false, 'GetObject'],
    ['GET', 'b', 'k', ['uploadId=u'], false, 'ListParts'],
    ['HEAD', 'b', 'k', [], false, 'HeadObject'],
    ['HEAD', 'b', 'k', ['objectMeta'], false, 'GetObjectMeta'],
    ['HEAD', 'b', 'k', ['objectMeta', 'versionId=null'], false, 'GetObjectMeta'],
    ['GET', 'b', 'k', ['acl'], false, 'GetObjectAcl'],
    ['GET', 'b', 'k', ['acl', 'versionId=null'], false, 'GetObjectAcl'],
    ['PUT', 'b', 'k', ['acl'], false, 'PutObjectAcl'],
    ['PUT', 'b', 'k', ['tagging'], false, 'PutObjectTagging'],
    ['GET', 'b', 'k', ['tagging'], false, 'GetObjectTagging'],
    ['DELETE', 'b', 'k', ['tagging'], false, 'DeleteObjectTagging'],
    ['GET', 'b', 'k', ['x-oss-process=image/info'], false, 'GetImageInfo'],
    ['POST', 'b', 'k', ['append', 'position=0'], false, 'AppendObject'],
    ['POST', 'b', 'k', ['restore'], false, 'RestoreObject'],
    ['PUT', 'b', 'k', ['symlink'], false, 'PutSymlink'],
    ['GET', 'b', 'k', ['symlink'], false, 'GetSymlink'],
    ['DELETE', 'b', 'k', [], false, 'DeleteObject'],
    ['DELETE', 'b', 'k', ['uploadId=u'], false, 'AbortMultipartUpload'],
    ['POST', 'b', 'k', ['uploads'], false, 'InitiateMultipartUpload'],
    ['POST', 'b', 'k', ['uploadId=u'], false, 'CompleteMultipartUpload'],
    ['OPTIONS', 'b', 'k', [], false, 'Options'],
    ['GET', 'b', 'k', ['response-content-type=text/plain', 'x-oss-signature=abc'], false, 'GetObject'],
  ] as const)('%s bucket=%s key=%s %j copy=%s → %s', (method, bucket, key, query, copy, expected) => {
    expect(r(method, bucket, key, [...query], copy)).toBe(expected);
  });

  it('answers NotImplemented for known unsupported sub-resources', () => {
    for (const [method, key, q] of [['PUT', undefined, 'acl'], ['GET', undefined, 'acl'], ['PUT', undefined, 'tagging'], ['GET', undefined, 'lifecycle'], ['POST', 'k', 'select'], ['GET', undefined, 'website'], ['GET', 'k', 'x-oss-process=image/resize,w_10'], ['POST', undefined, 'acl']] as const) {
      try {
        r(method, 'b', key, [q]);
        expect.unreachable();
      } catch (error) {
        expect((error as LocalOssError).code).toBe('NotImplemented');
      }
    }
  });

  it('answers MethodNotAllowed for unsupported methods', () => {
    for (const [method, bucket, key] of [['PATCH', 'b', 'k'], ['PUT', undefined, undefined], ['POST', 'b', 'k']] as const) {
      expect(() => r(method, bucket, key)).toThrow(LocalOssError);
      try {
        r(method, bucket, key);
      } catch (error) {
        expect((error as LocalOssError).status).toBe(405);
      }
    }
  });
});

describe('parseTarget', () => {
  const domain = 'oss-cn-hangzhou.aliyuncs.com';
  it('uses path style for IP literals and localhost', () => {
    expect(parseTarget('127.0.0.1:9000', '/b/a%2Fb/../c', domain)).toEqual({ bucket: 'b', key: 'a/b/../c', query: [] });
    expect(parseTarget('localhost', '/b/', domain)).toEqual({ bucket: 'b', key: undefined, query: [] });
    expect(parseTarget('[::1]:80', '/', domain)).toEqual({ bucket: undefined, key: undefined, query: [] });
  });
  it('uses the first Host label as the bucket otherwise', () => {
    expect(parseTarget(`examplebucket.${domain}`, '/dir//a.txt?objectMeta=', domain)).toEqual({
      bucket: 'examplebucket', key: 'dir//a.txt', query: [['objectMeta', '']],
    });
    expect(parseTarget(`.${domain}`, '/', domain).bucket).toBeUndefined();
  });
  it('decodes the key exactly once and query values with + as space', () => {
    expect(parseTarget('127.0.0.1', '/b/%252F?prefix=a+b%2Bc&objectMeta', domain)).toEqual({
      bucket: 'b', key: '%2F', query: [['prefix', 'a b+c'], ['objectMeta', '']],
    });
  });
  it('rejects undecodable paths with InvalidURI', () => {
    expect(() => parseTarget('127.0.0.1', '/b/%E0%A4', domain)).toThrow(/parse the specified URI/);
  });
});
