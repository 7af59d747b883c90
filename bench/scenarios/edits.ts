/**
 * Scenario 6: a burst of 20 `updateMetadata` merges (each setting a different key) on one object,
 * against the same 20 edits sent one after the other. The burst is serialized per object and
 * group-committed by the edit coordinator, so it should cost a few copies and far less time;
 * every merge must succeed and be present afterwards. Copies are counted at local-oss.
 */
import type { ChildServer } from '../lib/child-server.js';
import { createGraphqlHttpClient } from '../lib/graphql-http.js';
import type { GraphqlHttpClient, GraphqlResponse } from '../lib/graphql-http.js';
import { startLocalOssProcess } from '../lib/local-oss-process.js';
import type { LocalOssProcess } from '../lib/local-oss-process.js';
import { createRawOss } from '../lib/raw-oss.js';
import type { RawOss, Ref } from '../lib/raw-oss.js';
import type { ResultRow } from '../lib/result.js';
import type { BenchContext, Scenario } from '../lib/scenario.js';
import { startOssgraph } from '../lib/servers.js';
import { pairedRun, runRounds, timed } from '../lib/stats.js';

const TITLE = '6 concurrent edits';
const BUCKET = 'bench';
const EDITS = 20;
const BODY_BYTES = 64 * 1024;

const UPDATE = `mutation Update($input: UpdateMetadataInput!) {
  updateMetadata(input: $input) { __typename ... on Error { code } }
}`;

const HEAD = `query Head($bucket: String!, $key: String!) { object(bucket: $bucket, key: $key) { metadata { key value } } }`;

/** One run's outcome. */
interface EditRun {
  readonly ms: number;
  readonly copies: number;
  readonly successes: number;
  /** Successes whose key is not on the object afterwards (must be 0). */
  readonly lost: number;
}

async function seed(raw: RawOss, ref: Ref): Promise<void> {
  await raw.put(ref, Buffer.alloc(BODY_BYTES, 7), BODY_BYTES, { 'content-type': 'image/png', 'cache-control': 'max-age=60', 'x-oss-meta-base': 'kept' });
}

/** Sends the 20 merges (all at once, or one after the other) and checks them against the object. */
async function edits(client: GraphqlHttpClient, store: LocalOssProcess, ref: Ref, concurrent: boolean): Promise<EditRun> {
  await store.reset();
  const send = (i: number): Promise<GraphqlResponse> =>
    client.post(UPDATE, { input: { bucket: ref.bucket, key: ref.key, set: [{ key: `edit-${i}`, value: `v${i}` }] } });
  const run = await timed(async () => {
    if (concurrent) return Promise.all(Array.from({ length: EDITS }, (_, i) => send(i)));
    const out: GraphqlResponse[] = [];
    for (let i = 0; i < EDITS; i++) out.push(await send(i));
    return out;
  });
  const counts = await store.counts();
  const after = await client.post(HEAD, { bucket: ref.bucket, key: ref.key });
  const metadata = new Map(((after.data?.['object'] as { metadata: Array<{ key: string; value: string }> } | null)?.metadata ?? []).map((e) => [e.key, e.value]));
  let successes = 0;
  let lost = 0;
  for (const [i, response] of run.value.entries()) {
    const typename = (response.data?.['updateMetadata'] as { __typename?: string } | undefined)?.__typename;
    if (typename !== 'UpdateMetadataSuccess') continue;
    successes++;
    if (metadata.get(`edit-${i}`) !== `v${i}`) lost++;
  }
  return { ms: run.ms, copies: (counts['CopyObject'] ?? 0) + (counts['CompleteMultipartUpload'] ?? 0), successes, lost };
}

async function run(context: BenchContext): Promise<ResultRow[]> {
  const plan = context.quick ? { warmup: 0, rounds: 1 } : { warmup: 0, rounds: 2 };
  const store = await startLocalOssProcess(context.root, { buckets: [BUCKET] });
  const raw = createRawOss(store, 4);
  let api: ChildServer | undefined;
  let client: GraphqlHttpClient | undefined;
  try {
    api = await startOssgraph(context.root, store);
    client = createGraphqlHttpClient(api.url, EDITS);
    const worst = { burstSuccesses: EDITS, lost: 0, burstCopies: 0, sequentialCopies: 0 };
    const result = await runRounds(plan, async (round) => {
      const burstRef = { bucket: BUCKET, key: `burst/${round}` };
      const sequentialRef = { bucket: BUCKET, key: `sequential/${round}` };
      await seed(raw, burstRef);
      await seed(raw, sequentialRef);
      const [sequential, burst] = await pairedRun(
        round,
        () => edits(client as GraphqlHttpClient, store, sequentialRef, false),
        () => edits(client as GraphqlHttpClient, store, burstRef, true),
      );
      worst.burstSuccesses = Math.min(worst.burstSuccesses, burst.successes);
      worst.lost = Math.max(worst.lost, burst.lost, sequential.lost);
      worst.burstCopies = Math.max(worst.burstCopies, burst.copies);
      worst.sequentialCopies = Math.max(worst.sequentialCopies, sequential.copies);
      context.log(
        `  round ${round + 1}: burst ${burst.successes}/${EDITS} ok, ${burst.copies} copies, ${(burst.ms / 1000).toFixed(2)} s; ` +
          `sequential ${sequential.successes}/${EDITS} ok, ${sequential.copies} copies, ${(sequential.ms / 1000).toFixed(2)} s`,
      );
      return { burstMs: burst.ms / 1000, sequentialMs: sequential.ms / 1000, ratio: burst.ms / sequential.ms, burstCopies: burst.copies, sequentialCopies: sequential.copies };
    });
    const ok = worst.burstSuccesses === EDITS && worst.lost === 0;
    return [
      {
        scenario: TITLE,
        case: `burst of ${EDITS} merges on one object: wall time`,
        subject: { summary: result.burstMs, unit: 's' },
        baseline: { summary: result.sequentialMs, unit: 's', label: `${EDITS} sequential edits` },
        ratio: result.ratio,
        detail: `${worst.burstSuccesses}/${EDITS} succeeded, ${worst.lost} lost`,
        target: `${EDITS}/${EDITS} succeed, none lost`,
        met: ok,
      },
      {
        scenario: TITLE,
        case: `burst of ${EDITS} merges on one object: copies sent`,
        subject: { summary: result.burstCopies, unit: 'req' },
        baseline: { summary: result.sequentialCopies, unit: 'req', label: `${EDITS} sequential edits` },
        target: `≤ ${EDITS / 4} copies`,
        met: worst.burstCopies <= EDITS / 4,
      },
    ];
  } finally {
    await client?.close();
    await api?.stop();
    await raw.close();
    await store.stop();
  }
}

/** Scenario 6. */
export const editsScenario: Scenario = {
  id: 'edits',
  title: TITLE,
  estimateSeconds: 70,
  run,
};
