/** The API the loaders of one request read through when the metadata cache is on. */
import type { Access } from '../auth/access.js';
import { authorizeStoreApi } from '../auth/authorized-store-api.js';
import type { OssApi } from '../oss/api.js';
import { cachedReads } from './cached-reads.js';
import type { MetadataCache } from './metadata-cache.js';

/**
 * `api` (the request's authorized view) with HeadObject and GetObjectMeta answered through
 * `cache`, in the order authorization → cache → `store` (the request's counted view): a hit is
 * checked against the caller's policy like any read, and costs no counted store request.
 * Only the loaders get this view; mutations, the copier and the metadata editor read through
 * `api`, fresh, since a stale ETag would only fail their copy-source conditions.
 */
export function cachedLoaderApi(api: OssApi, store: OssApi, cache: MetadataCache, access: Access): OssApi {
  const authorized = authorizeStoreApi({ ...store, ...cachedReads(store, cache) }, access);
  return { ...api, headObject: authorized.headObject, getObjectMeta: authorized.getObjectMeta };
}
