/* eslint-disable */
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = T | null | undefined;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  /** The `ID` scalar type represents a unique identifier, often used to refetch an object or as key for a cache. The ID type appears in a JSON response as a String; however, it is not intended to be human-readable. When expected as an input type, any string (such as `"4"`) or integer (such as `4`) input value will be accepted as an ID. */
  ID: { input: string; output: string; }
  /** The `String` scalar type represents textual data, represented as UTF-8 character sequences. The String type is most often used by GraphQL to represent free-form human-readable text. */
  String: { input: string; output: string; }
  /** The `Boolean` scalar type represents `true` or `false`. */
  Boolean: { input: boolean; output: boolean; }
  /** The `Int` scalar type represents non-fractional signed whole numeric values. Int can represent values between -(2^31) and 2^31 - 1. */
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An ISO 8601 timestamp in UTC, e.g. `2024-05-01T12:00:00.000Z`. */
  DateTime: { input: string; output: string; }
  /** A file sent in a GraphQL multipart request (input only). */
  File: { input: File; output: File; }
  /** An integer between -(2^53-1) and 2^53-1, for sizes beyond the 32-bit `Int` (objects can be terabytes). */
  SafeInt: { input: number; output: number; }
};

/** The bucket is not allowed by this API, or the store refused access. */
export type AccessDeniedError = Error & {
  __typename?: 'AccessDeniedError';
  /** BAD_USER_INPUT, NOT_FOUND, PRECONDITION_FAILED, ACCESS_DENIED, ALREADY_EXISTS, UPSTREAM_UNAVAILABLE, INTEGRITY_CHECK_FAILED or CONFLICT. */
  code: Scalars['String']['output'];
  message: Scalars['String']['output'];
  /** The OSS request id of the failed store request. */
  requestId?: Maybe<Scalars['String']['output']>;
};

/** The destination exists and `forbidOverwrite` was set. */
export type AlreadyExistsError = Error & {
  __typename?: 'AlreadyExistsError';
  /** BAD_USER_INPUT, NOT_FOUND, PRECONDITION_FAILED, ACCESS_DENIED, ALREADY_EXISTS, UPSTREAM_UNAVAILABLE, INTEGRITY_CHECK_FAILED or CONFLICT. */
  code: Scalars['String']['output'];
  message: Scalars['String']['output'];
  /** The OSS request id of the failed store request. */
  requestId?: Maybe<Scalars['String']['output']>;
};

/** An argument broke a rule; nothing was sent to the store. */
export type BadUserInputError = Error & {
  __typename?: 'BadUserInputError';
  /** BAD_USER_INPUT, NOT_FOUND, PRECONDITION_FAILED, ACCESS_DENIED, ALREADY_EXISTS, UPSTREAM_UNAVAILABLE, INTEGRITY_CHECK_FAILED or CONFLICT. */
  code: Scalars['String']['output'];
  /** The argument path, e.g. `input.metadata`. */
  field: Scalars['String']['output'];
  message: Scalars['String']['output'];
  /** The OSS request id of the failed store request. */
  requestId?: Maybe<Scalars['String']['output']>;
  rule: Scalars['String']['output'];
  /** The received value, as JSON. */
  value: Scalars['String']['output'];
};

/** A bucket. Its fields other than `name` are known only when it came from `Query.buckets`. */
export type Bucket = {
  __typename?: 'Bucket';
  creationDate?: Maybe<Scalars['DateTime']['output']>;
  location?: Maybe<Scalars['String']['output']>;
  name: Scalars['String']['output'];
  /** Versions and delete markers of the objects under `prefix` (ListObjectVersions), `first` per page; with `delimiter`, common prefixes in `folders`. */
  objectVersions: StorageObjectVersionConnection;
  /** Objects whose keys start with `prefix`, in key order, `first` per page (1..1000). With `delimiter`, keys containing it after the prefix are grouped into `folders`. Page forward by passing `pageInfo.endCursor` (or any edge cursor) as `after`, with the same `prefix`; a cursor from another prefix, or one not returned by a listing, is BAD_USER_INPUT. */
  objects: StorageObjectConnection;
  region?: Maybe<Scalars['String']['output']>;
  storageClass?: Maybe<Scalars['String']['output']>;
  /** The versioning state (one GetBucketVersioning per bucket per request). */
  versioning: BucketVersioning;
};


/** A bucket. Its fields other than `name` are known only when it came from `Query.buckets`. */
export type BucketObjectVersionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  delimiter?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  prefix?: InputMaybe<Scalars['String']['input']>;
};


/** A bucket. Its fields other than `name` are known only when it came from `Query.buckets`. */
export type BucketObjectsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  delimiter?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  prefix?: InputMaybe<Scalars['String']['input']>;
};

/** The versioning state of a bucket. OFF: versioning was never enabled. */
export type BucketVersioning =
  | 'ENABLED'
  | 'OFF'
  | 'SUSPENDED';

/** The object is being changed by someone else at the same time, so the edit could not be made safely (its modification time did not settle, or it changed while a multipart copy was in progress). Nothing was changed; retrying may succeed. */
export type ConflictError = Error & {
  __typename?: 'ConflictError';
  /** BAD_USER_INPUT, NOT_FOUND, PRECONDITION_FAILED, ACCESS_DENIED, ALREADY_EXISTS, UPSTREAM_UNAVAILABLE, INTEGRITY_CHECK_FAILED or CONFLICT. */
  code: Scalars['String']['output'];
  message: Scalars['String']['output'];
  /** The OSS request id of the failed store request. */
  requestId?: Maybe<Scalars['String']['output']>;
};

export type CopyObjectInput = {
  /** Destination bucket. */
  bucket: Scalars['String']['input'];
  /** Cache-Control. Absent: kept as it is. null: removed. */
  cacheControl?: InputMaybe<Scalars['String']['input']>;
  /** Content-Disposition. Absent: kept as it is. null: removed. */
  contentDisposition?: InputMaybe<Scalars['String']['input']>;
  /** Content-Encoding. Absent: kept as it is. null: removed. */
  contentEncoding?: InputMaybe<Scalars['String']['input']>;
  /** Content-Language. Absent: kept as it is. null: removed. */
  contentLanguage?: InputMaybe<Scalars['String']['input']>;
  /** Content-Type. Absent: kept as it is. null: removed. */
  contentType?: InputMaybe<Scalars['String']['input']>;
  /** Delete the source after the copy is verified (a move). Not allowed onto itself. */
  deleteSource?: InputMaybe<Scalars['Boolean']['input']>;
  /** Expires, an HTTP date stored verbatim. Absent: kept as it is. null: removed. */
  expires?: InputMaybe<Scalars['String']['input']>;
  /** Fail with ALREADY_EXISTS instead of replacing an existing destination. */
  forbidOverwrite?: InputMaybe<Scalars['Boolean']['input']>;
  /** Copy only if the source still has this ETag. */
  ifMatch?: InputMaybe<Scalars['String']['input']>;
  /** Destination key. */
  key: Scalars['String']['input'];
  /** REPLACE only: the complete user metadata of the destination. Absent: the source metadata is kept. */
  metadata?: InputMaybe<Array<MetadataEntryInput>>;
  metadataDirective?: InputMaybe<MetadataDirective>;
  sourceBucket: Scalars['String']['input'];
  sourceKey: Scalars['String']['input'];
  sourceVersionId?: InputMaybe<Scalars['String']['input']>;
  /** Storage class of the destination; absent: the source one. */
  storageClass?: InputMaybe<StorageClass>;
  taggingDirective?: InputMaybe<TaggingDirective>;
  /** REPLACE tagging only: the tags of the destination (at most 10). */
  tags?: InputMaybe<Array<TagInput>>;
};

export type CopyObjectResult = AccessDeniedError | AlreadyExistsError | BadUserInputError | ConflictError | CopyObjectSuccess | IntegrityCheckFailedError | NotFoundError | PreconditionFailedError | UpstreamUnavailableError;

/** The object was copied (and, with deleteSource, the source deleted after the copy was verified). */
export type CopyObjectSuccess = {
  __typename?: 'CopyObjectSuccess';
  etag: Scalars['String']['output'];
  hashCrc64?: Maybe<Scalars['String']['output']>;
  /** `single` (CopyObject) or `multipart` (UploadPartCopy, above the copy threshold). */
  method: Scalars['String']['output'];
  object: StorageObject;
  requestId: Scalars['String']['output'];
  sourceDeleted: Scalars['Boolean']['output'];
  sourceVersionId?: Maybe<Scalars['String']['output']>;
  versionId?: Maybe<Scalars['String']['output']>;
};

