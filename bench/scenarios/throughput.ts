/**
 * Scenario 3: throughput of a single-object metadata query under load (autocannon, bounded in
 * time) against (a) raw HEAD through undici — the ceiling — and (b) the hand-written yoga + ali-oss
 * baseline. Target: ≥ 2× (b), as close to (a) as possible.
 */
import { runLoad } from '../lib/load.js';
import type { LoadResult } from '../lib/load.js';
import { startLocalOssProcess } from '../lib/local-oss-process.js';
import { closedLoop } from '../lib/pool.js';
import { readProcCpuMs } from '../lib/proc-memory.js';
import { assertNoErrors, createGraphqlHttpClient, GRAPHQL_HEADERS } from '../lib/graphql-http.js';
import { objectQuery } from '../lib/queries.js';
import { createRawOss } from '../lib/raw-oss.js';
import type { ResultRow } from '../lib/result.js';
import { skippedRow } from '../lib/result.js';
import type { BenchContext, Scenario } from '../lib/scenario.js';
import { seedObjects } from '../lib/seed.js';
import { startHandwritten, startOssgraph } from '../lib/servers.js';
import type { ChildServer } from '../lib/child-server.js';
import { runRounds } from '../lib/stats.js';

const TITLE = '3 throughput';
const BUCKET = 'bench';
const REF = { bucket: BUCKET, key: 'hot/object' };
/** Concurrent connections of every load generator here. */
export const THROUGHPUT_CONNECTIONS = 16;

async function checkedServer(
  name: string,
  start: () => Promise<ChildServer>,
  query: string,
): Promise<{ server?: ChildServer; error?: string }> {
  let server: ChildServer | undefined;
  try {
    server = await start();
    const client = createGraphqlHttpClient(server.url, 1);
    try {
      const data = assertNoErrors(await client.post(query, { ...REF }), name);
      if (data['object'] === null) throw new Error(`${name}: object is null`);
    } finally {
      await client.close();
    }
    return { server };
  } catch (error) {
    await server?.stop();
    return { error: error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error) };
  }
}

