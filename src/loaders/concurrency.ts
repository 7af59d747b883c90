/** Bounding how many store requests run at once. */

/** Runs tasks with at most a fixed number in flight; the rest wait in FIFO order. */
export interface ConcurrencyLimiter {
  /** Runs `task` once a slot is free and settles with its outcome. */
  run<T>(task: () => Promise<T>): Promise<T>;
}

/**
 * A limiter allowing `limit` tasks at once (`Infinity` for no bound). Throws `RangeError` unless
 * `limit` is a positive integer or `Infinity`.
 */
export function createConcurrencyLimiter(limit: number): ConcurrencyLimiter {
  if (limit !== Infinity && (!Number.isInteger(limit) || limit < 1)) {
    throw new RangeError(`concurrency limit must be a positive integer or Infinity; received ${String(limit)}`);
  }
  let active = 0;
  const waiting: Array<() => void> = [];
  const release = (): void => {
    const next = waiting.shift();
    if (next === undefined) active--;
    else next();
  };
  return {
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (active < limit) active++;
      else await new Promise<void>((resolve) => waiting.push(resolve));
      try {
        return await task();
      } finally {
        release();
      }
    },
  };
}

/**
 * A limiter that holds a slot of each of `limiters`, acquired in the order given. Pass the
 * narrower (per-request) limiter first so that a request waiting on its own bound does not hold a
 * slot of the shared (per-process) one.
 */
export function chainLimiters(...limiters: ReadonlyArray<ConcurrencyLimiter | undefined>): ConcurrencyLimiter {
  const present = limiters.filter((l): l is ConcurrencyLimiter => l !== undefined);
  return {
    run<T>(task: () => Promise<T>): Promise<T> {
      const wrapped = present.reduceRight<() => Promise<T>>((inner, limiter) => () => limiter.run(inner), task);
      return wrapped();
    },
  };
}
