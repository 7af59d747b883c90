/** Listening on node:http and stopping gracefully. */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A listening HTTP server. */
export interface RunningServer {
  readonly server: Server;
  /** The port actually bound (the real one when asked for port 0). */
  readonly port: number;
  /** `http://host:port` as clients on this machine reach it (IPv6 in brackets). */
  readonly origin: string;
  /**
   * Stops accepting connections, lets requests in flight finish, closes keep-alive connections as
   * they go idle, and cuts whatever is still open after `graceMs`. Resolves once every connection
   * is closed. Idempotent.
   */
  stop(graceMs: number): Promise<void>;
}

/** Options of {@link listen}. */
export interface ListenOptions {
  readonly host: string;
  readonly port: number;
}

/** How often idle keep-alive connections are swept while stopping, in milliseconds. */
const IDLE_SWEEP_MS = 50;

/** Creates an HTTP server for `listener` and resolves once it listens on `host:port`. */
export function listen(listener: (request: IncomingMessage, response: ServerResponse) => void, options: ListenOptions): Promise<RunningServer> {
  const server = createServer(listener);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      const { port } = server.address() as AddressInfo;
      const host = options.host.includes(':') ? `[${options.host}]` : options.host;
      let stopped: Promise<void> | undefined;
      resolve({
        server,
        port,
        origin: `http://${host}:${port}`,
        stop(graceMs) {
          stopped ??= stopServer(server, graceMs);
          return stopped;
        },
      });
    });
  });
}

/** See {@link RunningServer.stop}. */
function stopServer(server: Server, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    // Why the sweep: `close()` closes connections idle at that moment only; a keep-alive
    // connection whose request finishes later would otherwise hold the server open until the
    // client gives up on it.
    const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
    const force = setTimeout(() => server.closeAllConnections(), graceMs);
    server.close(() => {
      clearInterval(sweep);
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}
