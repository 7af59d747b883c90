/** Runs an app on node:http until SIGINT/SIGTERM, then shuts it down in order. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listen } from './http-server.js';
import type { RunningServer } from './http-server.js';
import type { Logger } from './logger.js';
import type { Readiness } from './readiness.js';

/** The part of `process` {@link serve} uses (injected so tests need no real signals). */
export interface ProcessLike {
  once(event: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
  exit(code: number): never | void;
}

/** Options of {@link serve}. */
export interface ServeOptions {
  readonly listener: (request: IncomingMessage, response: ServerResponse) => void;
  readonly host: string;
  readonly port: number;
  /** Path printed after the origin in the "listening" line. */
  readonly path: string;
  readonly readiness: Readiness;
  /** How long requests in flight may finish after a signal before connections are cut. */
  readonly shutdownTimeoutMs: number;
  /** Releases everything behind the listener (the app, an embedded store); runs after the server closed. */
  readonly close: () => Promise<void>;
  readonly logger: Logger;
  /** Receives the human-readable lines (the "listening" line); default `console.log`. */
  readonly print?: (line: string) => void;
  readonly process: ProcessLike;
}

/**
 * Listens, prints `ossgraph listening on http://HOST:PORT<path>`, and on the first SIGINT or
 * SIGTERM: readiness fails, the server stops accepting and drains (cutting what is left after
 * `shutdownTimeoutMs`), `close()` runs, and the process exits 0 (1 if anything failed). A second
 * signal exits 1 at once.
 */
export async function serve(options: ServeOptions): Promise<RunningServer> {
  const print = options.print ?? ((line: string) => console.log(line));
  const running = await listen(options.listener, { host: options.host, port: options.port });
  let stopping = false;
  const onSignal = (signal: 'SIGINT' | 'SIGTERM') => (): void => {
    if (stopping) {
      options.logger.warn('second signal: exiting now', { signal });
      options.process.exit(1);
      return;
    }
    stopping = true;
    // Why re-arm: `once` handlers are gone after the first call; without this a second signal
    // would hit Node's default handler, which exits without the log line above.
    options.process.once('SIGINT', onSignal('SIGINT'));
    options.process.once('SIGTERM', onSignal('SIGTERM'));
    options.logger.info('shutting down', { signal, graceMs: options.shutdownTimeoutMs });
    options.readiness.drain();
    void running
      .stop(options.shutdownTimeoutMs)
      .then(options.close)
      .then(
        () => {
          options.logger.info('stopped');
          options.process.exit(0);
        },
        (error: unknown) => {
          options.logger.error('shutdown failed', { error: error instanceof Error ? error : new Error(String(error)) });
          options.process.exit(1);
        },
      );
  };
  options.process.once('SIGINT', onSignal('SIGINT'));
  options.process.once('SIGTERM', onSignal('SIGTERM'));
  // Why last: whoever waits for this line may signal at once; the handlers must already be there.
  print(`ossgraph listening on ${running.origin}${options.path}`);
  return running;
}
