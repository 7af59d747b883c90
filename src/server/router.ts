/** Sends each HTTP request to the Yoga instance that owns its path. */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** What the router needs of a Yoga instance. */
export interface RoutedServer {
  fetch(input: string | URL | Request, init?: RequestInit): Promise<Response> | Response;
  /** Handles a `node:http` request and writes the response. */
  requestListener(request: IncomingMessage, response: ServerResponse): unknown;
}

/** A path prefix and the server for it. */
export interface Route {
  /** `/subgraph` matches `/subgraph` and `/subgraph/...`, not `/subgraphs`. */
  readonly prefix: string;
  readonly server: RoutedServer;
}

/** Both faces of a router: in-process `fetch` for tests, and a `node:http` request listener. */
export interface Router {
  fetch(input: string | URL | Request, init?: RequestInit): Promise<Response>;
  listener(request: IncomingMessage, response: ServerResponse): void;
}

/** Routes requests whose path starts with a route's prefix to its server, everything else to `fallback`. */
export function createRouter(fallback: RoutedServer, routes: readonly Route[] = []): Router {
  const pick = (pathname: string): RoutedServer =>
    routes.find((r) => pathname === r.prefix || pathname.startsWith(`${r.prefix}/`))?.server ?? fallback;
  return {
    async fetch(input, init) {
      const url = input instanceof Request ? input.url : String(input);
      // Why a copy of the headers: Yoga's Request ponyfill writes the multipart content-type
      // (with its boundary) into a plain-object `init.headers`, so a caller reusing that object
      // would send the next request with a stale boundary.
      const ownInit = init?.headers === undefined ? init : { ...init, headers: Object.fromEntries(new Headers(init.headers)) };
      return pick(new URL(url, 'http://localhost').pathname).fetch(input, ownInit);
    },
    listener(request, response) {
      const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
      void pick(pathname).requestListener(request, response);
    },
  };
}
