/**
 * The metadata cache across replicas, with a real redis-server: a write through one app drops the
 * other app's kept answer (pub/sub), and while the subscription is down (Redis killed) an app
 * serves nothing from its cache, then starts empty once subscribed again.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app.js';
import type { App } from '../../../src/app.js';
import { INVALIDATION_CHANNEL } from '../../../src/cache/redis-invalidation.js';
import { loadConfig } from '../../../src/config/index.js';
import { startLocalOss } from '../../../src/local-oss/index.js';
import type { LocalOss } from '../../../src/local-oss/index.js';
import { createJsonLogger } from '../../../src/server/logger.js';
import type { GraphQLResult } from '../../helpers/graphql-stack.js';
import { storeEnv } from '../../helpers/local-oss.js';
import { REDIS_SERVER_BIN, startRedisServer } from '../../helpers/redis-server.js';
import type { RedisServer } from '../../helpers/redis-server.js';

const BUCKET = 'photos';
const READ = `query ($key: String!) { object(bucket: "${BUCKET}", key: $key) { etag contentType } }`;
const PUT = `mutation ($input: PutObjectInput!) { putObject(input: $input) { __typename ... on Error { code message } } }`;

interface Replica {
  readonly app: App;
  readonly warnings: string[];
  post(query: string, variables: Record<string, unknown>): Promise<GraphQLResult>;
}

let store: LocalOss;
let redis: RedisServer;
let restarted: ChildProcess | undefined;
let a: Replica;
let b: Replica;

function replica(): Replica {
  const warnings: string[] = [];
  const logger = createJsonLogger({ level: 'warn', write: (line) => warnings.push((JSON.parse(line) as { msg?: string; message?: string }).msg ?? line) });
  const app = createApp(
    loadConfig({ ...storeEnv(store), OSSGRAPH_REDIS_URL: redis.url, OSSGRAPH_METADATA_CACHE_TTL: '60s', OSSGRAPH_METRICS: 'false' }),
    { logger },
  );
  return {
    app,
    warnings,
    post: async (query, variables) =>
      (await app.fetch('http://ossgraph.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      }).then((r) => r.json())) as GraphQLResult,
  };
}

/** Reads `key` through `r`: the object and the store requests it cost. */
async function read(r: Replica, key: string): Promise<{ object: Record<string, any> | null; requests: number }> {
  store.stats.reset();
  const result = await r.post(READ, { key });
  expect(result.errors).toBeUndefined();
  return { object: result.data?.['object'] ?? null, requests: store.stats.total() };
}

/** Polls (≤ 15 s) until `check` holds. */
async function until(what: string, check: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits until `r`'s cache serves: a second read of `key` costs nothing. */
async function untilServing(r: Replica, key: string): Promise<void> {
  await until('the cache serves', async () => {
    await read(r, key);
    return (await read(r, key)).requests === 0;
  });
}

async function put(r: Replica, key: string, contentType: string): Promise<void> {
  const result = await r.post(PUT, { input: { bucket: BUCKET, key, content: contentType, contentType } });
  expect(result.data?.['putObject']).toEqual({ __typename: 'PutObjectSuccess' });
}

beforeAll(async () => {
  store = await startLocalOss({ buckets: [BUCKET] });
  redis = await startRedisServer();
  a = replica();
  b = replica();
});

afterAll(async () => {
  await a?.app.close();
  await b?.app.close();
  restarted?.kill('SIGKILL');
  await redis?.stop();
  await store?.close();
});

describe('two replicas sharing Redis', () => {
  it('a write through one drops the other one’s kept answer', { timeout: 60_000 }, async () => {
    const key = 'shared/one.txt';
    await put(a, key, 'text/v1');
    await untilServing(a, key);
    await untilServing(b, key);
    expect((await read(b, key)).object).toMatchObject({ contentType: 'text/v1' });
    await put(a, key, 'text/v2');
    // The write answered only after publishing; b has had the message's round trip since.
    await until('b hears the invalidation', async () => (await read(b, key)).object?.['contentType'] === 'text/v2');
    expect(await read(b, key)).toMatchObject({ object: { contentType: 'text/v2' }, requests: 0 });
    // And the other way round, through the process-wide API of b.
    await b.app.api.putObject({ bucket: BUCKET, key, body: 'v3', contentType: 'text/v3' });
    await until('a hears the invalidation', async () => (await read(a, key)).object?.['contentType'] === 'text/v3');
  });

  it('a message that is not ours on the channel empties the cache (it cannot tell what it names)', { timeout: 60_000 }, async () => {
    const key = 'shared/garbage.txt';
    await put(a, key, 'text/plain');
    await untilServing(b, key);
    const outsider = redis.client();
    await outsider.publish(INVALIDATION_CHANNEL, 'not json');
    await until('b drops everything', async () => (await read(b, key)).requests === 1);
    // A well-formed message from another replica drops just its keys.
    await untilServing(b, key);
    await outsider.publish(INVALIDATION_CHANNEL, JSON.stringify({ from: 'elsewhere', targets: [{ bucket: BUCKET, key }] }));
    await until('b drops the key', async () => (await read(b, key)).requests === 1);
  });

  it('Redis frozen (no TCP close): the heartbeat stops the cache; thawed: it serves again', { timeout: 60_000 }, async () => {
    const key = 'shared/frozen.txt';
    await put(a, key, 'text/before');
    await untilServing(b, key);
    const seen = b.warnings.length;
    redis.child.kill('SIGSTOP');
    try {
      await until('b notices the silent Redis', () => b.warnings.slice(seen).some((w) => w.includes('unresponsive')));
      // Its publish cannot reach b: b must not serve its kept "before".
      await a.app.api.putObject({ bucket: BUCKET, key, body: 'during', contentType: 'text/during' });
      expect(await read(b, key)).toEqual({ object: expect.objectContaining({ contentType: 'text/during' }), requests: 1 });
      expect((await read(b, key)).requests).toBe(1);
    } finally {
      redis.child.kill('SIGCONT');
    }
    await untilServing(b, key);
    await put(a, key, 'text/after');
    await until('b hears the invalidation again', async () => (await read(b, key)).object?.['contentType'] === 'text/after');
  });

  it('Redis killed: no kept answer is served; re-subscribed: the cache starts empty and serves again', { timeout: 60_000 }, async () => {
    const key = 'shared/two.txt';
    await put(a, key, 'text/before');
    await untilServing(b, key);
    const { port } = redis;
    // Why only the lines from here on: the frozen-Redis case above already logged a lost subscription.
    const seen = b.warnings.length;
    redis.child.kill('SIGKILL');
    await until('b notices the lost subscription', () => b.warnings.slice(seen).some((w) => w.includes('subscription lost')));
    // A write b cannot hear about: its kept "before" must not be served.
    await put(a, key, 'text/during');
    expect(await read(b, key)).toEqual({ object: expect.objectContaining({ contentType: 'text/during' }), requests: 1 });
    expect((await read(b, key)).requests).toBe(1);
    expect((await read(a, key)).requests).toBe(1);
    // Redis comes back on the same port; both resubscribe and start empty.
    restarted = spawn(REDIS_SERVER_BIN, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    await until('b subscribed again', () => b.warnings.slice(seen).some((w) => w.includes('subscribed again')));
    await untilServing(b, key);
    await untilServing(a, key);
    await put(a, key, 'text/after');
    await until('b hears the invalidation again', async () => (await read(b, key)).object?.['contentType'] === 'text/after');
  });
});
