/**
 * The app's Prometheus registry and the metrics ossgraph defines itself: store requests (from the
 * OSS client's attempt hook), their duration, retries and requests in flight, loader batch sizes,
 * and Node process metrics. GraphQL metrics join the same registry through `useGraphQLMetrics`.
 * One registry per app (never prom-client's global one), so several apps in one process (tests)
 * do not collide.
 */
import { performance } from 'node:perf_hooks';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { StoreObserver } from '../oss/observer.js';

/** Names of ossgraph's own metrics. */
export const METRIC_NAMES = {
  storeRequests: 'ossgraph_store_requests_total',
  storeRequestDuration: 'ossgraph_store_request_duration_seconds',
  storeRetries: 'ossgraph_store_retries_total',
  storeInFlight: 'ossgraph_store_requests_in_flight',
  loaderBatchSize: 'ossgraph_loader_batch_size',
} as const;

/** Label value of `status` when no HTTP response arrived. */
export const NO_RESPONSE_STATUS = 'error';

/** A retry reason kept as a label value; anything else (a store sending odd codes) becomes `Other`. */
const REASON_LABEL = /^[A-Za-z][A-Za-z0-9]{0,63}$/;

/** Store request durations: from a keep-alive HEAD (milliseconds) to a large server-side copy (a minute). */
const STORE_DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/** Loads per loader batch: one object up to a full `objects(refs)` call or listing page. */
const BATCH_SIZE_BUCKETS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];

/** Options of {@link createAppMetrics}. */
export interface AppMetricsOptions {
  /** Monotonic milliseconds for durations; default `performance.now`. */
  readonly now?: () => number;
  /** Collect Node process metrics (CPU, memory, event loop, GC); default true. */
  readonly processMetrics?: boolean;
}

/** One app's metrics. */
export interface AppMetrics {
  readonly registry: Registry;
  /** Counts and times every store attempt; pass it to the OSS client. */
  readonly storeObserver: StoreObserver;
  /** Records that `loader` sent a batch of `size` loads. */
  observeLoaderBatch(loader: string, size: number): void;
}

/** Creates a registry with ossgraph's metrics (and process metrics unless turned off). */
export function createAppMetrics(options: AppMetricsOptions = {}): AppMetrics {
  const now = options.now ?? (() => performance.now());
  const registry = new Registry();
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: METRIC_NAMES.storeRequests,
    help: 'HTTP requests sent to the object store, each attempt counted once, by OSS operation and HTTP status ("error": no response).',
    labelNames: ['operation', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: METRIC_NAMES.storeRequestDuration,
    help: 'Duration of HTTP requests to the object store (to the response headers for streamed bodies), by OSS operation and HTTP status.',
    labelNames: ['operation', 'status'] as const,
    buckets: STORE_DURATION_BUCKETS,
    registers: [registry],
  });
  const retries = new Counter({
    name: METRIC_NAMES.storeRetries,
    help: 'Store requests sent again after a failed attempt, by OSS operation and the failure code of that attempt.',
    labelNames: ['operation', 'reason'] as const,
    registers: [registry],
  });
  const inFlight = new Gauge({
    name: METRIC_NAMES.storeInFlight,
    help: 'HTTP requests to the object store waiting for their response, by OSS operation.',
    labelNames: ['operation'] as const,
    registers: [registry],
  });
  const batchSize = new Histogram({
    name: METRIC_NAMES.loaderBatchSize,
    help: 'Loads per DataLoader batch, by loader.',
    labelNames: ['loader'] as const,
    buckets: BATCH_SIZE_BUCKETS,
    registers: [registry],
  });
  return {
    registry,
    storeObserver: {
      attemptStarted({ operation }) {
        const startedAt = now();
        inFlight.inc({ operation });
        return ({ status, retry }) => {
          inFlight.dec({ operation });
          const labels = { operation, status: status === undefined ? NO_RESPONSE_STATUS : String(status) };
          requests.inc(labels);
          duration.observe(labels, (now() - startedAt) / 1000);
          if (retry !== undefined) retries.inc({ operation, reason: REASON_LABEL.test(retry.reason) ? retry.reason : 'Other' });
        };
      },
    },
    observeLoaderBatch(loader, size) {
      batchSize.observe({ loader }, size);
    },
  };
}