export type CreateUploadInput = {
  bucket: Scalars['String']['input'];
  /** Cache-Control. */
  cacheControl?: InputMaybe<Scalars['String']['input']>;
  /** Content-Disposition. */
  contentDisposition?: InputMaybe<Scalars['String']['input']>;
  /** Content-Encoding. */
  contentEncoding?: InputMaybe<Scalars['String']['input']>;
  /** Content-Language. */
  contentLanguage?: InputMaybe<Scalars['String']['input']>;
  /** Content-Type. */
  contentType?: InputMaybe<Scalars['String']['input']>;
  /** Expires, an HTTP date stored verbatim. */
  expires?: InputMaybe<Scalars['String']['input']>;
  /** Seconds the URL stays valid; default and maximum from configuration. */
  expiresIn?: InputMaybe<Scalars['Int']['input']>;
  /** The upload fails instead of replacing an existing object. */
  forbidOverwrite?: InputMaybe<Scalars['Boolean']['input']>;
  key: Scalars['String']['input'];
  /** Largest file the form admits, in bytes (0 or more); default and maximum from configuration (OSSGRAPH_MAX_DIRECT_UPLOAD_BYTES). Does not bind the presigned PUT. */
  maxBytes?: InputMaybe<Scalars['SafeInt']['input']>;
  /** User metadata the upload will carry (signed: the uploader must send it as given in `headers`). */
  metadata?: InputMaybe<Array<MetadataEntryInput>>;
  /** Object tags (at most 10) the upload will carry (signed: sent as `x-oss-tagging`). */
  tags?: InputMaybe<Array<TagInput>>;
};

export type CreateUploadResult = AccessDeniedError | BadUserInputError | CreateUploadSuccess;

/** Two ways to upload straight to the store; no store request was made to create them. `form` (a PostObject form) is the bounded way: the store refuses a file larger than `form.maxBytes`. The presigned PUT (`method` to `url` with exactly `headers` and the body) cannot bound the size. */
export type CreateUploadSuccess = {
  __typename?: 'CreateUploadSuccess';
  expiresAt: Scalars['DateTime']['output'];
  /** The size-bounded upload: a PostObject form. */
  form: UploadForm;
  /** Headers that were signed; send them exactly (names are case-insensitive). */
  headers: Array<HttpHeader>;
  method: Scalars['String']['output'];
  url: Scalars['String']['output'];
};

/** A key the store could not delete. */
export type DeleteObjectError = {
  __typename?: 'DeleteObjectError';
  /** The OSS error code. */
  code: Scalars['String']['output'];
  key: Scalars['String']['output'];
  message: Scalars['String']['output'];
  versionId?: Maybe<Scalars['String']['output']>;
};

export type DeleteObjectInput = {
  bucket: Scalars['String']['input'];
  key: Scalars['String']['input'];
  /** Delete this version for good; absent: in a versioned bucket a delete marker is added. */
  versionId?: InputMaybe<Scalars['String']['input']>;
};

export type DeleteObjectResult = AccessDeniedError | BadUserInputError | DeleteObjectSuccess | NotFoundError | UpstreamUnavailableError;

/** The object (or version) is gone. Deleting a key that does not exist succeeds too, as in OSS. */
export type DeleteObjectSuccess = {
  __typename?: 'DeleteObjectSuccess';
  /** True when a delete marker was created or removed. */
  deleteMarker: Scalars['Boolean']['output'];
  requestId: Scalars['String']['output'];
  /** The version deleted, or the id of the delete marker created. */
  versionId?: Maybe<Scalars['String']['output']>;
};

export type DeleteObjectsInput = {
  bucket: Scalars['String']['input'];
  /** 1 to 1000 keys, each exactly as stored. */
  objects: Array<ObjectVersionInput>;
  /** Quiet mode: `deleted` stays empty, only failures are reported. */
  quiet?: InputMaybe<Scalars['Boolean']['input']>;
};

export type DeleteObjectsResult = AccessDeniedError | BadUserInputError | DeleteObjectsSuccess | NotFoundError | UpstreamUnavailableError;

/** The store answered the batch delete; check `errors` for keys it could not delete. */
export type DeleteObjectsSuccess = {
  __typename?: 'DeleteObjectsSuccess';
  deleted: Array<DeletedObject>;
  errors: Array<DeleteObjectError>;
  requestId: Scalars['String']['output'];
};

/** A key the store reports as deleted (keys that did not exist are reported too, as OSS does). */
export type DeletedObject = {
  __typename?: 'DeletedObject';
  deleteMarker: Scalars['Boolean']['output'];
  deleteMarkerVersionId?: Maybe<Scalars['String']['output']>;
  key: Scalars['String']['output'];
  versionId?: Maybe<Scalars['String']['output']>;
};

/** An expected failure of a mutation. `code` is stable; branch on it or on `__typename`. */
export type Error = {
  /** BAD_USER_INPUT, NOT_FOUND, PRECONDITION_FAILED, ACCESS_DENIED, ALREADY_EXISTS, UPSTREAM_UNAVAILABLE, INTEGRITY_CHECK_FAILED or CONFLICT. */
  code: Scalars['String']['output'];
  message: Scalars['String']['output'];
};

/** When a lifecycle rule will delete the object. */
export type ExpirationInfo = {
  __typename?: 'ExpirationInfo';
  expiresAt?: Maybe<Scalars['DateTime']['output']>;
  ruleId?: Maybe<Scalars['String']['output']>;
};

/** One multipart/form-data field: send it with exactly this name and value. */
export type FormField = {
  __typename?: 'FormField';
  name: Scalars['String']['output'];
  value: Scalars['String']['output'];
};

/** An HTTP header, name in lowercase. */
export type HttpHeader = {
  __typename?: 'HttpHeader';
  name: Scalars['String']['output'];
  value: Scalars['String']['output'];
};

/** Dimensions and format of an image (from `x-oss-process=image/info`). */
export type ImageInfo = {
  __typename?: 'ImageInfo';
  /** As OSS names it: jpg, png, gif, webp, bmp, tiff. */
  format: Scalars['String']['output'];
  height: Scalars['Int']['output'];
  width: Scalars['Int']['output'];
};

/** Data did not match its CRC-64; the operation is not confirmed. */
export type IntegrityCheckFailedError = Error & {
  __typename?: 'IntegrityCheckFailedError';
  /** BAD_USER_INPUT, NOT_FOUND, PRECONDITION_FAILED, ACCESS_DENIED, ALREADY_EXISTS, UPSTREAM_UNAVAILABLE, INTEGRITY_CHECK_FAILED or CONFLICT. */
  code: Scalars['String']['output'];
  message: Scalars['String']['output'];
  /** The OSS request id of the failed store request. */
  requestId?: Maybe<Scalars['String']['output']>;
};

/** COPY: the destination gets the source metadata. REPLACE: the given metadata and system headers apply. */
export type MetadataDirective =
  | 'COPY'
  | 'REPLACE';

/** One user metadata pair (`x-oss-meta-<key>`); keys are lowercase. */
export type MetadataEntry = {
  __typename?: 'MetadataEntry';
  key: Scalars['String']['output'];
  value: Scalars['String']['output'];
};

/** One user metadata pair. `key`: letters, digits and hyphens, without `x-oss-meta-`, folded to lowercase (two keys equal after folding are rejected). `value`: printable ASCII without leading or trailing spaces (non-ASCII is rejected, never converted). Total size at most 8 KB. */
export type MetadataEntryInput = {
  key: Scalars['String']['input'];
  value: Scalars['String']['input'];
};

/** Writes. Each returns `<Name>Success` or a typed error implementing `Error`. */
export type Mutation = {
  __typename?: 'Mutation';
  /** Copies an object. COPY keeps the source metadata, system headers, storage class and encryption; REPLACE sets `metadata` (absent: kept) and the given system headers (absent: kept, null: removed). Above the copy threshold the copy is multipart and its CRC-64 is compared with the source. The object ACL is not copied to another key (as in OSS): the destination gets `default` (the bucket ACL applies). A copy onto itself keeps the object ACL (it is read and re-sent). */
  copyObject: CopyObjectResult;
  /** Signs a direct upload to the store (for files above the `putObject` limit): a PostObject form bounded by `maxBytes`, and a presigned PUT (unbounded). Costs no store request. */
  createUpload: CreateUploadResult;
  /** Deletes an object (one DeleteObject). A missing key succeeds; a missing bucket is NOT_FOUND. */
  deleteObject: DeleteObjectResult;
  /** Deletes 1 to 1000 keys of one bucket with one DeleteMultipleObjects request. Keys are sent exactly (XML-escaped, control characters as character references, never URL-encoded). Every key is checked against the policy first: one denied key refuses the whole batch and nothing is sent. */
  deleteObjects: DeleteObjectsResult;
  /** Stores an object with its system headers and metadata in one PutObject; the CRC-64 OSS reports is compared with the body. */
  putObject: PutObjectResult;
  /** Replaces the user metadata of an object (HEAD and GetObjectAcl → copy onto itself with REPLACE, guarded by the ETag and Last-Modified read). System headers not given keep their value exactly; storage class, encryption and the object ACL are kept (the ACL is re-sent unless it is `default`). An object changed since it was read fails with PRECONDITION_FAILED; one that keeps changing (or changes during a multipart edit) with CONFLICT; both change nothing and may be retried. An edit whose answer from the store was lost is read back and reported as done when it landed. */
  replaceMetadata: ReplaceMetadataResult;
  /** Restores an Archive, ColdArchive or DeepColdArchive object (one RestoreObject). Another storage class is BAD_USER_INPUT. */
  restoreObject: RestoreObjectResult;
  /** Enables or suspends versioning of a bucket (PutBucketVersioning). Once enabled, a bucket can only be suspended, never turned off. */
  setBucketVersioning: SetBucketVersioningResult;
  /** Sets the ACL of an object (one PutObjectAcl), in the object’s edit queue: a metadata edit re-sends the ACL it read, so the two must not interleave. */
  setObjectAcl: SetObjectAclResult;
  /** Replaces the tag set of an object (one PutObjectTagging). Tag changes keep the ETag and Last-Modified. */
  setTags: SetTagsResult;
  /** Merges user metadata: `set` keys are added or changed, `remove` keys removed, the rest kept (HEAD and GetObjectAcl → merge → copy onto itself with REPLACE). System headers not given keep their value exactly; storage class, encryption and the object ACL are kept (the ACL is re-sent unless it is `default`). An object changed since it was read fails with PRECONDITION_FAILED; one that keeps changing (or changes during a multipart edit) with CONFLICT; both change nothing and may be retried. An edit whose answer from the store was lost is read back and reported as done when it landed. */
  updateMetadata: UpdateMetadataResult;
  /** Merges tags: `set` tags are added or changed, `remove` keys removed, the rest kept (GetObjectTagging → merge → PutObjectTagging, in the object’s edit queue so concurrent updates do not lose each other’s tags). At most 10 tags may result. */
  updateTags: UpdateTagsResult;
};


