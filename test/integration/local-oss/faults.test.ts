/** Fault injection over real sockets: seeded, deterministic, off by default. */
import { afterEach, describe, expect, it } from 'vitest';
import { startLocalOss, type LocalOss } from '../../../src/local-oss/index.js';
import { rawRequest } from '../../helpers/local-oss.js';

const started: LocalOss[] = [];
async function start(faults: Parameters<typeof startLocalOss>[0] extends infer O ? O extends { faults?: infer F } ? F : never : never): Promise<LocalOss> {
  const store = await startLocalOss({ buckets: ['faults'], faults });
  started.push(store);
  return store;
}
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.close()));
});

async function outcomes(store: LocalOss, n: number): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    try {
      const r = await rawRequest(store, { method: 'HEAD', bucket: 'faults', key: 'k' });
      out.push(String(r.status));
    } catch {
      out.push('reset');
    }
  }
  return out;
}

describe('fault injection', () => {
  it('is deterministic for a seed and differs across seeds', async () => {
    const options = { seed: 42, errorRate: 0.3, resetRate: 0.2, errorStatus: 503, errorCode: 'ServiceUnavailable' };
    const a = await outcomes(await start(options), 30);
    const b = await outcomes(await start(options), 30);
    const c = await outcomes(await start({ ...options, seed: 7 }), 30);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(a).toContain('503');
    expect(a).toContain('reset');
    expect(a).toContain('404');
  });

  it('answers injected errors in OSS shape and still counts the request', async () => {
    const store = await start({ errorRate: 1, errorStatus: 503, errorCode: 'TotalQpsLimitExceeded' });
    const r = await rawRequest(store, { method: 'GET', bucket: 'faults', key: 'k' });
    expect(r.status).toBe(503);
    expect(r.text).toContain('<Code>TotalQpsLimitExceeded</Code>');
    expect(r.headers['x-oss-request-id']).toBeTruthy();
    expect(store.stats.count('GetObject')).toBe(1);
  });

  it('adds latency', async () => {
    const store = await start({ latencyMs: 60 });
    const t0 = performance.now();
    await rawRequest(store, { method: 'HEAD', bucket: 'faults', key: 'k' });
    expect(performance.now() - t0).toBeGreaterThanOrEqual(55);
  });

  it('is off by default', async () => {
    const store = await startLocalOss({ buckets: ['faults'] });
    started.push(store);
    expect(new Set(await outcomes(store, 20))).toEqual(new Set(['404']));
  });
});
