import { describe, expect, it } from 'vitest';
import { createConcurrencyLimiter } from '../../../src/loaders/concurrency.js';
import { createStoreApi } from '../../../src/loaders/store-api.js';
import { StoreRequestLimitError } from '../../../src/loaders/store-request-limit.js';
import type { OssApi } from '../../../src/oss/api.js';

/** An OssApi whose every method resolves with its name after a macrotask, tracking concurrency. */
function fakeApi() {
  let active = 0;
  let max = 0;
  const api = new Proxy({} as OssApi, {
    get: (_target, name) => async () => {
      active++;
      max = Math.max(max, active);
      await new Promise((resolve) => setImmediate(resolve));
      active--;
      return String(name);
    },
  });
  return { api, max: () => max };
}

describe('createStoreApi', () => {
  it('counts every operation started through it, whatever the method', async () => {
    const { api } = fakeApi();
    const store = createStoreApi(api);
    expect(store.count()).toBe(0);
    expect(await store.api.headObject({ bucket: 'b1b', key: 'k' })).toBe('headObject');
    await store.api.listObjectsV2({ bucket: 'b1b' });
    await store.api.deleteObject({ bucket: 'b1b', key: 'k' });
    expect(store.count()).toBe(3);
  });

  it('waits for a limiter slot per call', async () => {
    const fake = fakeApi();
    const store = createStoreApi(fake.api, createConcurrencyLimiter(2));
    await Promise.all(Array.from({ length: 8 }, () => store.api.getObjectMeta({ bucket: 'b1b', key: 'k' })));
    expect(fake.max()).toBe(2);
    expect(store.count()).toBe(8);
  });

  it('gives each request its own count', async () => {
    const { api } = fakeApi();
    const first = createStoreApi(api);
    const second = createStoreApi(api);
    await first.api.putBucket({ bucket: 'b1b' });
    expect([first.count(), second.count()]).toEqual([1, 0]);
  });

  it('refuses call maxRequests + 1 and every later one without reaching the api', async () => {
    const fake = fakeApi();
    let reached = 0;
    const counting = new Proxy({} as OssApi, { get: (_t, name) => (...args: unknown[]) => (reached++, (fake.api as unknown as Record<string | symbol, (...a: unknown[]) => unknown>)[name]?.(...args)) });
    const store = createStoreApi(counting, undefined, { maxRequests: 3 });
    const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => store.api.getObjectMeta({ bucket: 'b1b', key: `k${i}` })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as unknown);
    expect(refused).toHaveLength(7);
    expect(refused[0]).toBeInstanceOf(StoreRequestLimitError);
    expect(refused[0]).toMatchObject({ code: 'LIMIT_EXCEEDED', max: 3, message: expect.stringContaining('limit of 3 store requests') });
    expect(reached).toBe(3);
    expect(store.count()).toBe(3);
    await expect(store.api.putObject({ bucket: 'b1b', key: 'late', body: new Uint8Array() })).rejects.toBeInstanceOf(StoreRequestLimitError);
    expect(reached).toBe(3);
  });

  it('fails calls over the cap at once, without queueing behind a full limiter', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const api = new Proxy({} as OssApi, { get: () => async () => gate });
    const store = createStoreApi(api, createConcurrencyLimiter(1), { maxRequests: 2 });
    const admitted = [store.api.headObject({ bucket: 'b1b', key: 'a' }), store.api.headObject({ bucket: 'b1b', key: 'b' })];
    // The limiter is full (one in flight, one waiting) and nothing will free it until `release`;
    // an over-cap call must still settle now.
    const over = await Promise.race([
      store.api.headObject({ bucket: 'b1b', key: 'c' }).then(
        () => 'resolved',
        (error: unknown) => error,
      ),
      new Promise((resolve) => setTimeout(() => resolve('still waiting'), 1000)),
    ]);
    expect(over).toBeInstanceOf(StoreRequestLimitError);
    release();
    await Promise.all(admitted);
    expect(store.count()).toBe(2);
  });

  it('hands its scope to every call, beside the options of the caller', async () => {
    const seen: unknown[] = [];
    const api = new Proxy({} as OssApi, { get: () => async (_request: unknown, options?: unknown) => void seen.push(options) });
    const scope = { requestId: 'r-1' };
    const store = createStoreApi(api, createConcurrencyLimiter(2), { scope });
    const signal = new AbortController().signal;
    await store.api.headObject({ bucket: 'b1b', key: 'k' });
    await store.api.copyObject({ bucket: 'b1b', key: 'k', sourceKey: 'j' }, { signal });
    await store.api.listBuckets();
    expect(seen).toEqual([{ scope }, { signal, scope }, { scope }]);
    expect((seen[1] as { signal?: unknown }).signal).toBe(signal);
    // Without a scope the caller's options pass unchanged.
    seen.length = 0;
    await createStoreApi(api).api.headObject({ bucket: 'b1b', key: 'k' }, { signal });
    expect(seen).toEqual([{ signal }]);
  });
});
