/** Apollo federated tracing (`ftv1`) for the subgraph endpoint. */
import { useApolloInlineTrace } from '@graphql-yoga/plugin-apollo-inline-trace';
import { GraphQLError } from 'graphql';
import { maskError } from 'graphql-yoga';
import type { Plugin } from 'graphql-yoga';

/** What an unexpected error's message becomes in a trace (Apollo's own masking word). */
export const MASKED_TRACE_MESSAGE = '<masked>';

/**
 * Adds `extensions.ftv1` (Apollo's base64 trace: per-field timings and errors) to every result —
 * `_entities` included — of a request carrying `apollo-federation-include-trace: ftv1`, as the
 * gateway sends when it reports usage. Errors in the trace are those of the response, already
 * masked by Yoga; as a backstop (should the plugin order change) an unexpected error that still
 * reaches the trace becomes {@link MASKED_TRACE_MESSAGE} without extensions, while expected API
 * errors keep their message and code. Use on `/subgraph` only.
 */
export function useFederatedTrace(): Plugin {
  return useApolloInlineTrace({
    rewriteError: (error) => (maskError(error, MASKED_TRACE_MESSAGE, false) === error ? error : new GraphQLError(MASKED_TRACE_MESSAGE)),
  }) as Plugin;
}
