/**
 * An ossgraph with JWT authentication and an access policy, over local-oss, for the auth
 * integration tests: a real JWKS endpoint, `jose`-signed tokens, requests through `app.fetch`,
 * and store requests counted at local-oss.
 */
import type { App } from '../../../src/app.js';
import { startLocalOss } from '../../../src/local-oss/index.js';
import type { LocalOss } from '../../../src/local-oss/index.js';
import { startTestIssuer } from '../../helpers/jwks.js';
import type { TestIssuer } from '../../helpers/jwks.js';
import { createAppOverLocalOss } from '../federation/support/app.js';

const ALL = ['read', 'list', 'write', 'delete'];

/** The issue's policy, plus anonymous rules so that every action has an anonymous case. */
export const TEST_POLICY = {
  rules: [
    { match: { scope: 'storage:admin' }, bucket: '*', prefix: '', allow: ALL },
    { bucket: 'media', prefix: 'users/${sub}/', allow: ALL },
    { anonymous: true, bucket: 'media', prefix: 'public/', allow: ['read', 'list'] },
    { anonymous: true, bucket: 'media', prefix: 'drop/', allow: ['read', 'write', 'delete'] },
    { anonymous: true, bucket: 'media', prefix: 'catalog/', allow: ['list'] },
  ],
};

/** Objects every stack starts with. */
export const SEEDED = {
  media: ['users/alice/a.txt', 'users/alice/b.txt', 'users/bob/a.txt', 'public/p.txt', 'drop/d.txt', 'catalog/c.txt'],
  other: ['x.txt', 'y.txt'],
} as const;

/** One HTTP answer. */
export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: { data?: any; errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, any> }> };
}

/** A request: the operation, and who sends it. */
export interface Call {
  readonly query: string;
  readonly variables?: Record<string, unknown>;
  /** A bearer token, or a whole `Authorization` value with `authorization`. */
  readonly token?: string;
  readonly authorization?: string;
  readonly headers?: Record<string, string>;
  /** `/graphql` (default) or `/subgraph`. */
  readonly path?: string;
}

/** A running stack. */
export interface AuthStack {
  readonly store: LocalOss;
  readonly issuer: TestIssuer;
  readonly app: App;
  /** Tokens: `admin` (scope storage:admin), `alice`/`bob` (sub), `pretender` (scope storage:administrator). */
  readonly tokens: { readonly admin: string; readonly alice: string; readonly bob: string; readonly pretender: string };
  send(call: Call): Promise<Answer>;
  /** Runs `call` and also returns how many store requests it caused (counted at local-oss). */
  counted(call: Call): Promise<Answer & { readonly storeRequests: number }>;
  /** Writes `key` straight to the store (uncounted). */
  put(bucket: string, key: string, body?: string): Promise<void>;
  /** Whether `key` exists (uncounted). */
  exists(bucket: string, key: string): Promise<boolean>;
  close(): Promise<void>;
}

/** Starts local-oss (buckets media, other; seeded), an issuer, and the app with `env` on top of JWT auth and {@link TEST_POLICY}. */
export async function startAuthStack(env: Record<string, string> = {}): Promise<AuthStack> {
  const issuer = await startTestIssuer();
  const store = await startLocalOss({ buckets: ['media', 'other'] });
  const app = createAppOverLocalOss(store, {
    env: {
      OSSGRAPH_AUTH: 'jwt',
      OSSGRAPH_JWKS_URL: issuer.url,
      OSSGRAPH_JWT_ISSUER: issuer.issuer,
      OSSGRAPH_JWT_AUDIENCE: issuer.audience,
      OSSGRAPH_JWKS_COOLDOWN: '0',
      OSSGRAPH_POLICY: JSON.stringify(TEST_POLICY),
      ...env,
    },
  });
  const put = async (bucket: string, key: string, body = `body of ${key}`): Promise<void> => {
    await app.api.putObject({ bucket, key, body, contentType: 'text/plain' });
  };
  for (const [bucket, keys] of Object.entries(SEEDED)) for (const key of keys) await put(bucket, key);
  const tokens = {
    admin: await issuer.sign({ sub: 'root', scope: 'openid storage:admin' }),
    alice: await issuer.sign({ sub: 'alice', scope: 'openid' }),
    bob: await issuer.sign({ sub: 'bob' }),
    pretender: await issuer.sign({ sub: 'mallory', scope: 'storage:administrator' }),
  };
  const send = async (call: Call): Promise<Answer> => {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...call.headers,
    };
    if (call.token !== undefined) headers['authorization'] = `Bearer ${call.token}`;
    if (call.authorization !== undefined) headers['authorization'] = call.authorization;
    const response = await app.fetch(`http://ossgraph.test${call.path ?? '/graphql'}`, {
      method: 'POST',
      headers,
      body: JSON.stringify(call.variables === undefined ? { query: call.query } : { query: call.query, variables: call.variables }),
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as Answer['body'] };
  };
  store.stats.reset();
  return {
    store,
    issuer,
    app,
    tokens,
    send,
    async counted(call) {
      store.stats.reset();
      const answer = await send(call);
      return { ...answer, storeRequests: store.stats.total() };
    },
    async put(bucket, key, body) {
      await put(bucket, key, body);
      store.stats.reset();
    },
    async exists(bucket, key) {
      try {
        await app.api.getObjectMeta({ bucket, key });
        return true;
      } catch {
        return false;
      } finally {
        store.stats.reset();
      }
    },
    async close() {
      await app.close();
      await store.close();
      await issuer.close();
    },
  };
}
