/** Bucket listing pages, deduplicated per request, priming the metadata loader with what they say. */
import DataLoader from 'dataloader';
import type { OssApi } from '../oss/api.js';
import type { ListObjectsV2Request, ListObjectsV2Result } from '../oss/operations/list-objects-v2.js';
import type { ObjectMetadataLoader } from './load-object-metadata.js';

/** Per-request loader of ListObjectsV2 pages; equal requests (e.g. under aliases) cost one call. */
export type ListingLoader = DataLoader<ListObjectsV2Request, ListObjectsV2Result, string>;

/**
 * Creates a {@link ListingLoader} over `api`; every listed object is recorded with
 * `metadata.primeListing` so its listed fields cost no further request.
 */
export function createListingLoader(api: Pick<OssApi, 'listObjectsV2'>, metadata: ObjectMetadataLoader): ListingLoader {
  return new DataLoader<ListObjectsV2Request, ListObjectsV2Result, string>(
    (requests) =>
      Promise.all(
        requests.map(async (request) => {
          try {
            const page = await api.listObjectsV2(request);
            for (const entry of page.contents) metadata.primeListing({ bucket: request.bucket, key: entry.key }, entry);
            return page;
          } catch (error) {
            return error instanceof Error ? error : new Error(String(error));
          }
        }),
      ),
    {
      cacheKeyFn: (r) =>
        JSON.stringify([r.bucket, r.prefix ?? null, r.delimiter ?? null, r.startAfter ?? null, r.continuationToken ?? null, r.maxKeys ?? null]),
    },
  );
}
