/** Refuses documents with more lexical tokens than a limit, while parsing. */
import { MaxTokensParserWLexer } from '@escape.tech/graphql-armor-max-tokens';
import { GraphQLError, Lexer, Source, TokenKind } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { limitExceeded } from '../limit-exceeded.js';

/** Counts every token of `source` (comments excluded, as the parser sees them). */
function countTokens(source: string | Source): number {
  const lexer = new Lexer(typeof source === 'string' ? new Source(source) : source);
  let count = 0;
  while (lexer.advance().kind !== TokenKind.EOF) count++;
  return count;
}

/**
 * Parsing fails with `LIMIT_EXCEEDED` (`limit: maxTokens`) for a document of more than `max`
 * tokens: the parser stops at token `max + 1`, so no AST is built for an oversized document. The
 * reported count comes from lexing the rest of the document, which is bounded by the document
 * size limit.
 */
export function useMaxTokens(options: { readonly max: number }): Plugin {
  const { max } = options;
  return {
    onParse({ setParseFn }) {
      setParseFn((source, parseOptions) => {
        const parser = new MaxTokensParserWLexer(source, { ...parseOptions, n: max, exposeLimits: true, onAccept: [], onReject: [], propagateOnRejection: true });
        try {
          return parser.parseDocument();
        } catch (error) {
          if (error instanceof GraphQLError && parser.tokenCount > max) {
            let found: number;
            try {
              found = countTokens(source);
            } catch {
              found = parser.tokenCount;
            }
            throw limitExceeded({ limit: 'maxTokens', what: 'tokens', max, found, variable: 'OSSGRAPH_MAX_TOKENS' });
          }
          throw error;
        }
      });
    },
  };
}
