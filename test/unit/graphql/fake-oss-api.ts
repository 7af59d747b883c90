/** A fake OssApi for executing the schema without sockets: objects in a map, calls recorded. */
import type { OssApi } from '../../../src/oss/api.js';
import { OssServiceError } from '../../../src/oss/errors.js';
import type { HeadObjectResult } from '../../../src/oss/operations/head-object.js';

/** A stored fake object. */
export interface FakeObject {
  readonly size: number;
  readonly contentType?: string;
  readonly metadata?: Record<string, string>;
}

/** The fake and its call log (operation names in call order). */
export interface FakeOssApi {
  readonly api: OssApi;
  readonly calls: string[];
}

function notFound(key: string): OssServiceError {
  return new OssServiceError({ status: 404, code: 'NoSuchKey', message: 'missing', requestId: 'r404', ec: undefined, target: { method: 'HEAD', url: `/${key}` } });
}

/** A fake holding `objects` (by key, any bucket). Unused operations throw. */
export function createFakeOssApi(objects: Record<string, FakeObject>): FakeOssApi {
  const calls: string[] = [];
  const find = (key: string): FakeObject => {
    const found = objects[key];
    if (found === undefined) throw notFound(key);
    return found;
  };
  const head = (key: string): HeadObjectResult => {
    const o = find(key);
    return {
      contentLength: o.size,
      etag: `"${key}"`,
      lastModified: new Date('2024-05-01T12:00:00Z'),
      ...(o.contentType === undefined ? {} : { contentType: o.contentType }),
      metadata: o.metadata ?? {},
      requestId: 'rh',
      headers: {},
    };
  };
  const unused = (name: string) => () => Promise.reject(new Error(`fake: ${name} not implemented`));
  const api: OssApi = {
    headObject: async (r) => (calls.push('HeadObject'), head(r.key)),
    getObjectMeta: async (r) => {
      calls.push('GetObjectMeta');
      const o = find(r.key);
      return { contentLength: o.size, etag: `"${r.key}"`, lastModified: new Date('2024-05-01T12:00:00Z'), requestId: 'rm' };
    },
    listObjectsV2: async (r) => {
      calls.push('ListObjectsV2');
      const keys = Object.keys(objects).filter((k) => k.startsWith(r.prefix ?? '')).sort();
      return {
        name: r.bucket,
        prefix: r.prefix ?? '',
        maxKeys: r.maxKeys ?? 100,
        keyCount: keys.length,
        isTruncated: false,
        contents: keys.map((key) => ({ key, size: find(key).size, etag: `"${key}"`, lastModified: new Date(0), storageClass: 'Standard', type: 'Normal' })),
        commonPrefixes: [],
        requestId: 'rl',
      };
    },
    getObjectAcl: unused('getObjectAcl'),
    putObjectAcl: unused('putObjectAcl'),
    putObjectTagging: unused('putObjectTagging'),
    getObjectTagging: unused('getObjectTagging'),
    deleteObjectTagging: unused('deleteObjectTagging'),
    getImageInfo: unused('getImageInfo'),
    appendObject: unused('appendObject'),
    restoreObject: unused('restoreObject'),
    putSymlink: unused('putSymlink'),
    getSymlink: unused('getSymlink'),
    putObject: unused('putObject'),
    getObject: unused('getObject'),
    deleteObject: unused('deleteObject'),
    copyObject: unused('copyObject'),
    initiateMultipartUpload: unused('initiateMultipartUpload'),
    uploadPart: unused('uploadPart'),
    uploadPartCopy: unused('uploadPartCopy'),
    completeMultipartUpload: unused('completeMultipartUpload'),
    abortMultipartUpload: unused('abortMultipartUpload'),
    listMultipartUploads: unused('listMultipartUploads'),
    putBucket: unused('putBucket'),
    deleteBucket: unused('deleteBucket'),
    listBuckets: unused('listBuckets'),
    putBucketVersioning: unused('putBucketVersioning'),
    getBucketVersioning: unused('getBucketVersioning'),
    listObjectVersions: unused('listObjectVersions'),
    deleteMultipleObjects: unused('deleteMultipleObjects'),
  };
  return { api, calls };
}
