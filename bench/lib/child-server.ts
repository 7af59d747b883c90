/**
 * Runs a server entry as its own Node process (`node --import tsx <entry>` for TypeScript, plain
 * `node <entry>` for compiled JavaScript; one process,
 * so its pid is the server's and `/proc/<pid>` is its memory alone) and waits for the line that says
 * it is listening.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { elapsedMs } from './stats.js';

/** How to start a server process. */
export interface ChildServerOptions {
  /** Name used in error messages. */
  readonly name: string;
  /** Path of the entry (`.ts`: run through tsx; `.js`: plain node), relative to `cwd` or absolute. */
  readonly entry: string;
  readonly args?: readonly string[];
  /** Added to the inherited environment. */
  readonly env?: Readonly<Record<string, string>>;
  /** Matches the ready line; its first capture group is the server's URL. */
  readonly ready: RegExp;
  readonly cwd?: string;
  /** Give up after this long; default 30 s. */
  readonly timeoutMs?: number;
  /** Extra `node` flags (e.g. `--cpu-prof`), placed before `--import tsx`. */
  readonly nodeFlags?: readonly string[];
  /** Open an IPC channel so {@link ChildServer.call} works (the child answers `{ id, … }`). */
  readonly ipc?: boolean;
}

/** A running server process. */
export interface ChildServer {
  readonly pid: number;
  /** The URL captured from the ready line. */
  readonly url: string;
  /** From spawn to the ready line, in milliseconds. */
  readonly readyMs: number;
  /** The last lines of stdout and stderr, for error messages. */
  readonly output: () => string;
  /** Sends `{ id, type }` over IPC and resolves with the child's reply carrying the same id. */
  call(type: string): Promise<unknown>;
  /** Sends SIGTERM and waits for exit (SIGKILL after 5 s). Idempotent. */
  stop(): Promise<void>;
}

/** Starts the server and resolves once its ready line appears; rejects if it exits or times out. */
export async function startChildServer(options: ChildServerOptions): Promise<ChildServer> {
  const start = process.hrtime.bigint();
  const child: ChildProcess = spawn(
    process.execPath,
    [...(options.nodeFlags ?? []), ...(options.entry.endsWith('.ts') ? ['--import', 'tsx'] : []), options.entry, ...(options.args ?? [])],
    {
      cwd: options.cwd ?? process.cwd(),
      env: { ...process.env, ...options.env },
      stdio: options.ipc === true ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
    },
  );
  const tail: string[] = [];
  const remember = (line: string): void => {
    tail.push(line);
    if (tail.length > 40) tail.shift();
  };
  const output = (): string => tail.join('\n');
  if (child.stderr) createInterface({ input: child.stderr }).on('line', remember);

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${options.name} not ready after ${options.timeoutMs ?? 30_000} ms:\n${output()}`));
    }, options.timeoutMs ?? 30_000);
    const onExit = (code: number | null): void => {
      clearTimeout(timer);
      reject(new Error(`${options.name} exited (${code}) before it was ready:\n${output()}`));
    };
    child.once('exit', onExit);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    if (child.stdout === null) throw new Error('no stdout');
    createInterface({ input: child.stdout }).on('line', (line) => {
      remember(line);
      const match = options.ready.exec(line);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        child.off('exit', onExit);
        resolve(match[1]);
      }
    });
  });
  const readyMs = elapsedMs(start);
  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(kill);
    })();
    return stopped;
  };
  let nextId = 0;
  const call = (type: string): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const id = ++nextId;
      const onMessage = (message: unknown): void => {
        if ((message as { id?: number }).id !== id) return;
        child.off('message', onMessage);
        resolve(message);
      };
      child.on('message', onMessage);
      child.send({ id, type }, (error) => {
        if (error) reject(error);
      });
    });
  if (child.pid === undefined) throw new Error(`${options.name} has no pid`);
  return { pid: child.pid, url, readyMs, output, call, stop };
}
