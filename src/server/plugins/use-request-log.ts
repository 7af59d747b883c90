/** One structured log line per HTTP request: what, how it ended, how long, how many store requests. */
import type { Plugin } from 'graphql-yoga';
import type { GraphQLError } from 'graphql';
import type { Logger } from '../logger.js';

/** A GraphQL context that can say how many store requests it made (ossgraph's does). */
interface CountsStoreRequests {
  storeRequests?: () => number;
}

/** What is learnt about one HTTP request while it is handled. */
interface RequestRecord {
  readonly startedAt: number;
  readonly operations: Array<string | null>;
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
 * `extensions.code` of each error in the result) and `requestId` (`x-request-id`, when sent).
 */
export function useRequestLog(options: RequestLogOptions): Plugin {
  const records = new WeakMap<Request, RequestRecord>();
  return {
    onRequest({ request }) {
      records.set(request, { startedAt: options.now(), operations: [], contexts: [], errorCodes: [] });
    },
    onParams({ request, params }) {
      records.get(request)?.operations.push(params.operationName ?? null);
    },
    onExecute({ args }) {
      const context = args.contextValue as CountsStoreRequests & { request?: Request };
      if (context.request !== undefined) records.get(context.request)?.contexts.push(context);
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
      const requestId = request.headers.get('x-request-id');
      options.logger.info('request', {
        ...options.fields,
        method: request.method,
        path: new URL(request.url).pathname,
        status: response.status,
        durationMs: Math.round((options.now() - record.startedAt) * 10) / 10,
        storeRequests,
        ...(record.operations.length === 0 ? {} : { operations: record.operations }),
        ...(record.errorCodes.length === 0 ? {} : { errorCodes: record.errorCodes }),
        ...(requestId === null ? {} : { requestId }),
      });
    },
  };
}
