/**
 * The API over a store that fails: two local-oss servers share one memory backend, a clean one to
 * seed and verify, and a faulty one the app talks to. Retries turn most store calls into
 * successes; what still fails is reported as UPSTREAM_UNAVAILABLE with the OSS request id —
 * never as a missing object (null) and never as wrong data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app.js';
import type { App } from '../../../src/app.js';
import { loadConfig } from '../../../src/config/index.js';
import { createMemoryBackend } from '../../../src/local-oss/backend/memory-backend.js';
import { startLocalOss } from '../../../src/local-oss/index.js';
import type { LocalOss } from '../../../src/local-oss/index.js';
import { createOssApi } from '../../../src/oss/api.js';
import { createOssClient } from '../../../src/oss/client.js';
import type { OssClient } from '../../../src/oss/client.js';
import { storeEnv } from '../../helpers/local-oss.js';

const bucket = 'flaky';
const OBJECTS = 20;
const backend = createMemoryBackend();
let clean: LocalOss;
let verifier: OssClient;

interface Result {
  data?: Record<string, any> | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, any> }>;
}

/** Starts a store with `faults` over the shared backend and an app pointed at it. */
async function appOverFaultyStore(errorRate: number, seed: number): Promise<{ store: LocalOss; app: App }> {
  const store = await startLocalOss({ backend, faults: { seed, errorRate } });
  const app = createApp(
    loadConfig({
      ...storeEnv(store),
      OSSGRAPH_LOG_LEVEL: 'silent',
    }),
  );
  return { store, app };
}

async function graphql(app: App, query: string, variables: Record<string, unknown> = {}): Promise<Result> {
  const response = await app.fetch('http://ossgraph.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as Result;
}

beforeAll(async () => {
  clean = await startLocalOss({ backend, buckets: [bucket] });
  verifier = createOssClient({ region: clean.region, endpoint: clean.url, credentials: clean.credentials });
  const api = createOssApi(verifier);
  for (let i = 0; i < OBJECTS; i++) {
    await api.putObject({ bucket, key: `k${i}`, body: `body ${i}`, contentType: `text/x-${i}`, metadata: { n: String(i) } });
  }
});

afterAll(async () => {
  await verifier?.close();
  await clean?.close();
  await backend.close();
});

describe('the API over a store that answers 503', () => {
  it('every store request failing: the query error is UPSTREAM_UNAVAILABLE with the request id, not null', async () => {
    const { store, app } = await appOverFaultyStore(1, 1);
    try {
      const result = await graphql(app, 'query($b: String!) { object(bucket: $b, key: "k1") { contentType } }', { b: bucket });
      expect(result.data).toEqual({ object: null });
      expect(result.errors).toHaveLength(1);
      const error = result.errors?.[0];
      expect(error?.path).toEqual(['object']);
      expect(error?.extensions?.['code']).toBe('UPSTREAM_UNAVAILABLE');
      expect(error?.extensions?.['requestId']).toMatch(/\S/);
      // Three attempts (the default), then the error.
      expect(store.stats.count('HeadObject')).toBe(3);
    } finally {
      await app.close();
      await store.close();
    }
  });

  it('a metadata edit that cannot reach the store returns UpstreamUnavailableError and changes nothing', async () => {
    const { app, store } = await appOverFaultyStore(1, 2);
    try {
      const result = await graphql(
        app,
        `mutation($b: String!) {
          updateMetadata(input: { bucket: $b, key: "k2", set: [{ key: "n", value: "changed" }] }) {
            __typename
            ... on Error { code message }
          }
        }`,
        { b: bucket },
      );
      expect(result.errors).toBeUndefined();
      expect(result.data?.['updateMetadata']).toMatchObject({ __typename: 'UpstreamUnavailableError', code: 'UPSTREAM_UNAVAILABLE' });
      const stored = await createOssApi(verifier).headObject({ bucket, key: 'k2' });
      expect(stored.metadata).toEqual({ n: '2' });
      expect(stored.contentType).toBe('text/x-2');
    } finally {
      await app.close();
      await store.close();
    }
  });

  it('at a 30% rate: retries answer most objects; each other one is an error at its path, never null or wrong', async () => {
    const { app, store } = await appOverFaultyStore(0.3, 3);
    try {
      const refs = Array.from({ length: OBJECTS }, (_, i) => ({ bucket, key: `k${i}` }));
      const result = await graphql(
        app,
        'query($refs: [ObjectRefInput!]!) { objects(refs: $refs) { key contentType metadataValue(key: "n") } }',
        { refs },
      );
      const objects = result.data?.['objects'] as Array<{ key: string; contentType: string; metadataValue: string } | null>;
      expect(objects).toHaveLength(OBJECTS);
      let answered = 0;
      objects.forEach((object, i) => {
        if (object === null) {
          const error = result.errors?.find((e) => e.path?.[0] === 'objects' && e.path?.[1] === i);
          expect(error?.extensions?.['code'], `objects[${i}]`).toBe('UPSTREAM_UNAVAILABLE');
        } else {
          answered++;
          expect(object).toEqual({ key: `k${i}`, contentType: `text/x-${i}`, metadataValue: String(i) });
        }
      });
      // P(three 503s in a row) = 2.7% per object; the seed fixes the draw.
      expect(answered).toBeGreaterThanOrEqual(OBJECTS - 2);
      expect(store.stats.count('HeadObject')).toBeGreaterThan(OBJECTS);
    } finally {
      await app.close();
      await store.close();
    }
  });
});