/** Writes. Each returns `<Name>Success` or a typed error implementing `Error`. */
export type MutationCopyObjectArgs = {
  input: CopyObjectInput;
};


/** Writes. Each returns `<Name>Success` or a typed error implementing `Error`. */
export type MutationCreateUploadArgs = {
  input: CreateUploadInput;
};


/** Writes. Each returns `<Name>Success` or a typed error implementing `Error`. */
export type MutationDeleteObjectArgs = {
  input: DeleteObjectInput;
};


/** Writes. Each returns `<Name>Success` or a typed error implementing `Error`. */
export type MutationDeleteObjectsArgs = {
  input: DeleteObjectsInput;
};


/** Writes. Each returns `<Name>Success` or a typed error implementing `Error`. */
export type MutationPutObjectArgs = {
  input: PutObjectInput;
};


/** Writes. Each returns `<Name>Success` or a typed error implementing `Error`. */
export type MutationReplaceMetadataArgs = {
  input: ReplaceMetadataInput;
};


/** Writes. Each returns `<Name>Success` or a typed error implementing `Error`. */
export type MutationRestoreObjectArgs = {
  input: RestoreObjectInput;
};


/** Writes. Each returns `<Name>Success` or a typed error implementing `Error`. */
export type MutationSetBucketVersioningArgs = {
  input: SetBucketVersioningInput;
};


/** Writes. Each returns `<Name>Success` or a typed error implementing `Error`. */
export type MutationSetObjectAclArgs = {
  input: SetObjectAclInput;
};


/** Writes. Each returns `<Name>Success` or a typed error implementing `Error`. */
export type MutationSetTagsArgs = {
  input: SetTagsInput;
};


/** Writes. Each returns `<Name>Success` or a typed error implementing `Error`. */
export type MutationUpdateMetadataArgs = {
  input: UpdateMetadataInput;
};


/** Writes. Each returns `<Name>Success` or a typed error implementing `Error`. */
export type MutationUpdateTagsArgs = {
  input: UpdateTagsInput;
};

export type Node = {
  id: Scalars['ID']['output'];
};

/** The object or bucket does not exist. */
export type NotFoundError = Error & {
  __typename?: 'NotFoundError';
  bucket?: Maybe<Scalars['String']['output']>;
  /** BAD_USER_INPUT, NOT_FOUND, PRECONDITION_FAILED, ACCESS_DENIED, ALREADY_EXISTS, UPSTREAM_UNAVAILABLE, INTEGRITY_CHECK_FAILED or CONFLICT. */
  code: Scalars['String']['output'];
  key?: Maybe<Scalars['String']['output']>;
  message: Scalars['String']['output'];
  /** The OSS request id of the failed store request. */
  requestId?: Maybe<Scalars['String']['output']>;
};

/** The ACL of an object. DEFAULT: the bucket ACL applies. */
export type ObjectAcl =
  /** OSS `default`. */
  | 'DEFAULT'
  /** OSS `private`. */
  | 'PRIVATE'
  /** OSS `public-read`. */
  | 'PUBLIC_READ'
  /** OSS `public-read-write`. */
  | 'PUBLIC_READ_WRITE';

/** The bucket's CORS answer for a request from `origin` (a HeadObject with an `Origin` header). */
export type ObjectCors = {
  __typename?: 'ObjectCors';
  allowHeaders?: Maybe<Scalars['String']['output']>;
  allowMethods?: Maybe<Scalars['String']['output']>;
  allowOrigin?: Maybe<Scalars['String']['output']>;
  exposeHeaders?: Maybe<Scalars['String']['output']>;
  /** Seconds a preflight answer may be cached. */
  maxAge?: Maybe<Scalars['Int']['output']>;
};

/** Which object: bucket, key and optionally a version. */
export type ObjectRefInput = {
  bucket: Scalars['String']['input'];
  key: Scalars['String']['input'];
  versionId?: InputMaybe<Scalars['String']['input']>;
};

/** How the object was written: one PutObject/CopyObject (NORMAL), multipart, append, or a symlink. */
export type ObjectType =
  /** OSS `Appendable`. */
  | 'APPENDABLE'
  /** OSS `Multipart`. */
  | 'MULTIPART'
  /** OSS `Normal`. */
  | 'NORMAL'
  /** OSS `Symlink`. */
  | 'SYMLINK';

/** A key of the bucket, and optionally one version of it. */
export type ObjectVersionInput = {
  key: Scalars['String']['input'];
  versionId?: InputMaybe<Scalars['String']['input']>;
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
  hasPreviousPage: Scalars['Boolean']['output'];
  startCursor?: Maybe<Scalars['String']['output']>;
};

/** The object changed since it was read (or does not match `ifMatch`); nothing was changed. */
export type PreconditionFailedError = Error & {
  __typename?: 'PreconditionFailedError';
  /** BAD_USER_INPUT, NOT_FOUND, PRECONDITION_FAILED, ACCESS_DENIED, ALREADY_EXISTS, UPSTREAM_UNAVAILABLE, INTEGRITY_CHECK_FAILED or CONFLICT. */
  code: Scalars['String']['output'];
  message: Scalars['String']['output'];
  /** The OSS request id of the failed store request. */
  requestId?: Maybe<Scalars['String']['output']>;
};

/** Exactly one of `file`, `content` or `contentBase64` is the body (at most the configured upload limit; use `createUpload` beyond it). */
export type PutObjectInput = {
  bucket: Scalars['String']['input'];
  /** Cache-Control. */
  cacheControl?: InputMaybe<Scalars['String']['input']>;
  /** The body as text (stored as UTF-8). */
  content?: InputMaybe<Scalars['String']['input']>;
  /** The body as base64. */
  contentBase64?: InputMaybe<Scalars['String']['input']>;
  /** Content-Disposition. */
  contentDisposition?: InputMaybe<Scalars['String']['input']>;
  /** Content-Encoding. */
  contentEncoding?: InputMaybe<Scalars['String']['input']>;
  /** Content-Language. */
  contentLanguage?: InputMaybe<Scalars['String']['input']>;
  /** Content-Type. */
  contentType?: InputMaybe<Scalars['String']['input']>;
  /** Expires, an HTTP date stored verbatim. */
  expires?: InputMaybe<Scalars['String']['input']>;
  /** The body as a file of a GraphQL multipart request. */
  file?: InputMaybe<Scalars['File']['input']>;
  /** Fail with ALREADY_EXISTS instead of replacing an existing object. */
  forbidOverwrite?: InputMaybe<Scalars['Boolean']['input']>;
  key: Scalars['String']['input'];
  /** User metadata. */
  metadata?: InputMaybe<Array<MetadataEntryInput>>;
  storageClass?: InputMaybe<StorageClass>;
  /** Object tags (at most 10), sent with the upload (`x-oss-tagging`). */
  tags?: InputMaybe<Array<TagInput>>;
};

export type PutObjectResult = AccessDeniedError | AlreadyExistsError | BadUserInputError | IntegrityCheckFailedError | NotFoundError | PutObjectSuccess | UpstreamUnavailableError;

/** The object was stored and its CRC-64 matched the body sent. */
export type PutObjectSuccess = {
  __typename?: 'PutObjectSuccess';
  contentMd5?: Maybe<Scalars['String']['output']>;
  etag: Scalars['String']['output'];
  hashCrc64?: Maybe<Scalars['String']['output']>;
  object: StorageObject;
  requestId: Scalars['String']['output'];
  versionId?: Maybe<Scalars['String']['output']>;
};

