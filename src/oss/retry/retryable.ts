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
