/** Every per-request loader, created together over one (counted, bounded) API. */
import type { OssApi } from '../oss/api.js';
import type { ConcurrencyLimiter } from './concurrency.js';
import type { StoreBudget } from './store-request-limit.js';
import { createListingLoader } from './load-listing.js';
import type { ListingLoader } from './load-listing.js';
import { createObjectCorsLoader } from './load-object-cors.js';
import type { ObjectCorsLoader } from './load-object-cors.js';
import { clearAspects, createAspectLoaders } from './load-object-aspects.js';
import type { AspectLoaders } from './load-object-aspects.js';
import { createObjectMetadataLoader } from './load-object-metadata.js';
import { createBucketVersioningLoader, createVersionListingLoader } from './load-versions.js';
import type { BucketVersioningLoader, VersionListingLoader } from './load-versions.js';
import type { ObjectMetadataLoader } from './load-object-metadata.js';

/** The loaders of one GraphQL request. */
export interface Loaders {
  readonly objectMetadata: ObjectMetadataLoader;
  readonly objectCors: ObjectCorsLoader;
  readonly listing: ListingLoader;
  /** Tags, ACL, image info and symlink targets: one request per object per aspect. */
  readonly aspects: AspectLoaders;
  /** ListObjectVersions pages. */
  readonly versionListing: VersionListingLoader;
  /** Bucket versioning states. */
  readonly bucketVersioning: BucketVersioningLoader;
}

/** Told the size of each loader batch, with the loader's name (`objectMetadata`). */
export type LoaderBatchObserver = (loader: string, size: number) => void;

/**
 * Creates fresh loaders over `api`. `limiter` bounds the metadata fan-out; omit it when `api`
 * already waits for a slot per call (as the GraphQL context's API does). `budget` (the request's
 * store-request cap) lets the metadata loader refuse objects over the cap before queueing them.
 */
export function createLoaders(
  api: Pick<OssApi, 'headObject' | 'getObjectMeta' | 'listObjectsV2' | 'getObjectTagging' | 'getObjectAcl' | 'getImageInfo' | 'getSymlink' | 'listObjectVersions' | 'getBucketVersioning'>,
  limiter?: ConcurrencyLimiter,
  budget?: StoreBudget,
  onBatch?: LoaderBatchObserver,
): Loaders {
  const metadata = createObjectMetadataLoader({
    api,
    ...(limiter === undefined ? {} : { limiter }),
    ...(budget === undefined ? {} : { budget }),
    ...(onBatch === undefined ? {} : { onBatch: (size: number) => onBatch('objectMetadata', size) }),
  });
  const aspects = createAspectLoaders(api);
  // Why the metadata loader's `clear` also clears the aspects: every write path already calls it.
  const objectMetadata: ObjectMetadataLoader = {
    load: metadata.load,
    primeListing: metadata.primeListing,
    listing: metadata.listing,
    clear: (ref) => {
      metadata.clear(ref);
      clearAspects(aspects, ref);
    },
  };
  return {
    objectMetadata,
    aspects,
    versionListing: createVersionListingLoader(api),
    bucketVersioning: createBucketVersioningLoader(api),
    objectCors: createObjectCorsLoader(api),
    listing: createListingLoader(api, objectMetadata),
  };
}
