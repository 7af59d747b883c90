/** Trusted documents: only operations of a persisted-documents manifest run, sent by hash. */
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import type { Plugin } from 'graphql-yoga';

/** `extensions.code` of a request refused by {@link useTrustedDocuments}. */
export const TRUSTED_DOCUMENTS_CODES = {
  /** The request carried a document instead of a hash. */
  onlyTrusted: 'TRUSTED_DOCUMENT_REQUIRED',
  /** The hash is not in the manifest. */
  notFound: 'TRUSTED_DOCUMENT_NOT_FOUND',
} as const;

/** The documents of a manifest: hash → document text. */
export type TrustedDocuments = ReadonlyMap<string, string>;

/**
 * Accepts only requests that name a document of `documents` by its hash, in
 * `extensions.persistedQuery.sha256Hash` (`version: 1`), as the codegen client preset's persisted
 * documents and urql/Apollo clients send it. A request with a `query` text is refused with
 * {@link TRUSTED_DOCUMENTS_CODES.onlyTrusted}, an unknown hash (or none) with
 * {@link TRUSTED_DOCUMENTS_CODES.notFound}; both before parsing, so they cost no store request.
 * Manifest documents still go through validation and every other limit.
 */
export function useTrustedDocuments(options: { readonly documents: TrustedDocuments }): Plugin {
  const { documents } = options;
  const notFound = {
    message: 'This server runs only trusted documents (OSSGRAPH_TRUSTED_DOCUMENTS) and the hash sent is not one of them.',
    extensions: { code: TRUSTED_DOCUMENTS_CODES.notFound, http: { status: 400 } },
  };
  return usePersistedOperations({
    allowArbitraryOperations: false,
    getPersistedOperation: (hash) => documents.get(hash) ?? null,
    customErrors: {
      notFound,
      keyNotFound: {
        message:
          'This server runs only trusted documents (OSSGRAPH_TRUSTED_DOCUMENTS): send extensions.persistedQuery { version: 1, sha256Hash } of a document in its manifest.',
        extensions: { code: TRUSTED_DOCUMENTS_CODES.notFound, http: { status: 400 } },
      },
      persistedQueryOnly: {
        message:
          'This server runs only trusted documents (OSSGRAPH_TRUSTED_DOCUMENTS): send the hash of a document in its manifest (extensions.persistedQuery.sha256Hash), not a query text.',
        extensions: { code: TRUSTED_DOCUMENTS_CODES.onlyTrusted, http: { status: 400 } },
      },
    },
  }) as Plugin;
}
