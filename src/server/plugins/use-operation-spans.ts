/** An OpenTelemetry span per GraphQL operation, child of the caller's W3C `traceparent`. */
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { Span } from '@opentelemetry/api';
import { getOperationAST } from 'graphql';
import type { DocumentNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { bindOperationScope, newRequestScope, operationScopeOf, requestScopeOf } from '../../observability/request-scope.js';
import type { Tracing } from '../../observability/tracing.js';

/** Attribute names of operation spans (OpenTelemetry GraphQL conventions, plus the HTTP request id). */
export const OPERATION_SPAN_ATTRIBUTES = {
  name: 'graphql.operation.name',
  type: 'graphql.operation.type',
  httpRequestId: 'ossgraph.http_request_id',
  errorCount: 'ossgraph.graphql.error_count',
} as const;

/**
 * Opens a server span around each GraphQL operation (each entry of a batched request), parented
 * by the request's `traceparent` when it carries a valid one, and binds to the operation's
 * context a scope whose trace context makes the store spans its children (the GraphQL context
 * hands it to every store call). The span is named `<type> <name>` (just `<type>` for an
 * anonymous operation) and ends with status ERROR when parsing, validation or execution reported
 * errors.
 */
export function useOperationSpans(tracing: Tracing): Plugin {
  const spanOf = (context: unknown): Span | undefined => operationScopeOf(context as object)?.operationSpan;
  return {
    instrumentation: {
      operation({ context, request }, wrapped) {
        const outer = requestScopeOf(request);
        const parent = tracing.extract(request.headers);
        const span = tracing.tracer.startSpan(
          'GraphQL operation',
          { kind: SpanKind.SERVER, attributes: outer === undefined ? {} : { [OPERATION_SPAN_ATTRIBUTES.httpRequestId]: outer.requestId } },
          parent,
        );
        bindOperationScope(context as object, { ...(outer ?? newRequestScope('')), traceContext: trace.setSpan(parent, span), operationSpan: span });
        let result;
        try {
          result = wrapped();
        } catch (error) {
          span.end();
          throw error;
        }
        // Why a thenable check: Yoga hands back its own promise-likes, not always a Promise.
        if (isThenable(result)) {
          return Promise.resolve(result).then(
            () => span.end(),
            (error: unknown) => {
              span.end();
              throw error;
            },
          );
        }
        span.end();
        return result;
      },
    },
    onParse({ context }) {
      return ({ result }) => {
        if (result instanceof Error) markFailed(spanOf(context), 1, 'GRAPHQL_PARSE_FAILED');
      };
    },
    onValidate({ params, context }) {
      return ({ valid, result }) => {
        const span = spanOf(context);
        nameSpan(span, params.documentAST, (context as { params?: { operationName?: string | null } }).params?.operationName);
        if (!valid) markFailed(span, result.length, 'GRAPHQL_VALIDATION_FAILED');
      };
    },
    onExecute({ args }) {
      const span = spanOf(args.contextValue);
      nameSpan(span, args.document, args.operationName);
      return {
        onExecuteDone({ result }) {
          if (Symbol.asyncIterator in result) return;
          const count = result.errors?.length ?? 0;
          if (count > 0) markFailed(span, count, 'GRAPHQL_EXECUTION_ERRORS');
        },
      };
    },
  };
}

function nameSpan(span: Span | undefined, document: DocumentNode, operationName: string | null | undefined): void {
  if (span === undefined) return;
  const operation = getOperationAST(document, operationName);
  if (operation === null || operation === undefined) return;
  const name = operation.name?.value;
  span.updateName(name === undefined ? operation.operation : `${operation.operation} ${name}`);
  span.setAttribute(OPERATION_SPAN_ATTRIBUTES.type, operation.operation);
  if (name !== undefined) span.setAttribute(OPERATION_SPAN_ATTRIBUTES.name, name);
}

function markFailed(span: Span | undefined, errorCount: number, message: string): void {
  if (span === undefined) return;
  span.setAttribute(OPERATION_SPAN_ATTRIBUTES.errorCount, errorCount);
  span.setStatus({ code: SpanStatusCode.ERROR, message });
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}
