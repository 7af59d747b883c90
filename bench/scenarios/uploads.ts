/**
 * Scenario 4: `putObject` through the API (GraphQL multipart) with 1 MiB, 16 MiB and the
 * configured maximum against a raw undici PUT of the same bytes (throughput), with the API
 * process's peak RSS; and `replaceMetadata` on a 1 GiB object (multipart copy) against the same
 * multipart copy sent raw (wall time), with the API's peak RSS and the bytes it read and wrote —
 * the object's data must not pass through it.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildServer } from '../lib/child-server.js';
import { createGraphqlHttpClient } from '../lib/graphql-http.js';
import type { GraphqlHttpClient } from '../lib/graphql-http.js';
import { putObjectMultipart, replaceMetadata } from '../lib/graphql-upload.js';
import { startLocalOssProcess } from '../lib/local-oss-process.js';
import type { LocalOssProcess } from '../lib/local-oss-process.js';
import { readProcIo, readProcMemory, resetPeakMemory } from '../lib/proc-memory.js';
import { copyOntoItself, uploadRepeated } from '../lib/raw-multipart.js';
import { createRawOss } from '../lib/raw-oss.js';
import type { RawOss } from '../lib/raw-oss.js';
import type { ResultRow } from '../lib/result.js';
import type { BenchContext, Scenario } from '../lib/scenario.js';
import { startOssgraph } from '../lib/servers.js';
import { pairedRun, runRounds, summarize, timed } from '../lib/stats.js';
import type { Summary } from '../lib/stats.js';

const TITLE = '4 uploads';
const BUCKET = 'bench';
const MIB = 1024 * 1024;
/** `OSSGRAPH_MAX_UPLOAD_BYTES` of the API in this scenario (the default is 10 MiB, below the 16 MiB case). */
export const BENCH_MAX_UPLOAD_BYTES = 64 * MIB;
const BIG_OBJECT_BYTES = 1024 * MIB;
/** The API's defaults for multipart copy (`OSSGRAPH_COPY_PART_SIZE`, `OSSGRAPH_COPY_PARALLEL`). */
const COPY_PART_BYTES = 64 * MIB;
const COPY_PARALLEL = 3;

function mib(bytes: number): string {
  return `${(bytes / MIB).toFixed(0)} MiB`;
}

/** A fresh API process for one case, so its peak RSS (VmHWM) belongs to that case alone. */
async function withFreshApi<T>(
  context: BenchContext,
  store: LocalOssProcess,
  use: (api: ChildServer, client: GraphqlHttpClient, idleMiB: number) => Promise<T>,
): Promise<{ value: T; idleMiB: number; peakMiB: number }> {
  const api = await startOssgraph(context.root, store, { OSSGRAPH_MAX_UPLOAD_BYTES: String(BENCH_MAX_UPLOAD_BYTES) });
  const client = createGraphqlHttpClient(api.url, 1);
  try {
    await new Promise((resolve) => setTimeout(resolve, 300));
    const idleMiB = (await readProcMemory(api.pid)).rssMiB;
    // Why: VmHWM counts from process start; start-up peaks are not the upload's.
    await resetPeakMemory(api.pid);
    const value = await use(api, client, idleMiB);
    const peakMiB = (await readProcMemory(api.pid)).hwmMiB;
    return { value, idleMiB, peakMiB };
  } finally {
    await client.close();
    await api.stop();
  }
}

/** A one-sample summary, for figures measured once per case (a peak over all its rounds). */
function once(value: number): Summary {
  return summarize([value]);
}

async function uploadRows(context: BenchContext, store: LocalOssProcess, raw: RawOss, size: number): Promise<ResultRow[]> {
  const plan = context.quick ? { warmup: 0, rounds: 1 } : { warmup: 1, rounds: size >= 32 * MIB ? 3 : 5 };
  const body = randomBytes(size);
  const ref = { bucket: BUCKET, key: `upload/${size}` };
  const { value: result, idleMiB, peakMiB } = await withFreshApi(context, store, (_api, client) =>
    runRounds(plan, async (round) => {
      const direct = (): Promise<{ ms: number }> => timed(() => raw.put({ ...ref, key: `${ref.key}-raw` }, body, size));
      const ours = (): Promise<{ ms: number }> => timed(() => putObjectMultipart(client, ref.bucket, ref.key, body));
      const [rawRun, oursRun] = await pairedRun(round, direct, ours);
      const rawMiBs = size / MIB / (rawRun.ms / 1000);
      const oursMiBs = size / MIB / (oursRun.ms / 1000);
      return { raw: rawMiBs, ours: oursMiBs, ratio: oursMiBs / rawMiBs };
    }),
  );
  const limit = size === BENCH_MAX_UPLOAD_BYTES ? ' (configured maximum)' : '';
  return [
    {
      scenario: TITLE,
      case: `putObject ${mib(size)}${limit}: throughput`,
      subject: { summary: result.ours, unit: 'MiB/s' },
      baseline: { summary: result.raw, unit: 'MiB/s', label: 'undici PUT of the same bytes' },
      ratio: result.ratio,
    },
    {
      scenario: TITLE,
      case: `putObject ${mib(size)}${limit}: API peak RSS`,
      subject: { summary: once(peakMiB), unit: 'MiB' },
      baseline: { summary: once(idleMiB), unit: 'MiB', label: 'same process idle' },
      ratio: once(peakMiB / idleMiB),
      detail: `+${(peakMiB - idleMiB).toFixed(0)} MiB = ${((peakMiB - idleMiB) / (size / MIB)).toFixed(1)}× the body`,
    },
  ];
}

