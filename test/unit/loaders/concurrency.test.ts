import { describe, expect, it } from 'vitest';
import { chainLimiters, createConcurrencyLimiter } from '../../../src/loaders/concurrency.js';

function tracker() {
  let active = 0;
  let max = 0;
  const order: number[] = [];
  const task = (id: number) => async () => {
    active++;
    max = Math.max(max, active);
    order.push(id);
    await new Promise((resolve) => setImmediate(resolve));
    active--;
    return id;
  };
  return { task, max: () => max, order };
}

describe('createConcurrencyLimiter', () => {
  it('runs at most `limit` tasks at once, in FIFO order, and returns their results', async () => {
    const limiter = createConcurrencyLimiter(3);
    const t = tracker();
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => limiter.run(t.task(i))));
    expect(results).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(t.max()).toBe(3);
    expect(t.order).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('releases the slot of a failing task', async () => {
    const limiter = createConcurrencyLimiter(1);
    await expect(limiter.run(() => Promise.reject(new Error('x')))).rejects.toThrow('x');
    expect(await limiter.run(() => Promise.resolve(7))).toBe(7);
  });

  it('rejects a limit that is not a positive integer', () => {
    expect(() => createConcurrencyLimiter(0)).toThrow(RangeError);
    expect(() => createConcurrencyLimiter(1.5)).toThrow(RangeError);
    expect(() => createConcurrencyLimiter(Infinity)).not.toThrow();
  });
});

describe('chainLimiters', () => {
  it('holds a slot of every limiter: the smallest bound wins, a shared limiter bounds several chains', async () => {
    const shared = createConcurrencyLimiter(4);
    const t = tracker();
    const a = chainLimiters(createConcurrencyLimiter(3), shared);
    const b = chainLimiters(createConcurrencyLimiter(3), shared);
    await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? a : b).run(t.task(i))));
    expect(t.max()).toBe(4);
    const solo = tracker();
    await Promise.all(Array.from({ length: 12 }, (_, i) => chainLimiters(createConcurrencyLimiter(2), undefined).run(solo.task(i))));
    expect(solo.max()).toBe(12);
  });
});
