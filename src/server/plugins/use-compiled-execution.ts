/**
 * Compiled execution: each operation runs as JavaScript that graphql-jit generated for its
 * document, instead of graphql-js walking the document for every request.
 */
import { compileQuery, isCompiledQuery } from 'graphql-jit';
import type { CompiledQuery } from 'graphql-jit';
import { getOperationAST, locatedError, visit } from 'graphql';
import type { DocumentNode, ExecutionResult, FieldNode, GraphQLError, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { applyGraphQLJitFixes, variableDefaults, withVariableDefaults } from '../graphql-jit-fixes.js';
import type { VariableDefault } from '../graphql-jit-fixes.js';

/** Default of documents whose compiled operations are kept. */
export const DEFAULT_MAX_COMPILED_DOCUMENTS = 1000;

/** What {@link useCompiledExecution} did with one operation (named by its document) of one document, once per document and operation. */
export type CompileOutcome =
  | { readonly kind: 'compiled'; readonly operationName: string | undefined }
  /** Routed to the normal executor by design (see {@link fallbackReason}). */
  | { readonly kind: 'fallback'; readonly operationName: string | undefined; readonly reason: string }
  /** graphql-jit refused the document; the normal executor runs it. */
  | { readonly kind: 'failed'; readonly operationName: string | undefined; readonly errors: readonly GraphQLError[] };

/** Options of {@link useCompiledExecution}. */
export interface CompiledExecutionOptions {
  /** Documents whose compiled operations are kept, least recently used dropped first (default {@link DEFAULT_MAX_COMPILED_DOCUMENTS}). */
  readonly maxDocuments?: number;
  /** Told once per document and operation what became of it (logging, tests). */
  readonly onCompile?: (outcome: CompileOutcome) => void;
}

/** One compiled operation, with what its errors need to look as graphql-js makes them. */
interface CompiledOperation {
  readonly query: CompiledQuery;
  readonly document: DocumentNode;
  readonly defaults: readonly VariableDefault[];
  /** Field nodes by `line:column`, built on the first error. */
  fieldsAt?: Map<string, FieldNode>;
}

/** One operation's entry: its compiled form, or `null` for "use the normal executor". */
type Compiled = CompiledOperation | null;

/** The field nodes of `document` by their `line:column`. */
function fieldsByLocation(document: DocumentNode): Map<string, FieldNode> {
  const fields = new Map<string, FieldNode>();
  visit(document, {
    Field(node) {
      if (node.loc === undefined) return;
      const { line, column } = node.loc.startToken;
      fields.set(`${line}:${column}`, node);
    },
  });
  return fields;
}

/**
 * The error graphql-js would report for the error graphql-jit made. Why: graphql-jit's errors
 * carry locations but no AST nodes, and their `extensions` cannot be redefined (the request-id
 * plugin copies errors with one more extension). An error a resolver threw that already has a
 * path is kept as it is (graphql-js's `locatedError` rule); any other is located at the same
 * nodes and path with the thrown error as `originalError`, so masking treats it the same.
 */
function toGraphQLJsError(error: GraphQLError, compiled: CompiledOperation): GraphQLError {
  compiled.fieldsAt ??= fieldsByLocation(compiled.document);
  const fieldsAt = compiled.fieldsAt;
  const nodes = (error.locations ?? []).flatMap(({ line, column }) => {
    const node = fieldsAt.get(`${line}:${column}`);
    return node === undefined ? [] : [node];
  });
  const path = error.path === undefined ? undefined : [...error.path];
  // Why a plain Error when graphql-jit kept none (null in a non-null field, a value its scalar
  // cannot serialize, an unresolvable abstract type): the standard executor reports these as
  // errors wrapping a plain Error, which masking hides as unexpected.
  return locatedError(error.originalError ?? new Error(error.message), nodes, path);
}

/** `result` with every error as {@link toGraphQLJsError} makes it. */
function withGraphQLJsErrors(result: ExecutionResult, compiled: CompiledOperation): ExecutionResult {
  if (result.errors === undefined || result.errors.length === 0) return result;
  return { ...result, errors: result.errors.map((error) => toGraphQLJsError(error, compiled)) };
}

/**
 * Why an operation must run on the normal executor, or `undefined` when graphql-jit may run it.
 *
 * - Subscriptions and `@defer`/`@stream`: graphql-jit runs neither the way Yoga's executor does
 *   (incremental delivery); ossgraph has none today, but a future one must not silently change.
 * - Introspection at the root (`__schema`, `__type`): rare (GraphiQL, codegen), never hot, and its
 *   resolvers read parts of `info` graphql-jit builds lazily; the normal executor is the reference.
 */
export function fallbackReason(document: DocumentNode, operation: OperationDefinitionNode): string | undefined {
  if (operation.operation === 'subscription') return 'subscription';
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind === 'Field' && (selection.name.value === '__schema' || selection.name.value === '__type')) return 'introspection';
  }
  for (const definition of document.definitions) {
    if (definition.kind !== 'OperationDefinition' && definition.kind !== 'FragmentDefinition') continue;
    if (hasIncrementalDirective(definition)) return 'incremental delivery (@defer/@stream)';
  }
  return undefined;
}

