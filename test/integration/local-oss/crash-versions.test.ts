/**
 * Version chains survive SIGKILL: a worker keeps adding versions, delete markers and removing old
 * versions of one key in a versioned bucket of the file backend; after each kill the restarted
 * backend holds exactly the chain the finished steps made, with the step in flight applied wholly
 * or not at all, every version byte-exact, and no blob beyond those the versions name.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFileBackend } from '../../../src/local-oss/backend/file-backend.js';
import { isDeleteMarker, versionIdOf } from '../../../src/local-oss/backend/backend.js';
import { crcOf, readAll } from '../../helpers/backend-contract.js';
import { runUntilKilled } from '../../helpers/kill-at-step.js';
import { versionData } from '../../helpers/file-backend-worker.js';
import { VERSIONED_BUCKET, versionedSize } from '../../helpers/versioned-worker.js';

const WORKER = fileURLToPath(new URL('../../helpers/versioned-worker.ts', import.meta.url));

/** Kill moments: the `occurrence`-th line starting with `<step> `, then `delayMs`. */
const ROUNDS = [
  { step: 'put', occurrence: 2, delayMs: 4 },
  { step: 'delete', occurrence: 1, delayMs: 0 },
  { step: 'purge', occurrence: 1, delayMs: 1 },
  { step: 'put', occurrence: 3, delayMs: 15 },
  { step: 'purge', occurrence: 2, delayMs: 0 },
] as const;

async function runAndKill(dataDir: string, first: number, round: (typeof ROUNDS)[number]): Promise<string[]> {
  return (await runUntilKilled(WORKER, [dataDir, String(first)], round, 30_000)).lines;
}

interface Version {
  readonly id: string;
  /** The `version` number of an object; undefined for a delete marker. */
  readonly v: number | undefined;
}

describe('file backend version chains survive SIGKILL', () => {
  let parent: string;
  let dataDir: string;

  beforeAll(async () => {
    parent = await mkdtemp(join(tmpdir(), 'ossgraph-crash-versions-'));
    dataDir = join(parent, 'data');
  });

  afterAll(async () => {
    await rm(parent, { recursive: true, force: true });
  });

  it(`after ${ROUNDS.length} kills the chain is the finished steps plus all or nothing of the one in flight`, async () => {
    let chain: Version[] = [];
    let next = 1;
    for (const [index, round] of ROUNDS.entries()) {
      const lines = await runAndKill(dataDir, next, round);
      // The chain the finished steps made, and the step in flight.
      let inFlight: { step: string; v: number; id?: string } | undefined;
      for (const line of lines) {
        const [word = '', vText = '', id = ''] = line.split(' ');
        const v = Number(vText);
        if (word === 'put' || word === 'delete') inFlight = { step: word, v };
        if (word === 'purge') inFlight = { step: word, v, id };
        if (word === 'put-done') chain = [{ id, v }, ...chain];
        if (word === 'delete-done') chain = [{ id, v: undefined }, ...chain];
        if (word === 'purge-done') chain = chain.filter((e) => e.id !== id);
        if (word.endsWith('-done')) inFlight = undefined;
        if (word === 'put' || word === 'put-done') next = v + 1;
      }
      const backend = await createFileBackend({ dataDir });
      try {
        const listed = await backend.listObjectVersions(VERSIONED_BUCKET, { prefix: '', keyMarker: '', limit: 1000 });
        const actual: Version[] = listed.map(({ version }) => ({
          id: versionIdOf(version),
          v: isDeleteMarker(version) ? undefined : Number(version.userMetadata['version']),
        }));
        const ids = actual.map((e) => e.id);
        const without = chain.map((e) => e.id);
        const context = `round ${index} (${round.step}), in flight ${JSON.stringify(inFlight)}`;
        if (ids.join() !== without.join()) {
          expect(inFlight, `chain differs with nothing in flight, ${context}`).toBeDefined();
          if (inFlight?.step === 'purge') {
            expect(ids, context).toEqual(without.filter((id) => id !== inFlight?.id));
          } else {
            expect(ids.slice(1), context).toEqual(without);
            expect(actual[0]?.v, context).toBe(inFlight?.step === 'put' ? inFlight.v : undefined);
          }
        }
        // Every object version is byte-exact; the current version agrees with the listing.
        for (const entry of listed) {
          if (isDeleteMarker(entry.version)) continue;
          const v = Number(entry.version.userMetadata['version']);
          const read = await backend.getObject(VERSIONED_BUCKET, 'k', undefined, versionIdOf(entry.version));
          const data = await readAll(read!.body);
          expect(data.length).toBe(versionedSize(v));
          expect(crcOf(data)).toBe(entry.version.crc64);
          expect(data.equals(Buffer.concat([...versionData(v, versionedSize(v))]))).toBe(true);
        }
        const current = await backend.headObject(VERSIONED_BUCKET, 'k');
        expect(current === undefined ? undefined : versionIdOf(current)).toBe(listed[0] !== undefined && !isDeleteMarker(listed[0].version) ? ids[0] : undefined);
        chain = actual;
      } finally {
        await backend.close();
      }
      // Startup removed every blob no version names: one per object version, nothing else.
      expect((await readdir(join(dataDir, 'blobs'))).length).toBe(chain.filter((e) => e.v !== undefined).length);
    }
    expect(chain.length).toBeGreaterThan(0);
  }, 180_000);
});
