/**
 * The OSS operations bound to one client. Layers above depend on {@link OssApi} (or a `Pick` of
 * it), never on the client, so tests can hand them a fake.
 */
import type { CallOptions, OssClient } from './client.js';
import { abortMultipartUpload } from './operations/abort-multipart-upload.js';
import type { AbortMultipartUploadRequest, AbortMultipartUploadResult } from './operations/abort-multipart-upload.js';
import { completeMultipartUpload } from './operations/complete-multipart-upload.js';
import type { CompleteMultipartUploadRequest, CompleteMultipartUploadResult } from './operations/complete-multipart-upload.js';
import { appendObject } from './operations/append-object.js';
import type { AppendObjectRequest, AppendObjectResult } from './operations/append-object.js';
import { copyObject } from './operations/copy-object.js';
import type { CopyObjectRequest, CopyObjectResult } from './operations/copy-object.js';
import { deleteBucket } from './operations/delete-bucket.js';
import type { DeleteBucketRequest, DeleteBucketResult } from './operations/delete-bucket.js';
import { deleteObject } from './operations/delete-object.js';
import type { DeleteObjectRequest, DeleteObjectResult } from './operations/delete-object.js';
import { getObjectAcl } from './operations/get-object-acl.js';
import type { GetObjectAclRequest, GetObjectAclResult } from './operations/get-object-acl.js';
import { getObjectMeta } from './operations/get-object-meta.js';
import type { GetObjectMetaRequest, GetObjectMetaResult } from './operations/get-object-meta.js';
import { getObject } from './operations/get-object.js';
import type { GetObjectRequest, GetObjectResult } from './operations/get-object.js';
import { headObject } from './operations/head-object.js';
import type { HeadObjectRequest, HeadObjectResult } from './operations/head-object.js';
import { initiateMultipartUpload } from './operations/initiate-multipart-upload.js';
import type { InitiateMultipartUploadRequest, InitiateMultipartUploadResult } from './operations/initiate-multipart-upload.js';
import { listBuckets } from './operations/list-buckets.js';
import type { ListBucketsRequest, ListBucketsResult } from './operations/list-buckets.js';
import { listMultipartUploads } from './operations/list-multipart-uploads.js';
import type { ListMultipartUploadsRequest, ListMultipartUploadsResult } from './operations/list-multipart-uploads.js';
import { listObjectsV2 } from './operations/list-objects-v2.js';
import type { ListObjectsV2Request, ListObjectsV2Result } from './operations/list-objects-v2.js';
import { putBucket } from './operations/put-bucket.js';
import type { PutBucketRequest, PutBucketResult } from './operations/put-bucket.js';
import { deleteObjectTagging } from './operations/delete-object-tagging.js';
import type { DeleteObjectTaggingRequest, DeleteObjectTaggingResult } from './operations/delete-object-tagging.js';
import { getImageInfo } from './operations/get-image-info.js';
import type { GetImageInfoRequest, GetImageInfoResult } from './operations/get-image-info.js';
import { getObjectTagging } from './operations/get-object-tagging.js';
import type { GetObjectTaggingRequest, GetObjectTaggingResult } from './operations/get-object-tagging.js';
import { putObjectTagging } from './operations/put-object-tagging.js';
import type { PutObjectTaggingRequest, PutObjectTaggingResult } from './operations/put-object-tagging.js';
import { putObjectAcl } from './operations/put-object-acl.js';
import type { PutObjectAclRequest, PutObjectAclResult } from './operations/put-object-acl.js';
import { putObject } from './operations/put-object.js';
import { restoreObject } from './operations/restore-object.js';
import { putSymlink } from './operations/put-symlink.js';
import type { PutSymlinkRequest, PutSymlinkResult } from './operations/put-symlink.js';
import { getSymlink } from './operations/get-symlink.js';
import type { GetSymlinkRequest, GetSymlinkResult } from './operations/get-symlink.js';
import type { RestoreObjectRequest, RestoreObjectResult } from './operations/restore-object.js';
import type { PutObjectRequest, PutObjectResult } from './operations/put-object.js';
import { uploadPartCopy } from './operations/upload-part-copy.js';
import type { UploadPartCopyRequest, UploadPartCopyResult } from './operations/upload-part-copy.js';
import { uploadPart } from './operations/upload-part.js';
import type { UploadPartRequest, UploadPartResult } from './operations/upload-part.js';
import { putBucketVersioning } from './operations/put-bucket-versioning.js';
import type { PutBucketVersioningRequest, PutBucketVersioningResult } from './operations/put-bucket-versioning.js';
import { getBucketVersioning } from './operations/get-bucket-versioning.js';
import type { GetBucketVersioningRequest, GetBucketVersioningResult } from './operations/get-bucket-versioning.js';
import { listObjectVersions } from './operations/list-object-versions.js';
import type { ListObjectVersionsRequest, ListObjectVersionsResult } from './operations/list-object-versions.js';
import { deleteMultipleObjects } from './operations/delete-multiple-objects.js';
import type { DeleteMultipleObjectsRequest, DeleteMultipleObjectsResult } from './operations/delete-multiple-objects.js';

export type { CallOptions } from './client.js';

/**
 * Every OSS operation of ossgraph. Each validates its input before sending (throwing
 * `OssInvalidArgumentError`) and rejects with `OssServiceError` for OSS error answers (a missing
 * object or bucket is a 404 recognised by `isNotFoundError`), `OssRequestError` for transport
 * failures and `OssIntegrityError` for CRC mismatches.
 */
