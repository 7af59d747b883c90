/**
 * Routing (s3rver's `routes.js` idea): method + bucket + key + sub-resources → OSS operation
 * name. Known OSS sub-resources that local-oss does not implement answer `NotImplemented`;
 * methods an address does not support answer `MethodNotAllowed`.
 */
import { LocalOssError } from './errors.js';
import { deleteBucket, getBucketInfo, listBuckets, putBucket } from './handlers/bucket.js';
import type { Handler } from './handlers/context.js';
import { appendObject } from './handlers/append-object.js';
import { copyObject } from './handlers/copy-object.js';
import { deleteMultipleObjects, deleteObject } from './handlers/delete-object.js';
import { getObject, getObjectMeta, headObject } from './handlers/get-object.js';
import { getImageInfo } from './handlers/image-info.js';
import { listObjects, listObjectsV2 } from './handlers/list-objects.js';
import { listMultipartUploads } from './handlers/list-multipart-uploads.js';
import { getObjectAcl, putObjectAcl } from './handlers/object-acl.js';
import {
  abortMultipartUpload,
  completeMultipartUpload,
  initiateMultipartUpload,
  listParts,
  uploadPart,
  uploadPartCopy,
} from './handlers/multipart.js';
import { deleteObjectTagging, getObjectTagging, putObjectTagging } from './handlers/object-tagging.js';
import { putObject } from './handlers/put-object.js';
import { getBucketVersioning, listObjectVersions, putBucketVersioning } from './handlers/versioning.js';
import { restoreObject } from './handlers/restore-object.js';
import { getSymlink, putSymlink } from './handlers/symlink.js';

/** Every operation local-oss implements, named as in the OSS API reference. */
export const OPERATIONS = [
  'ListBuckets',
  'PutBucket',
  'DeleteBucket',
  'GetBucketInfo',
  'PutBucketVersioning',
  'GetBucketVersioning',
  'ListObjectVersions',
  'ListObjects',
  'ListObjectsV2',
  'DeleteMultipleObjects',
  'PutObject',
  'PostObject',
  'CopyObject',
  'GetObject',
  'HeadObject',
  'GetObjectMeta',
  'GetObjectAcl',
  'PutObjectAcl',
  'PutObjectTagging',
  'GetObjectTagging',
  'DeleteObjectTagging',
  'GetImageInfo',
  'AppendObject',
  'RestoreObject',
  'PutSymlink',
  'GetSymlink',
  'DeleteObject',
  'InitiateMultipartUpload',
  'UploadPart',
  'UploadPartCopy',
  'CompleteMultipartUpload',
  'AbortMultipartUpload',
  'ListParts',
  'ListMultipartUploads',
  'Options',
] as const;

/** One of {@link OPERATIONS}. */
export type OperationName = (typeof OPERATIONS)[number];

/**
 * Handlers by operation; `Options` (the CORS policy) and `PostObject` (the credentials: a form
 * carries its own signature) are built and supplied by the server.
 */
export const HANDLERS: Readonly<Record<Exclude<OperationName, 'Options' | 'PostObject'>, Handler>> = {
  ListBuckets: listBuckets,
  PutBucket: putBucket,
  DeleteBucket: deleteBucket,
  GetBucketInfo: getBucketInfo,
  PutBucketVersioning: putBucketVersioning,
  GetBucketVersioning: getBucketVersioning,
  ListObjectVersions: listObjectVersions,
  ListObjects: listObjects,
  ListObjectsV2: listObjectsV2,
  DeleteMultipleObjects: deleteMultipleObjects,
  PutObject: putObject,
  CopyObject: copyObject,
  GetObject: getObject,
  HeadObject: headObject,
  GetObjectMeta: getObjectMeta,
  GetObjectAcl: getObjectAcl,
  PutObjectAcl: putObjectAcl,
  PutObjectTagging: putObjectTagging,
  GetObjectTagging: getObjectTagging,
  DeleteObjectTagging: deleteObjectTagging,
  GetImageInfo: getImageInfo,
  AppendObject: appendObject,
  RestoreObject: restoreObject,
  PutSymlink: putSymlink,
  GetSymlink: getSymlink,
  DeleteObject: deleteObject,
  InitiateMultipartUpload: initiateMultipartUpload,
  UploadPart: uploadPart,
  UploadPartCopy: uploadPartCopy,
  CompleteMultipartUpload: completeMultipartUpload,
  AbortMultipartUpload: abortMultipartUpload,
  ListParts: listParts,
  ListMultipartUploads: listMultipartUploads,
};

