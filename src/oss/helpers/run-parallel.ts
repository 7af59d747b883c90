/** A bounded worker pool that stops taking work at the first failure. */

/**
 * Runs `task(item)` for every item with at most `parallel` tasks in flight, and resolves with the
 * results in item order. At the first failure no further task starts; the call waits for the
 * tasks in flight and then rejects with that first error.
 */
export async function runParallel<T, R>(items: readonly T[], parallel: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  async function worker(): Promise<void> {
    while (failure === undefined && next < items.length) {
      const index = next++;
      try {
        results[index] = await task(items[index] as T, index);
      } catch (error) {
        failure ??= { error };
      }
    }
  }
  const workers = Array.from({ length: Math.max(1, Math.min(parallel, items.length)) }, () => worker());
  await Promise.all(workers);
  if (failure !== undefined) throw failure.error;
  return results;
}
