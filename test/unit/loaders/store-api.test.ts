import { describe, expect, it } from 'vitest';
import { createConcurrencyLimiter } from '../../../src/loaders/concurrency.js';
import { createStoreApi } from '../../../src/loaders/store-api.js';
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
});
