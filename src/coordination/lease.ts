/**
 * Edit leases: who may commit an edit of one object right now. The coordinator holds the lease of
 * an object while it edits it and checks it immediately before the commit step (the fencing
 * check). Leases live in the process or in Redis, never in the object's metadata.
 */
import { OssError } from '../oss/errors.js';

/** A held lease on one object. */
export interface Lease {
  /** The object the lease is on (`bucket/key`). */
  readonly name: string;
  /** Unique to this holding; the fencing token compared before a commit and on release. */
  readonly token: string;
  /** Aborted (with an `OssConflictError`) as soon as the lease is known to be lost. */
  readonly signal: AbortSignal;
  /** Extends the expiry; resolves `false` when the lease was lost (expired, taken over). */
  renew(): Promise<boolean>;
  /**
   * The fencing check: resolves (having extended the expiry) only while this holding is still
   * the current one; rejects with `OssConflictError` when it is not, or with
   * {@link LeaseStoreUnavailableError} when that cannot be checked. Call immediately before a commit.
   */
  assertHeld(): Promise<void>;
  /** Gives the lease up (only if still ours: compare-and-delete). Never rejects. Idempotent. */
  release(): Promise<void>;
}

/** Hands out leases. */
export interface LeaseProvider {
  /** `in-process` or `redis`, for logs and docs. */
  readonly kind: 'in-process' | 'redis';
  /**
   * Acquires the lease on `name`, waiting while another holder has it, at most the provider's
   * maximum wait; then rejects with `OssConflictError`. Rejects with
   * {@link LeaseStoreUnavailableError} when the lease store cannot be reached, and with the
   * signal's reason when `signal` aborts.
   */
  acquire(name: string, options?: { readonly signal?: AbortSignal }): Promise<Lease>;
  /** Closes connections; later acquisitions reject. Idempotent. */
  close(): Promise<void>;
}

/**
 * The lease store (Redis) could not be reached or did not answer in time. The edit was not made:
 * without the lease it would not be guarded against edits through other ossgraph processes.
 * Code `LeaseStoreUnavailable`.
 */
export class LeaseStoreUnavailableError extends OssError {
  override readonly name = 'LeaseStoreUnavailableError';

  constructor(message: string, options?: { cause?: unknown }) {
    super('LeaseStoreUnavailable', message, options);
  }
}

/** The lease name of an object: `bucket/key` (a bucket name has no `/`, so it is unambiguous). */
export function leaseName(bucket: string, key: string): string {
  return `${bucket}/${key}`;
}
