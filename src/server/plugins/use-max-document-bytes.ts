/** Refuses a GraphQL document over a size, before it is parsed. */
import type { Plugin } from 'graphql-yoga';
import { limitExceeded } from '../limit-exceeded.js';

/** Options of {@link useMaxDocumentBytes}. */
export interface MaxDocumentBytesOptions {
  /** Largest document (`query`, UTF-8 bytes) accepted. */
  readonly maxBytes: number;
}

/**
 * Answers HTTP 413 with `LIMIT_EXCEEDED` (`limit: maxDocumentBytes`) when the request's `query`
 * (JSON body, GET query string, form or multipart `operations`) is larger than `maxBytes`. Runs on
 * the request parameters, before parsing, validation and every store request. The body as a whole
 * is bounded by Yoga's `maxRequestBodySize` (it may carry upload content in variables).
 */
export function useMaxDocumentBytes(options: MaxDocumentBytesOptions): Plugin {
  const { maxBytes } = options;
  return {
    onParams({ params }) {
      const query = params.query;
      // Why the length first: a UTF-8 string takes at least one byte per UTF-16 unit and at most
      // three, so most documents are decided without encoding them.
      if (typeof query !== 'string' || query.length * 3 <= maxBytes) return;
      const bytes = Buffer.byteLength(query, 'utf8');
      if (bytes <= maxBytes) return;
      throw limitExceeded({
        limit: 'maxDocumentBytes',
        what: 'bytes in its document',
        max: maxBytes,
        found: bytes,
        variable: 'OSSGRAPH_MAX_DOCUMENT_BYTES',
        status: 413,
      });
    },
  };
}