/** Reads. A missing object is null; other failures are errors with `extensions.code`. */
export type Query = {
  __typename?: 'Query';
  /** A bucket by name. Costs no request; a missing bucket surfaces as NOT_FOUND on `objects`. */
  bucket?: Maybe<Bucket>;
  /** The buckets the credentials can see (only the allowed ones when an allowlist is configured). */
  buckets: Array<Bucket>;
  /** The object a global id names (Relay), or null when it no longer exists. Costs one store request, chosen like `Query.object` from the selection under `... on StorageObject`. */
  node?: Maybe<Node>;
  /** One object, or null when it (or the given `versionId` of it) does not exist. Costs one store request (HeadObject if any metadata field beyond the basic ones is selected). */
  object?: Maybe<StorageObject>;
  /** Objects in the order of `refs`, null for each that (or whose given `versionId`) does not exist. Repeated refs cost one request. */
  objects: Array<Maybe<StorageObject>>;
};


/** Reads. A missing object is null; other failures are errors with `extensions.code`. */
export type QueryBucketArgs = {
  name: Scalars['String']['input'];
};


/** Reads. A missing object is null; other failures are errors with `extensions.code`. */
export type QueryNodeArgs = {
  id: Scalars['ID']['input'];
};


/** Reads. A missing object is null; other failures are errors with `extensions.code`. */
export type QueryObjectArgs = {
  bucket: Scalars['String']['input'];
  key: Scalars['String']['input'];
  versionId?: InputMaybe<Scalars['String']['input']>;
};


/** Reads. A missing object is null; other failures are errors with `extensions.code`. */
export type QueryObjectsArgs = {
  refs: Array<ObjectRefInput>;
};

export type ReplaceMetadataInput = {
  bucket: Scalars['String']['input'];
  /** Cache-Control. Absent: kept as it is. null: removed. */
  cacheControl?: InputMaybe<Scalars['String']['input']>;
  /** Content-Disposition. Absent: kept as it is. null: removed. */
  contentDisposition?: InputMaybe<Scalars['String']['input']>;
  /** Content-Encoding. Absent: kept as it is. null: removed. */
  contentEncoding?: InputMaybe<Scalars['String']['input']>;
  /** Content-Language. Absent: kept as it is. null: removed. */
  contentLanguage?: InputMaybe<Scalars['String']['input']>;
  /** Content-Type. Absent: kept as it is. null: removed. */
  contentType?: InputMaybe<Scalars['String']['input']>;
  /** Expires, an HTTP date stored verbatim. Absent: kept as it is. null: removed. */
  expires?: InputMaybe<Scalars['String']['input']>;
  /** Edit only if the object still has this ETag. A metadata-only edit may keep the ETag, so an ETag alone cannot tell two concurrent metadata edits apart; the edit is additionally guarded by the Last-Modified time it read. */
  ifMatch?: InputMaybe<Scalars['String']['input']>;
  key: Scalars['String']['input'];
  /** The complete new user metadata ([] removes all). */
  metadata: Array<MetadataEntryInput>;
};

export type ReplaceMetadataResult = AccessDeniedError | BadUserInputError | ConflictError | IntegrityCheckFailedError | NotFoundError | PreconditionFailedError | ReplaceMetadataSuccess | UpstreamUnavailableError;

/** The metadata was replaced; everything not named was carried over. */
export type ReplaceMetadataSuccess = {
  __typename?: 'ReplaceMetadataSuccess';
  etag: Scalars['String']['output'];
  object: StorageObject;
  previousEtag: Scalars['String']['output'];
  requestId: Scalars['String']['output'];
  versionId?: Maybe<Scalars['String']['output']>;
};

export type RestoreObjectInput = {
  bucket: Scalars['String']['input'];
  /** Days the restored copy stays readable (Archive 1-7, cold classes 1-365); absent: OSS default (1). */
  days?: InputMaybe<Scalars['Int']['input']>;
  key: Scalars['String']['input'];
  /** ColdArchive and DeepColdArchive only. */
  tier?: InputMaybe<RestoreTier>;
  versionId?: InputMaybe<Scalars['String']['input']>;
};

export type RestoreObjectResult = AccessDeniedError | BadUserInputError | NotFoundError | RestoreObjectSuccess | UpstreamUnavailableError;

/** The restore was requested (or was already running or done). */
export type RestoreObjectSuccess = {
  __typename?: 'RestoreObjectSuccess';
  object: StorageObject;
  requestId: Scalars['String']['output'];
  status: RestoreRequestStatus;
};

/** What the restore request did. */
export type RestoreRequestStatus =
  /** The object was already restored; its readable period was extended (200). */
  | 'ALREADY_RESTORED'
  /** A restore was already running (409 RestoreAlreadyInProgress); nothing changed. */
  | 'IN_PROGRESS'
  /** A restore started (202); follow it with `StorageObject.restore`. */
  | 'STARTED';

/** The restore state of an archived object. */
export type RestoreStatus = {
  __typename?: 'RestoreStatus';
  /** Until when the restored copy can be read (set once the restore finished). */
  expiresAt?: Maybe<Scalars['DateTime']['output']>;
  /** True while the restore is running. */
  ongoing: Scalars['Boolean']['output'];
};

/** How fast a restore of an archived object runs (and what it costs). */
export type RestoreTier =
  /** OSS `Bulk`. */
  | 'BULK'
  /** OSS `Expedited`. */
  | 'EXPEDITED'
  /** OSS `Standard`. */
  | 'STANDARD';

export type SetBucketVersioningInput = {
  bucket: Scalars['String']['input'];
  status: VersioningStatus;
};

export type SetBucketVersioningResult = AccessDeniedError | BadUserInputError | NotFoundError | SetBucketVersioningSuccess | UpstreamUnavailableError;

/** The versioning state was set. */
export type SetBucketVersioningSuccess = {
  __typename?: 'SetBucketVersioningSuccess';
  bucket: Bucket;
  requestId: Scalars['String']['output'];
};

export type SetObjectAclInput = {
  /** DEFAULT: the bucket ACL applies. */
  acl: ObjectAcl;
  bucket: Scalars['String']['input'];
  key: Scalars['String']['input'];
  /** Set the ACL of this version; absent: the current one. */
  versionId?: InputMaybe<Scalars['String']['input']>;
};

export type SetObjectAclResult = AccessDeniedError | BadUserInputError | ConflictError | NotFoundError | SetObjectAclSuccess | UpstreamUnavailableError;

/** The object ACL was set. */
export type SetObjectAclSuccess = {
  __typename?: 'SetObjectAclSuccess';
  object: StorageObject;
  requestId: Scalars['String']['output'];
};

export type SetTagsInput = {
  bucket: Scalars['String']['input'];
  key: Scalars['String']['input'];
  /** The whole new tag set (at most 10); empty removes every tag. */
  tags: Array<TagInput>;
  /** Tag this version; absent: the current one. */
  versionId?: InputMaybe<Scalars['String']['input']>;
};

export type SetTagsResult = AccessDeniedError | BadUserInputError | ConflictError | NotFoundError | SetTagsSuccess | UpstreamUnavailableError;

/** The tag set was replaced. */
export type SetTagsSuccess = {
  __typename?: 'SetTagsSuccess';
  object: StorageObject;
  requestId: Scalars['String']['output'];
  /** The tag set now on the object. */
  tags: Array<Tag>;
};

/** OSS storage classes. */
export type StorageClass =
  /** OSS `Archive`. */
  | 'ARCHIVE'
  /** OSS `ColdArchive`. */
  | 'COLD_ARCHIVE'
  /** OSS `DeepColdArchive`. */
  | 'DEEP_COLD_ARCHIVE'
  /** OSS `IA`. */
  | 'IA'
  /** OSS `Standard`. */
  | 'STANDARD';

