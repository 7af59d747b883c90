/**
 * Scenario 3: throughput under load (autocannon, bounded in time, 16 connections) of ossgraph as
 * production runs it (`node --max-semi-space-size=64 dist/main.js`) against the peer a competent user would write instead
 * (`bench/baselines/peer-server.ts`: yoga, one DataLoader per request over ali-oss `head()`,
 * listings through `listV2`), same documents, same local-oss, measured in the same run (issue 11):
 *
 * 1. one object, `key contentLength contentType metadata` (both: 1 HeadObject), also against raw
 *    HEAD through undici — the ceiling;
 * 2. 20 objects by `objects(refs)`, same fields (both: 20 HeadObject);
 * 3. a listing of 100, same fields (both: 1 ListObjectsV2 + 100 HeadObject);
 * 4. a listing of 100, `key contentLength etag` (both: 1 ListObjectsV2 only).
 *
 * Before the load, each case is sent once to each server with local-oss's counts reset, and the
 * two servers' store requests must be equal (else the case is reported as not comparable).
 * Target: ossgraph ≥ 1.5× the peer on every case.
 *
 * Cases 1–3 also run against a second ossgraph with the optional metadata cache on
 * ({@link CACHE_ENV}), in the same rounds: after the first query it answers them with no store
 * request at all, so those rows show what the cache buys, not a like-for-like comparison (no target).
 */
import { ensureBuild } from '../../scripts/compiled-build.js';
import { runLoad } from '../lib/load.js';
import type { LoadResult } from '../lib/load.js';
import { startLocalOssProcess } from '../lib/local-oss-process.js';
import type { LocalOssProcess } from '../lib/local-oss-process.js';
import { closedLoop } from '../lib/pool.js';
import { readProcCpuMs } from '../lib/proc-memory.js';
import { assertNoErrors, createGraphqlHttpClient, GRAPHQL_HEADERS } from '../lib/graphql-http.js';
import { LISTED_FIELDS, PEER_FIELDS, listingWithFields, objectWithFields, objectsWithFields } from '../lib/queries.js';
import { createRawOss } from '../lib/raw-oss.js';
import type { ResultRow } from '../lib/result.js';
import { skippedRow } from '../lib/result.js';
import type { BenchContext, Scenario } from '../lib/scenario.js';
import { makeRefs, seedObjects } from '../lib/seed.js';
import { startOssgraph, startPeer } from '../lib/servers.js';
import type { ChildServer } from '../lib/child-server.js';
import { runRounds } from '../lib/stats.js';

const TITLE = '3 throughput';
const BUCKET = 'bench';
const REF = { bucket: BUCKET, key: 'hot/object' };
const MANY = makeRefs(BUCKET, 'many/', 20);
const LISTED = makeRefs(BUCKET, 'list/', 100);
/** Concurrent connections of every load generator here. */
export const THROUGHPUT_CONNECTIONS = 16;
/** The ratio issue 11 asks for on every case. */
const TARGET = 1.5;
/** The settings of the cached ossgraph (the metadata cache is off by default). */
const CACHE_ENV = { OSSGRAPH_METADATA_CACHE_TTL: '10s' } as const;

/** One measured document. */
interface Case {
  readonly name: string;
  readonly query: string;
  readonly variables: Record<string, unknown>;
  /** Also run raw HEADs of {@link REF} in the same rounds (the ceiling). */
  readonly raw?: boolean;
  /** Also run the cached ossgraph in the same rounds (the case sends HEADs the cache can answer). */
  readonly cached?: boolean;
}

const CASES: readonly Case[] = [
  { name: '1 object, key contentLength contentType metadata', query: objectWithFields(PEER_FIELDS), variables: { ...REF }, raw: true, cached: true },
  {
    name: '20 objects by objects(refs), same fields',
    query: objectsWithFields(PEER_FIELDS),
    variables: { refs: MANY.map((r) => ({ ...r })) },
    cached: true,
  },
  {
    name: 'listing of 100, same fields',
    query: listingWithFields(PEER_FIELDS),
    variables: { bucket: BUCKET, prefix: 'list/', first: 100 },
    cached: true,
  },
  {
    name: 'listing of 100, key contentLength etag',
    query: listingWithFields(LISTED_FIELDS),
    variables: { bucket: BUCKET, prefix: 'list/', first: 100 },
  },
];

/** `HeadObject 100 + ListObjectsV2 1`, sorted by operation. */
function describeCounts(counts: Record<string, number>): string {
  return Object.entries(counts)
    .filter(([, v]) => v > 0)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([op, v]) => `${op} ${v}`)
    .join(' + ');
}

