/**
 * `/subgraph` under the same identity and policy as `/graphql` (`_entities` goes through the
 * authorized view), read-only unless `OSSGRAPH_SUBGRAPH_MUTATIONS=true`, and gated by
 * `x-gateway-secret` when `OSSGRAPH_SUBGRAPH_SECRET` is set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthStack } from './support.js';
import type { AuthStack } from './support.js';

let plain: AuthStack;
let gated: AuthStack;
const SECRET = 'gateway-shared-secret-0123456789';
beforeAll(async () => {
  [plain, gated] = await Promise.all([startAuthStack(), startAuthStack({ OSSGRAPH_SUBGRAPH_SECRET: SECRET, OSSGRAPH_SUBGRAPH_MUTATIONS: 'true' })]);
});
afterAll(async () => {
  await Promise.all([plain?.close(), gated?.close()]);
});

const ENTITIES = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on StorageObject { bucket key contentType } } }`;
const REPRESENTATIONS = [
  { __typename: 'StorageObject', bucket: 'media', key: 'users/alice/a.txt' },
  { __typename: 'StorageObject', bucket: 'media', key: 'users/bob/a.txt' },
  { __typename: 'StorageObject', bucket: 'media', key: 'public/p.txt' },
  { __typename: 'StorageObject', bucket: 'other', key: 'x.txt' },
];
const PUT = `mutation ($key: String!) { putObject(input: { bucket: "media", key: $key, content: "x" }) { __typename ... on Error { code } } }`;

describe('_entities on /subgraph', () => {
  it.each([
    ['alice (${sub})', 'alice', [true, false, true, false], 2],
    ['admin (claim match)', 'admin', [true, true, true, true], 4],
    ['anonymous', undefined, [false, false, true, false], 1],
    ['pretender (storage:administrator)', 'pretender', [false, false, true, false], 1],
  ] as const)('%s: allowed representations resolve, each denied one is ACCESS_DENIED at its own index', async (_who, who, allowed, requests) => {
    const token = who === undefined ? {} : { token: plain.tokens[who] };
    const answer = await plain.counted({ path: '/subgraph', query: ENTITIES, variables: { r: REPRESENTATIONS }, ...token });
    expect(answer.status).toBe(200);
    expect(answer.body.data?._entities).toEqual(
      REPRESENTATIONS.map((r, i) => (allowed[i] ? { bucket: r.bucket, key: r.key, contentType: 'text/plain' } : null)),
    );
    const denied = allowed.flatMap((ok, i) => (ok ? [] : [['ACCESS_DENIED', ['_entities', i]]]));
    expect(answer.body.errors?.map((e) => [e.extensions?.['code'], e.path]) ?? []).toEqual(denied);
    expect(answer.storeRequests).toBe(requests);
  });

  it('a bad token is refused with 401 on /subgraph too', async () => {
    const expired = await plain.issuer.sign({ sub: 'alice' }, { expiresAt: Math.floor(Date.now() / 1000) - 600 });
    const answer = await plain.counted({ path: '/subgraph', query: ENTITIES, variables: { r: REPRESENTATIONS }, token: expired });
    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/);
    expect(answer.storeRequests).toBe(0);
  });
});

describe('mutations on /subgraph', () => {
  it('are absent by default: no Mutation type in the schema or its SDL, and a mutation is refused', async () => {
    const sdl = await plain.send({ path: '/subgraph', query: '{ _service { sdl } }' });
    expect(sdl.body.data?._service?.sdl).toContain('type Query');
    expect(sdl.body.data?._service?.sdl).not.toMatch(/type Mutation|putObject/);
    const bare = `mutation { putObject(input: { bucket: "media", key: "users/alice/s.txt", content: "x" }) { __typename } }`;
    const answer = await plain.counted({ path: '/subgraph', query: bare, token: plain.tokens.alice });
    expect(answer.body.data ?? null).toBeNull();
    expect(answer.body.errors?.map((e) => e.message)).toContain('Schema is not configured to execute mutation operation.');
    expect(answer.storeRequests).toBe(0);
    expect(await plain.exists('media', 'users/alice/s.txt')).toBe(false);
    // The public endpoint keeps its mutations.
    const publicPut = await plain.send({ query: PUT, variables: { key: 'users/alice/s.txt' }, token: plain.tokens.alice });
    expect(publicPut.body.data?.putObject?.__typename).toBe('PutObjectSuccess');
  });

  it('with OSSGRAPH_SUBGRAPH_MUTATIONS=true they are served, under the same policy', async () => {
    const headers = { 'x-gateway-secret': SECRET };
    const ok = await gated.counted({ path: '/subgraph', query: PUT, variables: { key: 'users/alice/s.txt' }, token: gated.tokens.alice, headers });
    expect(ok.body.data?.putObject?.__typename).toBe('PutObjectSuccess');
    const denied = await gated.counted({ path: '/subgraph', query: PUT, variables: { key: 'users/bob/s.txt' }, token: gated.tokens.alice, headers });
    expect(denied.body.data?.putObject).toEqual({ __typename: 'AccessDeniedError', code: 'ACCESS_DENIED' });
    expect(denied.storeRequests).toBe(0);
  });
});

describe('x-gateway-secret', () => {
  it('missing → 401, wrong → 403, right → answered; nothing runs without it', async () => {
    const call = { path: '/subgraph', query: ENTITIES, variables: { r: REPRESENTATIONS.slice(0, 1) }, token: gated.tokens.alice };
    const missing = await gated.counted(call);
    expect(missing.status).toBe(401);
    expect(missing.storeRequests).toBe(0);
    for (const wrong of ['nope', `${SECRET}x`, SECRET.slice(0, -1), SECRET.toUpperCase(), '']) {
      const answer = await gated.counted({ ...call, headers: { 'x-gateway-secret': wrong } });
      expect(answer.status, JSON.stringify(wrong)).toBe(403);
      expect(answer.storeRequests).toBe(0);
    }
    const right = await gated.counted({ ...call, headers: { 'x-gateway-secret': SECRET } });
    expect(right.status).toBe(200);
    expect(right.body.data?._entities).toEqual([{ bucket: 'media', key: 'users/alice/a.txt', contentType: 'text/plain' }]);
    expect(right.storeRequests).toBe(1);
  });

  it('the right secret does not replace the token: a bad token is still 401, and the policy still applies', async () => {
    const headers = { 'x-gateway-secret': SECRET };
    const bad = await gated.counted({ path: '/subgraph', query: ENTITIES, variables: { r: REPRESENTATIONS }, authorization: 'Bearer x.y.z', headers });
    expect(bad.status).toBe(401);
    const anonymous = await gated.counted({ path: '/subgraph', query: ENTITIES, variables: { r: REPRESENTATIONS }, headers });
    expect(anonymous.body.data?._entities.map((e: unknown) => e !== null)).toEqual([false, false, true, false]);
  });

  it('is not asked on /graphql, nor on the subgraph health check', async () => {
    const answer = await gated.send({ query: `{ object(bucket: "media", key: "public/p.txt") { key } }` });
    expect(answer.status).toBe(200);
    expect(answer.body.data).toEqual({ object: { key: 'public/p.txt' } });
    expect((await gated.app.fetch('http://ossgraph.test/subgraph/healthz')).status).toBe(200);
  });
});
