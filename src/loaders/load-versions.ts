/** Per-request loaders of version listings (ListObjectVersions pages) and bucket versioning states. */
import DataLoader from 'dataloader';
import type { OssApi } from '../oss/api.js';
import type { ListObjectVersionsRequest, ListObjectVersionsResult } from '../oss/operations/list-object-versions.js';
import type { BucketVersioningStatus } from '../oss/operations/put-bucket-versioning.js';

/** ListObjectVersions pages, deduplicated per request (equal requests under aliases cost one call). */
export type VersionListingLoader = DataLoader<ListObjectVersionsRequest, ListObjectVersionsResult, string>;

/** The versioning state of a bucket by name (`undefined`: never enabled). */
export type BucketVersioningLoader = DataLoader<string, BucketVersioningStatus | undefined, string>;

/** Settles every request of a batch on its own: one failure rejects only its own loads. */
function each<K, V>(keys: readonly K[], load: (key: K) => Promise<V>): Promise<Array<V | Error>> {
  return Promise.all(keys.map((key) => load(key).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))))));
}

/** Creates a {@link VersionListingLoader} over `api`. */
export function createVersionListingLoader(api: Pick<OssApi, 'listObjectVersions'>): VersionListingLoader {
  return new DataLoader<ListObjectVersionsRequest, ListObjectVersionsResult, string>((requests) => each(requests, (r) => api.listObjectVersions(r)), {
    cacheKeyFn: (r) => JSON.stringify([r.bucket, r.prefix ?? null, r.delimiter ?? null, r.keyMarker ?? null, r.versionIdMarker ?? null, r.maxKeys ?? null]),
  });
}

/** Creates a {@link BucketVersioningLoader} over `api`. */
export function createBucketVersioningLoader(api: Pick<OssApi, 'getBucketVersioning'>): BucketVersioningLoader {
  return new DataLoader<string, BucketVersioningStatus | undefined, string>((buckets) =>
    each(buckets, (bucket) => api.getBucketVersioning({ bucket }).then((r) => r.status)),
  );
}
