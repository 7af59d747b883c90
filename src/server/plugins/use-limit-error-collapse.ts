/** One error, not thousands, when an operation runs into its store-request cap. */
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { LIMIT_EXCEEDED } from '../limit-exceeded.js';

/**
 * After execution, keeps only the first `LIMIT_EXCEEDED` error of each limit and adds
 * `extensions.fieldsRefused` (how many fields failed on it). Other errors and all data stay.
 *
 * Why: once an operation reaches `OSSGRAPH_MAX_STORE_REQUESTS`, every further field that needs
 * the store fails at once with the same error; a document with 50,000 such fields would otherwise
 * answer with 49,000 copies of it.
 */
export function useLimitErrorCollapse(): Plugin {
  return {
    onExecute() {
      return {
        onExecuteDone({ result, setResult }) {
          if (Symbol.asyncIterator in result || result.errors === undefined || result.errors.length < 2) return;
          const first = new Map<unknown, { index: number; count: number }>();
          const kept: GraphQLError[] = [];
          for (const error of result.errors) {
            if (error.extensions['code'] !== LIMIT_EXCEEDED) {
              kept.push(error);
              continue;
            }
            const seen = first.get(error.extensions['limit']);
            if (seen !== undefined) {
              seen.count++;
              continue;
            }
            first.set(error.extensions['limit'], { index: kept.length, count: 1 });
            kept.push(error);
          }
          if (kept.length === result.errors.length) return;
          for (const { index, count } of first.values()) {
            const error = kept[index] as GraphQLError;
            kept[index] = new GraphQLError(error.message, {
              ...(error.nodes === undefined ? {} : { nodes: error.nodes }),
              ...(error.path === undefined || error.path.length === 0 ? {} : { path: error.path }),
              extensions: { ...error.extensions, fieldsRefused: count },
            });
          }
          setResult({ ...result, errors: kept });
        },
      };
    },
  };
}
