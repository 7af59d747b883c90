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
  // Why not `async` with try/finally: that costs two promise hops per task on every store request;
  // a free slot runs the task at once and releases it in the task's own settlement.
  const settle = <T>(task: () => Promise<T>): Promise<T> => {
    let pending: Promise<T>;
    try {
      pending = task();
    } catch (error) {
      release();
      return Promise.reject(error);
    }
    return pending.then(
      (value) => {
        release();
        return value;
      },
      (error: unknown) => {
        release();
        throw error;
      },
    );
  };
  return {
    run<T>(task: () => Promise<T>): Promise<T> {
      if (active < limit) {
        active++;
        return settle(task);
      }
      return new Promise<void>((resolve) => waiting.push(resolve)).then(() => settle(task));
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
  if (present.length === 1) return present[0] as ConcurrencyLimiter;
  const [outer, inner] = present;
  if (present.length === 2 && outer !== undefined && inner !== undefined) {
    // Why a fixed pair: the GraphQL context chains exactly two (per request, per process) on every store call.
    return { run: <T>(task: () => Promise<T>): Promise<T> => outer.run(() => inner.run(task)) };
  }
  return {
    run<T>(task: () => Promise<T>): Promise<T> {
      const wrapped = present.reduceRight<() => Promise<T>>((inner, limiter) => () => limiter.run(inner), task);
      return wrapped();
    },
  };
}
