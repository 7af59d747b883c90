/**
 * The object-surface mutations and fields of issue 14 under the policy: they go through the
 * request's authorized store view, so a denial is ACCESS_DENIED and costs zero store requests
 * (counted at local-oss), while an allowed call does reach the store.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthStack } from './support.js';
import type { AuthStack } from './support.js';

let stack: AuthStack;
beforeAll(async () => {
  stack = await startAuthStack();
});
afterAll(async () => {
  await stack?.close();
});

const TAIL = `__typename ... on Error { code }`;

describe('new mutations: denied costs nothing, allowed reaches the store', () => {
  it.each([
    ['deleteObject', `mutation ($key: String!) { deleteObject(input: { bucket: "media", key: $key }) { ${TAIL} } }`],
    ['setTags', `mutation ($key: String!) { setTags(input: { bucket: "media", key: $key, tags: [{ key: "a", value: "b" }] }) { ${TAIL} } }`],
    ['updateTags', `mutation ($key: String!) { updateTags(input: { bucket: "media", key: $key, set: [{ key: "a", value: "b" }] }) { ${TAIL} } }`],
    ['setObjectAcl', `mutation ($key: String!) { setObjectAcl(input: { bucket: "media", key: $key, acl: PRIVATE }) { ${TAIL} } }`],
    ['restoreObject', `mutation ($key: String!) { restoreObject(input: { bucket: "media", key: $key }) { ${TAIL} } }`],
  ] as const)('%s on bob’s object by alice: AccessDeniedError, zero store requests', async (name, query) => {
    const denied = await stack.counted({ query, variables: { key: 'users/bob/a.txt' }, token: stack.tokens.alice });
    expect(denied.body.errors).toBeUndefined();
    expect(denied.body.data?.[name]).toEqual({ __typename: 'AccessDeniedError', code: 'ACCESS_DENIED' });
    expect(denied.storeRequests).toBe(0);
  });

  it('setTags on alice’s own object by alice succeeds', async () => {
    const ok = await stack.counted({
      query: `mutation { setTags(input: { bucket: "media", key: "users/alice/b.txt", tags: [{ key: "mine", value: "yes" }] }) { ${TAIL} ... on SetTagsSuccess { object { tags { key value } } } } }`,
      token: stack.tokens.alice,
    });
    expect(ok.body.data?.setTags).toEqual({ __typename: 'SetTagsSuccess', object: { tags: [{ key: 'mine', value: 'yes' }] } });
    expect(ok.storeRequests).toBe(2);
  });

  it('deleteObjects with one denied key refuses the whole batch: nothing sent, nothing deleted', async () => {
    const denied = await stack.counted({
      query: `mutation { deleteObjects(input: { bucket: "media", objects: [{ key: "users/alice/a.txt" }, { key: "users/bob/a.txt" }] }) { ${TAIL} } }`,
      token: stack.tokens.alice,
    });
    expect(denied.body.data?.deleteObjects).toEqual({ __typename: 'AccessDeniedError', code: 'ACCESS_DENIED' });
    expect(denied.storeRequests).toBe(0);
    expect(await stack.exists('media', 'users/alice/a.txt')).toBe(true);
    expect(await stack.exists('media', 'users/bob/a.txt')).toBe(true);
  });
});

describe('new fields: a denied object costs nothing', () => {
  it('tags, acl and image of bob’s object by alice: ACCESS_DENIED at the field, zero store requests', async () => {
    const answer = await stack.counted({
      query: `{ object(bucket: "media", key: "users/bob/a.txt") { tags { key } } }`,
      token: stack.tokens.alice,
    });
    expect(answer.body.errors?.map((e) => [e.extensions?.['code'], e.path])).toEqual([['ACCESS_DENIED', ['object']]]);
    expect(answer.storeRequests).toBe(0);
  });
});
