/** A per-request view of the OSS API that counts and bounds the store requests it makes. */
import type { OssApi } from '../oss/api.js';
import type { ConcurrencyLimiter } from './concurrency.js';

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
] as const satisfies ReadonlyArray<keyof OssApi>;

type MissingMethods = Exclude<keyof OssApi, (typeof OSS_API_METHODS)[number]>;
// Why: a method added to OssApi but not to the list above would bypass counting and limiting;
// this line stops compiling when that happens.
const exhaustive: [MissingMethods] extends [never] ? true : MissingMethods = true;
void exhaustive;

/** An {@link OssApi} plus the number of calls made through it. */
export interface StoreApi {
  readonly api: OssApi;
  /** Operations started through {@link StoreApi.api} so far (retries inside one call count once). */
  count(): number;
}

/**
 * Wraps every method of `api` so that each call waits for a slot of `limiter` (when given) and is
 * counted when it starts. Create one per GraphQL request.
 */
export function createStoreApi(api: OssApi, limiter?: ConcurrencyLimiter): StoreApi {
  let count = 0;
  const wrapped: Record<string, unknown> = {};
  for (const name of OSS_API_METHODS) {
    const method = api[name] as (...args: unknown[]) => Promise<unknown>;
    const call = (...args: unknown[]): Promise<unknown> => {
      count++;
      return method.apply(api, args);
    };
    wrapped[name] = limiter === undefined ? call : (...args: unknown[]) => limiter.run(() => call(...args));
  }
  return { api: wrapped as unknown as OssApi, count: () => count };
}
