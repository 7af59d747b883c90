/**
 * Scenario 5: time from process start to ready (the "listening" line) and idle RSS of the
 * production entry as operators run it (`npm run build`, then `npm run serve`'s `node --max-semi-space-size=64 dist/main.js`), against the
 * peer baseline (`bench/baselines/peer-server.ts`, a single TypeScript file, run with `node --import tsx`), both against the
 * same local-oss. Fresh processes every round. The build is made first when `dist/` is missing or
 * older than `src/`.
 */
import { ensureBuild } from '../../scripts/compiled-build.js';
import { startLocalOssProcess } from '../lib/local-oss-process.js';
import { readProcMemory } from '../lib/proc-memory.js';
import type { ResultRow } from '../lib/result.js';
import type { BenchContext, Scenario } from '../lib/scenario.js';
import type { ChildServer } from '../lib/child-server.js';
import { startPeer, startOssgraph } from '../lib/servers.js';
import { pairedRun, runRounds } from '../lib/stats.js';

const TITLE = '5 start-up';
/** How long a process sits idle before its RSS is read. */
const IDLE_MS = 1000;

async function measure(start: () => Promise<ChildServer>): Promise<{ readyMs: number; idleMiB: number }> {
  const server = await start();
  try {
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    return { readyMs: server.readyMs, idleMiB: (await readProcMemory(server.pid)).rssMiB };
  } finally {
    await server.stop();
  }
}

async function run(context: BenchContext): Promise<ResultRow[]> {
  const plan = context.quick ? { warmup: 1, rounds: 1 } : { warmup: 1, rounds: 4 };
  if (ensureBuild(context.root).built) context.log('built dist/ (npm run build) for the compiled entry');
  const store = await startLocalOssProcess(context.root, { buckets: ['bench'] });
  try {
    const result = await runRounds(plan, async (round) => {
      const [hand, ours] = await pairedRun(
        round,
        () => measure(() => startPeer(context.root, store)),
        () => measure(() => startOssgraph(context.root, store, {}, { compiled: true })),
      );
      return {
        oursReady: ours.readyMs,
        handReady: hand.readyMs,
        readyRatio: ours.readyMs / hand.readyMs,
        oursIdle: ours.idleMiB,
        handIdle: hand.idleMiB,
        idleRatio: ours.idleMiB / hand.idleMiB,
      };
    });
    const label = 'peer: yoga + DataLoader + ali-oss';
    return [
      {
        scenario: TITLE,
        case: 'process start → listening (ossgraph: as npm run serve starts it; baseline: node --import tsx)',
        subject: { summary: result.oursReady, unit: 'ms' },
        baseline: { summary: result.handReady, unit: 'ms', label },
        ratio: result.readyRatio,
      },
      {
        scenario: TITLE,
        case: `idle RSS ${IDLE_MS / 1000} s after ready`,
        subject: { summary: result.oursIdle, unit: 'MiB' },
        baseline: { summary: result.handIdle, unit: 'MiB', label },
        ratio: result.idleRatio,
      },
    ];
  } finally {
    await store.stop();
  }
}

/** Scenario 5. */
export const startupScenario: Scenario = {
  id: 'startup',
  title: TITLE,
  estimateSeconds: 20,
  run,
};