/** An object in a bucket. Fields load lazily: basic fields (size, ETag, times, CRC-64) cost one GetObjectMeta per object, any other metadata field one HeadObject per object (which also answers the basic ones); fields a listing returned cost nothing. */
export type StorageObject = Node & {
  __typename?: 'StorageObject';
  /** The object ACL (GetObjectAcl: one request per object). DEFAULT: the bucket ACL applies. */
  acl: ObjectAcl;
  bucket: Scalars['String']['output'];
  cacheControl?: Maybe<Scalars['String']['output']>;
  contentDisposition?: Maybe<Scalars['String']['output']>;
  contentEncoding?: Maybe<Scalars['String']['output']>;
  contentLanguage?: Maybe<Scalars['String']['output']>;
  /** Size in bytes. */
  contentLength: Scalars['SafeInt']['output'];
  /** Base64 MD5 of the content; only for objects uploaded in one piece. */
  contentMd5?: Maybe<Scalars['String']['output']>;
  contentType?: Maybe<Scalars['String']['output']>;
  /** The bucket's CORS answer for a request from `origin` (and `method`). One HeadObject with an `Origin` header per distinct (object, origin, method). */
  cors?: Maybe<ObjectCors>;
  /** A presigned GET URL, valid for `expiresIn` seconds (default from configuration). Signing sends no request. */
  downloadUrl: Scalars['String']['output'];
  /** The ETag, with its quotes as OSS sends it (use it as `ifMatch`). */
  etag: Scalars['String']['output'];
  /** When a lifecycle rule will delete the object (`x-oss-expiration`); null when none applies. */
  expiration?: Maybe<ExpirationInfo>;
  /** The `Expires` header, verbatim. */
  expires?: Maybe<Scalars['String']['output']>;
  /** CRC-64/XZ (ECMA-182) of the content as an unsigned decimal string. */
  hashCrc64?: Maybe<Scalars['String']['output']>;
  /** A global id (Relay): pass it to `Query.node`. Costs no request. */
  id: Scalars['ID']['output'];
  /** An image's dimensions and format (`x-oss-process=image/info`: one request per object); null when the object is not an image, or is archived and not restored. */
  image?: Maybe<ImageInfo>;
  /** Always false: a `StorageObject` is a readable object or version (a delete marker is null in `object`/`objects` and has no `StorageObject`; see `StorageObjectVersion.isDeleteMarker`). */
  isDeleteMarker: Scalars['Boolean']['output'];
  key: Scalars['String']['output'];
  /** Only when access tracking is enabled on the bucket. */
  lastAccessTime?: Maybe<Scalars['DateTime']['output']>;
  lastModified: Scalars['DateTime']['output'];
  /** User metadata (`x-oss-meta-*`), keys lowercase, sorted by key. */
  metadata: Array<MetadataEntry>;
  /** The value of one user metadata key (case-insensitive), or null. */
  metadataValue?: Maybe<Scalars['String']['output']>;
  /** Appendable objects only. */
  nextAppendPosition?: Maybe<Scalars['SafeInt']['output']>;
  /** How the object was written (null for a type newer than this API). */
  objectType?: Maybe<ObjectType>;
  processStatus?: Maybe<Scalars['String']['output']>;
  requestCharged?: Maybe<Scalars['String']['output']>;
  /** The restore state of an archived object (`x-oss-restore`); null when no restore was requested. */
  restore?: Maybe<RestoreStatus>;
  serverSideDataEncryption?: Maybe<Scalars['String']['output']>;
  serverSideEncryption?: Maybe<Scalars['String']['output']>;
  serverSideEncryptionKeyId?: Maybe<Scalars['String']['output']>;
  /** The storage class (null for a class newer than this API). */
  storageClass?: Maybe<StorageClass>;
  /** The key a symlink points to (GetSymlink: one request per object); null when the object is not a symlink. */
  symlinkTarget?: Maybe<Scalars['String']['output']>;
  taggingCount?: Maybe<Scalars['Int']['output']>;
  /** The object tags (GetObjectTagging: one request per object, batched). */
  tags: Array<Tag>;
  /** When a lifecycle rule last changed the storage class. */
  transitionTime?: Maybe<Scalars['String']['output']>;
  /** The version id (null in an unversioned bucket). */
  versionId?: Maybe<Scalars['String']['output']>;
  /** Every version of this key and its delete markers, newest first, `first` per page (one ListObjectVersions per object and page). In a bucket that never had versioning it lists the one `null` version. */
  versions: StorageObjectVersionConnection;
};


/** An object in a bucket. Fields load lazily: basic fields (size, ETag, times, CRC-64) cost one GetObjectMeta per object, any other metadata field one HeadObject per object (which also answers the basic ones); fields a listing returned cost nothing. */
export type StorageObjectCorsArgs = {
  method?: InputMaybe<Scalars['String']['input']>;
  origin: Scalars['String']['input'];
};


/** An object in a bucket. Fields load lazily: basic fields (size, ETag, times, CRC-64) cost one GetObjectMeta per object, any other metadata field one HeadObject per object (which also answers the basic ones); fields a listing returned cost nothing. */
export type StorageObjectDownloadUrlArgs = {
  expiresIn?: InputMaybe<Scalars['Int']['input']>;
};


/** An object in a bucket. Fields load lazily: basic fields (size, ETag, times, CRC-64) cost one GetObjectMeta per object, any other metadata field one HeadObject per object (which also answers the basic ones); fields a listing returned cost nothing. */
export type StorageObjectMetadataValueArgs = {
  key: Scalars['String']['input'];
};


/** An object in a bucket. Fields load lazily: basic fields (size, ETag, times, CRC-64) cost one GetObjectMeta per object, any other metadata field one HeadObject per object (which also answers the basic ones); fields a listing returned cost nothing. */
export type StorageObjectVersionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** One page of a bucket listing. Listed fields (size, ETag, lastModified, storageClass, objectType) cost no further request. */
export type StorageObjectConnection = {
  __typename?: 'StorageObjectConnection';
  edges: Array<StorageObjectEdge>;
  /** Common prefixes ("folders") under `prefix` up to `delimiter`, on this page. */
  folders: Array<Scalars['String']['output']>;
  nodes: Array<StorageObject>;
  pageInfo: PageInfo;
};

export type StorageObjectEdge = {
  __typename?: 'StorageObjectEdge';
  cursor: Scalars['String']['output'];
  node: StorageObject;
};

/** One version of an object, or a delete marker, as ListObjectVersions reports it (no further request for its own fields). */
export type StorageObjectVersion = {
  __typename?: 'StorageObjectVersion';
  /** Null for a delete marker. */
  contentLength?: Maybe<Scalars['SafeInt']['output']>;
  /** Null for a delete marker. */
  etag?: Maybe<Scalars['String']['output']>;
  isDeleteMarker: Scalars['Boolean']['output'];
  isLatest: Scalars['Boolean']['output'];
  key: Scalars['String']['output'];
  lastModified: Scalars['DateTime']['output'];
  /** This version as a `StorageObject` (its other fields load lazily, each kind one request); null for a delete marker. */
  object?: Maybe<StorageObject>;
  objectType?: Maybe<ObjectType>;
  storageClass?: Maybe<StorageClass>;
  versionId: Scalars['String']['output'];
};

/** One page of a version listing (versions and delete markers, newest first per key). */
export type StorageObjectVersionConnection = {
  __typename?: 'StorageObjectVersionConnection';
  edges: Array<StorageObjectVersionEdge>;
  /** Common prefixes up to `delimiter` on this page (bucket listings only). */
  folders: Array<Scalars['String']['output']>;
  nodes: Array<StorageObjectVersion>;
  pageInfo: PageInfo;
};

export type StorageObjectVersionEdge = {
  __typename?: 'StorageObjectVersionEdge';
  cursor: Scalars['String']['output'];
  node: StorageObjectVersion;
};

/** One object tag. */
export type Tag = {
  __typename?: 'Tag';
  key: Scalars['String']['output'];
  value: Scalars['String']['output'];
};

/** One object tag: at most 10 per object, keys 1-128 and values up to 256 letters, digits, spaces or + - = . _ : /. */
export type TagInput = {
  key: Scalars['String']['input'];
  value: Scalars['String']['input'];
};

/** COPY: the destination gets the source tags. REPLACE: it gets `tags` (none when absent). */
export type TaggingDirective =
  | 'COPY'
  | 'REPLACE';

export type UpdateMetadataInput = {
  bucket: Scalars['String']['input'];
  /** Cache-Control. Absent: kept as it is. null: removed. */
  cacheControl?: InputMaybe<Scalars['String']['input']>;
  /** Content-Disposition. Absent: kept as it is. null: removed. */
  contentDisposition?: InputMaybe<Scalars['String']['input']>;
  /** Content-Encoding. Absent: kept as it is. null: removed. */
  contentEncoding?: InputMaybe<Scalars['String']['input']>;
  /** Content-Language. Absent: kept as it is. null: removed. */
  contentLanguage?: InputMaybe<Scalars['String']['input']>;
  /** Content-Type. Absent: kept as it is. null: removed. */
  contentType?: InputMaybe<Scalars['String']['input']>;
  /** Expires, an HTTP date stored verbatim. Absent: kept as it is. null: removed. */
  expires?: InputMaybe<Scalars['String']['input']>;
  /** Edit only if the object still has this ETag. A metadata-only edit may keep the ETag, so an ETag alone cannot tell two concurrent metadata edits apart; the edit is additionally guarded by the Last-Modified time it read. */
  ifMatch?: InputMaybe<Scalars['String']['input']>;
  key: Scalars['String']['input'];
  /** Keys to remove (case-insensitive); must not also be in `set`. */
  remove?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Keys to add or change. */
  set?: InputMaybe<Array<MetadataEntryInput>>;
};

export type UpdateMetadataResult = AccessDeniedError | BadUserInputError | ConflictError | IntegrityCheckFailedError | NotFoundError | PreconditionFailedError | UpdateMetadataSuccess | UpstreamUnavailableError;

