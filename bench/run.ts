/**
 * `npm run bench`: runs every scenario on loopback against local-oss within a total time budget,
 * prints one table and records it in `bench/RESULTS.md`.
 *
 * Flags: `--only=id,id`, `--cases=1,4` (scenario 3: only those of its four cases) (requests, latency, throughput, uploads, startup, edits), `--quick` (fewer rounds,
 * shorter loads; for checking the harness), `--no-write` (do not touch RESULTS.md),
 * `--budget=SECONDS` (default 330), `--profile` (every ossgraph process runs with `--cpu-prof`; the
 * profiles land in `bench/profiles/`, open them in Chrome DevTools or summarise them with
 * `npx tsx bench/profile-summary.ts <file>`).
 */
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeMachine, formatMachine } from './lib/machine.js';
import type { ResultRow } from './lib/result.js';
import { skippedRow } from './lib/result.js';
import { writeResultsFile } from './lib/results-file.js';
import type { BenchContext, Scenario } from './lib/scenario.js';
import { secondsLeft } from './lib/scenario.js';
import { setOssgraphNodeFlags } from './lib/servers.js';
import { renderTextTable } from './lib/table.js';
import { editsScenario } from './scenarios/edits.js';
import { latencyScenario } from './scenarios/latency.js';
import { requestsScenario } from './scenarios/requests.js';
import { startupScenario } from './scenarios/startup.js';
import { throughputScenario } from './scenarios/throughput.js';
import { uploadsScenario } from './scenarios/uploads.js';

const SCENARIOS: readonly Scenario[] = [
  requestsScenario,
  latencyScenario,
  throughputScenario,
  uploadsScenario,
  startupScenario,
  editsScenario,
];

function flag(name: string): string | undefined {
  const prefix = `--${name}=`;
  const hit = process.argv.slice(2).find((a) => a === `--${name}` || a.startsWith(prefix));
  if (hit === undefined) return undefined;
  return hit.startsWith(prefix) ? hit.slice(prefix.length) : '';
}

async function main(): Promise<void> {
  const started = new Date();
  const t0 = performance.now();
  const budgetSeconds = Number(flag('budget') ?? 330);
  const only = flag('only')?.split(',').filter((s) => s !== '');
  const notes: string[] = [];
  const context: BenchContext = {
    root: resolve(dirname(fileURLToPath(import.meta.url)), '..'),
    quick: flag('quick') !== undefined,
    deadline: t0 + budgetSeconds * 1000,
    log: (message) => process.stderr.write(`[bench ${((performance.now() - t0) / 1000).toFixed(0).padStart(3)}s] ${message}\n`),
    note: (message) => notes.push(message),
  };
  if (flag('profile') !== undefined) {
    const dir = join(context.root, 'bench', 'profiles');
    setOssgraphNodeFlags(['--cpu-prof', '--cpu-prof-dir', dir]);
    context.log(`ossgraph processes write CPU profiles to ${dir}`);
  }
  const machine = describeMachine(started);
  context.log(formatMachine(machine));

  const rows: ResultRow[] = [];
  for (const scenario of SCENARIOS) {
    if (only !== undefined && !only.includes(scenario.id)) continue;
    if (secondsLeft(context) < scenario.estimateSeconds) {
      rows.push(skippedRow(scenario.title, '—', `time budget: ${secondsLeft(context).toFixed(0)} s left, needs ~${scenario.estimateSeconds} s`));
      continue;
    }
    context.log(`${scenario.title} …`);
    const s0 = performance.now();
    try {
      rows.push(...(await scenario.run(context)));
    } catch (error) {
      const message = error instanceof Error ? error.message.split('\n')[0] ?? error.message : String(error);
      context.log(`${scenario.title} failed: ${error instanceof Error ? (error.stack ?? message) : message}`);
      rows.push(skippedRow(scenario.title, '—', `failed: ${message}`));
    }
    context.log(`${scenario.title} done in ${((performance.now() - s0) / 1000).toFixed(1)} s`);
  }

  const wallSeconds = (performance.now() - t0) / 1000;
  const loadAtEnd = os.loadavg()[0] ?? Number.NaN;
  notes.push(`load average at the end of the run ${loadAtEnd.toFixed(2)} (1 min)`);
  process.stdout.write(`\n${formatMachine(machine)} · ${wallSeconds.toFixed(0)} s\n\n${renderTextTable(rows)}\n`);
  for (const n of notes) process.stdout.write(`- ${n}\n`);
  const partial = only !== undefined || context.quick || flag('profile') !== undefined;
  if (flag('no-write') === undefined && !partial) {
    const path = join(context.root, 'bench', 'RESULTS.md');
    await writeResultsFile(path, { machine, rows, wallSeconds, notes });
    context.log(`wrote ${path}`);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
