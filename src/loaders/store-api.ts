/** A per-request view of the OSS API that counts and bounds the store requests it makes. */
import type { CallOptions, OssApi } from '../oss/api.js';
import type { ConcurrencyLimiter } from './concurrency.js';
import { StoreRequestLimitError } from './store-request-limit.js';
import type { StoreBudget } from './store-request-limit.js';

/** Every method of {@link OssApi}; the `satisfies` check keeps the list complete and exact. */
const OSS_API_METHODS = [
  'headObject',
  'getObjectMeta',
  'getObjectAcl',
  'putObjectAcl',
  'putObjectTagging',
  'getObjectTagging',
  'deleteObjectTagging',
  'getImageInfo',
  'appendObject',
  'restoreObject',
  'putSymlink',
  'getSymlink',
  'putObject',
  'getObject',
  'deleteObject',
  'copyObject',
  'initiateMultipartUpload',
  'uploadPart',
  'uploadPartCopy',
  'completeMultipartUpload',
  'abortMultipartUpload',
  'listMultipartUploads',
  'listObjectsV2',
  'putBucket',
  'deleteBucket',
  'listBuckets',
  'putBucketVersioning',
  'getBucketVersioning',
  'listObjectVersions',
  'deleteMultipleObjects',
] as const satisfies ReadonlyArray<keyof OssApi>;

type MissingMethods = Exclude<keyof OssApi, (typeof OSS_API_METHODS)[number]>;
// Why: a method added to OssApi but not to the list above would bypass counting and limiting;
// this line stops compiling when that happens.
const exhaustive: [MissingMethods] extends [never] ? true : MissingMethods = true;
void exhaustive;

/** An {@link OssApi} plus the number of calls made through it, and what is left of its budget. */
export interface StoreApi extends StoreBudget {
  readonly api: OssApi;
  /** Operations started through {@link StoreApi.api} so far (retries inside one call count once). */
  count(): number;
}

/** Options of {@link createStoreApi}. */
export interface StoreApiOptions {
  /**
   * Most calls the view may make in its life (one GraphQL request); default unbounded. Call
   * `maxRequests + 1` and every later one rejects with {@link StoreRequestLimitError} at once,
   * without waiting for a slot and without reaching the store.
   */
  readonly maxRequests?: number;
  /**
   * Handed to every call as `CallOptions.scope` (the request scope of `src/observability/`), so
   * the store's observers know which request each attempt belongs to.
   */
  readonly scope?: unknown;
}

/**
 * Wraps every method of `api` so that each call is admitted against `options.maxRequests`, then
 * waits for a slot of `limiter` (when given) and is counted when it starts, carrying
 * `options.scope`. Create one per GraphQL request.
 *
 * Why admission happens before the limiter: calls over the cap must fail at once, not queue
 * behind the admitted ones (a document with 50,000 distinct objects would otherwise hold 49,000
 * waiting calls, each failing only when its turn comes).
 */
export function createStoreApi(api: OssApi, limiter?: ConcurrencyLimiter, options: StoreApiOptions = {}): StoreApi {
  const maxRequests = options.maxRequests ?? Infinity;
  let admitted = 0;
  let refusal: StoreRequestLimitError | undefined;
  let count = 0;
  const { scope } = options;
  // Why one shared object: most calls bring no options of their own.
  const scoped: CallOptions | undefined = scope === undefined ? undefined : { scope };
  const withScope = (own: CallOptions | undefined): CallOptions | undefined =>
    scoped === undefined ? own : own === undefined ? scoped : { ...own, scope };
  const wrapped: Record<string, unknown> = {};
  for (const name of OSS_API_METHODS) {
    const method = api[name] as (request: unknown, options?: CallOptions) => Promise<unknown>;
    const call = (request: unknown, own?: CallOptions): Promise<unknown> => {
      count++;
      return method.call(api, request, withScope(own));
    };
    const bounded = limiter === undefined ? call : (request: unknown, own?: CallOptions) => limiter.run(() => call(request, own));
    wrapped[name] = (request: unknown, own?: CallOptions): Promise<unknown> => {
      // Why one error object: a document over the cap may refuse tens of thousands of calls.
      if (admitted >= maxRequests) return Promise.reject((refusal ??= new StoreRequestLimitError(maxRequests)));
      admitted++;
      return bounded(request, own);
    };
  }
  return {
    api: wrapped as unknown as OssApi,
    count: () => count,
    remaining: () => maxRequests - admitted,
    refusal: () => (refusal ??= new StoreRequestLimitError(maxRequests)),
  };
}
