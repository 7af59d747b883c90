/**
 * Every tunable of the OSS client, named once with the reason for its value. Values follow the
 * official OSS SDK V2 defaults (reference/oss-protocol.md §5.1, §6, §10.3–10.4 and
 * reference/reliability.md §3) unless a comment says otherwise.
 */

/** Total attempts per request, the first included (SDK V2 StandardRetryer). */
export const DEFAULT_MAX_ATTEMPTS = 3;

/** Base delay of the full-jitter backoff, in milliseconds (SDK V2: 0.2 s). */
export const DEFAULT_BACKOFF_BASE_MS = 200;

/** Ceiling of any single backoff delay, in milliseconds (SDK V2: 20 s). */
export const DEFAULT_BACKOFF_CAP_MS = 20_000;

/** TCP + TLS connect timeout, in milliseconds (SDK V2 Python: 10 s; Go uses 5 s). */
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

/**
 * Time to wait for response headers after the request is sent, in milliseconds.
 * Why: a CopyObject of a large object answers only when the copy is done, so this is far
 * above the SDK's 20 s per-I/O idle deadline.
 */
export const DEFAULT_HEADERS_TIMEOUT_MS = 120_000;

/** Longest gap between two body chunks, in milliseconds (SDK V2 Python read/write: 20 s). */
export const DEFAULT_BODY_TIMEOUT_MS = 20_000;

/** How long an idle keep-alive connection is kept, in milliseconds (SDK V2: 30 s). */
export const DEFAULT_KEEP_ALIVE_TIMEOUT_MS = 30_000;

/** Connections per origin (SDK V2 Python: 20). */
export const DEFAULT_CONNECTIONS = 20;

/** Default signature version: V4 is what OSS recommends and SDK V2 uses. */
export const DEFAULT_SIGNATURE_VERSION = 'v4';

/** Signing product name in the V4 scope. */
export const DEFAULT_SIGNING_PRODUCT = 'oss';

/** Most parts a multipart upload may have (OSS limit). */
export const MAX_PARTS = 10_000;

/** Smallest part OSS accepts, except the last one (OSS limit: 100 KiB). */
export const MIN_PART_SIZE = 100 * 1024;

/** Largest part OSS accepts (OSS limit: 5 GiB). */
export const MAX_PART_SIZE = 5 * 1024 * 1024 * 1024;

/** Uploader part size; also the single-PutObject threshold (SDK V2: 6 MiB). */
export const DEFAULT_UPLOAD_PART_SIZE = 6 * 1024 * 1024;

/**
 * How long the metadata editor waits at most for an object's Last-Modified to be in the past by
 * the store's clock before giving up with a conflict: about three reads one second apart, enough
 * for an object written once just before, short of waiting out a steady stream of writes.
 */
export const DEFAULT_EDIT_SETTLE_TIMEOUT_MS = 3_500;

/** Parts uploaded at once by the uploader (SDK V2: 3). */
export const DEFAULT_UPLOAD_PARALLEL = 3;

/** Objects larger than this are copied with multipart copy (SDK V2: 200 MiB). */
export const DEFAULT_COPY_THRESHOLD = 200 * 1024 * 1024;

/** Copier part size (SDK V2: 64 MiB). */
export const DEFAULT_COPY_PART_SIZE = 64 * 1024 * 1024;

/** Parts copied at once by the copier (SDK V2: 3). */
export const DEFAULT_COPY_PARALLEL = 3;

/** Lifetime of a presigned URL when the caller gives none, in seconds (SDK V2: 15 min). */
export const DEFAULT_PRESIGN_EXPIRES_SECONDS = 15 * 60;

/** Longest lifetime OSS accepts for a V4 presigned URL, in seconds (7 days). */
export const MAX_PRESIGN_EXPIRES_SECONDS = 7 * 24 * 60 * 60;

/** Largest error body read into memory, in bytes; error XML is tiny, anything larger is cut. */
export const MAX_ERROR_BODY_BYTES = 64 * 1024;