async function run(context: BenchContext): Promise<ResultRow[]> {
  const seconds = context.quick ? 1 : 4;
  const plan = context.quick ? { warmup: 1, rounds: 2 } : { warmup: 1, rounds: 3 };
  const store = await startLocalOssProcess(context.root, { buckets: [BUCKET] });
  const raw = createRawOss(store, THROUGHPUT_CONNECTIONS);
  const query = objectQuery('full');
  const body = JSON.stringify({ query, variables: { ...REF } });
  const servers: ChildServer[] = [];
  try {
    await seedObjects(raw, [REF]);
    const hand = await checkedServer('hand-written', () => startHandwritten(context.root, store), query);
    const ours = await checkedServer('ossgraph', () => startOssgraph(context.root, store), query);
    for (const s of [hand.server, ours.server]) if (s !== undefined) servers.push(s);

    /** Runs the load against `server` and adds the server's CPU time per 2xx response (µs). */
    const load = async (server: ChildServer | undefined, warmup: boolean): Promise<(LoadResult & { cpuUs: number }) | undefined> => {
      if (server === undefined) return undefined;
      const cpu0 = await readProcCpuMs(server.pid);
      const result = await runLoad({
        url: server.url,
        method: 'POST',
        headers: { ...GRAPHQL_HEADERS },
        body,
        connections: THROUGHPUT_CONNECTIONS,
        durationSeconds: warmup ? 2 : seconds,
      });
      const cpuUs = (((await readProcCpuMs(server.pid)) - cpu0) * 1000) / Math.max(1, result.completed);
      return { ...result, cpuUs };
    };
    const bad: string[] = [];
    const result = await runRounds(plan, async (round, warmup) => {
      let rawRun: { perSecond: number; errors: number } = { perSecond: Number.NaN, errors: 0 };
      let handRun: (LoadResult & { cpuUs: number }) | undefined;
      let oursRun: (LoadResult & { cpuUs: number }) | undefined;
      const steps = [
        async () => {
          rawRun = await closedLoop(THROUGHPUT_CONNECTIONS, (warmup ? 2 : seconds) * 1000, () => raw.head(REF));
        },
        async () => {
          handRun = await load(hand.server, warmup);
        },
        async () => {
          oursRun = await load(ours.server, warmup);
        },
      ];
      // Rotate the order each round so no target always runs right after another one's load.
      for (let i = 0; i < steps.length; i++) await steps[(i + round) % steps.length]?.();
      for (const [name, r] of [['raw', rawRun], ['hand-written', handRun], ['ossgraph', oursRun]] as const) {
        if (r !== undefined && r.errors + ('non2xx' in r ? r.non2xx : 0) > 0) bad.push(`${name} round ${round}: ${JSON.stringify(r)}`);
      }
      context.log(
        `  ${warmup ? 'warm-up' : `round ${round + 1}`}: raw ${rawRun.perSecond.toFixed(0)}/s, hand-written ${handRun?.perSecond.toFixed(0) ?? '—'}/s, ossgraph ${oursRun?.perSecond.toFixed(0) ?? '—'}/s`,
      );
      return {
        raw: rawRun.perSecond,
        hand: handRun?.perSecond ?? Number.NaN,
        ours: oursRun?.perSecond ?? Number.NaN,
        oursVsHand: (oursRun?.perSecond ?? Number.NaN) / (handRun?.perSecond ?? Number.NaN),
        oursVsRaw: (oursRun?.perSecond ?? Number.NaN) / rawRun.perSecond,
        handVsRaw: (handRun?.perSecond ?? Number.NaN) / rawRun.perSecond,
        handCpu: handRun?.cpuUs ?? Number.NaN,
        oursCpu: oursRun?.cpuUs ?? Number.NaN,
      };
    });
    if (bad.length > 0) context.note(`${TITLE}: errors under load: ${bad.join('; ')}`);
    const conn = `1 object, full fields, ${THROUGHPUT_CONNECTIONS} connections, ${seconds} s`;
    const rows: ResultRow[] = [];
    if (ours.server === undefined) {
      rows.push(skippedRow(TITLE, conn, `ossgraph: ${ours.error ?? '?'}`));
    } else if (hand.server !== undefined) {
      const met = result.oursVsHand.median >= 2;
      rows.push({
        scenario: TITLE,
        case: `${conn} vs hand-written`,
        subject: { summary: result.ours, unit: 'req/s' },
        baseline: { summary: result.hand, unit: 'req/s', label: 'yoga + ali-oss head()' },
        ratio: result.oursVsHand,
        detail: `server CPU ${result.oursCpu.median.toFixed(0)} µs/req vs ${result.handCpu.median.toFixed(0)}`,
        target: '≥ 2.00×',
        met,
      });
    }
    if (hand.server === undefined) rows.push(skippedRow(TITLE, `${conn} vs hand-written`, `baseline: ${hand.error ?? '?'}`));
    if (ours.server !== undefined) {
      rows.push({
        scenario: TITLE,
        case: `${conn} vs raw ceiling`,
        subject: { summary: result.ours, unit: 'req/s' },
        baseline: { summary: result.raw, unit: 'req/s', label: 'undici HEAD' },
        ratio: result.oursVsRaw,
        target: '→ 1.00× (ceiling)',
      });
    } else {
      rows.push({
        scenario: TITLE,
        case: `${conn}: raw ceiling (context)`,
        subject: { summary: result.raw, unit: 'req/s' },
        note: 'raw undici HEAD only',
      });
    }
    if (hand.server !== undefined) {
      rows.push({
        scenario: TITLE,
        case: `${conn}: hand-written vs raw (context)`,
        subject: { summary: result.hand, unit: 'req/s' },
        baseline: { summary: result.raw, unit: 'req/s', label: 'undici HEAD' },
        ratio: result.handVsRaw,
      });
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
  estimateSeconds: 50,
  run,
};