/**
 * Waits until local-oss sees no request for 250 ms (at most ~15 s), then zeroes its counts. Why:
 * queries of the previous load are still being answered when autocannon returns (a page of 101
 * store requests per query, 16 in flight), and their store requests must not be counted here.
 */
async function quiesce(store: LocalOssProcess): Promise<void> {
  for (let i = 0; i < 60; i++) {
    await store.reset();
    await new Promise((resolve) => setTimeout(resolve, 250));
    const seen = Object.values(await store.counts()).reduce((a, b) => a + b, 0);
    if (seen === 0) return;
  }
  throw new Error('local-oss kept receiving requests after the load stopped');
}

/** Sends `c` to `server` `times` times and returns the store requests the last one caused. */
async function countOnce(server: ChildServer, store: LocalOssProcess, c: Case, name: string, times = 1): Promise<string> {
  const client = createGraphqlHttpClient(server.url, 1);
  try {
    for (let i = 0; i < times; i++) {
      await quiesce(store);
      const data = assertNoErrors(await client.post(c.query, c.variables), `${name}: ${c.name}`);
      if (Object.values(data).some((v) => v === null)) throw new Error(`${name}: ${c.name}: null result`);
    }
    return describeCounts(await store.counts()) || 'nothing';
  } finally {
    await client.close();
  }
}