/** The metadata was merged; everything not named was carried over. */
export type UpdateMetadataSuccess = {
  __typename?: 'UpdateMetadataSuccess';
  etag: Scalars['String']['output'];
  object: StorageObject;
  previousEtag: Scalars['String']['output'];
  requestId: Scalars['String']['output'];
  versionId?: Maybe<Scalars['String']['output']>;
};

export type UpdateTagsInput = {
  bucket: Scalars['String']['input'];
  key: Scalars['String']['input'];
  /** Tag keys to remove (exact, case-sensitive); must not also be in `set`. */
  remove?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Tags to add or change. */
  set?: InputMaybe<Array<TagInput>>;
  /** Tag this version; absent: the current one. */
  versionId?: InputMaybe<Scalars['String']['input']>;
};

export type UpdateTagsResult = AccessDeniedError | BadUserInputError | ConflictError | NotFoundError | UpdateTagsSuccess | UpstreamUnavailableError;

/** The tags were merged; tags not named were kept. */
export type UpdateTagsSuccess = {
  __typename?: 'UpdateTagsSuccess';
  object: StorageObject;
  requestId: Scalars['String']['output'];
  /** The tag set now on the object. */
  tags: Array<Tag>;
};

/** An OSS PostObject form: POST `multipart/form-data` to `url` with `fields` in this order, then the file as the last field, named `file`. Its signed policy fixes the bucket, key, content type, metadata, expiry and size range: the store itself refuses anything else. */
export type UploadForm = {
  __typename?: 'UploadForm';
  expiresAt: Scalars['DateTime']['output'];
  /** Fields to send in this order, before the file. */
  fields: Array<FormField>;
  /** Largest file the store accepts through this form, in bytes. */
  maxBytes: Scalars['SafeInt']['output'];
  url: Scalars['String']['output'];
};

/** The object store could not be reached or failed; retrying later may succeed. */
export type UpstreamUnavailableError = Error & {
  __typename?: 'UpstreamUnavailableError';
  /** BAD_USER_INPUT, NOT_FOUND, PRECONDITION_FAILED, ACCESS_DENIED, ALREADY_EXISTS, UPSTREAM_UNAVAILABLE, INTEGRITY_CHECK_FAILED or CONFLICT. */
  code: Scalars['String']['output'];
  message: Scalars['String']['output'];
  /** The OSS request id of the failed store request. */
  requestId?: Maybe<Scalars['String']['output']>;
};

/** A versioning state one can set. */
export type VersioningStatus =
  | 'ENABLED'
  | 'SUSPENDED';

