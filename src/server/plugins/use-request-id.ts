/** Request ids: accepted or generated per HTTP request, echoed, carried to logs and errors. */
import type { ExecutionResult, GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { REQUEST_ID_HEADER, requestIdFor } from '../../observability/request-id.js';
import type { RequestScope } from '../../observability/request-scope.js';
import { bindRequestScope, newRequestScope, requestScopeOf } from '../../observability/request-scope.js';

/** Options of {@link useRequestId}. */
export interface RequestIdOptions {
  /** A fresh id when the request brings no usable one; default a random UUID. */
  readonly generate?: () => string;
}

/**
 * Gives every HTTP request an id — its `x-request-id` when 1–128 safe characters, else a generated
 * one — in a {@link RequestScope} bound to the request when it arrives (`requestScopeOf`; the
 * GraphQL context hands it on to the store calls). Every response carries `x-request-id`, and
 * every GraphQL error gets `extensions.httpRequestId` (`extensions.requestId` stays the OSS
 * request id).
 */
export function useRequestId(options: RequestIdOptions = {}): Plugin {
  const scopeOf = (request: Request): RequestScope => {
    let scope = requestScopeOf(request);
    if (scope === undefined) {
      scope = newRequestScope(requestIdFor(request.headers, options.generate));
      bindRequestScope(request, scope);
    }
    return scope;
  };
  return {
    onRequest({ request }) {
      scopeOf(request);
    },
    onResultProcess({ request, result, setResult }) {
      if (Symbol.asyncIterator in result) return;
      const { requestId } = scopeOf(request);
      if (Array.isArray(result)) setResult(result.map((single: ExecutionResult) => withRequestId(single, requestId)));
      else setResult(withRequestId(result as ExecutionResult, requestId));
    },
    // Why the scope may be made only here: Yoga's own probes (`/healthz`) answer before this plugin's `onRequest`.
    onResponse({ request, response }) {
      response.headers.set(REQUEST_ID_HEADER, scopeOf(request).requestId);
    },
  };
}

/** `result` with `httpRequestId` added to the extensions of each of its errors. */
function withRequestId(result: ExecutionResult, requestId: string): ExecutionResult {
  if (result.errors === undefined || result.errors.length === 0) return result;
  return { ...result, errors: result.errors.map((error) => withExtension(error, 'httpRequestId', requestId)) };
}

/**
 * A copy of `error` with one more extension. Why a copy: an error object may be shared (a cached
 * or rethrown error), and another request's id must never appear on it.
 */
function withExtension(error: GraphQLError, name: string, value: unknown): GraphQLError {
  const copy = Object.create(Object.getPrototypeOf(error) as object, Object.getOwnPropertyDescriptors(error)) as GraphQLError;
  Object.defineProperty(copy, 'extensions', { value: { ...error.extensions, [name]: value }, enumerable: true, writable: true, configurable: true });
  return copy;
}
