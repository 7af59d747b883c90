/**
 * An ossgraph replica as its own process: the production entry (`src/main.ts`) under tsx, on a
 * free loopback port, with the given environment; stopped with SIGTERM.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const LISTENING = /ossgraph listening on (http:\/\/\S+)\/graphql/;

/** A running replica. */
export interface OssgraphProcess {
  readonly child: ChildProcess;
  /** `http://127.0.0.1:<port>`. */
  readonly origin: string;
  /** Everything it printed so far. */
  output(): string;
  /** SIGTERM, then SIGKILL after 10 s; resolves when it exited. Idempotent. */
  stop(): Promise<void>;
}

/** The parent's environment without OSS or ossgraph settings, plus `extra`. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(OSS_|OSSGRAPH_|PORT$|HOST$)/.test(name)));
  // Why OSSGRAPH_AUTH=none: `serve` refuses to start without an explicit auth choice; these
  // processes test edit coordination, not access control.
  return { ...env, HOST: '127.0.0.1', PORT: '0', OSSGRAPH_AUTH: 'none', ...extra };
}

/** Starts `src/main.ts` with `env` and resolves once it prints its listening line (30 s at most). */
export function startOssgraphProcess(env: Record<string, string>): Promise<OssgraphProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: ROOT, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.kill('SIGTERM');
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`ossgraph printed no listening line within 30 s:\n${output}`));
    }, 30_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      const match = LISTENING.exec(output);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve({ child, origin: match[1], output: () => output, stop });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`ossgraph exited with ${String(code)} before listening:\n${output}`));
    });
  });
}