async function replaceMetadataRows(context: BenchContext, store: LocalOssProcess, raw: RawOss): Promise<ResultRow[]> {
  const ref = { bucket: BUCKET, key: 'big/object' };
  const created = await timed(() => uploadRepeated(raw, ref, randomBytes(COPY_PART_BYTES), BIG_OBJECT_BYTES / COPY_PART_BYTES, 4));
  context.log(`  created the 1 GiB object in ${(created.ms / 1000).toFixed(1)} s`);
  const plan = context.quick ? { warmup: 0, rounds: 1 } : { warmup: 1, rounds: 2 };
  let ioBytesMax = 0;
  const { value: result, idleMiB, peakMiB } = await withFreshApi(context, store, (api, client) =>
    runRounds(plan, async (round, warmup) => {
      const direct = (): Promise<{ ms: number }> =>
        timed(() =>
          copyOntoItself(raw, ref, BIG_OBJECT_BYTES, COPY_PART_BYTES, COPY_PARALLEL, {
            'x-oss-metadata-directive': 'REPLACE',
            'x-oss-meta-round': `raw-${round}`,
            'content-type': 'application/octet-stream',
          }),
        );
      const ours = async (): Promise<{ ms: number }> => {
        const ioBefore = await readProcIo(api.pid);
        const run = await timed(() => replaceMetadata(client, ref.bucket, ref.key, [{ key: 'round', value: `api-${round}` }]));
        const ioAfter = await readProcIo(api.pid);
        ioBytesMax = Math.max(ioBytesMax, ioAfter.readBytes - ioBefore.readBytes + (ioAfter.writtenBytes - ioBefore.writtenBytes));
        return run;
      };
      const [rawRun, oursRun] = await pairedRun(round, direct, ours);
      context.log(`  replaceMetadata ${warmup ? 'warm-up' : `round ${round + 1}`}: raw ${(rawRun.ms / 1000).toFixed(1)} s, API ${(oursRun.ms / 1000).toFixed(1)} s`);
      return { raw: rawRun.ms / 1000, ours: oursRun.ms / 1000, ratio: oursRun.ms / rawRun.ms };
    }),
  );
  const ioShare = ioBytesMax / BIG_OBJECT_BYTES;
  return [
    {
      scenario: TITLE,
      case: 'replaceMetadata 1 GiB (multipart copy): wall time',
      subject: { summary: result.ours, unit: 's' },
      baseline: { summary: result.raw, unit: 's', label: `raw multipart copy, ${mib(COPY_PART_BYTES)} parts × ${COPY_PARALLEL}` },
      ratio: result.ratio,
    },
    {
      scenario: TITLE,
      case: 'replaceMetadata 1 GiB: API peak RSS; bytes through the API',
      subject: { summary: once(peakMiB), unit: 'MiB' },
      baseline: { summary: once(idleMiB), unit: 'MiB', label: 'same process idle' },
      ratio: once(peakMiB / idleMiB),
      detail: `API socket+file I/O ≤ ${(ioBytesMax / 1024).toFixed(0)} KiB per call = ${(ioShare * 100).toFixed(4)} % of the object`,
      target: 'I/O < 1 % of object',
      met: ioShare < 0.01,
    },
  ];
}

async function run(context: BenchContext): Promise<ResultRow[]> {
  const fileBackend = existsSync(join(context.root, 'src', 'local-oss', 'backend', 'file-backend.ts'));
  const dataDir = fileBackend ? await mkdtemp(join(tmpdir(), 'ossgraph-bench-')) : undefined;
  context.note(`4 uploads: local-oss ${dataDir === undefined ? 'memory backend (no file backend yet)' : 'file backend in a temporary directory'}; API with OSSGRAPH_MAX_UPLOAD_BYTES=${mib(BENCH_MAX_UPLOAD_BYTES)}.`);
  let store: LocalOssProcess | undefined;
  let raw: RawOss | undefined;
  try {
    store = await startLocalOssProcess(context.root, { buckets: [BUCKET], ...(dataDir !== undefined ? { dataDir } : {}) });
    raw = createRawOss(store, 8);
    const rows: ResultRow[] = [];
    for (const size of [1 * MIB, 16 * MIB, BENCH_MAX_UPLOAD_BYTES]) {
      rows.push(...(await uploadRows(context, store, raw, size)));
      context.log(`  putObject ${mib(size)} done`);
    }
    rows.push(...(await replaceMetadataRows(context, store, raw)));
    return rows;
  } finally {
    await raw?.close();
    await store?.stop();
    if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
  }
}

/** Scenario 4. */
export const uploadsScenario: Scenario = {
  id: 'uploads',
  title: TITLE,
  estimateSeconds: 60,
  run,
};