function hasIncrementalDirective(node: { readonly selectionSet: { readonly selections: readonly unknown[] } }): boolean {
  const stack: unknown[] = [...node.selectionSet.selections];
  while (stack.length > 0) {
    const selection = stack.pop() as {
      readonly directives?: ReadonlyArray<{ readonly name: { readonly value: string } }>;
      readonly selectionSet?: { readonly selections: readonly unknown[] };
    };
    if (selection.directives?.some((d) => d.name.value === 'defer' || d.name.value === 'stream') === true) return true;
    if (selection.selectionSet !== undefined) stack.push(...selection.selectionSet.selections);
  }
  return false;
}

/**
 * Runs operations through graphql-jit's compiled form of their document, compiled on first use
 * and kept per document (a bounded LRU keyed by the parsed document: Yoga's parse cache hands the
 * same `DocumentNode` to every request with the same text, so repeated documents hit). Operations
 * graphql-jit cannot compile, and those {@link fallbackReason} names, run on the executor that was
 * in place (Yoga's), as do all operations of a document whose compilation failed.
 *
 * Everything before execution (parsing, validation, limits, input checks, the context) and after
 * it (masking, limit-error collapse, tracing, metrics) is unchanged: only the executor is swapped.
 * Leaf values are still serialized by each scalar's `serialize`, and resolvers receive the same
 * `info` fields graphql-js gives them (`fieldNodes`, `fragments`, `variableValues`, `path`,
 * `returnType`, `parentType`, `operation`, `schema`).
 */
export function useCompiledExecution(options: CompiledExecutionOptions = {}): Plugin {
  applyGraphQLJitFixes();
  const maxDocuments = options.maxDocuments ?? DEFAULT_MAX_COMPILED_DOCUMENTS;
  const { onCompile } = options;
  // Map iteration order is insertion order: re-inserting on a hit keeps the oldest first.
  const documents = new Map<DocumentNode, Map<string | undefined, Compiled>>();
  let cachedSchema: GraphQLSchema | undefined;
  // Why: the hot document is usually the newest already; moving it to the end again is wasted work.
  let newest: DocumentNode | undefined;

  const compile = (schema: GraphQLSchema, document: DocumentNode, requested: string | undefined): Compiled => {
    const operation = getOperationAST(document, requested);
    // Why: a missing or ambiguous operation is an error the normal executor reports in its words.
    if (operation === null || operation === undefined) return null;
    const operationName = operation.name?.value;
    const reason = fallbackReason(document, operation);
    if (reason !== undefined) {
      onCompile?.({ kind: 'fallback', operationName, reason });
      return null;
    }
    let compiled: CompiledQuery | ExecutionResult;
    try {
      // Why no stack capture: every error graphql-jit makes is replaced by a graphql-js one (toGraphQLJsError).
      compiled = compileQuery(schema, document, requested, { disablingCapturingStackErrors: true });
    } catch (error) {
      onCompile?.({ kind: 'failed', operationName, errors: [error as GraphQLError] });
      return null;
    }
    if (!isCompiledQuery(compiled as CompiledQuery)) {
      onCompile?.({ kind: 'failed', operationName, errors: (compiled as ExecutionResult).errors ?? [] });
      return null;
    }
    onCompile?.({ kind: 'compiled', operationName });
    return { query: compiled as CompiledQuery, document, defaults: variableDefaults(operation) };
  };

  const lookup = (schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined): Compiled => {
    if (schema !== cachedSchema) {
      documents.clear();
      cachedSchema = schema;
    }
    let operations = documents.get(document);
    if (operations === undefined) {
      operations = new Map();
      if (documents.size >= maxDocuments) documents.delete(documents.keys().next().value as DocumentNode);
      documents.set(document, operations);
    } else if (document !== newest) {
      documents.delete(document);
      documents.set(document, operations);
    }
    newest = document;
    const found = operations.get(operationName);
    if (found !== undefined || operations.has(operationName)) return found ?? null;
    const compiled = compile(schema, document, operationName);
    operations.set(operationName, compiled);
    return compiled;
  };

  return {
    onExecute({ executeFn, setExecuteFn }) {
      setExecuteFn((args) => {
        const compiled = lookup(args.schema, args.document, args.operationName ?? undefined);
        if (compiled === null) return executeFn(args);
        const result = compiled.query.query(args.rootValue, args.contextValue, withVariableDefaults(args.variableValues, compiled.defaults));
        return isPromise(result) ? result.then((r) => withGraphQLJsErrors(r, compiled)) : withGraphQLJsErrors(result, compiled);
      });
    },
  };
}

function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown }).then === 'function';
}
