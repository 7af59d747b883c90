import { Client, fetchExchange, makeOperation, mapExchange } from '@urql/core';
import type { Operation } from '@urql/core';

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
  /**
   * Send each generated document by its hash only (trusted documents), as a server started with
   * `OSSGRAPH_TRUSTED_DOCUMENTS=test/__generated__/persisted-documents.json` requires. Default
   * `true`; `false` sends the document text (a server without a manifest).
   */
  readonly persistedDocuments?: boolean;
}

/** The hash the codegen client preset stores on a generated document (`persistedDocuments`). */
function documentHash(operation: Operation): string | undefined {
  const meta = (operation.query as { __meta__?: { hash?: unknown } }).__meta__;
  return typeof meta?.hash === 'string' ? meta.hash : undefined;
}

/**
 * Puts `extensions.persistedQuery { version: 1, sha256Hash }` on every operation whose document
 * was generated with a hash; urql's `fetchExchange` then leaves the `query` text out of the body.
 */
const persistedDocumentsExchange = mapExchange({
  onOperation(operation) {
    const hash = documentHash(operation);
    if (hash === undefined || operation.kind === 'teardown') return operation;
    return { ...makeOperation(operation.kind, operation), extensions: { ...operation.extensions, persistedQuery: { version: 1, sha256Hash: hash } } };
  },
});

/**
 * A standard urql client for ossgraph: POST for every operation, GraphQL multipart for `File`
 * variables, the CSRF header on every request, and (by default) documents sent by hash.
 *
 * Why the header everywhere: urql may send a query as GET and uploads as multipart; both skip the
 * CORS preflight, so ossgraph answers 403 without the header. JSON POSTs are preflighted anyway.
 * The origin of the page must be in the server's `OSSGRAPH_CORS_ORIGINS`.
 */
export function createOssgraphClient(options: OssgraphClientOptions): Client {
  return new Client({
    url: options.url,
    exchanges: options.persistedDocuments === false ? [fetchExchange] : [persistedDocumentsExchange, fetchExchange],
    preferGetMethod: false,
    requestPolicy: 'network-only',
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    fetchOptions: () => ({ headers: { [CSRF_HEADER]: '1', ...options.headers } }),
  });
}
