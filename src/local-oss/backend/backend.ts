/**
 * The storage contract behind local-oss.
 *
 * The HTTP layer (router → handlers) speaks the OSS protocol; a `Backend` only stores buckets,
 * objects and multipart uploads. Every backend (memory, file) MUST satisfy the contract written
 * on each method below, so handlers never branch on the backend in use. Shared rules live in
 * `backend-shared.ts` as functions, so every backend agrees on them (etag shape, key order,
 * part checks).
 *
 * Conventions used by every method:
 * - Keys and bucket names are opaque strings. A backend MUST NOT interpret `/`, `..`, `//`, `%`,
 *   `\r`, `\n` or any other character in a key (the file backend MUST NOT use a key as a path).
 *   Names are validated by the handlers before a backend is called.
 * - Object data goes in as an `AsyncIterable<Uint8Array>` and comes out as one; a backend SHOULD
 *   NOT hold a whole object in memory except the memory backend, whose storage is memory.
 * - Times are milliseconds since the epoch (`number`), supplied by the caller (`now`) so tests can
 *   inject a clock. A backend MUST NOT read the wall clock for anything a client can observe.
 *   A write's `now` is a {@link CommitTime}: when it is a clock, the backend reads it at the
 *   commit point (after the body was consumed, under the key's serialisation), so
 *   Last-Modified is the commit time, never the request's arrival time.
 * - Failures that clients can observe are thrown as {@link BackendError} with one of
 *   {@link BackendErrorCode}. Errors thrown by caller callbacks (`verify`, `resolve`) MUST
 *   propagate unchanged, and the operation MUST then leave no visible trace.
 * - Every write is atomic per object: a concurrent or later reader sees the whole old object or
 *   the whole new one (record and data together), never a mix, never a partial body.
 * - Versioning (per bucket, {@link VersioningStatus}): a key holds a chain of versions, newest
 *   first; the first is the current one and may be a delete marker. Unversioned: a write replaces
 *   the key's only version, which has no `versionId`. Enabled: a write (put, append creating an
 *   object, copy, completion) adds a version with a new id from `newVersionId`. Suspended: a
 *   write gets id `'null'` and replaces the `null` version (or `null` delete marker) wherever it
 *   is, becoming the current one. `forbidOverwrite` applies only to unversioned buckets (OSS
 *   ignores it otherwise). Methods without `versionId` act on the current version; a current
 *   delete marker counts as absent. With `versionId`, a missing version is `NoSuchVersion`.
 */

/** How an object was created, as reported in `x-oss-object-type` and list `<Type>`. */
export type ObjectType = 'Normal' | 'Multipart' | 'Appendable' | 'Symlink';

/** Lowercase names of the standard headers stored with an object (besides Content-Type). */
export const STORED_SYSTEM_HEADERS = [
  'cache-control',
  'content-disposition',
  'content-encoding',
  'content-language',
  'expires',
] as const;

/** One of {@link STORED_SYSTEM_HEADERS}. */
export type StoredSystemHeader = (typeof STORED_SYSTEM_HEADERS)[number];

/** Server-side encryption settings as given by the `x-oss-server-side-*` request headers. */
export interface ServerSideEncryption {
  /** `x-oss-server-side-encryption`: `AES256`, `KMS` or `SM4`. */
  readonly algorithm: string;
  /** `x-oss-server-side-data-encryption`, e.g. `SM4`. */
  readonly dataAlgorithm?: string;
  /** `x-oss-server-side-encryption-key-id`. */
  readonly keyId?: string;
}

/**
 * The descriptive metadata a request sets (PutObject, CopyObject with REPLACE,
 * InitiateMultipartUpload). Backends store it verbatim and return it verbatim.
 */
export interface ObjectMetadata {
  /** Content-Type; handlers fill the default (`application/octet-stream` or a guess). */
  readonly contentType: string;
  /** Standard headers other than Content-Type, by lowercase name; absent means not set. */
  readonly headers: Readonly<Partial<Record<StoredSystemHeader, string>>>;
  /** User metadata: lowercase names without the `x-oss-meta-` prefix. */
  readonly userMetadata: Readonly<Record<string, string>>;
  /** `Standard`, `IA`, `Archive`, `ColdArchive` or `DeepColdArchive`. */
  readonly storageClass: string;
  /** Object ACL (`default` when not given). */
  readonly acl: string;
  readonly sse?: ServerSideEncryption;
  /** Raw `x-oss-tagging` value (`k=v&k2=v2`), when given. */
  readonly tagging?: string;
  /** The target key of a symlink (`objectType: 'Symlink'`), decoded. */
  readonly symlinkTarget?: string;
  /** The restore of a frozen (Archive, ColdArchive, DeepColdArchive) object, when one was requested. */
  readonly restore?: RestoreState;
}

