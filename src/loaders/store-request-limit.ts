/** The per-request cap on store requests (`OSSGRAPH_MAX_STORE_REQUESTS`). */

/** What is left of a request's store-request budget, for callers that queue work before it reaches the store. */
export interface StoreBudget {
  /** Store requests the request may still start (`Infinity` when uncapped). */
  remaining(): number;
  /** The error a refused call rejects with (one instance per request). */
  refusal(): StoreRequestLimitError;
}

/**
 * A store request was refused because the GraphQL request already made as many as it may. The
 * store was not asked. Code `LIMIT_EXCEEDED`.
 */
export class StoreRequestLimitError extends Error {
  override readonly name = 'StoreRequestLimitError';
  /** Stable code of this error class. */
  readonly code = 'LIMIT_EXCEEDED';
  /** The cap: store requests one GraphQL request may make. */
  readonly max: number;

  constructor(max: number) {
    super(`this request reached its limit of ${max} store requests; the store was not asked for more`);
    this.max = max;
  }
}
