/** The cache's own rules, with a fake clock: TTL from the read's start, LRU in entries and bytes, invalidation, serving. */
import { describe, expect, it } from 'vitest';
import { createMetadataCache, estimateBytes } from '../../../src/cache/metadata-cache.js';
import type { MetadataCacheOptions } from '../../../src/cache/metadata-cache.js';
import type { HeadObjectResult } from '../../../src/oss/operations/head-object.js';

function head(etag: string, extra: Partial<HeadObjectResult> = {}): HeadObjectResult {
  return { contentLength: 3, etag, lastModified: new Date(0), metadata: {}, requestId: 'r', headers: {}, ...extra } as HeadObjectResult;
}

function make(options: Partial<MetadataCacheOptions> = {}) {
  let clock = 1000;
  const seen = { hits: 0, misses: 0 };
  const cache = createMetadataCache({
    ttlMs: 100,
    maxEntries: 1000,
    maxBytes: 1_000_000,
    now: () => clock,
    observer: { hit: () => seen.hits++, miss: () => seen.misses++ },
    ...options,
  });
  const put = (key: string, etag: string, versionId?: string) => {
    const ref = versionId === undefined ? { bucket: 'b', key } : { bucket: 'b', key, versionId };
    const ticket = cache.begin();
    cache.storeHead(ref, ticket, head(etag));
    cache.end();
  };
  return { cache, put, seen, advance: (ms: number) => (clock += ms) };
}

describe('metadata cache', () => {
  it('serves within the TTL, counted from the start of the read, and not after', () => {
    const { cache, advance, seen } = make();
    const ticket = cache.begin();
    advance(60);
    cache.storeHead({ bucket: 'b', key: 'k' }, ticket, head('"1"'));
    cache.end();
    advance(39);
    expect(cache.head({ bucket: 'b', key: 'k' })?.etag).toBe('"1"');
    advance(1);
    expect(cache.head({ bucket: 'b', key: 'k' })).toBeUndefined();
    expect(seen).toEqual({ hits: 1, misses: 1 });
    expect(cache.size().entries).toBe(0);
  });

  it('a kept HeadObject answers GetObjectMeta (basic fields only)', () => {
    const { cache, put } = make();
    put('k', '"1"');
    expect(cache.meta({ bucket: 'b', key: 'k' })).toEqual({ contentLength: 3, etag: '"1"', lastModified: new Date(0), requestId: 'r' });
  });

  it('bounded in entries: the least recently used goes first', () => {
    const { cache, put } = make({ maxEntries: 3 });
    put('a', '"a"');
    put('b', '"b"');
    put('c', '"c"');
    cache.head({ bucket: 'b', key: 'a' });
    put('d', '"d"');
    expect(cache.head({ bucket: 'b', key: 'b' })).toBeUndefined();
    expect(['a', 'c', 'd'].map((key) => cache.head({ bucket: 'b', key })?.etag)).toEqual(['"a"', '"c"', '"d"']);
    expect(cache.size().entries).toBe(3);
  });

  it('bounded in bytes: large answers push others out, one larger than the bound is not kept', () => {
    const big = { metadata: { blob: 'x'.repeat(3000) } };
    const bytes = estimateBytes(head('"1"', big));
    const { cache } = make({ maxBytes: bytes * 2 + 500 });
    for (const key of ['a', 'b', 'c']) {
      const t = cache.begin();
      cache.storeHead({ bucket: 'b', key }, t, head(`"${key}"`, big));
      cache.end();
    }
    expect(cache.size().entries).toBe(2);
    expect(cache.size().bytes).toBeLessThanOrEqual(bytes * 2 + 500);
    expect(cache.head({ bucket: 'b', key: 'a' })).toBeUndefined();
    const t = cache.begin();
    cache.storeHead({ bucket: 'b', key: 'huge' }, t, head('"h"', { metadata: { blob: 'x'.repeat(20_000) } }));
    cache.end();
    expect(cache.head({ bucket: 'b', key: 'huge' })).toBeUndefined();
    expect(cache.size().entries).toBe(2);
  });

  it('invalidating a key drops every version of it and nothing else; a bucket drops all its keys', () => {
    const { cache, put } = make();
    put('k', '"cur"');
    put('k', '"v1"', 'v1');
    put('k2', '"other"');
    cache.invalidate('b', 'k');
    expect(cache.head({ bucket: 'b', key: 'k' })).toBeUndefined();
    expect(cache.head({ bucket: 'b', key: 'k', versionId: 'v1' })).toBeUndefined();
    expect(cache.head({ bucket: 'b', key: 'k2' })?.etag).toBe('"other"');
    cache.invalidate('b');
    expect(cache.size()).toEqual({ entries: 0, bytes: 0 });
  });

  it('a read started before an invalidation of its key or bucket is not kept; one started after is', () => {
    const { cache } = make();
    const early = cache.begin();
    cache.invalidate('b', 'k');
    const late = cache.begin();
    cache.storeHead({ bucket: 'b', key: 'k' }, early, head('"old"'));
    expect(cache.head({ bucket: 'b', key: 'k' })).toBeUndefined();
    cache.storeHead({ bucket: 'b', key: 'k' }, late, head('"new"'));
    expect(cache.head({ bucket: 'b', key: 'k' })?.etag).toBe('"new"');
    const beforeBucket = cache.begin();
    cache.invalidate('b');
    cache.storeHead({ bucket: 'b', key: 'other' }, beforeBucket, head('"x"'));
    expect(cache.head({ bucket: 'b', key: 'other' })).toBeUndefined();
    cache.end();
    cache.end();
    cache.end();
  });

  it('many invalidations while a read is in flight still refuse that read (folded into a floor)', () => {
    const { cache } = make();
    const early = cache.begin();
    for (let i = 0; i < 20_000; i++) cache.invalidate('b', `k${i}`);
    cache.storeHead({ bucket: 'b', key: 'k5' }, early, head('"old"'));
    expect(cache.head({ bucket: 'b', key: 'k5' })).toBeUndefined();
    cache.end();
  });

  it('not serving: every lookup misses, nothing is kept, and turning it on starts empty', () => {
    const { cache, put } = make();
    put('k', '"1"');
    cache.setServing(false);
    expect(cache.head({ bucket: 'b', key: 'k' })).toBeUndefined();
    put('k', '"2"');
    expect(cache.size().entries).toBe(0);
    const during = cache.begin();
    cache.setServing(true);
    cache.storeHead({ bucket: 'b', key: 'k' }, during, head('"3"'));
    expect(cache.head({ bucket: 'b', key: 'k' })).toBeUndefined();
    cache.end();
    put('k', '"4"');
    expect(cache.head({ bucket: 'b', key: 'k' })?.etag).toBe('"4"');
  });

  it('kept answers are frozen (one object is handed to every later request)', () => {
    const { cache, put } = make();
    put('k', '"1"');
    const kept = cache.head({ bucket: 'b', key: 'k' }) as HeadObjectResult;
    expect(Object.isFrozen(kept)).toBe(true);
    expect(Object.isFrozen(kept.metadata)).toBe(true);
  });
});
