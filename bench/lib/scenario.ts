/** What a benchmark scenario is and what the runner gives it. */
import type { ResultRow } from './result.js';

/** Shared state of one `npm run bench` run. */
export interface BenchContext {
  /** Repository root (absolute). */
  readonly root: string;
  /** `--quick`: fewer rounds and shorter loads, for checking the harness itself. */
  readonly quick: boolean;
  /** Wall-clock deadline of the whole run (`performance.now()` milliseconds). */
  readonly deadline: number;
  /** Progress line on stderr (the table goes to stdout). */
  log(message: string): void;
  /** Adds a line to the notes under the table in RESULTS.md. */
  note(message: string): void;
}

/** One numbered scenario of the issue. */
export interface Scenario {
  /** Short id for `--only` (`requests`, `latency`, `throughput`, `uploads`, `startup`). */
  readonly id: string;
  readonly title: string;
  /** Rough wall time it needs, in seconds; the runner skips it when less remains. */
  readonly estimateSeconds: number;
  run(context: BenchContext): Promise<ResultRow[]>;
}

/** Seconds left before the run's deadline. */
export function secondsLeft(context: BenchContext): number {
  return (context.deadline - performance.now()) / 1000;
}
