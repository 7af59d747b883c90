import { Client, fetchExchange } from '@urql/core';

/** The header ossgraph's CSRF prevention wants on requests a browser sends without a preflight. */
export const CSRF_HEADER = 'x-graphql-yoga-csrf';

/** Options of {@link createOssgraphClient}. */
export interface OssgraphClientOptions {
  /** The public endpoint, e.g. `https://ossgraph.example.com/graphql` (never `/subgraph`). */
  readonly url: string;
  /** A fetch implementation; default the global one (browsers, Node 20). */
  readonly fetch?: typeof fetch;
  /** Extra request headers, e.g. `authorization`. */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * A standard urql client for ossgraph: POST for every operation, GraphQL multipart for `File`
 * variables, and the CSRF header on every request.
 *
 * Why the header everywhere: urql may send a query as GET and uploads as multipart; both skip the
 * CORS preflight, so ossgraph answers 403 without the header. JSON POSTs are preflighted anyway.
 * The origin of the page must be in the server's `OSSGRAPH_CORS_ORIGINS`.
 */
export function createOssgraphClient(options: OssgraphClientOptions): Client {
  return new Client({
    url: options.url,
    exchanges: [fetchExchange],
    preferGetMethod: false,
    requestPolicy: 'network-only',
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    fetchOptions: () => ({ headers: { [CSRF_HEADER]: '1', ...options.headers } }),
  });
}
