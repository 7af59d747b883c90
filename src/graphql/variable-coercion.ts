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

/** Longest value quoted in an error, in JSON characters; longer ones are cut and their length given. */
export const MAX_QUOTED_VALUE_LENGTH = 200;

/** `value` as an error quotes it: itself, or for a long one the start of its JSON and its length. */
function quoted(value: unknown): unknown {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    json = undefined;
  }
  if (json === undefined || json.length <= MAX_QUOTED_VALUE_LENGTH) return value;
  return `${json.slice(0, MAX_QUOTED_VALUE_LENGTH)}… (${json.length} characters of JSON)`;
}

/** graphql-js's explanation, cut like {@link quoted} (it repeats a string value whole). */
function rule(message: string): string {
  return message.length <= MAX_QUOTED_VALUE_LENGTH * 2 ? message : `${message.slice(0, MAX_QUOTED_VALUE_LENGTH * 2)}…`;
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
      if (errors.length < maxErrors) errors.push(new BadUserInputError(variablePath(name, path), rule(error.message), quoted(invalid), errorOptions));
    });
  }
  return errors.length > 0 ? { errors } : { values };
}
