/** Full-jitter exponential backoff (reference/reliability.md §3.1). Pure. */

/** Parameters of {@link fullJitterDelay}. */
export interface BackoffOptions {
  readonly baseMs: number;
  readonly capMs: number;
  /** A number in [0, 1). */
  readonly random: () => number;
}

/**
 * The delay before retry number `retry` (1 for the first retry):
 * `random() × min(baseMs × 2^retry, capMs)`, so the first retry waits below 2 × base, the next
 * below 4 × base, and no delay ever reaches `capMs`.
 */
export function fullJitterDelay(retry: number, options: BackoffOptions): number {
  const ceiling = Math.min(options.baseMs * 2 ** retry, options.capMs);
  return Math.floor(options.random() * ceiling);
}