/** A requested restore: readable from `readyAt` until `expiresAt` (epoch milliseconds). */
export interface RestoreState {
  readonly readyAt: number;
  readonly expiresAt: number;
  /** `Expedited`, `Standard` or `Bulk` (ColdArchive / DeepColdArchive). */
  readonly tier?: string;
}

/**
 * Everything known about a stored object: its metadata plus what the store derived from its
 * data. One record is written atomically together with the data it describes.
 */
export interface ObjectRecord extends ObjectMetadata {
  readonly key: string;
  /** Data length in bytes. */
  readonly size: number;
  /**
   * The ETag exactly as sent on the wire, with the double quotes: `"<32 uppercase hex MD5>"` for
   * a Normal object, `"<32 uppercase hex>-<N>"` for a multipart object, and the source's ETag for
   * a copy.
   */
  readonly etag: string;
  /** Base64 MD5 of the data; only for objects written by one PutObject (or copies of them). */
  readonly contentMd5?: string;
  /** CRC-64/XZ of the whole data as an unsigned decimal string (`x-oss-hash-crc64ecma`). */
  readonly crc64: string;
  readonly lastModified: number;
  /** Set to the write time; a backend MAY advance it on reads. */
  readonly lastAccessTime: number;
  readonly objectType: ObjectType;
  /**
   * The version id: absent for an object written while its bucket was unversioned (it is the
   * `null` version once versioning is turned on), `'null'` for one written while versioning was
   * suspended, otherwise a unique id from `newVersionId`.
   */
  readonly versionId?: string;
}

/** A delete marker: the version a delete adds in a versioned bucket. It has no data. */
export interface DeleteMarkerRecord {
  readonly key: string;
  /** A unique id (Enabled) or `'null'` (Suspended). */
  readonly versionId: string;
  readonly lastModified: number;
  readonly deleteMarker: true;
}

/** One version of a key: an object or a delete marker. */
export type VersionRecord = ObjectRecord | DeleteMarkerRecord;

/** True when `version` is a delete marker. */
export function isDeleteMarker(version: VersionRecord): version is DeleteMarkerRecord {
  return (version as Partial<DeleteMarkerRecord>).deleteMarker === true;
}

/** The id that addresses `version`: its `versionId`, or `'null'` when it has none. */
export function versionIdOf(version: VersionRecord): string {
  return version.versionId ?? 'null';
}

/** A bucket's versioning state once set; a bucket never set is unversioned (and can never return to that). */
export type VersioningStatus = 'Enabled' | 'Suspended';

/** A bucket as listed. */
export interface BucketRecord {
  readonly name: string;
  readonly creationDate: number;
  /** Default storage class given at PutBucket (`Standard` when absent). */
  readonly storageClass?: string;
  /** Bucket ACL given at PutBucket (`private` when absent). */
  readonly acl?: string;
  /** Absent while the bucket was never versioned. */
  readonly versioning?: VersioningStatus;
}

/** Options of {@link Backend.createBucket} besides the name. */
export interface CreateBucketInput {
  /** `CreateBucketConfiguration/StorageClass`. */
  readonly storageClass?: string;
  /** `x-oss-acl`. */
  readonly acl?: string;
}

/**
 * The time a write records: a fixed instant, or a clock the backend reads once at the commit
 * point (what the HTTP handlers pass). See `commitTime` in `backend-shared.ts`.
 */
export type CommitTime = number | (() => number);

/** What a backend measured while consuming data: used for Content-MD5 checks and ETags. */
export interface DataDigest {
  readonly size: number;
  /** Raw 16-byte MD5. */
  readonly md5: Uint8Array;
  readonly crc64: bigint;
}

/** A byte range of an object: `length` bytes starting at `offset`, within the object. */
export interface ByteRange {
  readonly offset: number;
  readonly length: number;
}

