/** Turning OSS-layer errors into {@link ApiError}s; anything unexpected is left as is (and masked). */
import {
  OssConflictError,
  OssIntegrityError,
  OssInvalidArgumentError,
  OssRequestError,
  OssServiceError,
  isNotFoundError,
} from '../oss/errors.js';
import {
  AccessDeniedError,
  AlreadyExistsError,
  ApiError,
  BadUserInputError,
  ConflictError,
  IntegrityCheckFailedError,
  LimitExceededError,
  NotFoundError,
  PreconditionFailedError,
  UpstreamUnavailableError,
} from './errors.js';
import { StoreRequestLimitError } from '../loaders/store-request-limit.js';

/** The one API error per refused request: the store view reuses its refusal for every call over the cap. */
const limitErrors = new WeakMap<StoreRequestLimitError, LimitExceededError>();

/** What the failed operation was about, for messages. */
export interface ErrorTarget {
  readonly bucket?: string;
  readonly key?: string;
  /** The version asked for, when one was (named in a `NoSuchVersion` message). */
  readonly versionId?: string;
}

/**
 * The {@link ApiError} for `error`, or `error` itself when it is not an expected failure (a bug,
 * a parse error, a credentials problem), so that Yoga masks it. Messages never include the
 * store's URL or credentials.
 */
export function translateError(error: unknown, target: ErrorTarget = {}): unknown {
  if (error instanceof ApiError) return error;
  if (error instanceof StoreRequestLimitError) {
    const known = limitErrors.get(error);
    if (known !== undefined) return known;
    const translated = new LimitExceededError(
      `This request reached its limit of ${error.max} store requests (OSSGRAPH_MAX_STORE_REQUESTS); the store was not asked for more. Ask for fewer objects per request.`,
      'maxStoreRequests',
      error.max,
      { cause: error },
    );
    limitErrors.set(error, translated);
    return translated;
  }
  if (error instanceof OssInvalidArgumentError) return new BadUserInputError(error.field, error.rule, error.value, { cause: error });
  if (error instanceof OssConflictError) {
    return new ConflictError(
      `${describe(target)} is being changed concurrently, so the edit was not made: nothing was changed, and it may be retried (${error.message})`,
      { cause: error },
    );
  }
  if (error instanceof OssIntegrityError) {
    return new IntegrityCheckFailedError(`integrity check failed: expected CRC-64 ${error.expected}, got ${error.actual}`, { cause: error });
  }
  if (error instanceof OssRequestError) {
    return new UpstreamUnavailableError(`the object store could not be reached (${error.code})`, { cause: error });
  }
  if (error instanceof OssServiceError) {
    const options = { requestId: error.requestId, cause: error, extensions: { ossCode: error.code, ...(error.ec ? { ossEc: error.ec } : {}) } };
    const what = describe(target);
    const notFound: boolean = isNotFoundError(error);
    if (notFound) {
      return new NotFoundError(
        error.code === 'NoSuchBucket'
          ? `bucket ${JSON.stringify(target.bucket ?? '')} does not exist`
          : error.code === 'NoSuchVersion'
            ? `version ${JSON.stringify(target.versionId ?? '')} of ${what} does not exist`
            : `${what} does not exist`,
        target,
        options,
      );
    }
    if (error.status === 412) return new PreconditionFailedError(`${what} changed: the precondition (ETag or modification time) no longer holds`, options);
    if (error.status === 403) return new AccessDeniedError(`the object store denied access to ${what} (${error.code})`, options);
    if (error.status === 409 && /AlreadyExist/i.test(error.code)) return new AlreadyExistsError(`${what} already exists`, options);
    if (error.status >= 500) return new UpstreamUnavailableError(`the object store failed with ${error.status} ${error.code}`, options);
    if (error.status === 400) return new BadUserInputError('input', `the object store rejected the request (${error.code})`, error.code, options);
  }
  return error;
}

function describe(target: ErrorTarget): string {
  if (target.key !== undefined) return `object ${JSON.stringify(target.key)} in bucket ${JSON.stringify(target.bucket ?? '')}`;
  if (target.bucket !== undefined) return `bucket ${JSON.stringify(target.bucket)}`;
  return 'the resource';
}
