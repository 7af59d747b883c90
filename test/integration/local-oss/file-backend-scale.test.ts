/**
 * The file backend at 10k objects: listings come from the in-memory index (not the disk) and a
 * restart reloads the index in reasonable time. Timings are printed; bounds are loose so a slow
 * CI machine passes while an O(n) disk scan per page would not.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../../src/local-oss/backend/backend.js';
import { createFileBackend } from '../../../src/local-oss/backend/file-backend.js';
import { bodyOf, metadata } from '../../helpers/backend-contract.js';

const COUNT = 10_000;
const B = 'scale';

async function listAll(backend: Backend, prefix = ''): Promise<string[]> {
  const keys: string[] = [];
  let after = '';
  for (;;) {
    const page = await backend.listObjects(B, { prefix, after, limit: 1000 });
    keys.push(...page.map((r) => r.key));
    if (page.length < 1000) return keys;
    after = page[page.length - 1]!.key;
  }
}

describe(`file backend with ${COUNT} objects`, () => {
  let parent: string;
  let backend: Backend;
  const keys = Array.from({ length: COUNT }, (_, i) => `dir-${i % 10}/object-${String(i).padStart(5, '0')}.txt`);

  beforeAll(async () => {
    parent = await mkdtemp(join(tmpdir(), 'ossgraph-scale-'));
    backend = await createFileBackend({ dataDir: join(parent, 'data') });
    await backend.createBucket(B, 0);
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        while (next < keys.length) {
          const key = keys[next++] as string;
          await backend.putObject(B, key, bodyOf(key), { metadata: metadata(), now: 0 });
        }
      }),
    );
    console.info(`file backend: ${COUNT} puts in ${(performance.now() - started).toFixed(0)} ms`);
  }, 120_000);

  afterAll(async () => {
    await backend.close();
    await rm(parent, { recursive: true, force: true });
  });

  it('lists all objects in order, in pages of 1000, quickly; prefix listings too', async () => {
    const sorted = [...keys].sort();
    let started = performance.now();
    expect(await listAll(backend)).toEqual(sorted);
    const full = performance.now() - started;
    started = performance.now();
    expect(await listAll(backend, 'dir-7/')).toEqual(sorted.filter((k) => k.startsWith('dir-7/')));
    const prefixed = performance.now() - started;
    started = performance.now();
    for (let i = 0; i < 100; i++) await backend.listObjects(B, { prefix: '', after: sorted[i * 97] as string, limit: 100 });
    const pages = (performance.now() - started) / 100;
    console.info(
      `file backend: full listing ${full.toFixed(1)} ms, prefix listing ${prefixed.toFixed(1)} ms, one 100-key page ${pages.toFixed(3)} ms`,
    );
    expect(full).toBeLessThan(1000);
    expect(pages).toBeLessThan(20);
  });

  it('reloads the index after a restart and lists the same', async () => {
    await backend.close();
    const started = performance.now();
    backend = await createFileBackend({ dataDir: join(parent, 'data') });
    const reopened = performance.now() - started;
    console.info(`file backend: reopen with ${COUNT} objects in ${reopened.toFixed(0)} ms`);
    expect(await listAll(backend)).toEqual([...keys].sort());
    expect(reopened).toBeLessThan(15_000);
  }, 30_000);
});
