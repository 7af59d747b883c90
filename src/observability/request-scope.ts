/**
 * What the process knows about the HTTP request it is handling: its id, the OSS request ids of the
 * store calls it made, and the trace context of the GraphQL operation running. The scope is carried
 * explicitly: bound to the HTTP `Request` (every Yoga hook gets the request), to the operation's
 * GraphQL context, and handed by the per-request store view to each store call
 * (`CallOptions.scope`), which the OSS client passes to its observers with each attempt.
 *
 * Why not AsyncLocalStorage: on Node 20, once one is used, every promise of the process runs
 * init/before/after hooks for the rest of its life — ≈ 10 % of the server's CPU per request on a
 * 20-object query. `test/integration/observability/no-async-context.test.ts` fails if one is used.
 */
import type { Context, Span } from '@opentelemetry/api';
import type { StoreAttempt } from '../oss/observer.js';

/** Most OSS request ids remembered per HTTP request (a listing of many pages stays bounded). */
export const MAX_STORE_REQUEST_IDS = 100;

/** The OSS request ids of a request's store answers. */
export interface StoreAnswers {
  /** OSS request ids so far, oldest first, at most {@link MAX_STORE_REQUEST_IDS}. */
  readonly ids: string[];
  /** Answers whose ids were not kept because the list was full. */
  dropped: number;
}

/** The scope of one HTTP request (and, inside an operation, of that operation). */
export interface RequestScope {
  /** The HTTP request id (`x-request-id`, accepted or generated). */
  readonly requestId: string;
  /** The store answers of the whole HTTP request (shared by the scopes of its operations). */
  readonly store: StoreAnswers;
  /** Trace context store spans are children of (the operation span's), when tracing. */
  readonly traceContext?: Context;
  /** The span of the GraphQL operation running in this scope, when tracing. */
  readonly operationSpan?: Span;
}

// Why WeakMaps: a scope lives exactly as long as its request (or operation context); nothing to clean up.
const requestScopes = new WeakMap<Request, RequestScope>();
const operationScopes = new WeakMap<object, RequestScope>();

/** A fresh scope for an HTTP request with id `requestId`. */
export function newRequestScope(requestId: string): RequestScope {
  return { requestId, store: { ids: [], dropped: 0 } };
}

/** Makes `scope` the scope of the HTTP request `request` (see {@link requestScopeOf}). */
export function bindRequestScope(request: Request, scope: RequestScope): void {
  requestScopes.set(request, scope);
}

/** The scope bound to `request`, or `undefined` when none was (a Yoga without `useRequestId`). */
export function requestScopeOf(request: Request): RequestScope | undefined {
  return requestScopes.get(request);
}

/**
 * Makes `scope` the scope of the GraphQL operation whose context is `context` (Yoga's initial
 * context of the operation, which envelop extends in place into the resolvers' context).
 */
export function bindOperationScope(context: object, scope: RequestScope): void {
  operationScopes.set(context, scope);
}

/**
 * The scope of the operation whose context is `context`: the one bound by
 * {@link bindOperationScope} (tracing), else the scope of its HTTP request `context.request`.
 */
export function operationScopeOf(context: { readonly request?: Request }): RequestScope | undefined {
  return operationScopes.get(context) ?? (context.request === undefined ? undefined : requestScopes.get(context.request));
}

/** The request scope a store attempt was made in (its `CallOptions.scope`), if any. */
export function attemptScope(attempt: StoreAttempt): RequestScope | undefined {
  // Why a cast: the OSS layer carries the scope opaquely; the per-request store view
  // (`src/loaders/store-api.ts`) is the one place that sets it, always to a RequestScope.
  return attempt.scope as RequestScope | undefined;
}

/** Remembers the OSS request id of a store answer in `scope` (bounded). */
export function recordStoreRequestId(scope: RequestScope, ossRequestId: string): void {
  if (scope.store.ids.length < MAX_STORE_REQUEST_IDS) scope.store.ids.push(ossRequestId);
  else scope.store.dropped++;
}
