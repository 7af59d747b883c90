/** Public surface of the OSS layer: client, operations API, helpers, errors and their types. */
export { createOssClient } from './client.js';
export type {
  CallOptions,
  OssClient,
  OssClientConfig,
  PresignInput,
  PresignedRequest,
  SignatureVersion,
  StreamingBody,
  TransportTimeouts,
} from './client.js';
export { createOssApi } from './api.js';
export type { OssApi } from './api.js';
export { resolveEndpoint } from './endpoint.js';
export type { EndpointOptions, ResolvedEndpoint } from './endpoint.js';

export type { Credentials, CredentialsProvider } from './credentials/credentials.js';
export { staticCredentials } from './credentials/static-provider.js';
export { environmentCredentials, CREDENTIALS_ENV } from './credentials/environment-provider.js';
export { credentialsChain } from './credentials/chain-provider.js';

export {
  OssError,
  OssServiceError,
  OssRequestError,
  OssConflictError,
  OssIntegrityError,
  OssInvalidArgumentError,
  OssResponseParseError,
  OssCredentialsError,
  isNotFoundError,
  isPreconditionFailedError,
} from './errors.js';

export type { UploadBody } from './operations/shared/body.js';
export type { BucketVersioningStatus } from './operations/put-bucket-versioning.js';
export type { ObjectVersion, ListObjectVersionsResult } from './operations/list-object-versions.js';
export type { DeletedObject, DeleteObjectFailure, ObjectToDelete, DeleteMultipleObjectsResult } from './operations/delete-multiple-objects.js';
export type { ObjectProperties } from './operations/shared/object-properties.js';
export type {
  ObjectAcl,
  ObjectWriteHeaders,
  ServerSideEncryption,
  StorageClass,
  SystemHeaders,
} from './operations/shared/request-headers.js';
export { SYSTEM_HEADER_NAMES } from './operations/shared/request-headers.js';
export type { CopySource } from './operations/shared/copy-source.js';
export type { CopySourceConditions } from './operations/shared/copy-conditions.js';
export type { CorsHeaders, HeadObjectRequest, HeadObjectResult, ReadConditions } from './operations/head-object.js';
export type { GetObjectMetaRequest, GetObjectMetaResult } from './operations/get-object-meta.js';
export type { GetObjectAclRequest, GetObjectAclResult, ObjectAclGrant } from './operations/get-object-acl.js';
export type { PutObjectRequest, PutObjectResult } from './operations/put-object.js';
export type { ByteRange, GetObjectRequest, GetObjectResult, ObjectBody } from './operations/get-object.js';
export type { DeleteObjectRequest, DeleteObjectResult } from './operations/delete-object.js';
export type { CopyObjectRequest, CopyObjectResult, MetadataDirective, TaggingDirective } from './operations/copy-object.js';
export type {
  InitiateMultipartUploadRequest,
  InitiateMultipartUploadResult,
} from './operations/initiate-multipart-upload.js';
export type { UploadPartRequest, UploadPartResult } from './operations/upload-part.js';
export type { UploadPartCopyRequest, UploadPartCopyResult } from './operations/upload-part-copy.js';
export type {
  CompletedPart,
  CompleteMultipartUploadRequest,
  CompleteMultipartUploadResult,
} from './operations/complete-multipart-upload.js';
export type { AbortMultipartUploadRequest, AbortMultipartUploadResult } from './operations/abort-multipart-upload.js';
export type { ListedObject, ListObjectsV2Request, ListObjectsV2Result } from './operations/list-objects-v2.js';
export type { PutBucketRequest, PutBucketResult } from './operations/put-bucket.js';
export type { DeleteBucketRequest, DeleteBucketResult } from './operations/delete-bucket.js';
export type { BucketSummary, ListBucketsRequest, ListBucketsResult } from './operations/list-buckets.js';

export { createCopier, headersFromSource } from './helpers/copier.js';
export type { Copier, CopierApi, CopierOptions, CopyCallOptions, CopyResult } from './helpers/copier.js';
export { createMetadataEditor } from './helpers/metadata-editor.js';
export type {
  EditMetadataRequest,
  EditMetadataResult,
  MetadataEditor,
  MetadataEditorApi,
  SystemHeaderChanges,
} from './helpers/metadata-editor.js';
export { putObjectWithReadBack } from './helpers/put-object-read-back.js';
export { confirmWriteByReadBack, differencesFromIntended, writeOutcomeUnknown } from './helpers/write-read-back.js';
export type { IntendedObject, WriteTarget } from './helpers/write-read-back.js';
export { settleWaitMs } from './helpers/settle-rule.js';
export { createUploader } from './helpers/uploader.js';
export type { Uploader, UploaderApi, UploaderOptions, UploadResult } from './helpers/uploader.js';
export { createPresigner } from './helpers/presigner.js';
export type { PresignGetRequest, PresignPutRequest, Presigner, PresignerClient } from './helpers/presigner.js';
