/**
 * Errors of the OSS layer. Every error here extends {@link OssError}, carries a stable `code`
 * and chains its `cause`, so callers branch on classes and codes, never on message text.
 */

/** Base class of every error thrown by the OSS layer. */
export class OssError extends Error {
  override readonly name: string = 'OssError';
  /** Stable, machine-readable code (an OSS error code for service errors). */
  readonly code: string;
  /**
   * Set by the client's attempt loop on the error it finally throws: an earlier attempt of the
   * same request was sent and got no answer that rules out its having been applied (the
   * connection broke after sending, or a 5xx other than 503). A write that then fails with 412,
   * `FileAlreadyExists` or `NoSuchUpload` may be failing because of its own earlier success;
   * the helpers read the object back before reporting such a failure.
   */
  earlierAttemptMayHaveLanded = false;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** The method and URL of the request an error belongs to. */
export interface RequestTarget {
  readonly method: string;
  readonly url: string;
}

/** Fields of an OSS error response (the `<Error>` XML, or the `x-oss-err` header for HEAD). */
export interface OssServiceErrorFields {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly requestId: string | undefined;
  /** OSS error-centre code, e.g. `0026-00000001`. */
  readonly ec: string | undefined;
  readonly hostId?: string | undefined;
  readonly target: RequestTarget;
  /** The response `Date` header, used for clock-skew correction. */
  readonly serverDate?: Date | undefined;
  /** `x-oss-delete-marker: true`: the addressed (or current) version is a delete marker. */
  readonly deleteMarker?: boolean | undefined;
  /** `x-oss-version-id` of the answer (the delete marker's id with {@link OssServiceErrorFields.deleteMarker}). */
  readonly versionId?: string | undefined;
}

/** OSS answered with a non-2xx status. `code` is the OSS error code (`NoSuchKey`, …). */
export class OssServiceError extends OssError {
  override readonly name = 'OssServiceError';
  readonly status: number;
  readonly requestId: string | undefined;
  readonly ec: string | undefined;
  readonly hostId: string | undefined;
  readonly target: RequestTarget;
  readonly serverDate: Date | undefined;
  /**
   * True when OSS said the object's current version (404 `NoSuchKey`) or the addressed version
   * (405 `MethodNotAllowed`) is a delete marker.
   */
  readonly deleteMarker: boolean;
  /** The version the answer names (`x-oss-version-id`), e.g. the delete marker's id. */
  readonly versionId: string | undefined;

  constructor(fields: OssServiceErrorFields, options?: { cause?: unknown }) {
    super(
      fields.code,
      `${fields.target.method} ${fields.target.url} failed with ${fields.status} ${fields.code}: ${fields.message}` +
        (fields.requestId ? ` (request id ${fields.requestId})` : ''),
      options,
    );
    this.status = fields.status;
    this.requestId = fields.requestId;
    this.ec = fields.ec;
    this.hostId = fields.hostId;
    this.target = fields.target;
    this.serverDate = fields.serverDate;
    this.deleteMarker = fields.deleteMarker === true;
    this.versionId = fields.versionId;
  }
}

/** The request never produced an HTTP response: connection refused or reset, timeout, abort. */
export class OssRequestError extends OssError {
  override readonly name = 'OssRequestError';
  readonly target: RequestTarget;

  constructor(code: string, message: string, target: RequestTarget, options?: { cause?: unknown }) {
    super(code, `${target.method} ${target.url}: ${message}`, options);
    this.target = target;
  }
}

/** Data arrived but does not match its checksum (CRC-64 or MD5). Code `InconsistentError`. */
export class OssIntegrityError extends OssError {
  override readonly name = 'OssIntegrityError';
  readonly expected: string;
  readonly actual: string;

  constructor(what: string, expected: string, actual: string, options?: { cause?: unknown }) {
    super('InconsistentError', `${what}: crc is inconsistent, expected ${expected}, got ${actual}`, options);
    this.expected = expected;
    this.actual = actual;
  }
}

/**
 * An argument broke a rule; thrown before anything is sent. The message names the field, the
 * rule and the received value.
 */
export class OssInvalidArgumentError extends OssError {
  override readonly name = 'OssInvalidArgumentError';
  readonly field: string;
  readonly rule: string;
  readonly value: unknown;

  constructor(field: string, rule: string, value: unknown) {
    super('InvalidArgument', `${field}: ${rule}; received ${JSON.stringify(value)}`);
    this.field = field;
    this.rule = rule;
    this.value = value;
  }
}

/** A response arrived but could not be understood (malformed XML, missing element). */
export class OssResponseParseError extends OssError {
  override readonly name = 'OssResponseParseError';

  constructor(message: string, options?: { cause?: unknown }) {
    super('ResponseParseError', message, options);
  }
}

/**
 * True when `error` says the object (or its bucket, or the requested version of it) does not
 * exist: 404 `NoSuchKey`, `NoSuchBucket`, `NoSuchVersion` or `NotFound` (a HEAD without an error body).
 */
export function isNotFoundError(error: unknown): error is OssServiceError {
  return (
    error instanceof OssServiceError &&
    error.status === 404 &&
    (error.code === 'NoSuchKey' || error.code === 'NoSuchBucket' || error.code === 'NoSuchVersion' || error.code === 'NotFound')
  );
}

/** No credentials could be obtained (missing environment variables, every provider of a chain failed). */
export class OssCredentialsError extends OssError {
  override readonly name = 'OssCredentialsError';

  constructor(message: string, options?: { cause?: unknown }) {
    super('CredentialsError', message, options);
  }
}

/** True when `error` is an OSS 412 answer to a condition (If-Match, copy-source conditions). */
export function isPreconditionFailedError(error: unknown): error is OssServiceError {
  return error instanceof OssServiceError && error.status === 412;
}

/**
 * An edit could not be made safely because something else is changing the same object: the
 * object's Last-Modified would not settle, the edit lease could not be obtained in time, or the
 * object changed under a multipart edit before it completed. Nothing was changed; the caller may
 * retry. Code `Conflict`.
 */
export class OssConflictError extends OssError {
  override readonly name = 'OssConflictError';

  constructor(message: string, options?: { cause?: unknown }) {
    super('Conflict', message, options);
  }
}
