/**
 * Edit leases in Redis, shared by every ossgraph process that uses the same Redis: `SET key token
 * NX PX ttl` acquires, a Lua compare-and-extend renews and fences (the token is the fencing
 * token), a Lua compare-and-delete releases. A held lease is renewed in the background while its
 * edit runs (long multipart edits), and one that cannot be renewed is treated as lost.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { OssConflictError } from '../oss/errors.js';
import type { Lease, LeaseProvider } from './lease.js';
import { LeaseStoreUnavailableError } from './lease.js';

/** Extends the expiry only if the lease still holds our token: 1 when extended, 0 when not ours. */
const RENEW_SCRIPT = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;
/** Deletes the lease only if it still holds our token. */
const RELEASE_SCRIPT = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

/** Options of {@link createRedisLeases}. */
export interface RedisLeaseOptions {
  /** `redis://[user:password@]host:port[/db]` or `rediss://…`. Never logged (it may hold a password). */
  readonly url: string;
  /** Lease lifetime without renewal, in milliseconds; a crashed holder blocks the object this long. */
  readonly ttlMs: number;
  /** Longest wait for a lease held elsewhere before `OssConflictError`, in milliseconds. */
  readonly maxWaitMs: number;
  /** Longest wait for one Redis command; default 2000 ms. */
  readonly commandTimeoutMs?: number;
  /** Renewal period of a held lease; default a third of `ttlMs`. */
  readonly renewEveryMs?: number;
  /** Mean poll period while waiting for a held lease (jittered ±50 %); default 25 ms. */
  readonly pollMs?: number;
  /** Prefix of the Redis keys; default `ossgraph:edit-lease:`. */
  readonly keyPrefix?: string;
  /** Uniform [0, 1); default `Math.random` (poll jitter). */
  readonly random?: () => number;
  /** Monotonic milliseconds; default `performance.now`. */
  readonly now?: () => number;
  /** Told about connection problems (messages never contain the URL). */
  readonly onWarning?: (message: string) => void;
}

/**
 * A lease provider over Redis. Connects lazily in the background; while Redis cannot be reached,
 * acquisitions and fencing checks reject with {@link LeaseStoreUnavailableError} (the data-safe
 * choice: an edit is refused rather than made unguarded across processes).
 */
export function createRedisLeases(options: RedisLeaseOptions): LeaseProvider {
  const commandTimeoutMs = options.commandTimeoutMs ?? 2000;
  const renewEveryMs = options.renewEveryMs ?? Math.max(1, Math.floor(options.ttlMs / 3));
  const pollMs = options.pollMs ?? 25;
  const prefix = options.keyPrefix ?? 'ossgraph:edit-lease:';
  const random = options.random ?? Math.random;
  const now = options.now ?? (() => performance.now());
  const warn = options.onWarning ?? (() => undefined);
  const redis = new Redis(options.url, {
    // Why: a command must fail fast when Redis is down instead of waiting for a reconnection.
    maxRetriesPerRequest: 1,
    connectTimeout: commandTimeoutMs,
    commandTimeout: commandTimeoutMs,
    retryStrategy: (times) => Math.min(100 * times, 2000),
  });
  let lastError: string | undefined;
  redis.on('error', (error: Error) => {
    if (error.message !== lastError) warn(`edit lease store (Redis) error: ${error.message}`);
    lastError = error.message;
  });
  redis.on('ready', () => {
    if (lastError !== undefined) warn('edit lease store (Redis) reachable again');
    lastError = undefined;
  });
  let closed = false;

  /** Runs one Redis command, bounded in time; any failure becomes LeaseStoreUnavailableError. */
  async function command<T>(what: string, run: () => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        run(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${commandTimeoutMs} ms`)), commandTimeoutMs);
        }),
      ]);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new LeaseStoreUnavailableError(`the edit lease store (Redis) could not ${what}: ${reason}; the edit was not made`, { cause: error });
    } finally {
      clearTimeout(timer);
    }
  }

  function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  function held(name: string, key: string, token: string): Lease {
    const controller = new AbortController();
    let confirmedAt = now();
    let released = false;
    const lose = (why: string): void => {
      if (!controller.signal.aborted) controller.abort(new OssConflictError(`the edit lease on ${JSON.stringify(name)} was lost (${why}); the edit was not committed`));
      clearInterval(renewal);
    };
    /** Compare-and-extend; true when still ours. */
    const extend = async (): Promise<boolean> => {
      const startedAt = now();
      const answer = await command('renew a lease', () => redis.eval(RENEW_SCRIPT, 1, key, token, String(options.ttlMs)));
      if (answer === 1) {
        confirmedAt = startedAt;
        return true;
      }
      lose('it expired or another holder took it');
      return false;
    };
    const renewal = setInterval(() => {
      extend().catch(() => {
        if (now() - confirmedAt >= options.ttlMs) lose(`not renewed for ${options.ttlMs} ms`);
      });
    }, renewEveryMs);
    renewal.unref();
    return {
      name,
      token,
      signal: controller.signal,
      async renew() {
        if (controller.signal.aborted || released) return false;
        return extend();
      },
      async assertHeld() {
        if (released) throw new OssConflictError(`the edit lease on ${JSON.stringify(name)} was released; the edit was not committed`);
        if (controller.signal.aborted) throw controller.signal.reason;
        if (!(await extend())) throw controller.signal.reason;
      },
      async release() {
        if (released) return;
        released = true;
        clearInterval(renewal);
        if (controller.signal.aborted) return;
        try {
          await command('release a lease', () => redis.eval(RELEASE_SCRIPT, 1, key, token));
        } catch (error) {
          // Why not rethrow: the lease expires by itself after ttlMs; the edit's outcome stands.
          warn(error instanceof Error ? error.message : String(error));
        }
      },
    };
  }

  return {
    kind: 'redis',
    async acquire(name, call = {}) {
      if (closed) throw new OssConflictError('the edit coordinator is closed');
      const key = `${prefix}${name}`;
      const token = randomUUID();
      const startedAt = now();
      for (;;) {
        call.signal?.throwIfAborted();
        const answer = await command('acquire a lease', () => redis.set(key, token, 'PX', options.ttlMs, 'NX'));
        if (answer === 'OK') return held(name, key, token);
        const waited = now() - startedAt;
        if (waited >= options.maxWaitMs) {
          throw new OssConflictError(
            `the object ${JSON.stringify(name)} is being edited through another ossgraph process; its edit lease stayed held for ${Math.round(waited)} ms`,
          );
        }
        await sleep(Math.min(options.maxWaitMs - waited, pollMs * (0.5 + random())), call.signal);
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        await command('close its connection', () => redis.quit());
      } catch {
        // Why: a Redis that is down cannot answer QUIT; the socket is dropped below either way.
      }
      redis.disconnect();
    },
  };
}
