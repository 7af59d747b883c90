/** Every per-request loader, created together over one (counted, bounded) API. */
import type { OssApi } from '../oss/api.js';
import type { ConcurrencyLimiter } from './concurrency.js';
import { createListingLoader } from './load-listing.js';
import type { ListingLoader } from './load-listing.js';
import { createObjectCorsLoader } from './load-object-cors.js';
import type { ObjectCorsLoader } from './load-object-cors.js';
import { createObjectMetadataLoader } from './load-object-metadata.js';
import type { ObjectMetadataLoader } from './load-object-metadata.js';

/** The loaders of one GraphQL request. */
export interface Loaders {
  readonly objectMetadata: ObjectMetadataLoader;
  readonly objectCors: ObjectCorsLoader;
  readonly listing: ListingLoader;
}

/** Told the size of each loader batch, with the loader's name (`objectMetadata`). */
export type LoaderBatchObserver = (loader: string, size: number) => void;

/**
 * Creates fresh loaders over `api`. `limiter` bounds the metadata fan-out; omit it when `api`
 * already waits for a slot per call (as the GraphQL context's API does).
 */
export function createLoaders(
  api: Pick<OssApi, 'headObject' | 'getObjectMeta' | 'listObjectsV2'>,
  limiter?: ConcurrencyLimiter,
  onBatch?: LoaderBatchObserver,
): Loaders {
  const objectMetadata = createObjectMetadataLoader({
    api,
    ...(limiter === undefined ? {} : { limiter }),
    ...(onBatch === undefined ? {} : { onBatch: (size: number) => onBatch('objectMetadata', size) }),
  });
  return {
    objectMetadata,
    objectCors: createObjectCorsLoader(api),
    listing: createListingLoader(api, objectMetadata),
  };
}
