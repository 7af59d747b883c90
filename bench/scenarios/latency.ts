/**
 * Scenario 2: latency of one query for 100 objects (full fields) against the same 100 HEAD
 * requests sent directly with undici at the same concurrency (the API's per-request store
 * concurrency), against local-oss with 0 ms and with 20 ms injected latency. Target ≤ 1.2×.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ChildServer } from '../lib/child-server.js';
import { assertNoErrors, createGraphqlHttpClient } from '../lib/graphql-http.js';
import type { GraphqlHttpClient } from '../lib/graphql-http.js';
import { startLocalOssProcess } from '../lib/local-oss-process.js';
import { mapConcurrent } from '../lib/pool.js';
import { objectsQuery } from '../lib/queries.js';
import { createRawOss } from '../lib/raw-oss.js';
import type { ResultRow } from '../lib/result.js';
import type { BenchContext, Scenario } from '../lib/scenario.js';
import { makeRefs, seedObjects } from '../lib/seed.js';
import { startOssgraph } from '../lib/servers.js';
import { rotatedRun, runRounds, timed } from '../lib/stats.js';

const TITLE = '2 latency';
const BUCKET = 'bench';
const OBJECTS = 100;
/** The API's default `OSSGRAPH_STORE_CONCURRENCY_PER_REQUEST`; the raw baseline uses the same. */
export const STORE_CONCURRENCY_PER_REQUEST = 16;
const TARGET = 1.2;

async function measureAt(context: BenchContext, latencyMs: number): Promise<ResultRow[]> {
  const plan = context.quick ? { warmup: 1, rounds: 3 } : { warmup: 3, rounds: latencyMs > 0 ? 9 : 15 };
  const store = await startLocalOssProcess(context.root, { buckets: [BUCKET], latencyMs });
  const raw = createRawOss(store, STORE_CONCURRENCY_PER_REQUEST);
  const servers: ChildServer[] = [];
  const clients: GraphqlHttpClient[] = [];
  try {
    const refs = makeRefs(BUCKET, 'lat/', OBJECTS);
    await seedObjects(raw, refs, 64);
    const env = { OSSGRAPH_STORE_CONCURRENCY_PER_REQUEST: String(STORE_CONCURRENCY_PER_REQUEST) };
    const patch = pathToFileURL(join(context.root, 'bench', 'lib', 'head-keep-alive.ts')).href;
    for (const preload of [[], [patch]]) {
      const server = await startOssgraph(context.root, store, env, preload);
      servers.push(server);
      clients.push(createGraphqlHttpClient(server.url, 1));
    }
    const query = objectsQuery('full');
    const variables = { refs: refs.map((r) => ({ bucket: r.bucket, key: r.key })) };
    const viaApi = (client: GraphqlHttpClient) => async (): Promise<number> => {
      const graph = await timed(() => client.post(query, variables));
      const objects = assertNoErrors(graph.value, 'latency query')['objects'] as unknown[];
      if (objects.length !== OBJECTS || objects.includes(null)) throw new Error('latency query: missing objects');
      return graph.ms;
    };
    const direct = async (): Promise<number> => {
      const run = await timed(() => mapConcurrent(refs, STORE_CONCURRENCY_PER_REQUEST, (ref) => raw.head(ref)));
      if (run.value.some((status) => status !== 200)) throw new Error('raw HEAD failed');
      return run.ms;
    };
    const [ours, fixed] = clients as [GraphqlHttpClient, GraphqlHttpClient];
    const result = await runRounds(plan, async (round) => {
      const [rawMs, oursMs, fixedMs] = (await rotatedRun(round, [direct, viaApi(ours), viaApi(fixed)])) as [number, number, number];
      return { raw: rawMs, ours: oursMs, ratio: oursMs / rawMs, fixed: fixedMs, fixedRatio: fixedMs / rawMs };
    });
    const baseline = { summary: result.raw, unit: 'ms', label: `${OBJECTS} undici HEADs, ${STORE_CONCURRENCY_PER_REQUEST} at a time` } as const;
    return [
      {
        scenario: TITLE,
        case: `${OBJECTS} objects, full fields, store latency ${latencyMs} ms`,
        subject: { summary: result.ours, unit: 'ms' },
        baseline,
        ratio: result.ratio,
        target: `≤ ${TARGET.toFixed(2)}×`,
        met: result.ratio.median <= TARGET,
      },
      {
        scenario: TITLE,
        case: `experiment: same, ossgraph with HEAD keep-alive`,
        subject: { summary: result.fixed, unit: 'ms' },
        baseline,
        ratio: result.fixedRatio,
        target: `(≤ ${TARGET.toFixed(2)}×)`,
        note: 'bench/lib/head-keep-alive.ts preloaded: undici `reset: false` on HEAD',
      },
    ];
  } finally {
    await Promise.all(clients.map((c) => c.close()));
    await Promise.all(servers.map((s) => s.stop()));
    await raw.close();
    await store.stop();
  }
}

async function run(context: BenchContext): Promise<ResultRow[]> {
  const rows: ResultRow[] = [];
  for (const latencyMs of [0, 20]) {
    const measured = await measureAt(context, latencyMs);
    for (const row of measured) context.log(`  ${row.case}: ratio ${row.ratio?.median.toFixed(2)}`);
    rows.push(...measured);
  }
  return rows;
}

/** Scenario 2. */
export const latencyScenario: Scenario = {
  id: 'latency',
  title: TITLE,
  estimateSeconds: 20,
  run,
};
