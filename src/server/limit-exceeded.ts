/** The one error shape every operation limit answers with. */
import { createGraphQLError } from 'graphql-yoga';
import type { GraphQLError } from 'graphql';

/** `extensions.code` of an operation that broke a limit. */
export const LIMIT_EXCEEDED = 'LIMIT_EXCEEDED';

/** What a {@link limitExceeded} error reports. */
export interface LimitBreach {
  /** The limit, e.g. `maxDepth`; also `extensions.limit`. */
  readonly limit: string;
  /** What the limit counts, for the message: `depth`, `aliases`, `tokens`, … */
  readonly what: string;
  /** The configured maximum. */
  readonly max: number;
  /** The value found in the request. */
  readonly found: number;
  /** The environment variable that sets the limit, named in the message. */
  readonly variable: string;
  /** HTTP status of the response when this is its only error (e.g. 413 for a document too large). */
  readonly status?: number;
}

/**
 * A GraphQL error with code {@link LIMIT_EXCEEDED} naming the limit, its configured value and the
 * value found: `extensions: { code, limit, max, found }`. Never masked (it is a GraphQLError).
 */
export function limitExceeded(breach: LimitBreach): GraphQLError {
  return createGraphQLError(
    `The operation has ${breach.found} ${breach.what}; the most this server accepts is ${breach.max} (${breach.variable}).`,
    {
      extensions: {
        code: LIMIT_EXCEEDED,
        limit: breach.limit,
        max: breach.max,
        found: breach.found,
        ...(breach.status === undefined ? {} : { http: { status: breach.status } }),
      },
    },
  );
}
