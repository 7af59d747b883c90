/**
 * Invalidation across replicas: each write's targets are published on one Redis channel, and every
 * replica subscribed to it drops them from its own cache. A replica that is not subscribed cannot
 * know what it missed, so its cache serves nothing until it is subscribed again, and starts empty.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { WriteTarget } from './invalidate-on-write.js';
import type { MetadataCache } from './metadata-cache.js';

/** The default channel; every replica sharing a Redis must use the same one. */
export const INVALIDATION_CHANNEL = 'ossgraph:metadata-cache:invalidate';

/** Options of {@link connectRedisInvalidation}. */
export interface RedisInvalidationOptions {
  /** `redis://…` or `rediss://…`. Never logged (it may hold a password). */
  readonly url: string;
  /** The cache to keep in step; it is turned off here until the subscription holds. */
  readonly cache: MetadataCache;
  /** Default {@link INVALIDATION_CHANNEL}. */
  readonly channel?: string;
  /** Longest wait for one Redis command (connect, publish); default 1000 ms. */
  readonly commandTimeoutMs?: number;
  /**
   * Period of the subscriber's PING; default 2000 ms. A PING unanswered within `commandTimeoutMs`
   * turns the cache off and reconnects: a silently dead connection (no TCP close) is noticed too.
   */
  readonly heartbeatMs?: number;
  /** Told about connection problems and unpublished invalidations (messages never contain the URL). */
  readonly onWarning?: (message: string) => void;
}

/** The connection pair (subscriber, publisher) of one replica. */
export interface RedisInvalidation {
  /** Drops `targets` here at once, then publishes them; a failed publish is reported, not thrown. */
  invalidate(targets: readonly WriteTarget[]): Promise<void>;
  /** Whether the subscription holds now (and so the cache serves). */
  subscribed(): boolean;
  /** Disconnects both connections; the cache stays off. Idempotent. */
  close(): Promise<void>;
}

interface Message {
  readonly from: string;
  readonly targets: readonly WriteTarget[];
}

/** The message's targets, or undefined when it is not one of ours (then everything is dropped). */
function parseMessage(raw: string): Message | undefined {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { from, targets } = value as { from?: unknown; targets?: unknown };
  if (typeof from !== 'string' || !Array.isArray(targets)) return undefined;
  for (const t of targets as unknown[]) {
    if (typeof t !== 'object' || t === null) return undefined;
    const { bucket, key } = t as { bucket?: unknown; key?: unknown };
    if (typeof bucket !== 'string' || (key !== undefined && typeof key !== 'string')) return undefined;
  }
  return { from, targets: targets as WriteTarget[] };
}

/**
 * Connects the replica's subscriber and publisher in the background. Until the subscription is
 * confirmed, and from the moment its connection closes until it is confirmed again, `cache` is
 * off (each change of state empties it).
 */
export function connectRedisInvalidation(options: RedisInvalidationOptions): RedisInvalidation {
  const { cache } = options;
  const channel = options.channel ?? INVALIDATION_CHANNEL;
  const commandTimeoutMs = options.commandTimeoutMs ?? 1000;
  const warn = options.onWarning ?? (() => undefined);
  const self = randomUUID();
  const connection = {
    connectTimeout: commandTimeoutMs,
    retryStrategy: (times: number) => Math.min(100 * times, 2000),
    maxRetriesPerRequest: 1,
    // Why: a publish must fail at once while Redis is down, not wait for a reconnection.
    enableOfflineQueue: false,
  };
  // Why our own resubscription: we must know when it is confirmed, to turn the cache back on.
  const subscriber = new Redis(options.url, { ...connection, autoResubscribe: false });
  const publisher = new Redis(options.url, { ...connection, commandTimeout: commandTimeoutMs });
  cache.setServing(false);
  let closed = false;
  let subscribed = false;
  /** Counts confirmed subscriptions, so a late heartbeat timeout cannot cut a newer one. */
  let epoch = 0;
  let lastError: string | undefined;
  /** Set when a confirmed subscription was lost, so its return is reported even if no error was seen. */
  let lostSubscription = false;
  const report = (what: string) => (error: Error) => {
    const message = `metadata cache invalidation (Redis) ${what}: ${error.message}`;
    if (message !== lastError) warn(message);
    lastError = message;
  };
  subscriber.on('error', report('subscriber error'));
  publisher.on('error', report('publisher error'));
  subscriber.on('ready', () => {
    subscriber.subscribe(channel).then(
      () => {
        // Why the status check: the connection may have closed again while SUBSCRIBE was answered.
        if (closed || subscriber.status !== 'ready') return;
        subscribed = true;
        epoch++;
        cache.setServing(true);
        if (lastError !== undefined || lostSubscription) warn('metadata cache invalidation (Redis) subscribed again; the cache serves again');
        lastError = undefined;
        lostSubscription = false;
      },
      report('subscribe failed'),
    );
  });
  const down = (): void => {
    if (subscribed) {
      warn('metadata cache invalidation (Redis) subscription lost: the cache serves nothing until it is back');
      lostSubscription = true;
    }
    subscribed = false;
    cache.setServing(false);
  };
  subscriber.on('close', down);
  subscriber.on('end', down);
  subscriber.on('message', (from: string, raw: string) => {
    if (from !== channel) return;
    const message = parseMessage(raw);
    if (message === undefined) {
      cache.clear();
      return;
    }
    if (message.from === self) return;
    for (const target of message.targets) cache.invalidate(target.bucket, target.key);
  });
  const lost = (at: number, why: string): void => {
    if (closed || !subscribed || at !== epoch) return;
    report('subscriber unresponsive')(new Error(why));
    down();
    // Why reconnect: only a new connection and a confirmed SUBSCRIBE make the cache serve again.
    subscriber.disconnect(true);
  };
  const heartbeat = setInterval(() => {
    if (!subscribed) return;
    const at = epoch;
    const deadline = setTimeout(() => lost(at, `no PING answer within ${commandTimeoutMs} ms`), commandTimeoutMs);
    subscriber.ping().then(
      () => clearTimeout(deadline),
      (error: Error) => {
        clearTimeout(deadline);
        lost(at, error.message);
      },
    );
  }, options.heartbeatMs ?? 2000);
  heartbeat.unref();
  return {
    async invalidate(targets) {
      for (const target of targets) cache.invalidate(target.bucket, target.key);
      try {
        await publisher.publish(channel, JSON.stringify({ from: self, targets }));
      } catch (error) {
        report('publish failed; other replicas see this write within the cache TTL')(error as Error);
      }
    },
    subscribed: () => subscribed,
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      subscribed = false;
      cache.setServing(false);
      subscriber.disconnect();
      publisher.disconnect();
    },
  };
}
