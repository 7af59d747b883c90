/**
 * The read side of the metadata cache: HeadObject and GetObjectMeta over a per-request store view,
 * answered from the cache when it can. It sits under the authorized view (a hit is still checked
 * against the caller's policy) and over the counting view (a hit costs no store request).
 */
import type { OssApi } from '../oss/api.js';
import type { GetObjectMetaRequest, GetObjectMetaResult } from '../oss/operations/get-object-meta.js';
import type { HeadObjectRequest, HeadObjectResult } from '../oss/operations/head-object.js';
import type { MetadataCache } from './metadata-cache.js';

/** The two reads the cache answers. */
export type CachedReadApi = Pick<OssApi, 'headObject' | 'getObjectMeta'>;

/**
 * Whether a HeadObject may be answered from (and stored in) the cache: not a conditional read (its
 * answer depends on the condition), not a CORS probe (it depends on the origin), not a
 * requester-pays read (its answer and its bill belong to the caller).
 */
export function isCacheableHead(request: HeadObjectRequest): boolean {
  return (
    request.ifMatch === undefined &&
    request.ifNoneMatch === undefined &&
    request.ifModifiedSince === undefined &&
    request.ifUnmodifiedSince === undefined &&
    request.origin === undefined &&
    request.accessControlRequestMethod === undefined &&
    request.requestPayer === undefined
  );
}

/**
 * `store`'s HeadObject and GetObjectMeta through `cache`. Errors (404 included) are never kept;
 * neither is the HeadObject answer of a symlink, which carries its target's size and ETag (a write
 * to the target would not invalidate the link). Call options (`signal`) pass through on a miss.
 */
export function cachedReads(store: CachedReadApi, cache: MetadataCache): CachedReadApi {
  return {
    async headObject(request: HeadObjectRequest, ...rest: unknown[]): Promise<HeadObjectResult> {
      if (!isCacheableHead(request)) return (store.headObject as (...args: unknown[]) => Promise<HeadObjectResult>)(request, ...rest);
      const kept = cache.head(request);
      if (kept !== undefined) return kept;
      const ticket = cache.begin();
      try {
        const answer = await (store.headObject as (...args: unknown[]) => Promise<HeadObjectResult>)(request, ...rest);
        if (answer.objectType?.toLowerCase() !== 'symlink') cache.storeHead(request, ticket, answer);
        return answer;
      } finally {
        cache.end();
      }
    },
    async getObjectMeta(request: GetObjectMetaRequest, ...rest: unknown[]): Promise<GetObjectMetaResult> {
      const kept = cache.meta(request);
      if (kept !== undefined) return kept;
      const ticket = cache.begin();
      try {
        const answer = await (store.getObjectMeta as (...args: unknown[]) => Promise<GetObjectMetaResult>)(request, ...rest);
        cache.storeMeta(request, ticket, answer);
        return answer;
      } finally {
        cache.end();
      }
    },
  } as CachedReadApi;
}
