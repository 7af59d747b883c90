import { describe, expect, it } from 'vitest';
import { createConcurrencyLimiter } from '../../../src/loaders/concurrency.js';
import { createObjectMetadataLoader } from '../../../src/loaders/load-object-metadata.js';
import { createStoreApi } from '../../../src/loaders/store-api.js';
import { StoreRequestLimitError } from '../../../src/loaders/store-request-limit.js';
import type { OssApi } from '../../../src/oss/api.js';
import { OssServiceError } from '../../../src/oss/errors.js';
import type { ListedObject } from '../../../src/oss/operations/list-objects-v2.js';
import { createFakeMetadataApi } from './fake-metadata-api.js';

const ref = (key: string, versionId?: string) => ({ bucket: 'b1', key, ...(versionId === undefined ? {} : { versionId }) });

describe('createObjectMetadataLoader', () => {
  it('groups loads of one tick by ref: one GetObjectMeta per distinct object for basic loads', async () => {
    const api = createFakeMetadataApi(['a', 'b', 'c']);
    const loader = createObjectMetadataLoader({ api });
    const results = await Promise.all(['a', 'b', 'a', 'c', 'b', 'a'].map((k) => loader.load(ref(k), 'basic')));
    expect(results.map((r) => r?.basic.etag)).toEqual(['"E-a"', '"E-b"', '"E-a"', '"E-c"', '"E-b"', '"E-a"']);
    expect(api.calls).toEqual([
      { op: 'GetObjectMeta', key: 'a' },
      { op: 'GetObjectMeta', key: 'b' },
      { op: 'GetObjectMeta', key: 'c' },
    ]);
  });

  it('a full load in the batch absorbs the basic loads of the same object (basic first or last)', async () => {
    const api = createFakeMetadataApi(['a', 'b']);
    const loader = createObjectMetadataLoader({ api });
    const [basicA, fullA, fullB, basicB] = await Promise.all([
      loader.load(ref('a'), 'basic'),
      loader.load(ref('a'), 'full'),
      loader.load(ref('b'), 'full'),
      loader.load(ref('b'), 'basic'),
    ]);
    expect(api.calls).toEqual([
      { op: 'HeadObject', key: 'a' },
      { op: 'HeadObject', key: 'b' },
    ]);
    expect(basicA?.full?.contentType).toBe('text/plain');
    expect(basicA?.basic.lastAccessTime).toEqual(new Date('2024-01-02T00:00:00Z'));
    expect(fullA).toBe(basicA);
    expect(basicB?.basic.requestId).toBe('head-b');
    expect(fullB?.full.metadata).toEqual({ owner: 'me' });
  });

  it('caches per level: later basic loads reuse a full answer, a later full load after basic costs one HeadObject', async () => {
    const api = createFakeMetadataApi(['a', 'b']);
    const loader = createObjectMetadataLoader({ api });
    await loader.load(ref('a'), 'full');
    await loader.load(ref('a'), 'basic');
    await loader.load(ref('b'), 'basic');
    await loader.load(ref('b'), 'basic');
    const full = await loader.load(ref('b'), 'full');
    await loader.load(ref('b'), 'full');
    await loader.load(ref('b'), 'basic');
    expect(full?.full.contentType).toBe('text/plain');
    expect(api.calls.map((c) => `${c.op}:${c.key}`)).toEqual(['HeadObject:a', 'GetObjectMeta:b', 'HeadObject:b']);
  });

  it('a basic load while a full load is in flight waits for it instead of sending GetObjectMeta', async () => {
    const api = createFakeMetadataApi(['a']);
    const loader = createObjectMetadataLoader({ api });
    const full = loader.load(ref('a'), 'full');
    await new Promise((resolve) => setTimeout(resolve, 0));
    const basic = loader.load(ref('a'), 'basic');
    expect(await basic).toBe(await full);
    expect(api.calls).toEqual([{ op: 'HeadObject', key: 'a' }]);
  });

  it('distinguishes versions of one key', async () => {
    const api = createFakeMetadataApi(['a']);
    const loader = createObjectMetadataLoader({ api });
    await Promise.all([loader.load(ref('a'), 'basic'), loader.load(ref('a', 'v1'), 'basic'), loader.load(ref('a', 'v1'), 'basic')]);
    expect(api.calls).toEqual([
      { op: 'GetObjectMeta', key: 'a' },
      { op: 'GetObjectMeta', key: 'a', versionId: 'v1' },
    ]);
  });

  it('a missing object is null; another error rejects only the loads of its object, and is cached', async () => {
    const api = createFakeMetadataApi(['a', 'bad']);
    api.failing.add('bad');
    const loader = createObjectMetadataLoader({ api });
    const settled = await Promise.allSettled([
      loader.load(ref('a'), 'basic'),
      loader.load(ref('missing'), 'basic'),
      loader.load(ref('bad'), 'full'),
      loader.load(ref('bad'), 'basic'),
    ]);
    expect(settled[0]).toMatchObject({ status: 'fulfilled', value: { basic: { etag: '"E-a"' } } });
    expect(settled[1]).toEqual({ status: 'fulfilled', value: null });
    expect(settled[2].status).toBe('rejected');
    expect((settled[2] as PromiseRejectedResult).reason).toBeInstanceOf(OssServiceError);
    expect((settled[3] as PromiseRejectedResult).reason).toBe((settled[2] as PromiseRejectedResult).reason);
    expect(await loader.load(ref('missing'), 'basic')).toBeNull();
    await expect(loader.load(ref('bad'), 'basic')).rejects.toBeInstanceOf(OssServiceError);
    expect(api.calls.map((c) => `${c.op}:${c.key}`)).toEqual(['GetObjectMeta:a', 'GetObjectMeta:missing', 'HeadObject:bad']);
  });

  it('records listing entries (priming) without a store request, and clear() forgets them and the cache', async () => {
    const api = createFakeMetadataApi(['a']);
    const loader = createObjectMetadataLoader({ api });
    const entry: ListedObject = { key: 'a', size: 5, etag: '"L"', lastModified: new Date(0), storageClass: 'IA', type: 'Normal' };
    loader.primeListing(ref('a'), entry);
    expect(loader.listing(ref('a'))).toBe(entry);
    expect(loader.listing(ref('a', 'v1'))).toBeUndefined();
    expect(api.calls).toEqual([]);
    await loader.load(ref('a'), 'basic');
    loader.clear(ref('a'));
    expect(loader.listing(ref('a'))).toBeUndefined();
    await loader.load(ref('a'), 'basic');
    expect(api.calls).toHaveLength(2);
  });

  it('bounds the fan-out of one batch with the given limiter', async () => {
    const keys = Array.from({ length: 40 }, (_, i) => `k${i}`);
    const api = createFakeMetadataApi(keys);
    const loader = createObjectMetadataLoader({ api, limiter: createConcurrencyLimiter(4) });
    const results = await Promise.all(keys.map((k) => loader.load(ref(k), 'basic')));
    expect(results.every((r) => r !== null)).toBe(true);
    expect(api.calls).toHaveLength(40);
    expect(api.maxInFlight()).toBe(4);
  });

  it('without a limiter the batch fans out at once (the control for the bound above)', async () => {
    const keys = Array.from({ length: 40 }, (_, i) => `k${i}`);
    const api = createFakeMetadataApi(keys);
    const loader = createObjectMetadataLoader({ api });
    await Promise.all(keys.map((k) => loader.load(ref(k), 'basic')));
    expect(api.maxInFlight()).toBe(40);
  });

  it('with a budget, queues at most what is left of it and refuses the other objects at once', async () => {
    const api = createFakeMetadataApi(['k0', 'k1', 'k2']);
    const store = createStoreApi(api as unknown as OssApi, undefined, { maxRequests: 3 });
    const loader = createObjectMetadataLoader({ api: store.api, budget: store });
    // k0 twice and at both levels: one object, one request, one unit of budget.
    const within = [loader.load(ref('k0'), 'basic'), loader.load(ref('k0'), 'full'), loader.load(ref('k1'), 'basic'), loader.load(ref('k2'), 'full')];
    const over = Array.from({ length: 1000 }, (_, i) => loader.load(ref(`x${i}`), 'basic'));
    let settledOver = 0;
    for (const load of over) load.catch(() => settledOver++);
    await Promise.resolve();
    await Promise.resolve();
    // Refused before any store call was even started: nothing over the budget was queued.
    expect(settledOver).toBe(1000);
    expect(api.calls).toEqual([]);
    const refusals = await Promise.allSettled(over);
    expect(new Set(refusals.map((r) => (r as PromiseRejectedResult).reason))).toEqual(new Set([store.refusal()]));
    expect(store.refusal()).toBeInstanceOf(StoreRequestLimitError);
    expect((await Promise.all(within)).map((r) => r?.basic.etag)).toEqual(['"E-k0"', '"E-k0"', '"E-k1"', '"E-k2"']);
    expect(api.calls.map((c) => `${c.op} ${c.key}`)).toEqual(['HeadObject k0', 'GetObjectMeta k1', 'HeadObject k2']);
    expect(store.count()).toBe(3);
    await expect(loader.load(ref('late'), 'basic')).rejects.toBe(store.refusal());
  });
});
