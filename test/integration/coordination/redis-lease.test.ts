/**
 * Redis edit leases against a real redis-server: mutual exclusion across connections, bounded
 * wait, expiry of a crashed holder's lease, fencing of a holder whose lease expired and was taken,
 * renewal during a long edit, and a Redis that is down.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LeaseStoreUnavailableError } from '../../../src/coordination/lease.js';
import type { LeaseProvider } from '../../../src/coordination/lease.js';
import { createRedisLeases } from '../../../src/coordination/redis-lease.js';
import type { RedisLeaseOptions } from '../../../src/coordination/redis-lease.js';
import { OssConflictError } from '../../../src/oss/errors.js';
import { startRedisServer } from '../../helpers/redis-server.js';
import type { RedisServer } from '../../helpers/redis-server.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const PREFIX = 'ossgraph:edit-lease:';

let redis: RedisServer;
const providers: LeaseProvider[] = [];

beforeAll(async () => {
  redis = await startRedisServer();
});

afterAll(async () => {
  await Promise.all(providers.map((p) => p.close()));
  await redis.stop();
});

/** A provider with its own Redis connection, as a separate ossgraph process would have. */
function provider(options: Partial<RedisLeaseOptions> = {}): LeaseProvider {
  const p = createRedisLeases({ url: redis.url, ttlMs: 5000, maxWaitMs: 5000, ...options });
  providers.push(p);
  return p;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('Redis edit leases', () => {
  it('lets one holder at a time have an object; the next gets it when the first releases', async () => {
    const a = provider();
    const b = provider();
    const first = await a.acquire('photos/mutex');
    expect(await redis.client().get(`${PREFIX}photos/mutex`)).toBe(first.token);
    let secondAt = 0;
    const second = b.acquire('photos/mutex').then((lease) => {
      secondAt = Date.now();
      return lease;
    });
    await sleep(300);
    expect(secondAt).toBe(0);
    const releasedAt = Date.now();
    await first.release();
    const lease = await second;
    expect(secondAt).toBeGreaterThanOrEqual(releasedAt);
    expect(lease.token).not.toBe(first.token);
    await lease.assertHeld();
    await lease.release();
    expect(await redis.client().exists(`${PREFIX}photos/mutex`)).toBe(0);
  });

  it('gives up waiting for a held lease after maxWaitMs with OssConflictError', async () => {
    const holder = await provider().acquire('photos/busy');
    const started = Date.now();
    const error = await provider({ maxWaitMs: 400 }).acquire('photos/busy').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OssConflictError);
    expect((error as Error).message).toContain('photos/busy');
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
    await holder.assertHeld();
    await holder.release();
  });

  it('lets the next edit proceed once a crashed holder’s lease expires', { timeout: 60_000 }, async () => {
    const ttl = 1500;
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/hold-lease-process.ts', redis.url, 'photos/crashed', String(ttl)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const held = new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString('utf8');
        const match = /held (\S+)/.exec(output);
        if (match?.[1] !== undefined) resolve(match[1]);
      });
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      child.once('exit', (code) => reject(new Error(`holder exited with ${String(code)}: ${output}`)));
    });
    const token = await held;
    // The live holder renews: after longer than the TTL its lease is still there.
    await sleep(ttl + 500);
    expect(await redis.client().get(`${PREFIX}photos/crashed`)).toBe(token);
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await exited;
    expect(await redis.client().get(`${PREFIX}photos/crashed`)).toBe(token);

    const lease = await provider({ maxWaitMs: 10_000 }).acquire('photos/crashed');
    expect(lease.token).not.toBe(token);
    expect(await redis.client().get(`${PREFIX}photos/crashed`)).toBe(lease.token);
    await lease.release();
  });

  it('fences a holder whose lease expired and was taken: it cannot commit, renew, or release the new lease', async () => {
    // A holder that cannot renew (a stalled process): its lease expires after 300 ms.
    const stalled = await provider({ ttlMs: 300, renewEveryMs: 60_000 }).acquire('photos/fenced');
    await sleep(500);
    const taker = await provider().acquire('photos/fenced');

    const error = await stalled.assertHeld().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OssConflictError);
    expect(stalled.signal.aborted).toBe(true);
    expect(await stalled.renew()).toBe(false);
    await stalled.release();
    // Compare-and-delete: the stale holder's release left the new lease alone.
    expect(await redis.client().get(`${PREFIX}photos/fenced`)).toBe(taker.token);
    await taker.assertHeld();
    await taker.release();
  });

  it('fences a holder whose lease expired even when nobody took it', async () => {
    const stalled = await provider({ ttlMs: 200, renewEveryMs: 60_000 }).acquire('photos/expired');
    await sleep(400);
    await expect(stalled.assertHeld()).rejects.toBeInstanceOf(OssConflictError);
    await stalled.release();
  });

  it('renews a held lease while a long edit runs, so it outlives its TTL', async () => {
    const lease = await provider({ ttlMs: 400 }).acquire('photos/long');
    const waiter = provider({ maxWaitMs: 1200 }).acquire('photos/long').catch((e: unknown) => e);
    await sleep(1500);
    await lease.assertHeld();
    expect(await waiter).toBeInstanceOf(OssConflictError);
    expect(await redis.client().get(`${PREFIX}photos/long`)).toBe(lease.token);
    await lease.release();
  });
});

describe('Redis edit leases with Redis down', () => {
  it('refuse to acquire and to fence with LeaseStoreUnavailableError, never showing the URL', { timeout: 30_000 }, async () => {
    const down = await startRedisServer();
    const url = `redis://:s3cret-pass@127.0.0.1:${down.port}`;
    const warnings: string[] = [];
    const leases = createRedisLeases({ url, ttlMs: 5000, maxWaitMs: 1000, commandTimeoutMs: 500, onWarning: (m) => warnings.push(m) });
    providers.push(leases);
    try {
      // The server does not require a password; ioredis then warns and carries on, so the lease works.
      const lease = await leases.acquire('photos/down');
      await down.stop();
      const started = Date.now();
      const fence = await lease.assertHeld().catch((e: unknown) => e);
      expect(fence).toBeInstanceOf(LeaseStoreUnavailableError);
      const acquire = await leases.acquire('photos/other').catch((e: unknown) => e);
      expect(acquire).toBeInstanceOf(LeaseStoreUnavailableError);
      expect(Date.now() - started).toBeLessThan(5000);
      for (const text of [String(fence), String(acquire), ...warnings]) expect(text).not.toContain('s3cret');
      await lease.release();
    } finally {
      await down.stop();
    }
  });
});
