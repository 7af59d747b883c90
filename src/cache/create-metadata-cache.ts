/**
 * Choosing the metadata cache from the settings: none (the default), in-process, or in-process
 * kept in step with the other replicas through Redis.
 */
import type { Invalidate } from './invalidate-on-write.js';
import { createMetadataCache } from './metadata-cache.js';
import type { MetadataCache, MetadataCacheObserver } from './metadata-cache.js';
import { connectRedisInvalidation } from './redis-invalidation.js';

/** Settings of {@link createMetadataCacheLayer}. */
export interface MetadataCacheSettings {
  /** TTL in milliseconds; 0 turns the cache off. */
  readonly metadataCacheTtlMs: number;
  readonly metadataCacheMaxEntries: number;
  readonly metadataCacheMaxBytes: number;
  /** When set, invalidations are shared with every replica through this Redis. */
  readonly redisUrl?: string | undefined;
}

/** Edges of {@link createMetadataCacheLayer}. */
export interface MetadataCacheDeps {
  readonly onWarning?: (message: string) => void;
  readonly observer?: MetadataCacheObserver;
  /** Monotonic milliseconds; default `performance.now`. */
  readonly now?: () => number;
}

/** The cache of one app, and what its write paths call. */
export interface MetadataCacheLayer {
  readonly cache: MetadataCache;
  /** Pass to `invalidateOnWrite` around the process-wide OSS API. */
  readonly invalidate: Invalidate;
  /** Closes the Redis connections, if any. Idempotent. */
  close(): Promise<void>;
}

/** The cache the settings ask for, or undefined when its TTL is 0 (off). */
export function createMetadataCacheLayer(settings: MetadataCacheSettings, deps: MetadataCacheDeps = {}): MetadataCacheLayer | undefined {
  if (settings.metadataCacheTtlMs <= 0) return undefined;
  const cache = createMetadataCache({
    ttlMs: settings.metadataCacheTtlMs,
    maxEntries: settings.metadataCacheMaxEntries,
    maxBytes: settings.metadataCacheMaxBytes,
    ...(deps.now === undefined ? {} : { now: deps.now }),
    ...(deps.observer === undefined ? {} : { observer: deps.observer }),
  });
  if (settings.redisUrl === undefined) {
    return {
      cache,
      invalidate: async (targets) => {
        for (const target of targets) cache.invalidate(target.bucket, target.key);
      },
      close: async () => undefined,
    };
  }
  const bus = connectRedisInvalidation({
    url: settings.redisUrl,
    cache,
    ...(deps.onWarning === undefined ? {} : { onWarning: deps.onWarning }),
  });
  return { cache, invalidate: (targets) => bus.invalidate(targets), close: () => bus.close() };
}
