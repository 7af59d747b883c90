/** Debug lines of each request's GraphQL phases, each naming its request. */
import type { Plugin } from 'graphql-yoga';
import { requestScopeOf } from '../../observability/request-scope.js';
import type { Logger } from '../logger.js';

/**
 * At debug level, writes Yoga's phase lines — `Parsing request to extract GraphQL parameters`,
 * `Processing GraphQL Parameters` (with `operationName`) and `Processing GraphQL Parameters done.`
 * — with `source: "yoga"` and the request's `requestId`. Why ours: Yoga writes them through its
 * logger without the request, so they could not name it; `createMaskedErrorLogging` drops Yoga's
 * own. Below debug it adds no hook.
 */
export function useRequestDebugLog(logger: Logger): Plugin {
  if (!logger.isEnabled('debug')) return {};
  const debug = (request: Request, message: string, fields: Record<string, unknown> = {}): void => {
    const requestId = requestScopeOf(request)?.requestId;
    logger.debug(message, { source: 'yoga', ...(requestId === undefined ? {} : { requestId }), ...fields });
  };
  return {
    onRequestParse({ request }) {
      debug(request, 'Parsing request to extract GraphQL parameters');
    },
    onParams({ request, params }) {
      debug(request, 'Processing GraphQL Parameters', params.operationName == null ? {} : { operationName: params.operationName });
    },
    onExecutionResult({ request }) {
      debug(request, 'Processing GraphQL Parameters done.');
    },
  };
}
