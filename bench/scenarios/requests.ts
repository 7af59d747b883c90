/**
 * Scenario 1: store requests per query, by kind, counted at local-oss. For N = 1, 10, 100, 1000
 * distinct objects with basic-only and full selections, listing-only selections, and the same
 * objects asked twice through aliases and a fragment. Target: the physical minimum — N
 * GetObjectMeta (basic), N HeadObject (full), one ListObjectsV2 page and nothing else (listing).
 */
import type { ChildServer } from '../lib/child-server.js';
import { assertNoErrors, createGraphqlHttpClient } from '../lib/graphql-http.js';
import type { GraphqlHttpClient } from '../lib/graphql-http.js';
import type { LocalOssProcess } from '../lib/local-oss-process.js';
import { startLocalOssProcess } from '../lib/local-oss-process.js';
import { duplicatedObjectsQuery, listingQuery, objectsQuery } from '../lib/queries.js';
import { createRawOss } from '../lib/raw-oss.js';
import type { Ref } from '../lib/raw-oss.js';
import type { ResultRow } from '../lib/result.js';
import type { BenchContext, Scenario } from '../lib/scenario.js';
import { makeRefs, seedObjects } from '../lib/seed.js';
import { startOssgraph } from '../lib/servers.js';
import { runRounds } from '../lib/stats.js';

const TITLE = '1 requests/query';
const BUCKET = 'bench';
const PREFIX = 'obj/';
const SIZES = [1, 10, 100, 1000] as const;

/** A case: the query, and the only operation and count the store may see. */
interface CountCase {
  readonly name: string;
  readonly query: string;
  readonly variables: Record<string, unknown>;
  /** How many objects the response must hold (all non-null). */
  readonly objects: number;
  readonly expectedOperation: string;
  readonly expectedCount: number;
  readonly pick: (data: Record<string, unknown>) => unknown[];
}

function refsOf(refs: readonly Ref[]): Array<{ bucket: string; key: string }> {
  return refs.map((r) => ({ bucket: r.bucket, key: r.key }));
}

function cases(refs: readonly Ref[]): CountCase[] {
  const out: CountCase[] = [];
  for (const n of SIZES) {
    const some = refsOf(refs.slice(0, n));
    for (const selection of ['basic', 'full'] as const) {
      out.push({
        name: `N=${n} ${selection}`,
        query: objectsQuery(selection),
        variables: { refs: some },
        objects: n,
        expectedOperation: selection === 'full' ? 'HeadObject' : 'GetObjectMeta',
        expectedCount: n,
        pick: (data) => data['objects'] as unknown[],
      });
    }
    out.push({
      name: `N=${n} listing only`,
      query: listingQuery(),
      variables: { bucket: BUCKET, prefix: PREFIX, first: n },
      objects: n,
      expectedOperation: 'ListObjectsV2',
      expectedCount: Math.ceil(n / 1000),
      pick: (data) => ((data['bucket'] as { objects: { nodes: unknown[] } }).objects.nodes),
    });
  }
  const some = refsOf(refs.slice(0, 100));
  out.push({
    name: 'N=100 full, asked twice (aliases + fragment)',
    query: duplicatedObjectsQuery(),
    variables: { refs: some },
    objects: 100,
    expectedOperation: 'HeadObject',
    expectedCount: 100,
    pick: (data) => [...(data['a'] as unknown[]), ...(data['b'] as unknown[])].slice(0, 100),
  });
  return out;
}

async function measureCase(client: GraphqlHttpClient, store: LocalOssProcess, c: CountCase): Promise<Record<string, number>> {
  await store.reset();
  const data = assertNoErrors(await client.post(c.query, c.variables), c.name);
  const objects = c.pick(data);
  if (objects.length !== c.objects || objects.some((o) => o === null)) {
    throw new Error(`${c.name}: expected ${c.objects} objects, got ${objects.length} (${objects.filter((o) => o === null).length} null)`);
  }
  return store.counts();
}

function kinds(counts: Record<string, number>): string {
  const entries = Object.entries(counts).filter(([, v]) => v > 0);
  return entries.length === 0 ? 'none' : entries.map(([k, v]) => `${k} ${v}`).join(', ');
}

async function run(context: BenchContext): Promise<ResultRow[]> {
  const plan = context.quick ? { warmup: 0, rounds: 1 } : { warmup: 1, rounds: 3 };
  const store = await startLocalOssProcess(context.root, { buckets: [BUCKET] });
  const raw = createRawOss(store, 32);
  let api: ChildServer | undefined;
  let client: GraphqlHttpClient | undefined;
  try {
    const refs = makeRefs(BUCKET, PREFIX, 1000);
    await seedObjects(raw, refs);
    api = await startOssgraph(context.root, store, { OSSGRAPH_MAX_REFS: '1000' });
    client = createGraphqlHttpClient(api.url, 1);
    const rows: ResultRow[] = [];
    for (const c of cases(refs)) {
      const seen: Array<Record<string, number>> = [];
      const result = await runRounds(plan, async (_round, warmup) => {
        const counts = await measureCase(client as GraphqlHttpClient, store, c);
        if (!warmup) seen.push(counts);
        const total = Object.values(counts).reduce((a, b) => a + b, 0);
        return { total, ratio: total / c.expectedCount };
      });
      const exact = seen.every(
        (counts) => Object.entries(counts).every(([op, v]) => v === 0 || op === c.expectedOperation) &&
          (counts[c.expectedOperation] ?? 0) === c.expectedCount,
      );
      const distinct = [...new Set(seen.map(kinds))];
      rows.push({
        scenario: TITLE,
        case: c.name,
        subject: { summary: result.total, unit: 'req' },
        detail: distinct.join(' | '),
        baseline: { summary: { n: 1, median: c.expectedCount, min: c.expectedCount, max: c.expectedCount, q1: c.expectedCount, q3: c.expectedCount }, unit: 'req', label: 'physical minimum' },
        ratio: result.ratio,
        target: `= ${c.expectedCount} ${c.expectedOperation}`,
        met: exact,
      });
      context.log(`  ${c.name}: ${distinct.join(' | ')}${exact ? '' : '  ← not the minimum'}`);
    }
    return rows;
  } finally {
    await client?.close();
    await api?.stop();
    await raw.close();
    await store.stop();
  }
}

/** Scenario 1. */
export const requestsScenario: Scenario = {
  id: 'requests',
  title: TITLE,
  estimateSeconds: 20,
  run,
};
