/**
 * Runs a crash-test worker (a TypeScript file printing one line per step it starts) and SIGKILLs
 * it at a chosen moment: `delayMs` after the `occurrence`-th line starting with `step`.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** When to kill the worker. */
export interface KillMoment {
  readonly step: string;
  readonly occurrence: number;
  readonly delayMs: number;
}

/** What the worker printed before it died: its complete lines, and an unfinished last one (or `''`). */
export interface KilledWorkerOutput {
  readonly lines: string[];
  readonly partial: string;
}

/**
 * Starts `worker` with `args` under tsx, kills it at `moment` (or after `timeoutMs` at the latest)
 * and resolves what it printed. Fails the test when the worker ended by itself.
 */
export async function runUntilKilled(worker: string, args: readonly string[], moment: KillMoment, timeoutMs: number): Promise<KilledWorkerOutput> {
  const child = spawn(process.execPath, ['--import', 'tsx', worker, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let stderr = '';
  let seen = 0;
  let pending = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const killer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout.on('data', (d: Buffer) => {
    pending += d.toString();
    const complete = pending.split('\n');
    pending = complete.pop() ?? '';
    for (const line of complete) {
      lines.push(line);
      if (line.startsWith(`${moment.step} `) && ++seen === moment.occurrence) setTimeout(() => child.kill('SIGKILL'), moment.delayMs);
    }
  });
  await exited;
  clearTimeout(killer);
  expect(child.signalCode, `worker was not killed by us; stderr: ${stderr}`).toBe('SIGKILL');
  return { lines, partial: pending };
}
