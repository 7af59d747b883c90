/**
 * Deterministic fault injection: with the same seed and the same sequence of requests, the same
 * requests fail the same way. Off unless a rate or a latency is configured.
 */

/** Fault injection settings (all off by default). */
export interface FaultOptions {
  /** PRNG seed; the same seed gives the same decisions for the same request sequence. Default 1. */
  readonly seed?: number;
  /** Probability (0–1) that a request is answered with `errorStatus` / `errorCode`. */
  readonly errorRate?: number;
  /** Status of injected errors. Default 503. */
  readonly errorStatus?: number;
  /** OSS code of injected errors. Default `ServiceUnavailable`. */
  readonly errorCode?: string;
  /** Milliseconds added before every request is handled. Default 0. */
  readonly latencyMs?: number;
  /** Probability (0–1) that the connection is reset without a response. */
  readonly resetRate?: number;
  /**
   * Probability (0–1) that a request (of those {@link FaultOptions.dropAfterApplyOn} names) is
   * handled — a write is applied — and the connection then closed before any byte of the answer:
   * the client cannot tell whether it landed. Drawn from its own seeded sequence, one draw per
   * such request that no other fault hit, so the decisions depend only on the order of those
   * requests.
   */
  readonly dropAfterApplyRate?: number;
  /**
   * Operation names (`CopyObject`, `CompleteMultipartUpload`, …) and HTTP methods (`PUT`) the
   * drop applies to. Default `PUT`, `POST`, `DELETE` (every write).
   */
  readonly dropAfterApplyOn?: readonly string[];
}

/** What the injector knows of a request when deciding. */
export interface FaultRequest {
  /** The OSS operation name it was routed to. */
  readonly operation: string;
  /** Uppercase HTTP method. */
  readonly method: string;
}

/** What to do with one request. */
export type FaultDecision =
  | { readonly kind: 'none'; readonly latencyMs: number }
  | { readonly kind: 'reset'; readonly latencyMs: number }
  | { readonly kind: 'drop-after-apply'; readonly latencyMs: number }
  | { readonly kind: 'error'; readonly latencyMs: number; readonly status: number; readonly code: string };

/** Decides, request by request, whether to inject a fault. */
export interface FaultInjector {
  /** True when any fault or latency is configured. */
  readonly enabled: boolean;
  /**
   * The decision for the next request: consumes one draw from the PRNG when an error or reset
   * rate is set, and one from the drop sequence when `request` is one the drop applies to.
   * Without `request` the drop never applies.
   */
  next(request?: FaultRequest): FaultDecision;
}

/**
 * mulberry32: a small, fast, well-distributed 32-bit PRNG. Returns a function yielding floats in
 * [0, 1).
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function checkRate(name: string, value: number): number {
  if (!(value >= 0 && value <= 1)) throw new RangeError(`faults.${name} must be between 0 and 1, got ${value}`);
  return value;
}

/** Methods the apply-then-drop fault applies to by default: the writes. */
const DEFAULT_DROP_ON: readonly string[] = ['PUT', 'POST', 'DELETE'];

/**
 * Builds an injector. Each request draws one number r: r < resetRate → reset; else
 * r < resetRate + errorRate → error; else, for a request `dropAfterApplyOn` names, one draw d
 * from the separate drop sequence: d < dropAfterApplyRate → drop after apply; else none.
 * Throws RangeError for rates outside 0–1 or a negative latency.
 */
export function createFaultInjector(options: FaultOptions = {}): FaultInjector {
  const errorRate = checkRate('errorRate', options.errorRate ?? 0);
  const resetRate = checkRate('resetRate', options.resetRate ?? 0);
  const dropRate = checkRate('dropAfterApplyRate', options.dropAfterApplyRate ?? 0);
  if (errorRate + resetRate > 1) throw new RangeError('faults.errorRate + faults.resetRate must not exceed 1');
  const latencyMs = options.latencyMs ?? 0;
  if (!(latencyMs >= 0)) throw new RangeError(`faults.latencyMs must be ≥ 0, got ${latencyMs}`);
  const status = options.errorStatus ?? 503;
  const code = options.errorCode ?? 'ServiceUnavailable';
  const seed = options.seed ?? 1;
  const random = seededRandom(seed);
  // Why a second sequence: the drop decisions of writes should not shift with the reads in between.
  const dropRandom = seededRandom(seed ^ 0x5bd1e995);
  const dropOn = new Set(options.dropAfterApplyOn ?? DEFAULT_DROP_ON);
  const enabled = errorRate > 0 || resetRate > 0 || dropRate > 0 || latencyMs > 0;
  return {
    enabled,
    next(request?: FaultRequest): FaultDecision {
      if (errorRate > 0 || resetRate > 0) {
        const r = random();
        if (r < resetRate) return { kind: 'reset', latencyMs };
        if (r < resetRate + errorRate) return { kind: 'error', latencyMs, status, code };
      }
      if (dropRate > 0 && request !== undefined && (dropOn.has(request.operation) || dropOn.has(request.method.toUpperCase()))) {
        if (dropRandom() < dropRate) return { kind: 'drop-after-apply', latencyMs };
      }
      return { kind: 'none', latencyMs };
    },
  };
}
