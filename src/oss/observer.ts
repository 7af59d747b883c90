/**
 * The one hook through which the OSS client reports its HTTP exchanges: every attempt of every
 * operation (a retried operation reports each attempt). Metrics, traces and request logs are built
 * on it outside this layer; the client knows nothing about them.
 */
import type { HttpMethod } from './transport/types.js';

/** One HTTP request about to be sent to the store. */
export interface StoreAttempt {
  /** OSS API name (`HeadObject`, `ListObjectsV2`, …). */
  readonly operation: string;
  readonly method: HttpMethod;
  readonly bucket: string | undefined;
  /** 1 for the first attempt of an operation, 2 for its first retry, … */
  readonly attempt: number;
  /** The caller's `CallOptions.scope`, as given: opaque to the OSS layer (ossgraph passes its request scope). */
  readonly scope?: unknown;
}

/** How one attempt ended. */
export interface StoreAttemptOutcome {
  /** HTTP status of the store's answer; `undefined` when no response arrived (connection failure, timeout, abort). */
  readonly status: number | undefined;
  /** `x-oss-request-id` of the answer, when there was one. */
  readonly requestId: string | undefined;
  /** Why the attempt failed; `undefined` for a successful attempt. */
  readonly error: unknown;
  /**
   * Set when the client will send the operation again after this attempt: `reason` is the failure's
   * stable code (an OSS error code such as `ServiceUnavailable`, or `RequestError`/`RequestTimeout`
   * for transport failures, `InconsistentError` for a CRC mismatch).
   */
  readonly retry: { readonly reason: string } | undefined;
}

/**
 * Receives every store attempt. `attemptStarted` is called synchronously just before the request is
 * signed and sent, and the function it returns exactly once when the attempt ends (at the response
 * headers for a streamed body). Implementations must not throw; the client ignores what they throw.
 */
export interface StoreObserver {
  attemptStarted(attempt: StoreAttempt): (outcome: StoreAttemptOutcome) => void;
}

/** An observer that forwards every call to each of `observers` (empty: observes nothing). */
export function combineStoreObservers(observers: readonly StoreObserver[]): StoreObserver | undefined {
  if (observers.length === 0) return undefined;
  if (observers.length === 1) return observers[0];
  return {
    attemptStarted(attempt) {
      const ends = observers.map((observer) => observer.attemptStarted(attempt));
      return (outcome) => {
        for (const end of ends) end(outcome);
      };
    },
  };
}
