/**
 * Bearer tokens against a real JWKS endpoint: every bad token is refused with HTTP 401 and
 * `WWW-Authenticate: Bearer error="invalid_token"` before anything runs; key rotation is picked
 * up; an issuer outage is a 503, not a 401; a PEM key works as a key source.
 */
import { SignJWT, UnsecuredJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen } from '../../../src/server/http-server.js';
import { createAppOverLocalOss } from '../federation/support/app.js';
import { startAuthStack, TEST_POLICY } from './support.js';
import type { Answer, AuthStack } from './support.js';

let stack: AuthStack;
beforeAll(async () => {
  stack = await startAuthStack();
});
afterAll(async () => {
  await stack?.close();
});

const READ_OWN = `{ object(bucket: "media", key: "users/alice/a.txt") { key } }`;
const now = (): number => Math.floor(Date.now() / 1000);

function expectInvalidToken(answer: Answer & { storeRequests: number }, description: RegExp): void {
  expect(answer.status).toBe(401);
  const header = answer.headers.get('www-authenticate') ?? '';
  expect(header).toMatch(/^Bearer error="invalid_token", error_description="(?:[^"\\]|\\.)*"$/);
  expect(header).toMatch(description);
  expect(answer.body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  expect(answer.body.data).toBeUndefined();
  expect(answer.storeRequests).toBe(0);
}

