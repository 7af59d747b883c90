/**
 * ossgraph's production entry (`src/main.ts`, as `npm run serve` runs it) in a child process, so a
 * test can measure the memory of the process that serves the API and nothing else (Linux `/proc`).
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A running API process. */
export interface ApiProcess {
  readonly pid: number;
  /** `http://127.0.0.1:PORT`. */
  readonly origin: string;
  /** Resident set size now, in bytes. */
  rss(): number;
  /** Sets the peak RSS to the current RSS (`/proc/PID/clear_refs` ← 5). */
  resetPeak(): void;
  /** Peak RSS since start or the last {@link ApiProcess.resetPeak}, in bytes. */
  peak(): number;
  /** SIGTERM, then SIGKILL after 10 s; resolves when the process is gone. */
  stop(): Promise<void>;
}

function statusField(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (match === null) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(match[1]) * 1024;
}

/**
 * Starts `src/main.ts` under tsx on 127.0.0.1 port 0 with `env` (plus PATH/HOME of this process)
 * and resolves once it prints its "listening" line; rejects if it exits first or takes over 60 s.
 */
export async function startApiProcess(env: Readonly<Record<string, string>>): Promise<ApiProcess> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(OSS_|OSSGRAPH_|PORT$|HOST$|NODE_OPTIONS$)/.test(name)));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { ...base, PORT: '0', HOST: '127.0.0.1', OSSGRAPH_LOG_LEVEL: 'error', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const origin = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`API process did not start in 60 s: ${stderr}`)), 60_000);
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const match = /listening on (http:\/\/[^\s/]+)/.exec(stdout);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`API process exited before listening: ${stderr}`));
    });
  });
  const pid = child.pid as number;
  return {
    pid,
    origin,
    rss: () => statusField(pid, 'VmRSS'),
    resetPeak: () => writeFileSync(`/proc/${pid}/clear_refs`, '5'),
    peak: () => statusField(pid, 'VmHWM'),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(kill);
    },
  };
}
