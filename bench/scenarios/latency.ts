/**
 * Scenario 2: latency of one query for 100 objects (full fields) against the same 100 HEAD
 * requests sent directly with undici at the same concurrency (the API's per-request store
 * concurrency), against local-oss with 0 ms and with 20 ms injected latency. Target ≤ 1.2×.
 */
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
import { pairedRun, runRounds, timed } from '../lib/stats.js';

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
  let server: ChildServer | undefined;
  let client: GraphqlHttpClient | undefined;
  try {
    const refs = makeRefs(BUCKET, 'lat/', OBJECTS);
    await seedObjects(raw, refs, 64);
    server = await startOssgraph(context.root, store, { OSSGRAPH_STORE_CONCURRENCY_PER_REQUEST: String(STORE_CONCURRENCY_PER_REQUEST) });
    const api = (client = createGraphqlHttpClient(server.url, 1));
    const query = objectsQuery('full');
    const variables = { refs: refs.map((r) => ({ bucket: r.bucket, key: r.key })) };
    const viaApi = async (): Promise<number> => {
      const graph = await timed(() => api.post(query, variables));
      const objects = assertNoErrors(graph.value, 'latency query')['objects'] as unknown[];
      if (objects.length !== OBJECTS || objects.includes(null)) throw new Error('latency query: missing objects');
      return graph.ms;
    };
    const direct = async (): Promise<number> => {
      const run = await timed(() => mapConcurrent(refs, STORE_CONCURRENCY_PER_REQUEST, (ref) => raw.head(ref)));
      if (run.value.some((status) => status !== 200)) throw new Error('raw HEAD failed');
      return run.ms;
    };
    const result = await runRounds(plan, async (round) => {
      const [rawMs, oursMs] = await pairedRun(round, direct, viaApi);
      return { raw: rawMs, ours: oursMs, ratio: oursMs / rawMs };
    });
    return [
      {
        scenario: TITLE,
        case: `${OBJECTS} objects, full fields, store latency ${latencyMs} ms`,
        subject: { summary: result.ours, unit: 'ms' },
        baseline: { summary: result.raw, unit: 'ms', label: `${OBJECTS} undici HEADs, ${STORE_CONCURRENCY_PER_REQUEST} at a time` },
        ratio: result.ratio,
        target: `≤ ${TARGET.toFixed(2)}×`,
        met: result.ratio.median <= TARGET,
      },
    ];
  } finally {
    await client?.close();
    await server?.stop();
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
