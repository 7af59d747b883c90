/**
 * The metadata cache never bypasses the policy: it sits under the authorized view, so an answer
 * another caller put in the cache is still checked against this caller's policy first (denied:
 * ACCESS_DENIED, zero store requests, nothing served), and allowed callers get it at no cost.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthStack } from './support.js';
import type { AuthStack } from './support.js';

let stack: AuthStack;

beforeAll(async () => {
  stack = await startAuthStack({ OSSGRAPH_METADATA_CACHE_TTL: '60s' });
});

afterAll(async () => {
  await stack?.close();
});

const OBJECT = `query ($key: String!) { object(bucket: "media", key: $key) { key contentType metadataValue(key: "a") } }`;

describe('the metadata cache under the policy', () => {
  it('bob and anonymous are denied an object alice just cached; alice and admin hit it', async () => {
    const variables = { key: 'users/alice/a.txt' };
    const first = await stack.counted({ query: OBJECT, variables, token: stack.tokens.alice });
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data).toEqual({ object: { key: 'users/alice/a.txt', contentType: 'text/plain', metadataValue: null } });
    expect(first.storeRequests).toBe(1);
    const again = await stack.counted({ query: OBJECT, variables, token: stack.tokens.alice });
    expect(again.body).toEqual(first.body);
    expect(again.storeRequests).toBe(0);
    for (const token of [stack.tokens.bob, stack.tokens.pretender, undefined]) {
      const denied = await stack.counted({ query: OBJECT, variables, ...(token === undefined ? {} : { token }) });
      expect(denied.body.data).toEqual({ object: null });
      expect(denied.body.errors?.map((e) => [e.extensions?.['code'], e.path])).toEqual([['ACCESS_DENIED', ['object']]]);
      expect(JSON.stringify(denied.body)).not.toContain('text/plain');
      expect(denied.storeRequests).toBe(0);
    }
    const admin = await stack.counted({ query: OBJECT, variables, token: stack.tokens.admin });
    expect(admin.body).toEqual(first.body);
    expect(admin.storeRequests).toBe(0);
  });

  it('list without read: an object the admin cached is still ACCESS_DENIED field by field for anonymous', async () => {
    const cache = await stack.counted({ query: OBJECT, variables: { key: 'catalog/c.txt' }, token: stack.tokens.admin });
    expect(cache.body.data?.object).toMatchObject({ contentType: 'text/plain' });
    const answer = await stack.counted({ query: `{ bucket(name: "media") { objects(prefix: "catalog/") { nodes { key contentType } } } }` });
    expect(answer.body.data).toEqual({ bucket: { objects: { nodes: [{ key: 'catalog/c.txt', contentType: null }] } } });
    expect(answer.body.errors?.map((e) => [e.extensions?.['code'], e.path])).toEqual([['ACCESS_DENIED', ['bucket', 'objects', 'nodes', 0, 'contentType']]]);
    expect(answer.storeRequests).toBe(1);
  });
});
