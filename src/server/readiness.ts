/** Whether the server should receive traffic: `/readyz` answers from this. */

/** The readiness state of one server. */
export interface Readiness {
  /** True until {@link Readiness.drain} is called. */
  isReady(): boolean;
  /** Marks the server as shutting down: `/readyz` answers 503 from now on. Idempotent. */
  drain(): void;
}

/**
 * A readiness state that starts ready. Why: `createApp` finishes all set-up synchronously (the store
 * is not probed on purpose — a probe per `/readyz` would bill a store request per load-balancer
 * check, and a store outage should surface as errors, not as the whole API leaving rotation).
 */
export function createReadiness(): Readiness {
  let draining = false;
  return {
    isReady: () => !draining,
    drain: () => {
      draining = true;
    },
  };
}