/** An in-progress multipart upload (InitiateMultipartUpload state). */
export interface UploadRecord {
  readonly uploadId: string;
  readonly bucket: string;
  readonly key: string;
  readonly initiated: number;
  /** Metadata given at initiation; the completed object gets exactly this. */
  readonly metadata: ObjectMetadata;
  /** `x-oss-forbid-overwrite` given at initiation. */
  readonly forbidOverwrite: boolean;
}

/** A stored part of a multipart upload. */
export interface PartRecord {
  readonly partNumber: number;
  /** Quoted uppercase hex MD5 of the part data, as returned by UploadPart. */
  readonly etag: string;
  readonly size: number;
  /** CRC-64/XZ of the part data, unsigned decimal. */
  readonly crc64: string;
  readonly lastModified: number;
}

/** A part named in a CompleteMultipartUpload request. */
export interface CompletePart {
  readonly partNumber: number;
  /** As given by the client, with or without quotes; compared without quotes, ignoring case. */
  readonly etag: string;
}

/** Options of {@link Backend.putObject}. */
export interface PutObjectInput {
  readonly metadata: ObjectMetadata;
  /** `Symlink` for PutSymlink (the body is then the target's UTF-8 bytes); default `Normal`. */
  readonly objectType?: 'Normal' | 'Symlink';
  readonly now: CommitTime;
  /** When true and the key exists, fail with `FileAlreadyExists` and keep the old object. */
  readonly forbidOverwrite?: boolean;
  /**
   * Called once after all data was consumed and before the object becomes visible; throwing
   * aborts the write (e.g. Content-MD5 mismatch) and the error propagates unchanged.
   */
  readonly verify?: (digest: DataDigest) => void;
}

/** Options of {@link Backend.appendObject}. */
export interface AppendObjectInput {
  /** Metadata of the object when this append creates it; later appends keep the existing metadata. */
  readonly metadata: ObjectMetadata;
  /** Where the data goes: MUST equal the current length (0 for a new object). */
  readonly position: number;
  readonly now: CommitTime;
  /** As in {@link PutObjectInput.verify}, for this chunk. */
  readonly verify?: (digest: DataDigest) => void;
}

/** What {@link Backend.deleteObject} did. */
export interface DeleteOutcome {
  /** The delete marker created, or the version removed (absent in an unversioned bucket without `versionId`). */
  readonly versionId?: string;
  /** True when a delete marker was created, or the removed version was one. */
  readonly deleteMarker: boolean;
}

/** Options of {@link Backend.deleteObject}. */
export interface DeleteObjectInput {
  /** Removes exactly this version for good (`'null'` is the null version); nothing when absent. */
  readonly versionId?: string;
  /** Last-Modified of a delete marker this delete adds; default 0. */
  readonly now?: CommitTime;
}

/** Options of {@link Backend.listObjectVersions}. */
export interface ListVersionsInput {
  /** Only keys starting with this prefix ('' for all). */
  readonly prefix: string;
  /** Without `versionIdMarker`: start with the first key strictly after this one ('' for all). */
  readonly keyMarker: string;
  /**
   * Continue with the versions of `keyMarker` older than this one, then the following keys. A
   * version that no longer exists is placed by the creation order its id encodes; a vanished
   * `null` version restarts the key (repeating rather than skipping versions).
   */
  readonly versionIdMarker?: string;
  /** At most this many versions (≥ 1). */
  readonly limit: number;
}

/** One entry of {@link Backend.listObjectVersions}. */
export interface ListedVersion {
  readonly version: VersionRecord;
  /** True for the key's current version. */
  readonly isLatest: boolean;
}

/** Options of {@link Backend.copyObject}. */
export interface CopyObjectInput {
  readonly now: CommitTime;
  readonly forbidOverwrite?: boolean;
  /**
   * Called with the source record of the snapshot being copied; returns the destination's
   * metadata (COPY or REPLACE directive) or throws (copy-source conditions) to abort. Runs
   * atomically with the commit: no write to the source or the destination key can land
   * between this call and the destination becoming visible.
   */
  readonly resolve: (source: ObjectRecord) => ObjectMetadata;
}

