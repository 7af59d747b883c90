import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One static resource a {@link PageServer} serves. */
export interface StaticResource {
  readonly contentType: string;
  readonly body: string;
}

/** A tiny static origin on 127.0.0.1, for pages that must live on their own origin. */
export interface PageServer {
  /** `http://127.0.0.1:PORT`, the page's origin as a browser sends it in `Origin`. */
  readonly origin: string;
  /** Absolute URL of a path on this origin. */
  url(path: string): string;
  /** Paths requested so far, in order (method and path). */
  readonly requests: readonly string[];
  close(): Promise<void>;
}

/**
 * Serves fixed resources (HTML, ES modules) from a node:http server on 127.0.0.1 port 0.
 * Unknown paths get 404. No CORS headers: the page is same-origin with its own script.
 */
export async function startPageServer(resources: Readonly<Record<string, StaticResource>>): Promise<PageServer> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    requests.push(`${req.method ?? 'GET'} ${path}`);
    const resource = resources[path];
    if (resource === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res
      .writeHead(200, { 'content-type': resource.contentType, 'cache-control': 'no-store' })
      .end(resource.body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: (path) => new URL(path, origin).toString(),
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
