/** One structured log line per HTTP request: what, how it ended, how long, how many store requests. */
import { getOperationAST } from 'graphql';
import type { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { requestScopeOf } from '../../observability/request-scope.js';
import type { Logger } from '../logger.js';

/** A GraphQL context that can say how many store requests it made (ossgraph's does). */
interface CountsStoreRequests {
  storeRequests?: () => number;
}

/** What is learnt about one HTTP request while it is handled. */
interface RequestRecord {
  readonly startedAt: number;
  /** `operationName` of each GraphQL request parsed from the body or query string. */
  readonly requested: Array<string | null>;
  /** Name of each operation executed, from its document. */
  readonly executed: Array<string | null>;
  readonly contexts: CountsStoreRequests[];
  errorCodes: string[];
}

/** Options of {@link useRequestLog}. */
export interface RequestLogOptions {
  readonly logger: Logger;
  /** Monotonic milliseconds (`performance.now`). */
  readonly now: () => number;
  /** Added to every line (e.g. `{ endpoint: 'subgraph' }`). */
  readonly fields?: Readonly<Record<string, unknown>>;
}

/**
 * Logs `msg: "request"` at info when each response is ready, with `method`, `path`, `status`,
 * `durationMs`, `storeRequests` (summed over the request's operations through
 * `context.storeRequests()`), `operations` (names, `null` for anonymous), `errorCodes` (the
 * `extensions.code` of each error in the result), `requestId` (the HTTP request id of `useRequestId`)
 * and `storeRequestIds` (the OSS request ids of the store answers, at most 100, with
 * `storeRequestIdsDropped` counting the rest).
 * Requests answered by plugins registered before this one (health and readiness probes) are
 * not logged, on purpose: a probe every few seconds would drown the log.
 */
export function useRequestLog(options: RequestLogOptions): Plugin {
  // Why: the record is kept per request on the hot path; below info nobody reads it.
  if (!options.logger.isEnabled('info')) return {};
  const records = new WeakMap<Request, RequestRecord>();
  return {
    onRequest({ request }) {
      records.set(request, { startedAt: options.now(), requested: [], executed: [], contexts: [], errorCodes: [] });
    },
    onParams({ request, params }) {
      records.get(request)?.requested.push(params.operationName ?? null);
    },
    onExecute({ args }) {
      const context = args.contextValue as CountsStoreRequests & { request?: Request };
      const record = context.request === undefined ? undefined : records.get(context.request);
      if (record === undefined) return;
      record.contexts.push(context);
      record.executed.push(getOperationAST(args.document, args.operationName)?.name?.value ?? null);
    },
    onResultProcess({ request, result }) {
      const record = records.get(request);
      if (record === undefined || Symbol.asyncIterator in result) return;
      for (const single of Array.isArray(result) ? result : [result]) {
        for (const error of (single.errors ?? []) as readonly GraphQLError[]) {
          const code = error.extensions?.['code'];
          record.errorCodes.push(typeof code === 'string' ? code : 'GRAPHQL_ERROR');
        }
      }
    },
    onResponse({ request, response }) {
      const record = records.get(request);
      if (record === undefined) return;
      records.delete(request);
      const storeRequests = record.contexts.reduce((sum, context) => sum + (context.storeRequests?.() ?? 0), 0);
      const scope = requestScopeOf(request);
      const operations = record.executed.length > 0 ? record.executed : record.requested;
      options.logger.info('request', {
        ...options.fields,
        method: request.method,
        path: new URL(request.url).pathname,
        status: response.status,
        durationMs: Math.round((options.now() - record.startedAt) * 10) / 10,
        storeRequests,
        ...(operations.length === 0 ? {} : { operations }),
        ...(record.errorCodes.length === 0 ? {} : { errorCodes: record.errorCodes }),
        ...(scope === undefined ? {} : { requestId: scope.requestId }),
        ...(scope === undefined || scope.store.ids.length === 0 ? {} : { storeRequestIds: scope.store.ids }),
        ...(scope === undefined || scope.store.dropped === 0 ? {} : { storeRequestIdsDropped: scope.store.dropped }),
      });
    },
  };
}