/** Options of {@link Backend.replaceMetadata}. */
export interface ReplaceMetadataInput {
  readonly now: CommitTime;
  /** Keep the current `lastModified` (tag changes do not update it on OSS); `now` still sets `lastAccessTime`. */
  readonly keepLastModified?: boolean;
  /** Changes this version in place (default: the current one); it keeps its id and place. */
  readonly versionId?: string;
  /**
   * Called with the current record; returns the new metadata or throws to abort (conditions).
   * Runs atomically with the replacement: no write to the key can slip in between.
   */
  readonly resolve: (current: ObjectRecord) => ObjectMetadata;
}

/** Options of {@link Backend.createMultipartUpload}. */
export interface CreateUploadInput {
  readonly metadata: ObjectMetadata;
  readonly now: number;
  readonly forbidOverwrite?: boolean;
}

/** Options of {@link Backend.uploadPart}. */
export interface UploadPartInput {
  readonly now: CommitTime;
  /** As in {@link PutObjectInput.verify}. */
  readonly verify?: (digest: DataDigest) => void;
}

/** Options of {@link Backend.completeMultipartUpload}. */
export interface CompleteUploadInput {
  readonly now: CommitTime;
  /** Forbid overwrite at completion (in addition to the initiation flag). */
  readonly forbidOverwrite?: boolean;
  /** Object ACL given at completion (`x-oss-object-acl`), replacing the initiation one. */
  readonly acl?: string;
}

/** Options of {@link Backend.listObjects}. */
export interface ListObjectsInput {
  /** Only keys starting with this prefix ('' for all). */
  readonly prefix: string;
  /** Only keys strictly greater than this one in UTF-8 byte order ('' for all). */
  readonly after: string;
  /** At most this many records (≥ 1). */
  readonly limit: number;
}

/** Body and record of one read. */
export interface ObjectRead {
  /** The record of the snapshot the body belongs to. */
  readonly record: ObjectRecord;
  /** The requested bytes (the whole object when no range was given). */
  readonly body: AsyncIterable<Uint8Array>;
}

/**
 * Codes a backend throws. Handlers map each to the OSS error of the same name
 * (`BucketNotEmpty` → 409, `InvalidPart` → 400, …).
 */
export type BackendErrorCode =
  | 'NoSuchBucket'
  | 'NoSuchKey'
  | 'NoSuchVersion'
  | 'NoSuchUpload'
  | 'BucketNotEmpty'
  | 'FileAlreadyExists'
  | 'InvalidPart'
  | 'InvalidPartOrder'
  | 'EntityTooSmall'
  | 'InvalidRange'
  | 'PositionNotEqualToLength'
  | 'ObjectNotAppendable';

/** A contract-level failure of a backend operation; `code` is an OSS error code. */
export class BackendError extends Error {
  override readonly name = 'BackendError';
  readonly code: BackendErrorCode;
  /** With `PositionNotEqualToLength`: the object's current length (the position to append at). */
  readonly nextAppendPosition?: number;

  constructor(code: BackendErrorCode, message: string, options?: { cause?: unknown; nextAppendPosition?: number }) {
    super(message, options?.cause !== undefined ? { cause: options.cause } : undefined);
    this.code = code;
    if (options?.nextAppendPosition !== undefined) this.nextAppendPosition = options.nextAppendPosition;
  }
}

/** Smallest size of every part but the last at CompleteMultipartUpload (100 KiB, GO `MinPartSize`). */
export const MIN_PART_SIZE = 100 * 1024;

/**
 * Storage for local-oss. See the module comment for the rules every method shares.
 *
 * Unless a method says otherwise, every method that names a bucket MUST throw
 * `BackendError('NoSuchBucket')` when that bucket does not exist.
 */
export interface Backend {
  /**
   * Creates a bucket. MUST be idempotent: creating an existing bucket succeeds, keeps its
   * objects, creation date and settings, and resolves `false`; a new bucket resolves `true`
   * and records `input` (storage class, ACL) verbatim.
   */
  createBucket(name: string, now: number, input?: CreateBucketInput): Promise<boolean>;

  /**
   * Deletes an empty bucket. MUST throw `NoSuchBucket` if absent and `BucketNotEmpty` if it holds
   * a version (delete markers included) or an in-progress multipart upload.
   */
  deleteBucket(name: string): Promise<void>;

