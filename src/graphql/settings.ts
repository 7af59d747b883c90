/**
 * The tunables of the GraphQL API. The configuration layer maps environment variables onto
 * {@link ApiSettings}; defaults are named below so it can fall back to them.
 */
import type { Presigner } from '../oss/helpers/presigner.js';

/** Default of {@link ApiSettings.maxRefs}. */
export const DEFAULT_MAX_REFS = 100;
/** Largest page ListObjectsV2 serves, and the default of {@link ApiSettings.maxPageSize}. */
export const MAX_LIST_PAGE_SIZE = 1000;
/** Default of {@link ApiSettings.defaultPageSize}. */
export const DEFAULT_PAGE_SIZE = 100;
/** Default of {@link ApiSettings.storeConcurrencyPerRequest}. */
export const DEFAULT_STORE_CONCURRENCY_PER_REQUEST = 16;
/** Default of {@link ApiSettings.maxUploadBytes}: 10 MiB. */
export const DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** Default of {@link ApiSettings.maxDirectUploadBytes}: 100 MiB. */
export const DEFAULT_MAX_DIRECT_UPLOAD_BYTES = 100 * 1024 * 1024;
/** Default of {@link PresignSettings.defaultExpiresIn}: 15 minutes. */
export const DEFAULT_PRESIGN_EXPIRES_IN = 15 * 60;
/** Default of {@link PresignSettings.maxExpiresIn}: 7 days, the most OSS accepts for V4. */
export const MAX_PRESIGN_EXPIRES_IN = 7 * 24 * 60 * 60;

/** Presigned URLs (`StorageObject.downloadUrl`, `createUpload`). */
export interface PresignSettings {
  /** Signs the URLs; `createPresigner(client)` from `src/oss/helpers/presigner.ts`. Signing sends no request. */
  readonly presigner: Presigner;
  /** Seconds a URL stays valid when the caller gives no `expiresIn`. */
  readonly defaultExpiresIn: number;
  /** Largest `expiresIn` a caller may ask for, in seconds (≤ 604800). */
  readonly maxExpiresIn: number;
}

/** Everything the schema's resolvers read from configuration. */
export interface ApiSettings {
  /**
   * Buckets the API may touch. A bucket outside the list is refused with `ACCESS_DENIED` before
   * any store request, and `Query.buckets` lists only these. Absent: every bucket the credentials reach.
   */
  readonly allowedBuckets?: readonly string[];
  /** Most refs `Query.objects(refs)` accepts in one call; more is `BAD_USER_INPUT`. */
  readonly maxRefs: number;
  /** Largest `first` of a bucket listing; `first` outside 1..maxPageSize is `BAD_USER_INPUT` (≤ 1000). */
  readonly maxPageSize: number;
  /** Page size of a bucket listing when `first` is not given. */
  readonly defaultPageSize: number;
  /**
   * Store requests one GraphQL request may cause in all; the next fails with `LIMIT_EXCEEDED`
   * without reaching the store. Absent: unbounded.
   */
  readonly maxStoreRequests?: number;
  /** Store requests one GraphQL request may have in flight at once (the process-wide bound is the context's `limiter`). */
  readonly storeConcurrencyPerRequest: number;
  /** Objects larger than this (bytes) are copied (and metadata-edited) by multipart copy; default 200 MiB. */
  readonly copyThreshold?: number;
  /** Part size of multipart copies, in bytes (≥ 100 KiB). */
  readonly partSize?: number;
  /** UploadPartCopy requests in flight per multipart copy. */
  readonly copyParallel?: number;
  readonly presign: PresignSettings;
  /**
   * Largest `putObject` body in bytes (File, content or contentBase64). The HTTP layer should
   * enforce the same limit on multipart requests (413); the resolver refuses larger bodies with
   * `BAD_USER_INPUT` pointing to `createUpload`.
   */
  readonly maxUploadBytes: number;
  /**
   * Largest file the `createUpload` form (OSS PostObject) allows, in bytes: its signed policy's
   * `content-length-range`, enforced by the store. Default {@link DEFAULT_MAX_DIRECT_UPLOAD_BYTES}.
   */
  readonly maxDirectUploadBytes?: number;
}