/**
 * OSS sub-resources local-oss recognises but does not implement (answered `NotImplemented`),
 * apart from the addresses routed before this check (`GET /<key>?acl` is GetObjectAcl).
 * Query parameters outside this set and outside the ones routing uses are ignored, as OSS does.
 */
export const UNSUPPORTED_SUB_RESOURCES: ReadonlySet<string> = new Set([
  'acl', 'append', 'bucketInfo', 'callback', 'cname', 'cors', 'encryption', 'inventory', 'lifecycle',
  'live', 'location', 'logging', 'policy', 'qos', 'referer', 'replication', 'requestPayment', 'restore',
  'stat', 'style', 'symlink', 'tagging', 'uploads', 'website', 'worm',
  'x-oss-process', 'objectMeta', 'delete', 'uploadId', 'select', 'resourceGroup',
]);

/** What the router needs to know about a request. */
export interface RouteInput {
  readonly method: string;
  readonly bucket: string | undefined;
  readonly key: string | undefined;
  readonly params: ReadonlyMap<string, string>;
  /** True when the request carries `x-oss-copy-source`. */
  readonly hasCopySource: boolean;
}

function notAllowed(method: string): LocalOssError {
  return new LocalOssError('MethodNotAllowed', `The specified method is not allowed against this resource: ${method}.`);
}

function unsupported(params: ReadonlyMap<string, string>): LocalOssError | undefined {
  for (const name of params.keys()) {
    if (UNSUPPORTED_SUB_RESOURCES.has(name)) {
      return new LocalOssError('NotImplemented', `local-oss does not implement the ${name} sub-resource.`, {
        details: { SubResource: name },
      });
    }
  }
  return undefined;
}

/**
 * The operation a request asks for. Throws `MethodNotAllowed` for a method the address does
 * not support and `NotImplemented` for a known but unimplemented sub-resource.
 */
export function route(input: RouteInput): OperationName {
  const { method, bucket, key, params } = input;
  if (method === 'OPTIONS') return 'Options';
  const fail = (): never => {
    throw unsupported(params) ?? notAllowed(method);
  };
  if (bucket === undefined) {
    return method === 'GET' ? 'ListBuckets' : fail();
  }
  if (key === undefined) {
    switch (method) {
      case 'GET':
        if (params.has('bucketInfo')) return 'GetBucketInfo';
        if (params.has('uploads')) return 'ListMultipartUploads';
        if (params.has('versioning')) return 'GetBucketVersioning';
        if (params.has('versions')) return 'ListObjectVersions';
        if (unsupported(params)) return fail();
        return params.get('list-type') === '2' ? 'ListObjectsV2' : 'ListObjects';
      case 'PUT':
        if (params.has('versioning')) return 'PutBucketVersioning';
        return unsupported(params) ? fail() : 'PutBucket';
      case 'DELETE':
        return unsupported(params) ? fail() : 'DeleteBucket';
      case 'POST':
        if (params.has('delete')) return 'DeleteMultipleObjects';
        return unsupported(params) ? fail() : 'PostObject';
      default:
        return fail();
    }
  }
  const multipart = params.has('uploadId');
  switch (method) {
    case 'PUT':
      if (multipart && params.has('partNumber')) return input.hasCopySource ? 'UploadPartCopy' : 'UploadPart';
      if (params.has('acl')) return 'PutObjectAcl';
      if (params.has('tagging')) return 'PutObjectTagging';
      if (params.has('symlink')) return 'PutSymlink';
      if (unsupported(params)) return fail();
      return input.hasCopySource ? 'CopyObject' : 'PutObject';
    case 'GET':
      if (multipart) return 'ListParts';
      if (params.has('acl')) return 'GetObjectAcl';
      if (params.has('tagging')) return 'GetObjectTagging';
      if (params.has('symlink')) return 'GetSymlink';
      if (params.get('x-oss-process') === 'image/info') return 'GetImageInfo';
      if (unsupported(params)) return fail();
      return 'GetObject';
    case 'HEAD':
      if (params.has('objectMeta')) return 'GetObjectMeta';
      if (unsupported(params)) return fail();
      return 'HeadObject';
    case 'DELETE':
      if (multipart) return 'AbortMultipartUpload';
      if (params.has('tagging')) return 'DeleteObjectTagging';
      if (unsupported(params)) return fail();
      return 'DeleteObject';
    case 'POST':
      if (params.has('uploads')) return 'InitiateMultipartUpload';
      if (params.has('append')) return 'AppendObject';
      if (params.has('restore')) return 'RestoreObject';
      if (multipart) return 'CompleteMultipartUpload';
      return fail();
    default:
      return fail();
  }
}
