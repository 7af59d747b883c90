/**
 * Corrections to graphql-jit (0.8.x) where its compiled code answers differently from graphql-js.
 * Each has a test in `test/integration/server/compiled-execution.test.ts` that fails without it.
 */
import { createRequire } from 'node:module';
import { inspect } from 'node:util';
import { valueFromASTUntyped } from 'graphql';
import type { OperationDefinitionNode } from 'graphql';

/** The part of graphql-jit's runtime helper object that {@link applyGraphQLJitFixes} replaces. */
interface JitRuntime {
  isPromise(value: unknown): boolean;
  handleListItemResult(ctx: unknown, item: unknown, onSuccess: (value: unknown) => void, onError: (error: unknown) => void): void;
}

let applied = false;

/** A rejection reason as the error value graphql-js would report for it. */
function asErrorValue(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error(`Unexpected error value: ${inspect(reason)}`);
}

/**
 * Makes a list item whose promise rejects answer `null` at its own index. Idempotent.
 *
 * Why: graphql-jit's handler for a rejected list item does `resultArray.push(null)` instead of
 * writing its index, so `[ok, rejected]` came out as `[ok]` (or worse, with items shifted) — e.g.
 * `_entities` with a bad last representation. A rejected item is turned into a resolved `Error`
 * value, which the compiled item code already handles as graphql-js does (null at the item's
 * index, the error at its path, propagated when the item is non-null).
 *
 * Why through `require`: graphql-jit's ESM entry re-exports its CommonJS build, so the runtime
 * object its compiled code uses is the CommonJS module's.
 */
export function applyGraphQLJitFixes(): void {
  if (applied) return;
  applied = true;
  const require = createRequire(import.meta.url);
  const { jitRuntime } = require('graphql-jit/dist/runtime.js') as { jitRuntime: JitRuntime };
  const handle = jitRuntime.handleListItemResult;
  jitRuntime.handleListItemResult = function handleListItemResult(ctx, item, onSuccess, onError) {
    const settled = this.isPromise(item) ? (item as PromiseLike<unknown>).then(undefined, asErrorValue) : item;
    handle.call(this, ctx, settled, onSuccess, onError);
  };
}

/** A variable's default value as a client would send it (JSON-like), to be coerced like a sent value. */
export interface VariableDefault {
  readonly name: string;
  readonly value: unknown;
}

/** The variables of `operation` that declare a default value. */
export function variableDefaults(operation: OperationDefinitionNode): readonly VariableDefault[] {
  return (operation.variableDefinitions ?? []).flatMap((definition) =>
    definition.defaultValue === undefined ? [] : [{ name: definition.variable.name.value, value: valueFromASTUntyped(definition.defaultValue) }],
  );
}

/**
 * `variables` with each omitted variable of `defaults` set to its default.
 *
 * Why: graphql-jit refuses an omitted non-null variable even when it has a default
 * (`$key: String! = "a"` → "was not provided"), and for a nullable one it uses the coerced
 * default as is (a `DateTime` default would reach resolvers as a string). Sent values take
 * neither path; graphql-js coerces the default literal with the same scalar rules.
 */
export function withVariableDefaults(variables: Readonly<Record<string, unknown>> | null | undefined, defaults: readonly VariableDefault[]): Readonly<Record<string, unknown>> {
  const given = variables ?? {};
  if (defaults.length === 0) return given;
  let filled: Record<string, unknown> | undefined;
  for (const { name, value } of defaults) {
    if (Object.prototype.hasOwnProperty.call(given, name)) continue;
    filled ??= { ...given };
    filled[name] = value;
  }
  return filled ?? given;
}
