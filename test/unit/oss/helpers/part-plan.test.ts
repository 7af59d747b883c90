import { describe, expect, it } from 'vitest';
import { growPartSize, planParts } from '../../../../src/oss/helpers/part-plan.js';
import { runParallel } from '../../../../src/oss/helpers/run-parallel.js';

describe('growPartSize', () => {
  it.each([
    [1000, 100, 100],
    [1_000_000, 100, 100],
    [1_000_001, 100, 200],
    [3_000_001, 100, 400],
    [5 * 2 ** 40, 64 * 2 ** 20, 576 * 2 ** 20],
  ])('%i bytes from %i → %i (≤ 10,000 parts)', (total, partSize, expected) => {
    expect(growPartSize(total, partSize)).toBe(expected);
    expect(Math.ceil(total / expected)).toBeLessThanOrEqual(10_000);
  });

  it('refuses an object that cannot fit 10,000 parts of at most 5 GiB', () => {
    const GiB = 1024 ** 3;
    expect(growPartSize(10_000 * 5 * GiB, 64 * 1024 ** 2)).toBeLessThanOrEqual(5 * GiB);
    expect(() => growPartSize(10_000 * 5 * GiB + 1, 64 * 1024 ** 2)).toThrow(/10000 parts of at most 5368709120 bytes/);
  });
});

describe('planParts', () => {
  it('cuts into inclusive ranges, the last one shorter', () => {
    expect(planParts(250, 100)).toEqual([
      { partNumber: 1, start: 0, end: 99 },
      { partNumber: 2, start: 100, end: 199 },
      { partNumber: 3, start: 200, end: 249 },
    ]);
    expect(planParts(200, 100)).toHaveLength(2);
  });
});

describe('runParallel', () => {
  it('bounds concurrency and keeps result order', async () => {
    let running = 0;
    let peak = 0;
    const results = await runParallel([5, 1, 3, 2, 4], 2, async (n) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setImmediate(r));
      running--;
      return n * 10;
    });
    expect(results).toEqual([50, 10, 30, 20, 40]);
    expect(peak).toBe(2);
  });

  it('stops starting work after the first failure and rethrows it', async () => {
    const started: number[] = [];
    await expect(
      runParallel([1, 2, 3, 4, 5], 1, async (n) => {
        started.push(n);
        if (n === 2) throw new Error('two');
        return n;
      }),
    ).rejects.toThrow('two');
    expect(started).toEqual([1, 2]);
  });
});
