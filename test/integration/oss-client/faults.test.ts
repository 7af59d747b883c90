/**
 * The client against injected faults: two local-oss servers share one memory backend, one clean
 * (to seed and to check what the store holds) and one that answers a share of requests with 503
 * or resets the connection. Retries must turn most calls into successes and the rest into clear
 * errors — and no call may ever return or store wrong data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryBackend } from '../../../src/local-oss/backend/memory-backend.js';
import { startLocalOss } from '../../../src/local-oss/index.js';
import type { LocalOss } from '../../../src/local-oss/index.js';
import { createOssApi } from '../../../src/oss/api.js';
import type { OssApi } from '../../../src/oss/api.js';
import { createOssClient } from '../../../src/oss/client.js';
import type { OssClient } from '../../../src/oss/client.js';
import { OssRequestError, OssServiceError } from '../../../src/oss/errors.js';
import { deterministicBytes } from '../../helpers/deterministic-bytes.js';

const bucket = 'faulty-bucket';
const OBJECTS = 40;
const CALLS = 120;
const MAX_ATTEMPTS = 3;

const backend = createMemoryBackend();
let clean: LocalOss;
let faulty503: LocalOss;
let faultyReset: LocalOss;
const clients: OssClient[] = [];
/** Every version ever written to each object, across the tests of this file. */
const versions = new Map<number, Set<number>>();

function apiFor(store: LocalOss): OssApi {
  const client = createOssClient({
    region: store.region,
    endpoint: store.url,
    credentials: store.credentials,
    maxAttempts: MAX_ATTEMPTS,
    // Why: backoff is the retryer's business (unit-tested); here it would only slow the test.
    sleep: () => Promise.resolve(),
  });
  clients.push(client);
  return createOssApi(client);
}

function contentOf(index: number, version: number): Buffer {
  return deterministicBytes(1024 + index * 37, index * 1000 + version + 1);
}

beforeAll(async () => {
  clean = await startLocalOss({ backend, buckets: [bucket] });
  faulty503 = await startLocalOss({ backend, faults: { seed: 7, errorRate: 0.3 } });
  faultyReset = await startLocalOss({ backend, faults: { seed: 11, resetRate: 0.25 } });
  const api = apiFor(clean);
  for (let i = 0; i < OBJECTS; i++) {
    await api.putObject({ bucket, key: `obj-${i}`, body: contentOf(i, 0), metadata: { version: '0' } });
  }
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await Promise.all([faulty503, faultyReset].map((s) => s?.close()));
  await clean?.close();
  await backend.close();
});

interface Tally {
  successes: number;
  failures: unknown[];
}

/**
 * Runs reads and overwrites through `api`; every successful read must return exactly the data of
 * the version the store holds, and every write's final state is checked through the clean server.
 */
async function exercise(api: OssApi): Promise<Tally> {
  const tally: Tally = { successes: 0, failures: [] };
  const verifier = apiFor(clean);
  for (let call = 0; call < CALLS; call++) {
    const index = call % OBJECTS;
    const known = versions.get(index) ?? new Set([0]);
    versions.set(index, known);
    try {
      if (call % 3 === 2) {
        const version = call;
        known.add(version);
        await api.putObject({ bucket, key: `obj-${index}`, body: contentOf(index, version), metadata: { version: String(version) } });
        const stored = await verifier.getObject({ bucket, key: `obj-${index}` });
        expect(Buffer.from(await stored.body.bytes()).equals(contentOf(index, version))).toBe(true);
      } else {
        const read = await api.getObject({ bucket, key: `obj-${index}` });
        const data = Buffer.from(await read.body.bytes());
        const version = Number(read.metadata['version']);
        expect(known.has(version)).toBe(true);
        expect(data.equals(contentOf(index, version))).toBe(true);
      }
      tally.successes++;
    } catch (error) {
      // Why rethrow: a failed assertion is a test failure, never a tolerated store fault.
      if (!(error instanceof OssServiceError || error instanceof OssRequestError)) throw error;
      tally.failures.push(error);
    }
  }
  // Whatever failed, every object is whole: its data is one of the versions written to it.
  for (const [index, known] of versions) {
    const read = await verifier.getObject({ bucket, key: `obj-${index}` });
    const version = Number(read.metadata['version']);
    expect(known.has(version)).toBe(true);
    expect(Buffer.from(await read.body.bytes()).equals(contentOf(index, version))).toBe(true);
  }
  return tally;
}

describe('client retries against injected faults', () => {
  it('at a 30% 503 rate: most calls succeed, the rest fail as 503 ServiceUnavailable after 3 attempts', async () => {
    faulty503.stats.reset();
    const tally = await exercise(apiFor(faulty503));
    // P(3 failures in a row) = 2.7%; with the fixed seed the counts are stable run to run.
    expect(tally.successes).toBeGreaterThanOrEqual(CALLS * 0.9);
    for (const failure of tally.failures) {
      expect(failure).toBeInstanceOf(OssServiceError);
      const error = failure as OssServiceError;
      expect(error.status).toBe(503);
      expect(error.code).toBe('ServiceUnavailable');
      expect(error.requestId).toMatch(/\S/);
      expect(error.message).toContain('503 ServiceUnavailable');
    }
    // Retries happened: more HTTP requests reached the faulty server than calls were made.
    expect(faulty503.stats.total()).toBeGreaterThan(CALLS);
    expect(faulty503.stats.total()).toBeLessThanOrEqual(CALLS * MAX_ATTEMPTS);
    console.info(`503 rate 0.3: ${tally.successes}/${CALLS} calls succeeded, ${faulty503.stats.total()} HTTP requests`);
  });

  it('at a 25% connection-reset rate: most calls succeed, the rest fail as request errors', async () => {
    const tally = await exercise(apiFor(faultyReset));
    expect(tally.successes).toBeGreaterThanOrEqual(CALLS * 0.9);
    for (const failure of tally.failures) expect(failure).toBeInstanceOf(OssRequestError);
    console.info(`reset rate 0.25: ${tally.successes}/${CALLS} calls succeeded`);
  });

  it('does not retry a one-shot stream body: the 503 surfaces after one attempt', async () => {
    const api = apiFor(faulty503);
    const failures: unknown[] = [];
    faulty503.stats.reset();
    for (let i = 0; i < 30; i++) {
      const payload = contentOf(i, 9999);
      try {
        await api.putObject({
          bucket,
          key: `stream-${i}`,
          body: { stream: () => (async function* () { yield payload; })(), replayable: false, contentLength: payload.length },
        });
      } catch (error) {
        failures.push(error);
      }
    }
    expect(failures.length).toBeGreaterThan(0);
    // One HTTP request per call: nothing was retried.
    expect(faulty503.stats.total()).toBe(30);
    for (const failure of failures) expect((failure as OssServiceError).status).toBe(503);
  });
});
