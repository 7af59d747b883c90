/**
 * Rounds, warm-up and robust summaries. Every scenario reports the median of several rounds and
 * their spread (min–max), so one noisy round on a shared 2-core machine cannot decide a verdict.
 */

/** Median, quartiles and extremes of a set of samples. */
export interface Summary {
  readonly n: number;
  readonly median: number;
  readonly min: number;
  readonly max: number;
  /** First and third quartile (linear interpolation). */
  readonly q1: number;
  readonly q3: number;
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] ?? Number.NaN;
  const b = sorted[hi] ?? Number.NaN;
  return a + (b - a) * (pos - lo);
}

/** Summarises `values`; an empty list gives NaN everywhere and `n: 0`. */
export function summarize(values: readonly number[]): Summary {
  const sorted = [...values].sort((x, y) => x - y);
  return {
    n: sorted.length,
    median: quantile(sorted, 0.5),
    min: sorted[0] ?? Number.NaN,
    max: sorted[sorted.length - 1] ?? Number.NaN,
    q1: quantile(sorted, 0.25),
    q3: quantile(sorted, 0.75),
  };
}

/** How many rounds to run and how many to throw away first. */
export interface RoundPlan {
  readonly warmup: number;
  readonly rounds: number;
}

/**
 * Runs `measure` `plan.warmup` times (discarded), then `plan.rounds` times, and summarises each
 * metric the rounds returned. Every round must return the same metric names.
 */
export async function runRounds<K extends string>(
  plan: RoundPlan,
  measure: (round: number, warmup: boolean) => Promise<Record<K, number>>,
): Promise<Record<K, Summary>> {
  for (let i = 0; i < plan.warmup; i++) await measure(i, true);
  const samples = new Map<K, number[]>();
  for (let i = 0; i < plan.rounds; i++) {
    const result = await measure(i, false);
    for (const [name, value] of Object.entries(result) as Array<[K, number]>) {
      const list = samples.get(name) ?? [];
      list.push(value);
      samples.set(name, list);
    }
  }
  const out = {} as Record<K, Summary>;
  for (const [name, list] of samples) out[name] = summarize(list);
  return out;
}

/** Milliseconds elapsed since `start` (a `process.hrtime.bigint()` reading). */
export function elapsedMs(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Runs `fn` and returns its result with its wall time in milliseconds. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = process.hrtime.bigint();
  const value = await fn();
  return { value, ms: elapsedMs(start) };
}

/**
 * Runs `baseline` and `subject` back to back — baseline first in even rounds, subject first in
 * odd ones, so neither side always meets warmer caches — and returns both results.
 */
export async function pairedRun<A, B>(round: number, baseline: () => Promise<A>, subject: () => Promise<B>): Promise<[A, B]> {
  if (round % 2 === 0) {
    const a = await baseline();
    return [a, await subject()];
  }
  const b = await subject();
  return [await baseline(), b];
}
