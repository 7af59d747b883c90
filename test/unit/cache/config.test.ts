/** The cache's options: off by default, the TTL bounded to 60 s, and no cache layer when off. */
import { describe, expect, it } from 'vitest';
import { createMetadataCacheLayer } from '../../../src/cache/create-metadata-cache.js';
import { ConfigError, loadConfig } from '../../../src/config/index.js';

describe('metadata cache options', () => {
  it('off by default: no cache layer', () => {
    const config = loadConfig({});
    expect(config.metadataCacheTtlMs).toBe(0);
    expect(createMetadataCacheLayer(config)).toBeUndefined();
  });

  it('a TTL up to 60 s, with units; longer is refused naming the variable', () => {
    expect(loadConfig({ OSSGRAPH_METADATA_CACHE_TTL: '60s' }).metadataCacheTtlMs).toBe(60_000);
    expect(loadConfig({ OSSGRAPH_METADATA_CACHE_TTL: '1500ms' }).metadataCacheTtlMs).toBe(1500);
    expect(() => loadConfig({ OSSGRAPH_METADATA_CACHE_TTL: '61s' })).toThrow(ConfigError);
    expect(() => loadConfig({ OSSGRAPH_METADATA_CACHE_TTL: '61s' })).toThrow(/OSSGRAPH_METADATA_CACHE_TTL/);
  });

  it('bounds in entries and bytes', () => {
    const config = loadConfig({ OSSGRAPH_METADATA_CACHE_TTL: '5s', OSSGRAPH_METADATA_CACHE_MAX_ENTRIES: '2', OSSGRAPH_METADATA_CACHE_MAX_BYTES: '1MiB' });
    expect([config.metadataCacheMaxEntries, config.metadataCacheMaxBytes]).toEqual([2, 1024 * 1024]);
    expect(() => loadConfig({ OSSGRAPH_METADATA_CACHE_MAX_ENTRIES: '0' })).toThrow(ConfigError);
    const layer = createMetadataCacheLayer(config);
    expect(layer?.cache.ttlMs).toBe(5000);
    expect(layer?.cache.serving()).toBe(true);
  });
});
