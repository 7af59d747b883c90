/** Prometheus metrics of the metadata cache, in the app's registry. */
import { Counter, Gauge } from 'prom-client';
import type { Registry } from 'prom-client';
import type { MetadataCache, MetadataCacheObserver } from './metadata-cache.js';

/** Names of the metadata cache's metrics. */
export const CACHE_METRIC_NAMES = {
  hits: 'ossgraph_metadata_cache_hits_total',
  misses: 'ossgraph_metadata_cache_misses_total',
  entries: 'ossgraph_metadata_cache_entries',
  bytes: 'ossgraph_metadata_cache_bytes',
} as const;

/** Counters of hits and misses in `registry`, as a cache observer. */
export function cacheMetricsObserver(registry: Registry): MetadataCacheObserver {
  const hits = new Counter({ name: CACHE_METRIC_NAMES.hits, help: 'Object metadata reads answered by the metadata cache (no store request).', registers: [registry] });
  const misses = new Counter({
    name: CACHE_METRIC_NAMES.misses,
    help: 'Cacheable object metadata reads the metadata cache could not answer (one store request each).',
    registers: [registry],
  });
  return { hit: () => hits.inc(), miss: () => misses.inc() };
}

/** Gauges of what `cache` holds, read at scrape time. */
export function registerCacheSizeMetrics(registry: Registry, cache: MetadataCache): void {
  new Gauge({
    name: CACHE_METRIC_NAMES.entries,
    help: 'Answers the metadata cache holds.',
    registers: [registry],
    collect() {
      this.set(cache.size().entries);
    },
  });
  new Gauge({
    name: CACHE_METRIC_NAMES.bytes,
    help: 'Estimated bytes the metadata cache holds (bounded by OSSGRAPH_METADATA_CACHE_MAX_BYTES).',
    registers: [registry],
    collect() {
      this.set(cache.size().bytes);
    },
  });
}
