/** Time-bounded load with autocannon: successful requests per second against one HTTP target. */
import autocannon from 'autocannon';

/** One autocannon run. */
export interface LoadOptions {
  readonly url: string;
  readonly method?: 'GET' | 'POST';
  readonly headers?: Record<string, string>;
  readonly body?: string;
  readonly connections: number;
  /** Seconds; autocannon stops sending after this. */
  readonly durationSeconds: number;
}

/** Successful (2xx) requests per second, the p50 latency and what went wrong. */
export interface LoadResult {
  readonly perSecond: number;
  /** 2xx responses in the whole run. */
  readonly completed: number;
  readonly p50Ms: number;
  readonly non2xx: number;
  readonly errors: number;
}

/** Runs autocannon for `durationSeconds` and reports 2xx responses per second of the run. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({
    url: options.url,
    method: options.method ?? 'GET',
    ...(options.headers !== undefined ? { headers: options.headers } : {}),
    ...(options.body !== undefined ? { body: options.body } : {}),
    connections: options.connections,
    duration: options.durationSeconds,
    timeout: 10,
  });
  return {
    perSecond: result['2xx'] / result.duration,
    completed: result['2xx'],
    p50Ms: result.latency.p50,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}
