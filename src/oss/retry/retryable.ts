/** Which failures the attempt loop retries (reference/reliability.md §3.1). Pure. */
import { OssIntegrityError, OssRequestError, OssServiceError } from '../errors.js';

/** Service error codes retried whatever their status. */
const RETRYABLE_CODES: ReadonlySet<string> = new Set(['RequestTimeTooSkewed', 'BadRequest']);

/** Statuses below 500 that are retried: 401 (credentials may rotate), 408 and 429. */
const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([401, 408, 429]);

/**
 * True when another attempt may succeed: a service error with status ≥ 500, 401, 408 or 429 or
 * code `RequestTimeTooSkewed`/`BadRequest`; a transport failure other than the caller's abort;
 * a CRC mismatch. Everything else (400, 403, 404, 409, 412, missing credentials, …) is final.
 * Whether the body can be sent again is the caller's separate question.
 */
export function isRetryableError(error: unknown): boolean {
  if (error instanceof OssServiceError) {
    return error.status >= 500 || RETRYABLE_STATUSES.has(error.status) || RETRYABLE_CODES.has(error.code);
  }
  if (error instanceof OssRequestError) return error.code !== 'RequestAborted';
  return error instanceof OssIntegrityError;
}

/**
 * The clock offset (server − local, in ms) to sign with after `error`, or `undefined` when the
 * error is not a `RequestTimeTooSkewed` carrying the server's `Date`.
 */
export function clockOffsetAfter(error: unknown, localNowMs: number): number | undefined {
  if (!(error instanceof OssServiceError) || error.code !== 'RequestTimeTooSkewed') return undefined;
  if (error.serverDate === undefined) return undefined;
  return error.serverDate.getTime() - localNowMs;
}

/** undici/Node codes of failures that happen before any byte of the request reaches the server. */
const NOT_SENT_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/**
 * True when the request that failed with `error` may nevertheless have been applied by the store:
 * a transport failure other than one of connecting (the request may have been processed and its
 * answer lost), a CRC mismatch (the answer came, so the data was stored), or a 5xx other than 503
 * (OSS answers 503 for throttling and overload, before doing anything). Service errors below 500
 * and failures to obtain credentials were never applied.
 */
export function attemptMayHaveLanded(error: unknown): boolean {
  if (error instanceof OssServiceError) return error.status >= 500 && error.status !== 503;
  if (error instanceof OssIntegrityError) return true;
  if (!(error instanceof OssRequestError)) return false;
  const cause = error.cause as { code?: unknown; cause?: { code?: unknown } } | undefined;
  const code = typeof cause?.code === 'string' ? cause.code : typeof cause?.cause?.code === 'string' ? cause.cause.code : undefined;
  return code === undefined || !NOT_SENT_CODES.has(code);
}
