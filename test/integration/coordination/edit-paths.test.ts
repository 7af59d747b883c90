/**
 * The other ways into the coordinator: a copy onto itself is serialized with the merges (no
 * merge lost to its stale read), and a Redis that is down refuses edits with
 * UPSTREAM_UNAVAILABLE instead of making them unguarded, changing nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app.js';
import type { App } from '../../../src/app.js';
import { loadConfig } from '../../../src/config/index.js';
import { leaseName } from '../../../src/coordination/lease.js';
import { createRedisLeases } from '../../../src/coordination/redis-lease.js';
import { startGraphQLStack } from '../../helpers/graphql-stack.js';
import type { GraphQLResult, GraphQLStack } from '../../helpers/graphql-stack.js';
import { storeEnv } from '../../helpers/local-oss.js';
import { startRedisServer } from '../../helpers/redis-server.js';
import { BUCKET, KIB, LARGE, SMALL, THRESHOLD, UPDATE, seedObject, snapshot } from './support.js';

const COPY = `mutation Copy($input: CopyObjectInput!) {
  copyObject(input: $input) { __typename ... on CopyObjectSuccess { etag method } ... on Error { code message } }
}`;

let stack: GraphQLStack;

beforeAll(async () => {
  stack = await startGraphQLStack({ buckets: [BUCKET], config: { copyThresholdBytes: THRESHOLD, copyPartSizeBytes: THRESHOLD } });
});

afterAll(async () => {
  await stack?.close();
});

/** A second app over the stack's store with `env` (its own coordinator), and a way to post to it. */
function appOverStack(env: Record<string, string>): { app: App; post(query: string, variables: Record<string, unknown>): Promise<GraphQLResult> } {
  const app = createApp(loadConfig({ ...storeEnv(stack.store), OSSGRAPH_LOG_LEVEL: 'silent', ...env }));
  const post = async (query: string, variables: Record<string, unknown>): Promise<GraphQLResult> =>
    (await app.fetch('http://ossgraph.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    }).then((r) => r.json())) as GraphQLResult;
  return { app, post };
}

describe('a copy onto itself among merges', () => {
  for (const size of [SMALL, LARGE]) {
    it(`is serialized with them, so no merge is lost (${size / KIB} KiB)`, { timeout: 60_000 }, async () => {
      const key = `self-copy/${size}.png`;
      await seedObject(stack.app.api, key, size);
      const before = await snapshot(stack.app.api, key);
      const merge = (i: number): Promise<GraphQLResult> =>
        stack.graphql(UPDATE, { input: { bucket: BUCKET, key, set: [{ key: `edit-${i}`, value: `value-${i}` }] } });
      const copy = (): Promise<GraphQLResult> =>
        stack.graphql(COPY, { input: { sourceBucket: BUCKET, sourceKey: key, bucket: BUCKET, key, metadataDirective: 'COPY' } });
      // Three arrival orders; unserialized, a copy's stale read either overwrote a merge or failed the merges.
      const orders = [
        ['m', 'm', 'c', 'm', 'c', 'm', 'm'],
        ['c', 'm', 'm', 'm', 'm', 'm', 'c'],
        ['m', 'm', 'm', 'm', 'c', 'c', 'c'],
      ];
      let edit = 0;
      for (const order of orders) {
        const results = await Promise.all(order.map((kind) => (kind === 'c' ? copy() : merge(edit++))));
        for (const result of results) expect(result.errors).toBeUndefined();
        expect(results.map((r) => Object.values(r.data ?? {})[0]?.__typename)).toEqual(
          order.map((kind) => (kind === 'c' ? 'CopyObjectSuccess' : 'UpdateMetadataSuccess')),
        );
      }
      const after = await snapshot(stack.app.api, key);
      for (let i = 0; i < edit; i++) expect(after.metadata[`edit-${i}`]).toBe(`value-${i}`);
      expect(after.kept).toEqual(before.kept);
      expect(after.body.equals(before.body)).toBe(true);
    });
  }
});

describe('edits wait for the object lease', () => {
  it('a merge and a copy onto itself touch the store only once the lease another replica holds is released', { timeout: 60_000 }, async () => {
    const redis = await startRedisServer();
    const { app, post } = appOverStack({ OSSGRAPH_REDIS_URL: redis.url });
    // Another replica, as far as Redis can tell.
    const other = createRedisLeases({ url: redis.url, ttlMs: 10_000, maxWaitMs: 1000 });
    try {
      const key = 'leased.png';
      await seedObject(stack.app.api, key, SMALL);
      const held = await other.acquire(leaseName(BUCKET, key));
      stack.store.stats.reset();
      const merge = post(UPDATE, { input: { bucket: BUCKET, key, set: [{ key: 'edit-0', value: 'value-0' }] } });
      const copy = post(COPY, { input: { sourceBucket: BUCKET, sourceKey: key, bucket: BUCKET, key } });
      await new Promise((resolve) => setTimeout(resolve, 700));
      // Neither read nor wrote the object while the lease was held elsewhere.
      expect(stack.store.stats.total()).toBe(0);
      await held.release();
      const [merged, copied] = await Promise.all([merge, copy]);
      expect(Object.values(merged.data ?? {})[0]).toMatchObject({ __typename: 'UpdateMetadataSuccess' });
      expect(Object.values(copied.data ?? {})[0]).toMatchObject({ __typename: 'CopyObjectSuccess' });
      expect((await snapshot(stack.app.api, key)).metadata).toMatchObject({ 'edit-0': 'value-0', base: 'kept' });
    } finally {
      await other.close();
      await app.close();
      await redis.stop();
    }
  });
});

describe('a lease held longer than OSSGRAPH_EDIT_LEASE_MAX_WAIT', () => {
  it('every serialized mutation answers the typed CONFLICT and touches nothing', { timeout: 60_000 }, async () => {
    const redis = await startRedisServer();
    const { app, post } = appOverStack({
      OSSGRAPH_REDIS_URL: redis.url,
      OSSGRAPH_EDIT_LEASE_MAX_WAIT: '500ms',
    });
    const other = createRedisLeases({ url: redis.url, ttlMs: 20_000, maxWaitMs: 1000 });
    try {
      const key = 'held-too-long.png';
      await seedObject(stack.app.api, key, SMALL);
      const before = await snapshot(stack.app.api, key);
      const held = await other.acquire(leaseName(BUCKET, key));
      stack.store.stats.reset();
      const target = { bucket: BUCKET, key };
      const outcomes = await Promise.all([
        post(UPDATE, { input: { ...target, set: [{ key: 'edit-0', value: 'x' }] } }),
        post(COPY, { input: { sourceBucket: BUCKET, sourceKey: key, bucket: BUCKET, key } }),
        post(`mutation T($input: UpdateTagsInput!) { updateTags(input: $input) { __typename ... on Error { code message } } }`, {
          input: { ...target, set: [{ key: 't', value: 'v' }] },
        }),
        post(`mutation A($input: SetObjectAclInput!) { setObjectAcl(input: $input) { __typename ... on Error { code message } } }`, {
          input: { ...target, acl: 'PRIVATE' },
        }),
      ]);
      for (const result of outcomes) {
        expect(result.errors, JSON.stringify(result)).toBeUndefined();
        expect(Object.values(result.data ?? {})[0]).toMatchObject({ __typename: 'ConflictError', code: 'CONFLICT' });
      }
      await held.release();
      expect(stack.store.stats.total()).toBe(0);
      expect(await snapshot(stack.app.api, key)).toEqual(before);
    } finally {
      await other.close();
      await app.close();
      await redis.stop();
    }
  });
});

describe('with the Redis of OSSGRAPH_REDIS_URL down', () => {
  it('refuses edits with UPSTREAM_UNAVAILABLE and changes nothing', { timeout: 60_000 }, async () => {
    const redis = await startRedisServer();
    await redis.stop();
    const { app, post } = appOverStack({
      OSSGRAPH_REDIS_URL: `redis://:pw-not-shown@127.0.0.1:${redis.port}`,
      OSSGRAPH_EDIT_LEASE_MAX_WAIT: '1s',
    });
    try {
      const key = 'redis-down.png';
      await seedObject(stack.app.api, key, SMALL);
      const before = await snapshot(stack.app.api, key);
      stack.store.stats.reset();
      const update = await post(UPDATE, { input: { bucket: BUCKET, key, set: [{ key: 'edit-0', value: 'x' }] } });
      const copy = await post(COPY, { input: { sourceBucket: BUCKET, sourceKey: key, bucket: BUCKET, key } });
      for (const result of [update, copy]) {
        const outcome = Object.values(result.data ?? {})[0] as { code: string; message: string };
        expect(outcome.code).toBe('UPSTREAM_UNAVAILABLE');
        expect(outcome.message).toContain('edit lease store (Redis)');
        expect(JSON.stringify(result)).not.toContain('pw-not-shown');
      }
      expect(stack.store.stats.count('CopyObject')).toBe(0);
      const after = await snapshot(stack.app.api, key);
      expect(after.metadata).toEqual(before.metadata);
      expect(after.kept).toEqual(before.kept);
    } finally {
      await app.close();
    }
  });
});