  /** The bucket's record, or `undefined` when it does not exist (never throws `NoSuchBucket`). */
  getBucket(name: string): Promise<BucketRecord | undefined>;

  /** All buckets, sorted by name. */
  listBuckets(): Promise<readonly BucketRecord[]>;

  /** Sets the bucket's versioning state (`NoSuchBucket` when absent). Existing versions are kept. */
  putBucketVersioning(name: string, status: VersioningStatus): Promise<void>;

  /**
   * The object's record (the current version, or version `versionId`), or `undefined` when the
   * key or that version does not exist or is a delete marker.
   */
  headObject(bucket: string, key: string, versionId?: string): Promise<ObjectRecord | undefined>;

  /**
   * The current version of the key (delete markers included), or version `versionId` of it;
   * `undefined` when there is none.
   */
  headVersion(bucket: string, key: string, versionId?: string): Promise<VersionRecord | undefined>;

  /**
   * Opens an object for reading, or resolves `undefined` when the key does not exist.
   *
   * The body MUST be the data of exactly the returned record even if the object is overwritten or
   * deleted while the body is being consumed. With `range`, the body holds exactly those bytes;
   * the caller guarantees the range lies within the object (else `InvalidRange` MAY be thrown).
   * A body that is never iterated MUST NOT leak resources beyond garbage collection; a body
   * abandoned mid-iteration (via `return()`) MUST release them.
   */
  getObject(bucket: string, key: string, range?: ByteRange, versionId?: string): Promise<ObjectRead | undefined>;

  /**
   * Stores an object from `body`, replacing any existing one atomically, and resolves its record.
   *
   * MUST compute size, MD5 and CRC-64 of the bytes while consuming them, call `verify` before
   * the object becomes visible, and record `etag` = `"` + uppercase hex MD5 + `"`,
   * `contentMd5` = base64 MD5, `crc64` (decimal), `objectType: 'Normal'`,
   * `lastModified = lastAccessTime = now` (read at the commit point). If `body` throws, nothing
   * becomes visible. With `forbidOverwrite` and an existing key: `FileAlreadyExists`, checked
   * atomically with the commit.
   */
  putObject(
    bucket: string,
    key: string,
    body: AsyncIterable<Uint8Array>,
    input: PutObjectInput,
  ): Promise<ObjectRecord>;

  /**
   * Appends `body` to an Appendable object, or creates one at position 0, atomically, and
   * resolves its record: `objectType: 'Appendable'`, `size` the new length, `crc64` of the whole
   * data, an opaque `etag` that changes with every append, no `contentMd5`,
   * `lastModified = now` at the commit. Checked at the commit: `ObjectNotAppendable` when the key
   * holds a Normal or Multipart object; `PositionNotEqualToLength` (with `nextAppendPosition`)
   * when `position` is not the current length (0 when absent). Nothing changes on failure.
   */
  appendObject(bucket: string, key: string, body: AsyncIterable<Uint8Array>, input: AppendObjectInput): Promise<ObjectRecord>;

  /**
   * Copies an object (data and derived fields) to another key or bucket.
   *
   * The destination MUST keep the source's `size`, `etag`, `contentMd5`, `crc64` and
   * `objectType`; its metadata is what `resolve(source)` returns; `lastModified = now`.
   * MUST throw `NoSuchBucket` (either bucket), `NoSuchKey` (source missing or a delete marker)
   * or `NoSuchVersion` (the source's `versionId` does not exist) before calling `resolve`. The
   * destination gets a version as any write does. The source is read as one snapshot, and `resolve`, the `forbidOverwrite` check
   * and the commit happen with no write to either key in between (per-key atomicity).
   * Source and destination are never the same key (handlers use `replaceMetadata` for that),
   * but a backend SHOULD still behave correctly if they are. SHOULD NOT buffer the whole object
   * (the file backend streams or links data).
   */
  copyObject(
    source: { readonly bucket: string; readonly key: string; readonly versionId?: string },
    destination: { readonly bucket: string; readonly key: string },
    input: CopyObjectInput,
  ): Promise<ObjectRecord>;

