/**
 * The API's expected errors. Each has a stable `code`; mutations return them as typed union
 * members (errors plugin), queries raise them as GraphQL errors with `extensions.code` (and the
 * OSS `requestId` when there is one). They extend `GraphQLError` so that Yoga's masking lets
 * them through while masking everything else.
 */
import { GraphQLError } from 'graphql';

/** Every code an {@link ApiError} may carry. */
export const API_ERROR_CODES = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  PRECONDITION_FAILED: 'PRECONDITION_FAILED',
  ACCESS_DENIED: 'ACCESS_DENIED',
  ALREADY_EXISTS: 'ALREADY_EXISTS',
  UPSTREAM_UNAVAILABLE: 'UPSTREAM_UNAVAILABLE',
  INTEGRITY_CHECK_FAILED: 'INTEGRITY_CHECK_FAILED',
  CONFLICT: 'CONFLICT',
  LIMIT_EXCEEDED: 'LIMIT_EXCEEDED',
} as const;

/** One of {@link API_ERROR_CODES}. */
export type ApiErrorCode = (typeof API_ERROR_CODES)[keyof typeof API_ERROR_CODES];

/** Options shared by every {@link ApiError}. */
export interface ApiErrorOptions {
  /** The OSS request id of the failed store request, when the store answered. */
  readonly requestId?: string | undefined;
  readonly cause?: unknown;
  /** Extra `extensions` entries. */
  readonly extensions?: Readonly<Record<string, unknown>>;
}

/** Base class of the API's expected errors. */
export class ApiError extends GraphQLError {
  override readonly name: string = 'ApiError';
  readonly code: ApiErrorCode;
  readonly requestId: string | undefined;

  constructor(code: ApiErrorCode, message: string, options: ApiErrorOptions = {}) {
    // Why not `originalError`: Yoga masks a GraphQL error whose original error chain ends in a
    // non-GraphQL error, which would hide every expected error; the cause is kept as `cause`.
    super(message, {
      extensions: {
        code,
        ...(options.requestId === undefined ? {} : { requestId: options.requestId }),
        ...options.extensions,
      },
    });
    this.code = code;
    this.requestId = options.requestId;
    if (options.cause !== undefined) Object.defineProperty(this, 'cause', { value: options.cause, enumerable: false });
  }
}

/** An argument broke a rule; nothing was sent to the store. */
export class BadUserInputError extends ApiError {
  override readonly name = 'BadUserInputError';
  /** The argument path, e.g. `input.metadata[2].key`. */
  readonly field: string;
  /** The rule that was broken. */
  readonly rule: string;
  /** The received value, as JSON. */
  readonly value: string;

  constructor(field: string, rule: string, value: unknown, options: ApiErrorOptions = {}) {
    const json = stringify(value);
    super(API_ERROR_CODES.BAD_USER_INPUT, `${field}: ${rule}; received ${json}`, {
      ...options,
      extensions: { field, rule, value: json, ...options.extensions },
    });
    this.field = field;
    this.rule = rule;
    this.value = json;
  }
}

/** The object (or bucket) does not exist. */
export class NotFoundError extends ApiError {
  override readonly name = 'NotFoundError';
  readonly bucket: string | undefined;
  readonly key: string | undefined;

  constructor(message: string, target: { bucket?: string; key?: string } = {}, options: ApiErrorOptions = {}) {
    super(API_ERROR_CODES.NOT_FOUND, message, options);
    this.bucket = target.bucket;
    this.key = target.key;
  }
}

/** A condition (`ifMatch`, or the ETag read before an edit) no longer holds; nothing was changed. */
export class PreconditionFailedError extends ApiError {
  override readonly name = 'PreconditionFailedError';

  constructor(message: string, options: ApiErrorOptions = {}) {
    super(API_ERROR_CODES.PRECONDITION_FAILED, message, options);
  }
}

/** The bucket is outside the configured allowlist, or the store refused access. */
export class AccessDeniedError extends ApiError {
  override readonly name = 'AccessDeniedError';

  constructor(message: string, options: ApiErrorOptions = {}) {
    super(API_ERROR_CODES.ACCESS_DENIED, message, options);
  }
}

/** The destination exists and overwriting was forbidden. */
export class AlreadyExistsError extends ApiError {
  override readonly name = 'AlreadyExistsError';

  constructor(message: string, options: ApiErrorOptions = {}) {
    super(API_ERROR_CODES.ALREADY_EXISTS, message, options);
  }
}

/** The store could not be reached or failed (5xx, timeouts, resets); retrying later may work. */
export class UpstreamUnavailableError extends ApiError {
  override readonly name = 'UpstreamUnavailableError';

  constructor(message: string, options: ApiErrorOptions = {}) {
    super(API_ERROR_CODES.UPSTREAM_UNAVAILABLE, message, options);
  }
}

/** Data did not match its checksum (CRC-64); the operation was not confirmed. */
export class IntegrityCheckFailedError extends ApiError {
  override readonly name = 'IntegrityCheckFailedError';

  constructor(message: string, options: ApiErrorOptions = {}) {
    super(API_ERROR_CODES.INTEGRITY_CHECK_FAILED, message, options);
  }
}

/**
 * The edit could not be made safely because the object is being changed by someone else at the
 * same time (it kept changing, or changed under a multipart edit before it completed). Nothing
 * was changed; the caller may retry.
 */
export class ConflictError extends ApiError {
  override readonly name = 'ConflictError';

  constructor(message: string, options: ApiErrorOptions = {}) {
    super(API_ERROR_CODES.CONFLICT, message, options);
  }
}

/**
 * The request reached a limit of this server (for now: `OSSGRAPH_MAX_STORE_REQUESTS`, the store
 * requests one GraphQL request may cause); the store was not asked for more. `extensions.limit`
 * names the limit and `extensions.max` its configured value.
 */
export class LimitExceededError extends ApiError {
  override readonly name = 'LimitExceededError';
  /**
   * Why an empty path: graphql-js reuses an error that already has a path for every field it
   * fails, instead of building one located error per field (each of which scans the document
   * for its line and column). One refusal can fail tens of thousands of fields.
   */
  override readonly path: ReadonlyArray<string | number> = [];
  readonly limit: string;
  readonly max: number;

  constructor(message: string, limit: string, max: number, options: ApiErrorOptions = {}) {
    super(API_ERROR_CODES.LIMIT_EXCEEDED, message, { ...options, extensions: { limit, max, ...options.extensions } });
    this.limit = limit;
    this.max = max;
  }
}

function stringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
