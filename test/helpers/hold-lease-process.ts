/**
 * Child-process entry for lease tests: acquires the Redis edit lease named by argv (renewing it
 * like a live ossgraph process), prints `held <token>`, and waits to be killed — a holder that
 * crashes with its lease held.
 */
import { createRedisLeases } from '../../src/coordination/redis-lease.js';

const [url, name, ttl] = process.argv.slice(2);
if (url === undefined || name === undefined || ttl === undefined) throw new Error('usage: hold-lease-process <redis-url> <name> <ttl-ms>');
const leases = createRedisLeases({ url, ttlMs: Number(ttl), maxWaitMs: 5000 });
const lease = await leases.acquire(name);
process.stdout.write(`held ${lease.token}\n`);
setInterval(() => undefined, 60_000);
