/**
 * Coercing an operation's variable values the way execution does, but reporting each failure as
 * a {@link BadUserInputError} (graphql-js reports them as GraphQL errors without a code).
 */
import { coerceInputValue, isInputType, isNonNullType, typeFromAST, valueFromAST } from 'graphql';
import type { GraphQLSchema, OperationDefinitionNode } from 'graphql';
import { BadUserInputError } from './errors.js';

/** The outcome of {@link coerceVariableValues}: the coerced values, or every failure. */
export type VariableCoercion =
  | { readonly values: Record<string, unknown>; readonly errors?: undefined }
  | { readonly values?: undefined; readonly errors: readonly BadUserInputError[] };

/** Options of {@link coerceVariableValues}. */
export interface VariableCoercionOptions {
  /** Stop after this many failures (default 50, as graphql-js). */
  readonly maxErrors?: number;
  /** Extra `extensions` of every error (e.g. the server's HTTP status hint). */
  readonly extensions?: Readonly<Record<string, unknown>>;
}

/** `$name` followed by the path inside the value: `$refs[1].bucket`. */
function variablePath(name: string, path: ReadonlyArray<string | number>): string {
  return `$${name}${path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('')}`;
}

/**
 * Coerces `inputs` against the variable definitions of `operation`, with the semantics of
 * graphql-js `getVariableValues` (defaults, required variables, nested input objects, lists,
 * custom scalars). Each failure is a {@link BadUserInputError} whose field is the variable path
 * (`$first`, `$refs[1].bucket`), whose rule is graphql-js's explanation and whose value is the
 * offending value. Variables whose type is not an input type are skipped: that is a document
 * error, which validation reports.
 */
export function coerceVariableValues(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  inputs: Readonly<Record<string, unknown>>,
  options: VariableCoercionOptions = {},
): VariableCoercion {
  const { maxErrors = 50 } = options;
  const errorOptions = options.extensions === undefined ? {} : { extensions: options.extensions };
  const values: Record<string, unknown> = {};
  const errors: BadUserInputError[] = [];
  for (const definition of operation.variableDefinitions ?? []) {
    if (errors.length >= maxErrors) break;
    const name = definition.variable.name.value;
    const type = typeFromAST(schema, definition.type);
    if (type === undefined || !isInputType(type)) continue;
    const given = Object.prototype.hasOwnProperty.call(inputs, name);
    if (!given) {
      if (definition.defaultValue !== undefined) {
        values[name] = valueFromAST(definition.defaultValue, type);
      } else if (isNonNullType(type)) {
        errors.push(new BadUserInputError(`$${name}`, `is required (type ${String(type)}) but was not provided`, undefined, errorOptions));
      }
      continue;
    }
    const input = inputs[name];
    if (input === null && isNonNullType(type)) {
      errors.push(new BadUserInputError(`$${name}`, `must not be null (type ${String(type)})`, null, errorOptions));
      continue;
    }
    values[name] = coerceInputValue(input, type, (path, invalid, error) => {
      if (errors.length < maxErrors) errors.push(new BadUserInputError(variablePath(name, path), error.message, invalid, errorOptions));
    });
  }
  return errors.length > 0 ? { errors } : { values };
}
