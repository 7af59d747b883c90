/** Serving a Prometheus registry: as a Yoga plugin on the API port, or as its own HTTP listener. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Plugin } from 'graphql-yoga';
import type { Registry } from 'prom-client';
import { listen } from './http-server.js';

/** Path of the metrics endpoint. */
export const METRICS_PATH = '/metrics';

/**
 * Answers `GET /metrics` with the Prometheus text of `registry` (other methods: 405). Register it
 * before the request log, like the probes: a scrape every few seconds would drown the log.
 */
export function useMetricsEndpoint(registry: Registry): Plugin {
  return {
    async onRequest({ url, request, fetchAPI, endResponse }) {
      if (url.pathname !== METRICS_PATH) return;
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        endResponse(new fetchAPI.Response(null, { status: 405, headers: { allow: 'GET, HEAD' } }));
        return;
      }
      const body = await registry.metrics();
      endResponse(new fetchAPI.Response(request.method === 'HEAD' ? null : body, { headers: { 'content-type': registry.contentType } }));
    },
  };
}

/** A `node:http` listener serving `registry` at {@link METRICS_PATH} (everything else: 404), for a port of its own. */
export function metricsListener(registry: Registry): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (pathname !== METRICS_PATH) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    registry.metrics().then(
      (body) => response.writeHead(200, { 'content-type': registry.contentType }).end(request.method === 'HEAD' ? undefined : body),
      () => response.writeHead(500, { 'content-type': 'text/plain' }).end('metrics unavailable\n'),
    );
  };
}

/** The metrics server of an entry, when metrics have a port of their own. */
export interface MetricsServer {
  readonly origin: string;
  stop(): Promise<void>;
}

/**
 * Listens with `listener` (an app's `metricsListener`) on `host:port` and prints where; resolves
 * `undefined` when there is no listener (metrics off, or served on the API port).
 */
export async function startMetricsServer(
  listener: ((request: IncomingMessage, response: ServerResponse) => void) | undefined,
  options: { readonly host: string; readonly port: number | undefined; readonly print?: (line: string) => void },
): Promise<MetricsServer | undefined> {
  if (listener === undefined || options.port === undefined) return undefined;
  const running = await listen(listener, { host: options.host, port: options.port });
  (options.print ?? ((line: string) => console.log(line)))(`ossgraph metrics on ${running.origin}${METRICS_PATH}`);
  return { origin: running.origin, stop: () => running.stop(0) };
}