describe('bearer tokens', () => {
  it('no token is anonymous; a valid token is its subject', async () => {
    const anonymous = await stack.counted({ query: READ_OWN });
    expect(anonymous.status).toBe(200);
    expect(anonymous.body.errors?.[0]?.extensions?.['code']).toBe('ACCESS_DENIED');
    const alice = await stack.counted({ query: READ_OWN, token: await stack.issuer.sign({ sub: 'alice' }) });
    expect(alice.body).toEqual({ data: { object: { key: 'users/alice/a.txt' } } });
  });

  it.each([
    ['expired', { expiresAt: now() - 120 }, /expired/],
    ['not yet valid', { notBefore: now() + 120 }, /not valid yet/],
    ['from the wrong issuer', { issuer: 'https://evil.example/' }, /wrong issuer/],
    ['without an issuer', { issuer: null }, /wrong issuer|iss/],
    ['for another audience', { audience: 'another-api' }, /wrong audience/],
    ['without an expiry', { expiresAt: null }, /expiry|exp/],
  ] as const)('a token %s → 401 invalid_token, nothing runs', async (_case, options, description) => {
    const token = await stack.issuer.sign({ sub: 'alice' }, options);
    expectInvalidToken(await stack.counted({ query: READ_OWN, token }), description);
  });

  it('exp and nbf within the clock skew (30 s) are accepted', async () => {
    for (const options of [{ expiresAt: now() - 10 }, { notBefore: now() + 10 }]) {
      const answer = await stack.counted({ query: READ_OWN, token: await stack.issuer.sign({ sub: 'alice' }, options) });
      expect(answer.body).toEqual({ data: { object: { key: 'users/alice/a.txt' } } });
    }
  });

  it('an unknown kid → 401 after one refetch of the JWKS (the key is not there)', async () => {
    const unpublished = await stack.issuer.addKey(false);
    const before = stack.issuer.fetches();
    const token = await stack.issuer.sign({ sub: 'alice' }, { key: unpublished });
    expectInvalidToken(await stack.counted({ query: READ_OWN, token }), /no known key/);
    expect(stack.issuer.fetches()).toBe(before + 1);
  });

  it('forged signatures, unsigned and HMAC tokens, and malformed headers → 401', async () => {
    const stranger = await stack.issuer.addKey(false);
    const forged = await stack.issuer.sign({ sub: 'alice', scope: 'storage:admin' }, { key: stranger, kid: stack.issuer.keys[0]!.kid });
    expectInvalidToken(await stack.counted({ query: READ_OWN, token: forged }), /signature/);
    const unsecured = new UnsecuredJWT({ sub: 'alice' }).setIssuer(stack.issuer.issuer).setAudience(stack.issuer.audience).setExpirationTime('5m').encode();
    expectInvalidToken(await stack.counted({ query: READ_OWN, token: unsecured }), /invalid_token/);
    const hmac = await new SignJWT({ sub: 'alice' })
      .setProtectedHeader({ alg: 'HS256', kid: stack.issuer.keys[0]!.kid })
      .setIssuer(stack.issuer.issuer)
      .setAudience(stack.issuer.audience)
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode('a-shared-secret-that-nobody-configured'));
    expectInvalidToken(await stack.counted({ query: READ_OWN, token: hmac }), /algorithm|invalid_token/);
    const valid = await stack.issuer.sign({ sub: 'alice' });
    const tampered = valid.replace(/\.([^.]+)\./, (_m, payload: string) => `.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), sub: 'bob' })).toString('base64url')}.`);
    expectInvalidToken(await stack.counted({ query: READ_OWN, token: tampered }), /signature/);
    for (const authorization of ['Basic YWxpY2U6cHc=', 'Bearer', 'Bearer not a token', `Token ${valid}`]) {
      expectInvalidToken(await stack.counted({ query: READ_OWN, authorization }), /Bearer <token>|malformed/);
    }
  });

  it('a refused token stops a mutation before it runs (nothing written, zero store requests)', async () => {
    const token = await stack.issuer.sign({ sub: 'alice' }, { expiresAt: now() - 3600 });
    const answer = await stack.counted({
      query: `mutation { putObject(input: { bucket: "media", key: "users/alice/late.txt", content: "x" }) { __typename } }`,
      token,
    });
    expectInvalidToken(answer, /expired/);
    expect(await stack.exists('media', 'users/alice/late.txt')).toBe(false);
  });

  it('keys are cached: many requests, no refetch', async () => {
    const token = await stack.issuer.sign({ sub: 'alice' });
    const before = stack.issuer.fetches();
    for (let i = 0; i < 5; i++) expect((await stack.send({ query: READ_OWN, token })).status).toBe(200);
    expect(stack.issuer.fetches()).toBe(before);
  });

  it('key rotation: a token signed with a newly published key is accepted, and old keys still work', async () => {
    const rotated = await stack.issuer.addKey(true);
    const answer = await stack.counted({ query: READ_OWN, token: await stack.issuer.sign({ sub: 'alice' }, { key: rotated }) });
    expect(answer.body).toEqual({ data: { object: { key: 'users/alice/a.txt' } } });
    expect((await stack.send({ query: READ_OWN, token: await stack.issuer.sign({ sub: 'alice' }) })).status).toBe(200);
  });

  it('an issuer outage while a key must be fetched → 503 with Retry-After, not 401', async () => {
    const fresh = await stack.issuer.addKey(true);
    stack.issuer.setAvailable(false);
    try {
      const answer = await stack.counted({ query: READ_OWN, token: await stack.issuer.sign({ sub: 'alice' }, { key: fresh }) });
      expect(answer.status).toBe(503);
      expect(answer.headers.get('retry-after')).toBe('5');
      expect(answer.body.errors?.[0]?.extensions?.['code']).toBe('AUTH_UNAVAILABLE');
      expect(answer.storeRequests).toBe(0);
    } finally {
      stack.issuer.setAvailable(true);
    }
    expect((await stack.send({ query: READ_OWN, token: await stack.issuer.sign({ sub: 'alice' }, { key: fresh }) })).status).toBe(200);
  });

  it('over a real socket (node:http listener): the token found by the HTTP layer is the one the resolvers use', async () => {
    const running = await listen(stack.app.listener, { host: '127.0.0.1', port: 0 });
    try {
      const post = async (authorization?: string) =>
        fetch(`${running.origin}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(authorization === undefined ? {} : { authorization }) },
          body: JSON.stringify({ query: READ_OWN }),
        });
      const alice = await post(`Bearer ${await stack.issuer.sign({ sub: 'alice' })}`);
      expect(await alice.json()).toEqual({ data: { object: { key: 'users/alice/a.txt' } } });
      const bob = (await (await post(`Bearer ${await stack.issuer.sign({ sub: 'bob' })}`)).json()) as Answer['body'];
      expect(bob.errors?.[0]?.extensions?.['code']).toBe('ACCESS_DENIED');
      const expired = await post(`Bearer ${await stack.issuer.sign({ sub: 'alice' }, { expiresAt: now() - 600 })}`);
      expect(expired.status).toBe(401);
      expect(expired.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/);
    } finally {
      await running.stop(1000);
    }
  });

  it('health endpoints do not look at tokens', async () => {
    const response = await stack.app.fetch('http://ossgraph.test/healthz', { headers: { authorization: 'Bearer garbage' } });
    expect(response.status).toBe(200);
  });
});

describe('JWKS refetch cooldown (default 30 s)', () => {
  it('an unknown kid right after a fetch does not hit the issuer again', async () => {
    const app = createAppOverLocalOss(stack.store, {
      env: {
        OSSGRAPH_AUTH: 'jwt',
        OSSGRAPH_JWKS_URL: stack.issuer.url,
        OSSGRAPH_JWT_AUDIENCE: stack.issuer.audience,
        OSSGRAPH_POLICY: JSON.stringify(TEST_POLICY),
      },
    });
    try {
      const post = (token: string) =>
        app.fetch('http://ossgraph.test/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: READ_OWN }),
        });
      const before = stack.issuer.fetches();
      expect((await post(await stack.issuer.sign({ sub: 'alice' }))).status).toBe(200);
      const unknown = await stack.issuer.addKey(false);
      for (let i = 0; i < 3; i++) expect((await post(await stack.issuer.sign({ sub: 'alice' }, { key: unknown }))).status).toBe(401);
      expect(stack.issuer.fetches()).toBe(before + 1);
    } finally {
      await app.close();
    }
  });
});

describe('a PEM public key as the key source', () => {
  it('verifies tokens of that key and refuses others', async () => {
    const pem = (await stack.issuer.publicKeyPem()).trim().replace(/\n/g, '\\n');
    const app = createAppOverLocalOss(stack.store, {
      env: { OSSGRAPH_AUTH: 'jwt', OSSGRAPH_JWT_PUBLIC_KEY: pem, OSSGRAPH_JWT_ISSUER: stack.issuer.issuer, OSSGRAPH_POLICY: JSON.stringify(TEST_POLICY) },
    });
    try {
      const post = (token: string) =>
        app.fetch('http://ossgraph.test/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: READ_OWN }),
        });
      const ok = await post(await stack.issuer.sign({ sub: 'alice' }));
      expect(await ok.json()).toEqual({ data: { object: { key: 'users/alice/a.txt' } } });
      const other = await stack.issuer.addKey(false);
      const refused = await post(await stack.issuer.sign({ sub: 'alice' }, { key: other }));
      expect(refused.status).toBe(401);
      expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/);
    } finally {
      await app.close();
    }
  });
});