export interface OssApi {
  headObject(request: HeadObjectRequest, options?: CallOptions): Promise<HeadObjectResult>;
  getObjectMeta(request: GetObjectMetaRequest, options?: CallOptions): Promise<GetObjectMetaResult>;
  getObjectAcl(request: GetObjectAclRequest, options?: CallOptions): Promise<GetObjectAclResult>;
  putObjectAcl(request: PutObjectAclRequest, options?: CallOptions): Promise<PutObjectAclResult>;
  putObjectTagging(request: PutObjectTaggingRequest, options?: CallOptions): Promise<PutObjectTaggingResult>;
  getObjectTagging(request: GetObjectTaggingRequest, options?: CallOptions): Promise<GetObjectTaggingResult>;
  deleteObjectTagging(request: DeleteObjectTaggingRequest, options?: CallOptions): Promise<DeleteObjectTaggingResult>;
  getImageInfo(request: GetImageInfoRequest, options?: CallOptions): Promise<GetImageInfoResult>;
  appendObject(request: AppendObjectRequest, options?: CallOptions): Promise<AppendObjectResult>;
  restoreObject(request: RestoreObjectRequest, options?: CallOptions): Promise<RestoreObjectResult>;
  putSymlink(request: PutSymlinkRequest, options?: CallOptions): Promise<PutSymlinkResult>;
  getSymlink(request: GetSymlinkRequest, options?: CallOptions): Promise<GetSymlinkResult>;
  putObject(request: PutObjectRequest, options?: CallOptions): Promise<PutObjectResult>;
  getObject(request: GetObjectRequest, options?: CallOptions): Promise<GetObjectResult>;
  deleteObject(request: DeleteObjectRequest, options?: CallOptions): Promise<DeleteObjectResult>;
  copyObject(request: CopyObjectRequest, options?: CallOptions): Promise<CopyObjectResult>;
  initiateMultipartUpload(request: InitiateMultipartUploadRequest, options?: CallOptions): Promise<InitiateMultipartUploadResult>;
  uploadPart(request: UploadPartRequest, options?: CallOptions): Promise<UploadPartResult>;
  uploadPartCopy(request: UploadPartCopyRequest, options?: CallOptions): Promise<UploadPartCopyResult>;
  completeMultipartUpload(request: CompleteMultipartUploadRequest, options?: CallOptions): Promise<CompleteMultipartUploadResult>;
  abortMultipartUpload(request: AbortMultipartUploadRequest, options?: CallOptions): Promise<AbortMultipartUploadResult>;
  listMultipartUploads(request: ListMultipartUploadsRequest, options?: CallOptions): Promise<ListMultipartUploadsResult>;
  listObjectsV2(request: ListObjectsV2Request, options?: CallOptions): Promise<ListObjectsV2Result>;
  putBucket(request: PutBucketRequest, options?: CallOptions): Promise<PutBucketResult>;
  deleteBucket(request: DeleteBucketRequest, options?: CallOptions): Promise<DeleteBucketResult>;
  listBuckets(request?: ListBucketsRequest, options?: CallOptions): Promise<ListBucketsResult>;
  putBucketVersioning(request: PutBucketVersioningRequest, options?: CallOptions): Promise<PutBucketVersioningResult>;
  getBucketVersioning(request: GetBucketVersioningRequest, options?: CallOptions): Promise<GetBucketVersioningResult>;
  listObjectVersions(request: ListObjectVersionsRequest, options?: CallOptions): Promise<ListObjectVersionsResult>;
  deleteMultipleObjects(request: DeleteMultipleObjectsRequest, options?: CallOptions): Promise<DeleteMultipleObjectsResult>;
}

/** {@link OssApi} over `client`; each method is the operation function with the client bound. */
export function createOssApi(client: OssClient): OssApi {
  return {
    headObject: (request, options) => headObject(client, request, options),
    getObjectMeta: (request, options) => getObjectMeta(client, request, options),
    getObjectAcl: (request, options) => getObjectAcl(client, request, options),
    putObjectAcl: (request, options) => putObjectAcl(client, request, options),
    putObjectTagging: (request, options) => putObjectTagging(client, request, options),
    getObjectTagging: (request, options) => getObjectTagging(client, request, options),
    deleteObjectTagging: (request, options) => deleteObjectTagging(client, request, options),
    getImageInfo: (request, options) => getImageInfo(client, request, options),
    appendObject: (request, options) => appendObject(client, request, options),
    restoreObject: (request, options) => restoreObject(client, request, options),
    putSymlink: (request, options) => putSymlink(client, request, options),
    getSymlink: (request, options) => getSymlink(client, request, options),
    putObject: (request, options) => putObject(client, request, options),
    getObject: (request, options) => getObject(client, request, options),
    deleteObject: (request, options) => deleteObject(client, request, options),
    copyObject: (request, options) => copyObject(client, request, options),
    initiateMultipartUpload: (request, options) => initiateMultipartUpload(client, request, options),
    uploadPart: (request, options) => uploadPart(client, request, options),
    uploadPartCopy: (request, options) => uploadPartCopy(client, request, options),
    completeMultipartUpload: (request, options) => completeMultipartUpload(client, request, options),
    abortMultipartUpload: (request, options) => abortMultipartUpload(client, request, options),
    listMultipartUploads: (request, options) => listMultipartUploads(client, request, options),
    listObjectsV2: (request, options) => listObjectsV2(client, request, options),
    putBucket: (request, options) => putBucket(client, request, options),
    deleteBucket: (request, options) => deleteBucket(client, request, options),
    listBuckets: (request, options) => listBuckets(client, request, options),
    putBucketVersioning: (request, options) => putBucketVersioning(client, request, options),
    getBucketVersioning: (request, options) => getBucketVersioning(client, request, options),
    listObjectVersions: (request, options) => listObjectVersions(client, request, options),
    deleteMultipleObjects: (request, options) => deleteMultipleObjects(client, request, options),
  };
}
