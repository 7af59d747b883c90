/** Choosing the lease provider: Redis when a URL is configured, this process's memory otherwise. */
import { createInProcessLeases } from './in-process-lease.js';
import type { LeaseProvider } from './lease.js';
import { createRedisLeases } from './redis-lease.js';

/** Settings of {@link createLeaseProvider}. */
export interface LeaseSettings {
  /** Redis URL; absent: in-process leases (edits are coordinated within this process only). */
  readonly redisUrl?: string | undefined;
  /** Lease lifetime without renewal (Redis), in milliseconds. */
  readonly ttlMs: number;
  /** Longest wait for a held lease, in milliseconds. */
  readonly maxWaitMs: number;
  /** Told about lease store problems; messages never contain the URL. */
  readonly onWarning?: (message: string) => void;
}

/** A Redis lease provider when `settings.redisUrl` is set, else an in-process one. */
export function createLeaseProvider(settings: LeaseSettings): LeaseProvider {
  if (settings.redisUrl === undefined) return createInProcessLeases({ maxWaitMs: settings.maxWaitMs });
  return createRedisLeases({
    url: settings.redisUrl,
    ttlMs: settings.ttlMs,
    maxWaitMs: settings.maxWaitMs,
    ...(settings.onWarning === undefined ? {} : { onWarning: settings.onWarning }),
  });
}