  /**
   * Replaces only the metadata of an existing object (a self-copy): data, `size`, `etag`,
   * `contentMd5`, `crc64` and `objectType` stay; metadata becomes `resolve(current)`;
   * `lastModified = now` (unchanged with `keepLastModified`). MUST NOT rewrite the data. MUST throw `NoSuchKey` when absent
   * (or a delete marker) and `NoSuchVersion` when `versionId` does not exist. Never adds a version.
   */
  replaceMetadata(bucket: string, key: string, input: ReplaceMetadataInput): Promise<ObjectRecord>;

  /**
   * Deletes an object. Unversioned, no `versionId`: removes the key. Versioned, no `versionId`:
   * adds a delete marker (Enabled: new id; Suspended: `'null'`, replacing the null version).
   * With `versionId`: removes that version for good (the next one becomes current). MUST NOT
   * throw when the key or version does not exist (OSS answers 204 either way). Readers that
   * already opened the object MAY finish reading it.
   */
  deleteObject(bucket: string, key: string, input?: DeleteObjectInput): Promise<DeleteOutcome>;

  /**
   * A page of versions: keys in ascending UTF-8 byte order restricted to `prefix`, each key's
   * versions (delete markers included) newest first, after the markers, at most `limit`. Fewer
   * than `limit` entries means there are no more.
   */
  listObjectVersions(bucket: string, input: ListVersionsInput): Promise<readonly ListedVersion[]>;

  /**
   * A page of current object records (keys whose current version is a delete marker are skipped)
   * in ascending UTF-8 byte order of their keys (see `compareKeys`), restricted to `prefix`, starting strictly after `after`, at most `limit`.
   * Fewer than `limit` records means there are no more.
   */
  listObjects(bucket: string, input: ListObjectsInput): Promise<readonly ObjectRecord[]>;

  /**
   * Starts a multipart upload and resolves its record with a new, unique, URL-safe `uploadId`
   * (letters and digits only). The upload state MUST persist as long as the backend's data does.
   */
  createMultipartUpload(bucket: string, key: string, input: CreateUploadInput): Promise<UploadRecord>;

  /** The upload, or `undefined` when no such upload exists for this bucket and key. */
  getMultipartUpload(bucket: string, key: string, uploadId: string): Promise<UploadRecord | undefined>;

  /**
   * Stores one part (1–10000) of an upload from `body`, replacing an earlier part with the same
   * number atomically. Digest, `verify` and failure rules as in `putObject`. MUST throw
   * `NoSuchUpload` when the upload does not exist (also if aborted or completed meanwhile).
   */
  uploadPart(
    bucket: string,
    key: string,
    uploadId: string,
    partNumber: number,
    body: AsyncIterable<Uint8Array>,
    input: UploadPartInput,
  ): Promise<PartRecord>;

  /** The upload's parts, ascending by part number. `NoSuchUpload` when absent. */
  listParts(bucket: string, key: string, uploadId: string): Promise<readonly PartRecord[]>;

  /**
   * Assembles the named parts into an object, atomically, and removes the upload.
   *
   * MUST validate with `checkCompleteParts` (ascending numbers → `InvalidPartOrder`, unknown
   * part or ETag → `InvalidPart`, non-last part < {@link MIN_PART_SIZE} → `EntityTooSmall`)
   * before anything changes. The object gets the upload's metadata (with `acl` when given),
   * `etag` from `multipartEtag`, `crc64` of the whole concatenated data (combine the part
   * CRCs), `objectType: 'Multipart'`, no `contentMd5`, `lastModified = now`.
   * `FileAlreadyExists` when overwrite is forbidden (initiation or completion flag) and the key
   * exists. `NoSuchUpload` when the upload does not exist. SHOULD NOT buffer whole parts.
   */
  completeMultipartUpload(
    bucket: string,
    key: string,
    uploadId: string,
    parts: readonly CompletePart[],
    input: CompleteUploadInput,
  ): Promise<ObjectRecord>;

  /**
   * Every in-progress multipart upload of the bucket, ascending by key (UTF-8 byte order, see
   * `compareKeys`), then by upload id.
   */
  listMultipartUploads(bucket: string): Promise<readonly UploadRecord[]>;

  /** Discards an upload and its parts. `NoSuchUpload` when absent. */
  abortMultipartUpload(bucket: string, key: string, uploadId: string): Promise<void>;

  /** Releases resources (file handles, timers). The backend is unusable afterwards. */
  close(): Promise<void>;
}
