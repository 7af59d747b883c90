/**
 * Checks a request's inputs before anything executes: variable values, then the declared
 * argument checks of the fields that will run. A failure answers `BAD_USER_INPUT` errors naming
 * the field, the rule and the value, and execution never starts (no store request, no write).
 */
import { GraphQLError, getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { checkOperationArguments } from '../../graphql/argument-checks.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { coerceVariableValues } from '../../graphql/variable-coercion.js';

/**
 * How Yoga answers variable coercion errors: 400 for `application/graphql-response+json` (the
 * GraphQL-over-HTTP rule for a request that fails before execution), 200 for
 * `application/json` (`spec: true`, as Yoga does for validation errors). Yoga strips `http`.
 */
const VARIABLE_ERROR_HTTP = { status: 400, spec: true } as const;

/**
 * The input-check plugin.
 *
 * Why its own coercion instead of a rewrite of execution's errors: graphql-js reports variable
 * coercion failures as bare messages (`Variable "$f" got invalid value …`) with no code and no
 * structured path; coercing here with the same semantics gives each failure its code, field
 * (`$refs[1].bucket`), rule and value, and the coerced values the argument checks need.
 * Errors in literal arguments are document validation errors and keep Yoga's
 * `GRAPHQL_VALIDATION_FAILED`. The context must be a {@link GraphQLContext} (the argument checks
 * read its settings).
 */
export function useInputChecks(): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const operation = getOperationAST(args.document, args.operationName);
      // Why return: no (or an ambiguous) operation is reported by execution itself.
      if (operation === null || operation === undefined) return;
      const coerced = coerceVariableValues(args.schema, operation, (args.variableValues ?? {}) as Record<string, unknown>, {
        extensions: { http: VARIABLE_ERROR_HTTP },
      });
      if (coerced.errors !== undefined) {
        setResultAndStopExecution({ errors: [...coerced.errors] });
        return;
      }
      try {
        checkOperationArguments({ schema: args.schema, document: args.document, operation, variables: coerced.values, context: args.contextValue as unknown as GraphQLContext });
      } catch (error) {
        if (!(error instanceof GraphQLError)) throw error;
        setResultAndStopExecution({ errors: [error] });
      }
    },
  };
}
