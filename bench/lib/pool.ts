/** Bounded-concurrency helpers for the load generators. */

/** Runs `task` for every item with at most `concurrency` in flight; results in input order. */
export async function mapConcurrent<T, R>(
  items: readonly T[],
  concurrency: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

/**
 * Keeps `concurrency` calls of `task` in flight for `durationMs` and returns how many completed
 * per second (a closed-loop load generator, like autocannon's connections).
 */
export async function closedLoop(
  concurrency: number,
  durationMs: number,
  task: () => Promise<unknown>,
): Promise<{ perSecond: number; completed: number; errors: number }> {
  const deadline = performance.now() + durationMs;
  let completed = 0;
  let errors = 0;
  const start = performance.now();
  const worker = async (): Promise<void> => {
    while (performance.now() < deadline) {
      try {
        await task();
        completed++;
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - start) / 1000;
  return { perSecond: completed / seconds, completed, errors };
}