export type BucketObjectsQueryVariables = Exact<{
  bucket: Scalars['String']['input'];
  prefix?: InputMaybe<Scalars['String']['input']>;
  delimiter?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type BucketObjectsQuery = { __typename?: 'Query', bucket?: { __typename?: 'Bucket', name: string, objects: { __typename?: 'StorageObjectConnection', folders: Array<string>, edges: Array<{ __typename?: 'StorageObjectEdge', cursor: string, node: { __typename?: 'StorageObject', key: string, contentLength: number, etag: string, lastModified: string, storageClass?: StorageClass | null, objectType?: ObjectType | null } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } } | null };

export type BucketsQueryVariables = Exact<{ [key: string]: never; }>;


export type BucketsQuery = { __typename?: 'Query', buckets: Array<{ __typename?: 'Bucket', name: string, creationDate?: string | null, region?: string | null, storageClass?: string | null }> };

export type DemoBucketQueryVariables = Exact<{
  bucket?: Scalars['String']['input'];
  key?: Scalars['String']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
}>;


export type DemoBucketQuery = { __typename?: 'Query', bucket?: { __typename?: 'Bucket', name: string, objects: { __typename?: 'StorageObjectConnection', nodes: Array<{ __typename?: 'StorageObject', key: string, contentLength: number, lastModified: string, etag: string }> } } | null, object?: { __typename?: 'StorageObject', key: string, contentType?: string | null, contentLanguage?: string | null, cacheControl?: string | null, metadata: Array<{ __typename?: 'MetadataEntry', key: string, value: string }> } | null };

type ErrorFields_AccessDeniedError_Fragment = { __typename: 'AccessDeniedError', code: string, message: string };

type ErrorFields_AlreadyExistsError_Fragment = { __typename: 'AlreadyExistsError', code: string, message: string };

type ErrorFields_BadUserInputError_Fragment = { __typename: 'BadUserInputError', field: string, rule: string, value: string, code: string, message: string };

type ErrorFields_ConflictError_Fragment = { __typename: 'ConflictError', code: string, message: string };

type ErrorFields_IntegrityCheckFailedError_Fragment = { __typename: 'IntegrityCheckFailedError', code: string, message: string };

type ErrorFields_NotFoundError_Fragment = { __typename: 'NotFoundError', code: string, message: string };

type ErrorFields_PreconditionFailedError_Fragment = { __typename: 'PreconditionFailedError', code: string, message: string };

type ErrorFields_UpstreamUnavailableError_Fragment = { __typename: 'UpstreamUnavailableError', code: string, message: string };

export type ErrorFieldsFragment =
  | ErrorFields_AccessDeniedError_Fragment
  | ErrorFields_AlreadyExistsError_Fragment
  | ErrorFields_BadUserInputError_Fragment
  | ErrorFields_ConflictError_Fragment
  | ErrorFields_IntegrityCheckFailedError_Fragment
  | ErrorFields_NotFoundError_Fragment
  | ErrorFields_PreconditionFailedError_Fragment
  | ErrorFields_UpstreamUnavailableError_Fragment
;

export type PutObjectMutationVariables = Exact<{
  input: PutObjectInput;
}>;


export type PutObjectMutation = { __typename?: 'Mutation', putObject:
    | { __typename: 'AccessDeniedError', code: string, message: string }
    | { __typename: 'AlreadyExistsError', code: string, message: string }
    | { __typename: 'BadUserInputError', field: string, rule: string, value: string, code: string, message: string }
    | { __typename: 'IntegrityCheckFailedError', code: string, message: string }
    | { __typename: 'NotFoundError', code: string, message: string }
    | { __typename?: 'PutObjectSuccess', requestId: string, etag: string, hashCrc64?: string | null, versionId?: string | null, contentMd5?: string | null, object: { __typename?: 'StorageObject', key: string, contentLength: number, contentType?: string | null } }
    | { __typename: 'UpstreamUnavailableError', code: string, message: string }
   };

export type ReplaceMetadataMutationVariables = Exact<{
  input: ReplaceMetadataInput;
}>;


export type ReplaceMetadataMutation = { __typename?: 'Mutation', replaceMetadata:
    | { __typename: 'AccessDeniedError', code: string, message: string }
    | { __typename: 'BadUserInputError', field: string, rule: string, value: string, code: string, message: string }
    | { __typename: 'ConflictError', code: string, message: string }
    | { __typename: 'IntegrityCheckFailedError', code: string, message: string }
    | { __typename: 'NotFoundError', code: string, message: string }
    | { __typename: 'PreconditionFailedError', code: string, message: string }
    | { __typename?: 'ReplaceMetadataSuccess', requestId: string, etag: string, previousEtag: string, object: { __typename?: 'StorageObject', metadata: Array<{ __typename?: 'MetadataEntry', key: string, value: string }> } }
    | { __typename: 'UpstreamUnavailableError', code: string, message: string }
   };

export type UpdateMetadataMutationVariables = Exact<{
  input: UpdateMetadataInput;
}>;


export type UpdateMetadataMutation = { __typename?: 'Mutation', updateMetadata:
    | { __typename: 'AccessDeniedError', code: string, message: string }
    | { __typename: 'BadUserInputError', field: string, rule: string, value: string, code: string, message: string }
    | { __typename: 'ConflictError', code: string, message: string }
    | { __typename: 'IntegrityCheckFailedError', code: string, message: string }
    | { __typename: 'NotFoundError', code: string, message: string }
    | { __typename: 'PreconditionFailedError', code: string, message: string }
    | { __typename?: 'UpdateMetadataSuccess', requestId: string, etag: string, previousEtag: string, object: { __typename?: 'StorageObject', metadata: Array<{ __typename?: 'MetadataEntry', key: string, value: string }> } }
    | { __typename: 'UpstreamUnavailableError', code: string, message: string }
   };

export type CopyObjectMutationVariables = Exact<{
  input: CopyObjectInput;
}>;


export type CopyObjectMutation = { __typename?: 'Mutation', copyObject:
    | { __typename: 'AccessDeniedError', code: string, message: string }
    | { __typename: 'AlreadyExistsError', code: string, message: string }
    | { __typename: 'BadUserInputError', field: string, rule: string, value: string, code: string, message: string }
    | { __typename: 'ConflictError', code: string, message: string }
    | { __typename?: 'CopyObjectSuccess', requestId: string, etag: string, hashCrc64?: string | null, versionId?: string | null, sourceVersionId?: string | null, method: string, sourceDeleted: boolean, object: { __typename?: 'StorageObject', bucket: string, key: string } }
    | { __typename: 'IntegrityCheckFailedError', code: string, message: string }
    | { __typename: 'NotFoundError', code: string, message: string }
    | { __typename: 'PreconditionFailedError', code: string, message: string }
    | { __typename: 'UpstreamUnavailableError', code: string, message: string }
   };

export type CreateUploadMutationVariables = Exact<{
  input: CreateUploadInput;
}>;


export type CreateUploadMutation = { __typename?: 'Mutation', createUpload:
    | { __typename: 'AccessDeniedError', code: string, message: string }
    | { __typename: 'BadUserInputError', field: string, rule: string, value: string, code: string, message: string }
    | { __typename?: 'CreateUploadSuccess', url: string, method: string, expiresAt: string, form: { __typename?: 'UploadForm', url: string, maxBytes: number, expiresAt: string, fields: Array<{ __typename?: 'FormField', name: string, value: string }> }, headers: Array<{ __typename?: 'HttpHeader', name: string, value: string }> }
   };

export type ObjectExtrasQueryVariables = Exact<{
  bucket: Scalars['String']['input'];
  key: Scalars['String']['input'];
}>;


export type ObjectExtrasQuery = { __typename?: 'Query', object?: { __typename?: 'StorageObject', id: string, key: string, acl: ObjectAcl, tags: Array<{ __typename?: 'Tag', key: string, value: string }>, image?: { __typename?: 'ImageInfo', width: number, height: number, format: string } | null } | null };

export type NodeByIdQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type NodeByIdQuery = { __typename?: 'Query', node?: { __typename?: 'StorageObject', bucket: string, key: string, contentLength: number, id: string } | null };

export type UpdateTagsMutationVariables = Exact<{
  input: UpdateTagsInput;
}>;


export type UpdateTagsMutation = { __typename?: 'Mutation', updateTags:
    | { __typename: 'AccessDeniedError', code: string, message: string }
    | { __typename: 'BadUserInputError', code: string, message: string }
    | { __typename: 'ConflictError', code: string, message: string }
    | { __typename: 'NotFoundError', code: string, message: string }
    | { __typename: 'UpdateTagsSuccess', requestId: string, tags: Array<{ __typename?: 'Tag', key: string, value: string }> }
    | { __typename: 'UpstreamUnavailableError', code: string, message: string }
   };

export type SetTagsMutationVariables = Exact<{
  input: SetTagsInput;
}>;


export type SetTagsMutation = { __typename?: 'Mutation', setTags:
    | { __typename: 'AccessDeniedError', code: string, message: string }
    | { __typename: 'BadUserInputError', code: string, message: string }
    | { __typename: 'ConflictError', code: string, message: string }
    | { __typename: 'NotFoundError', code: string, message: string }
    | { __typename: 'SetTagsSuccess', requestId: string, tags: Array<{ __typename?: 'Tag', key: string, value: string }> }
    | { __typename: 'UpstreamUnavailableError', code: string, message: string }
   };

export type SetObjectAclMutationVariables = Exact<{
  input: SetObjectAclInput;
}>;


export type SetObjectAclMutation = { __typename?: 'Mutation', setObjectAcl:
    | { __typename: 'AccessDeniedError', code: string, message: string }
    | { __typename: 'BadUserInputError', code: string, message: string }
    | { __typename: 'ConflictError', code: string, message: string }
    | { __typename: 'NotFoundError', code: string, message: string }
    | { __typename: 'SetObjectAclSuccess', requestId: string, object: { __typename?: 'StorageObject', acl: ObjectAcl } }
    | { __typename: 'UpstreamUnavailableError', code: string, message: string }
   };

export type DeleteObjectMutationVariables = Exact<{
  input: DeleteObjectInput;
}>;


export type DeleteObjectMutation = { __typename?: 'Mutation', deleteObject:
    | { __typename: 'AccessDeniedError', code: string, message: string }
    | { __typename: 'BadUserInputError', code: string, message: string }
    | { __typename: 'DeleteObjectSuccess', requestId: string, versionId?: string | null, deleteMarker: boolean }
    | { __typename: 'NotFoundError', code: string, message: string }
    | { __typename: 'UpstreamUnavailableError', code: string, message: string }
   };

export type DeleteObjectsMutationVariables = Exact<{
  input: DeleteObjectsInput;
}>;


export type DeleteObjectsMutation = { __typename?: 'Mutation', deleteObjects:
    | { __typename: 'AccessDeniedError', code: string, message: string }
    | { __typename: 'BadUserInputError', code: string, message: string }
    | { __typename: 'DeleteObjectsSuccess', requestId: string, deleted: Array<{ __typename?: 'DeletedObject', key: string, versionId?: string | null, deleteMarker: boolean }>, errors: Array<{ __typename?: 'DeleteObjectError', key: string, code: string, message: string }> }
    | { __typename: 'NotFoundError', code: string, message: string }
    | { __typename: 'UpstreamUnavailableError', code: string, message: string }
   };

export type ObjectDetailsQueryVariables = Exact<{
  bucket: Scalars['String']['input'];
  key: Scalars['String']['input'];
  versionId?: InputMaybe<Scalars['String']['input']>;
}>;


export type ObjectDetailsQuery = { __typename?: 'Query', object?: { __typename?: 'StorageObject', bucket: string, key: string, versionId?: string | null, contentLength: number, etag: string, lastModified: string, hashCrc64?: string | null, contentType?: string | null, cacheControl?: string | null, contentDisposition?: string | null, contentEncoding?: string | null, contentLanguage?: string | null, expires?: string | null, storageClass?: StorageClass | null, objectType?: ObjectType | null, metadata: Array<{ __typename?: 'MetadataEntry', key: string, value: string }> } | null };

export type ObjectsBasicQueryVariables = Exact<{
  refs: Array<ObjectRefInput> | ObjectRefInput;
}>;


export type ObjectsBasicQuery = { __typename?: 'Query', objects: Array<{ __typename?: 'StorageObject', bucket: string, key: string, contentLength: number, etag: string, lastModified: string, hashCrc64?: string | null } | null> };

export const ErrorFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"BadUserInputError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"rule"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}}]} as unknown as DocumentNode<ErrorFieldsFragment, unknown>;
export const BucketObjectsDocument = {"__meta__":{"hash":"75f834defd82fa8fddb718dc3a64553cb5b1d31185f677aa0f91812bdd731e46"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BucketObjects"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"bucket"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"prefix"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"delimiter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bucket"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"bucket"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"objects"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"prefix"},"value":{"kind":"Variable","name":{"kind":"Name","value":"prefix"}}},{"kind":"Argument","name":{"kind":"Name","value":"delimiter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"delimiter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"folders"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"contentLength"}},{"kind":"Field","name":{"kind":"Name","value":"etag"}},{"kind":"Field","name":{"kind":"Name","value":"lastModified"}},{"kind":"Field","name":{"kind":"Name","value":"storageClass"}},{"kind":"Field","name":{"kind":"Name","value":"objectType"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]}}]} as unknown as DocumentNode<BucketObjectsQuery, BucketObjectsQueryVariables>;
export const BucketsDocument = {"__meta__":{"hash":"10b4acdaebf59ab0ecda2cb5828299a81bbb41537854cf5eab189a6385f406ad"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Buckets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"buckets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"creationDate"}},{"kind":"Field","name":{"kind":"Name","value":"region"}},{"kind":"Field","name":{"kind":"Name","value":"storageClass"}}]}}]}}]} as unknown as DocumentNode<BucketsQuery, BucketsQueryVariables>;
export const DemoBucketDocument = {"__meta__":{"hash":"a26d801bc235fe6677ec472a507e4e7e22e39d70b7d0a49ed7f9959e76c009c0"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DemoBucket"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"bucket"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},"defaultValue":{"kind":"StringValue","value":"demo","block":false}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"key"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},"defaultValue":{"kind":"StringValue","value":"docs/readme.md","block":false}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bucket"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"bucket"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"objects"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"contentLength"}},{"kind":"Field","name":{"kind":"Name","value":"lastModified"}},{"kind":"Field","name":{"kind":"Name","value":"etag"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"object"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"bucket"},"value":{"kind":"Variable","name":{"kind":"Name","value":"bucket"}}},{"kind":"Argument","name":{"kind":"Name","value":"key"},"value":{"kind":"Variable","name":{"kind":"Name","value":"key"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"contentType"}},{"kind":"Field","name":{"kind":"Name","value":"contentLanguage"}},{"kind":"Field","name":{"kind":"Name","value":"cacheControl"}},{"kind":"Field","name":{"kind":"Name","value":"metadata"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}}]}}]} as unknown as DocumentNode<DemoBucketQuery, DemoBucketQueryVariables>;
export const PutObjectDocument = {"__meta__":{"hash":"442d7cd56bba996a47be2f60938f89e0f6774b57bbe03f090a33a0734c61b54a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PutObject"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PutObjectInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"putObject"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ErrorFields"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PutObjectSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestId"}},{"kind":"Field","name":{"kind":"Name","value":"etag"}},{"kind":"Field","name":{"kind":"Name","value":"hashCrc64"}},{"kind":"Field","name":{"kind":"Name","value":"versionId"}},{"kind":"Field","name":{"kind":"Name","value":"contentMd5"}},{"kind":"Field","name":{"kind":"Name","value":"object"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"contentLength"}},{"kind":"Field","name":{"kind":"Name","value":"contentType"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"BadUserInputError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"rule"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}}]} as unknown as DocumentNode<PutObjectMutation, PutObjectMutationVariables>;
export const ReplaceMetadataDocument = {"__meta__":{"hash":"f920bb9e824fb0b1fc92266703c8dbfa8dff8b799d7a342fb1fd743a6dea0c92"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReplaceMetadata"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ReplaceMetadataInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"replaceMetadata"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ErrorFields"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ReplaceMetadataSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestId"}},{"kind":"Field","name":{"kind":"Name","value":"etag"}},{"kind":"Field","name":{"kind":"Name","value":"previousEtag"}},{"kind":"Field","name":{"kind":"Name","value":"object"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"metadata"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"BadUserInputError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"rule"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}}]} as unknown as DocumentNode<ReplaceMetadataMutation, ReplaceMetadataMutationVariables>;
export const UpdateMetadataDocument = {"__meta__":{"hash":"949518c2176b250b2fd6a63207dea6af46d29d39aba67397ed96e162909a7867"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateMetadata"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateMetadataInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateMetadata"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ErrorFields"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateMetadataSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestId"}},{"kind":"Field","name":{"kind":"Name","value":"etag"}},{"kind":"Field","name":{"kind":"Name","value":"previousEtag"}},{"kind":"Field","name":{"kind":"Name","value":"object"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"metadata"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"BadUserInputError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"rule"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}}]} as unknown as DocumentNode<UpdateMetadataMutation, UpdateMetadataMutationVariables>;
export const CopyObjectDocument = {"__meta__":{"hash":"51664fc7fb636735b8db31886ee466a14c85bcb772e5aeae2f3d3a6b25db7f9a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CopyObject"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CopyObjectInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"copyObject"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ErrorFields"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CopyObjectSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestId"}},{"kind":"Field","name":{"kind":"Name","value":"etag"}},{"kind":"Field","name":{"kind":"Name","value":"hashCrc64"}},{"kind":"Field","name":{"kind":"Name","value":"versionId"}},{"kind":"Field","name":{"kind":"Name","value":"sourceVersionId"}},{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"sourceDeleted"}},{"kind":"Field","name":{"kind":"Name","value":"object"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bucket"}},{"kind":"Field","name":{"kind":"Name","value":"key"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"BadUserInputError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"rule"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}}]} as unknown as DocumentNode<CopyObjectMutation, CopyObjectMutationVariables>;
export const CreateUploadDocument = {"__meta__":{"hash":"2b9f7f571555bdb39bcc343969dbf7113e8e476a3ce06b3344f55e528483bbfa"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateUpload"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateUploadInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createUpload"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ErrorFields"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CreateUploadSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"form"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"fields"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"maxBytes"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"headers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"BadUserInputError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"rule"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}}]} as unknown as DocumentNode<CreateUploadMutation, CreateUploadMutationVariables>;
export const ObjectExtrasDocument = {"__meta__":{"hash":"627d98708a31545130dce4b61f051daa8deaefd1b64376c06e6891249e5da32c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ObjectExtras"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"bucket"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"key"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"object"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"bucket"},"value":{"kind":"Variable","name":{"kind":"Name","value":"bucket"}}},{"kind":"Argument","name":{"kind":"Name","value":"key"},"value":{"kind":"Variable","name":{"kind":"Name","value":"key"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"tags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"acl"}},{"kind":"Field","name":{"kind":"Name","value":"image"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"width"}},{"kind":"Field","name":{"kind":"Name","value":"height"}},{"kind":"Field","name":{"kind":"Name","value":"format"}}]}}]}}]}}]} as unknown as DocumentNode<ObjectExtrasQuery, ObjectExtrasQueryVariables>;
export const NodeByIdDocument = {"__meta__":{"hash":"26dad6a85919ebe9f39d7327a142c8812f22a652537ded6e7443f42b098045ce"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"NodeById"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"StorageObject"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bucket"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"contentLength"}}]}}]}}]}}]} as unknown as DocumentNode<NodeByIdQuery, NodeByIdQueryVariables>;
export const UpdateTagsDocument = {"__meta__":{"hash":"6d9bef756fdd67b63e5465e3650199b2ca0adcd46574f8bc36dd2cf51a1c88b7"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateTags"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateTagsInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateTags"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateTagsSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestId"}},{"kind":"Field","name":{"kind":"Name","value":"tags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}}]}}]}}]} as unknown as DocumentNode<UpdateTagsMutation, UpdateTagsMutationVariables>;
export const SetTagsDocument = {"__meta__":{"hash":"13a7de020a008ade056122a1767d783299eccbac6bed0b035197e3250c66417c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetTags"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SetTagsInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setTags"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SetTagsSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestId"}},{"kind":"Field","name":{"kind":"Name","value":"tags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}}]}}]}}]} as unknown as DocumentNode<SetTagsMutation, SetTagsMutationVariables>;
export const SetObjectAclDocument = {"__meta__":{"hash":"767886d9e82c65e214aa3eb20db67a482cd7b5918723d731a45f1a4a9875fb13"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetObjectAcl"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SetObjectAclInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setObjectAcl"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SetObjectAclSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestId"}},{"kind":"Field","name":{"kind":"Name","value":"object"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"acl"}}]}}]}}]}}]}}]} as unknown as DocumentNode<SetObjectAclMutation, SetObjectAclMutationVariables>;
export const DeleteObjectDocument = {"__meta__":{"hash":"4fce61d69cec331951106159719a6b8105360eb6ead7328e518080f55ea1c75b"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteObject"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DeleteObjectInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteObject"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DeleteObjectSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestId"}},{"kind":"Field","name":{"kind":"Name","value":"versionId"}},{"kind":"Field","name":{"kind":"Name","value":"deleteMarker"}}]}}]}}]}}]} as unknown as DocumentNode<DeleteObjectMutation, DeleteObjectMutationVariables>;
export const DeleteObjectsDocument = {"__meta__":{"hash":"2e36a201fad1d107d5999039dc52aabb22ff275f627eafc6e09dee68bc915229"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteObjects"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DeleteObjectsInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteObjects"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DeleteObjectsSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestId"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"versionId"}},{"kind":"Field","name":{"kind":"Name","value":"deleteMarker"}}]}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]}}]} as unknown as DocumentNode<DeleteObjectsMutation, DeleteObjectsMutationVariables>;
export const ObjectDetailsDocument = {"__meta__":{"hash":"8fa8245be871713f740d8c4ce016b670fd75283f4ec2b6de169ca1f59011f8e1"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ObjectDetails"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"bucket"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"key"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"versionId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"object"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"bucket"},"value":{"kind":"Variable","name":{"kind":"Name","value":"bucket"}}},{"kind":"Argument","name":{"kind":"Name","value":"key"},"value":{"kind":"Variable","name":{"kind":"Name","value":"key"}}},{"kind":"Argument","name":{"kind":"Name","value":"versionId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"versionId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bucket"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"versionId"}},{"kind":"Field","name":{"kind":"Name","value":"contentLength"}},{"kind":"Field","name":{"kind":"Name","value":"etag"}},{"kind":"Field","name":{"kind":"Name","value":"lastModified"}},{"kind":"Field","name":{"kind":"Name","value":"hashCrc64"}},{"kind":"Field","name":{"kind":"Name","value":"contentType"}},{"kind":"Field","name":{"kind":"Name","value":"cacheControl"}},{"kind":"Field","name":{"kind":"Name","value":"contentDisposition"}},{"kind":"Field","name":{"kind":"Name","value":"contentEncoding"}},{"kind":"Field","name":{"kind":"Name","value":"contentLanguage"}},{"kind":"Field","name":{"kind":"Name","value":"expires"}},{"kind":"Field","name":{"kind":"Name","value":"storageClass"}},{"kind":"Field","name":{"kind":"Name","value":"objectType"}},{"kind":"Field","name":{"kind":"Name","value":"metadata"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}}]}}]} as unknown as DocumentNode<ObjectDetailsQuery, ObjectDetailsQueryVariables>;
export const ObjectsBasicDocument = {"__meta__":{"hash":"3c53a63751dccc5645ee81bab15d597bfbd170eb44358e0c5ee574aa126361e2"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ObjectsBasic"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"refs"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ObjectRefInput"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"objects"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"refs"},"value":{"kind":"Variable","name":{"kind":"Name","value":"refs"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bucket"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"contentLength"}},{"kind":"Field","name":{"kind":"Name","value":"etag"}},{"kind":"Field","name":{"kind":"Name","value":"lastModified"}},{"kind":"Field","name":{"kind":"Name","value":"hashCrc64"}}]}}]}}]} as unknown as DocumentNode<ObjectsBasicQuery, ObjectsBasicQueryVariables>;