async function run(context: BenchContext): Promise<ResultRow[]> {
  // Why 2 s even when quick: a 100-object page takes ≈ 0.5–1 s under load, so 1 s may complete none.
  const seconds = context.quick ? 2 : 3;
  const warmSeconds = context.quick ? 1 : 2;
  const plan = context.quick ? { warmup: 1, rounds: 2 } : { warmup: 1, rounds: 3 };
  if (ensureBuild(context.root).built) context.log('built dist/ (npm run build) for the compiled entry');
  const store = await startLocalOssProcess(context.root, { buckets: [BUCKET] });
  const raw = createRawOss(store, THROUGHPUT_CONNECTIONS);
  const servers: ChildServer[] = [];
  const rows: ResultRow[] = [];
  try {
    await seedObjects(raw, [REF, ...MANY, ...LISTED]);
    const peer = await startPeer(context.root, store);
    servers.push(peer);
    const ours = await startOssgraph(context.root, store, {}, { compiled: true });
    servers.push(ours);
    const cachedOurs = await startOssgraph(context.root, store, CACHE_ENV, { compiled: true });
    servers.push(cachedOurs);

    /** Runs the load against `server` and adds the server's CPU time per 2xx response (µs). */
    const load = async (server: ChildServer, body: string, warmup: boolean): Promise<LoadResult & { cpuUs: number }> => {
      const cpu0 = await readProcCpuMs(server.pid);
      const result = await runLoad({
        url: server.url,
        method: 'POST',
        headers: { ...GRAPHQL_HEADERS },
        body,
        connections: THROUGHPUT_CONNECTIONS,
        durationSeconds: warmup ? warmSeconds : seconds,
      });
      const cpuUs = (((await readProcCpuMs(server.pid)) - cpu0) * 1000) / Math.max(1, result.completed);
      return { ...result, cpuUs };
    };

    // `--cases=1,4` measures only those cases (1-based), for profiling one path at a time.
    const picked = process.argv.find((a) => a.startsWith('--cases='))?.slice('--cases='.length).split(',').map(Number);
    for (const [index, c] of CASES.entries()) {
      if (picked !== undefined && !picked.includes(index + 1)) continue;
      const caseName = `${c.name}, ${THROUGHPUT_CONNECTIONS} connections, ${seconds} s`;
      const peerCounts = await countOnce(peer, store, c, 'peer');
      const ourCounts = await countOnce(ours, store, c, 'ossgraph');
      if (peerCounts !== ourCounts) {
        rows.push(skippedRow(TITLE, caseName, `not comparable: peer sends ${peerCounts}, ossgraph ${ourCounts}`));
        continue;
      }
      const cachedCounts = c.cached === true ? await countOnce(cachedOurs, store, c, 'ossgraph (cached)', 2) : '';
      const body = JSON.stringify({ query: c.query, variables: c.variables });
      const bad: string[] = [];
      const result = await runRounds(plan, async (round, warmup) => {
        let rawPerSecond = Number.NaN;
        let peerRun: (LoadResult & { cpuUs: number }) | undefined;
        let oursRun: (LoadResult & { cpuUs: number }) | undefined;
        let cachedRun: (LoadResult & { cpuUs: number }) | undefined;
        const steps: Array<() => Promise<void>> = [
          async () => {
            peerRun = await load(peer, body, warmup);
          },
          async () => {
            oursRun = await load(ours, body, warmup);
          },
        ];
        if (c.cached === true) {
          steps.push(async () => {
            cachedRun = await load(cachedOurs, body, warmup);
          });
        }
        if (c.raw === true) {
          steps.push(async () => {
            const r = await closedLoop(THROUGHPUT_CONNECTIONS, (warmup ? warmSeconds : seconds) * 1000, () => raw.head(REF));
            if (r.errors > 0) bad.push(`raw round ${round}: ${r.errors} errors`);
            rawPerSecond = r.perSecond;
          });
        }
        // Rotate the order each round so no target always runs right after another one's load.
        for (let i = 0; i < steps.length; i++) await steps[(i + round) % steps.length]?.();
        for (const [name, r] of [['peer', peerRun], ['ossgraph', oursRun], ['ossgraph (cached)', cachedRun]] as const) {
          if (r !== undefined && r.errors + r.non2xx > 0) bad.push(`${name} round ${round}: ${r.errors} errors, ${r.non2xx} non-2xx`);
        }
        const p = peerRun?.perSecond ?? Number.NaN;
        const o = oursRun?.perSecond ?? Number.NaN;
        const cached = cachedRun?.perSecond ?? Number.NaN;
        context.log(
          `  ${c.name}: ${warmup ? 'warm-up' : `round ${round + 1}`}: peer ${p.toFixed(0)}/s, ossgraph ${o.toFixed(0)}/s (${(o / p).toFixed(2)}×)` +
            (c.raw === true ? `, raw HEAD ${rawPerSecond.toFixed(0)}/s` : '') +
            (c.cached === true ? `, ossgraph with cache ${cached.toFixed(0)}/s` : ''),
        );
        return {
          raw: rawPerSecond,
          peer: p,
          ours: o,
          cached,
          oursVsPeer: o / p,
          oursVsRaw: o / rawPerSecond,
          cachedVsPeer: cached / p,
          peerCpu: peerRun?.cpuUs ?? Number.NaN,
          oursCpu: oursRun?.cpuUs ?? Number.NaN,
          cachedCpu: cachedRun?.cpuUs ?? Number.NaN,
        };
      });
      if (bad.length > 0) context.note(`${TITLE} ${c.name}: errors under load: ${bad.join('; ')}`);
      rows.push({
        scenario: TITLE,
        case: `${caseName} vs peer`,
        subject: { summary: result.ours, unit: 'req/s' },
        baseline: { summary: result.peer, unit: 'req/s', label: 'peer: yoga + DataLoader + ali-oss' },
        ratio: result.oursVsPeer,
        detail: `server CPU ${result.oursCpu.median.toFixed(0)} µs/req vs ${result.peerCpu.median.toFixed(0)}; both send ${ourCounts}`,
        target: `≥ ${TARGET.toFixed(2)}×`,
        met: result.oursVsPeer.median >= TARGET,
      });
      if (c.cached === true) {
        rows.push({
          scenario: TITLE,
          case: `${caseName}, metadata cache on (OSSGRAPH_METADATA_CACHE_TTL=${CACHE_ENV.OSSGRAPH_METADATA_CACHE_TTL}) vs peer`,
          subject: { summary: result.cached, unit: 'req/s' },
          baseline: { summary: result.peer, unit: 'req/s', label: 'peer: yoga + DataLoader + ali-oss' },
          ratio: result.cachedVsPeer,
          detail: `server CPU ${result.cachedCpu.median.toFixed(0)} µs/req vs ${result.peerCpu.median.toFixed(0)}; a repeated query sends ${cachedCounts}, the peer ${peerCounts}`,
        });
      }
      if (c.raw === true) {
        rows.push({
          scenario: TITLE,
          case: `${caseName} vs raw ceiling`,
          subject: { summary: result.ours, unit: 'req/s' },
          baseline: { summary: result.raw, unit: 'req/s', label: 'undici HEAD' },
          ratio: result.oursVsRaw,
          target: '≥ 0.50× (aim)',
          met: result.oursVsRaw.median >= 0.5,
        });
      }
    }
    return rows;
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await raw.close();
    await store.stop();
  }
}

/** Scenario 3. */
export const throughputScenario: Scenario = {
  id: 'throughput',
  title: TITLE,
  estimateSeconds: 150,
  run,
};
