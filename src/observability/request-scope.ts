/**
 * What the process knows about the HTTP request it is handling right now, carried through every
 * await of that request (AsyncLocalStorage): its id, the OSS request ids of the store calls it
 * made, and the trace context of the GraphQL operation running. Log lines, store metrics and store
 * spans read it without being handed anything.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Context, Span } from '@opentelemetry/api';

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

const storage = new AsyncLocalStorage<RequestScope>();

/** A fresh scope for an HTTP request with id `requestId`. */
export function newRequestScope(requestId: string): RequestScope {
  return { requestId, store: { ids: [], dropped: 0 } };
}

/** Runs `fn` with `scope` as the current scope of everything it awaits. */
export function runInScope<T>(scope: RequestScope, fn: () => T): T {
  return storage.run(scope, fn);
}

/** The scope of the request being handled, or `undefined` outside of one (start-up, seeding). */
export function currentScope(): RequestScope | undefined {
  return storage.getStore();
}

/** Remembers the OSS request id of a store answer in `scope` (bounded). */
export function recordStoreRequestId(scope: RequestScope, ossRequestId: string): void {
  if (scope.store.ids.length < MAX_STORE_REQUEST_IDS) scope.store.ids.push(ossRequestId);
  else scope.store.dropped++;
}
