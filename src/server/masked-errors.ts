/**
 * Error masking that logs each masked error exactly once, naming its request.
 *
 * Why a journal: Yoga wraps the `maskError` option and itself calls `logger.error(error)` whenever
 * the mask changed an error — and `handleError` (errors outside execution) calls it once more — so
 * logging at each of those places wrote every masked error two or three times. Here `maskError`
 * remembers the error, the Yoga logger adapter drops Yoga's own reports of it, and the plugin
 * writes the one line (with the request id, the error chain, URLs redacted) when the result
 * holding the masked error is processed — the first place that knows the request (`maskError` is
 * called without it).
 */
import type { GraphQLError } from 'graphql';
import { maskError as yogaMaskError } from 'graphql-yoga';
import type { Plugin } from 'graphql-yoga';
import { requestScopeOf } from '../observability/request-scope.js';
import type { Logger, LogLevel } from './logger.js';
import { toYogaLogger } from './logger.js';

/** The `maskError` and `logging` options of a Yoga instance, and the plugin writing the lines. */
export interface MaskedErrorLogging {
  /** Yoga's default masking; remembers each masked error for {@link MaskedErrorLogging.plugin}. */
  maskError(error: unknown, message: string, isDev?: boolean): Error;
  /**
   * Yoga's `logging` option: {@link toYogaLogger}, minus Yoga's reports of errors already
   * masked, and minus Yoga's debug lines, which cannot name their request (`useRequestDebugLog`
   * writes the same phases with it).
   */
  readonly yogaLogger: Record<LogLevel, (...args: unknown[]) => void>;
  /**
   * Writes one `unexpected error` line per masked error in a result, with `requestId`. Register
   * it before `useRequestId`, whose copies of the errors (carrying `httpRequestId`) it would not
   * recognise.
   */
  readonly plugin: Plugin;
}

/** What is logged of a masked error. */
interface MaskedOrigin {
  readonly original: Error;
  readonly graphqlPath: unknown;
}

/** Creates the masking and logging pair for one Yoga instance writing to `logger`. */
export function createMaskedErrorLogging(logger: Logger): MaskedErrorLogging {
  const logged = new WeakSet<object>();
  const pending = new WeakMap<object, MaskedOrigin>();
  const yogaLogger = toYogaLogger(logger);
  const forwardError = yogaLogger.error;
  const logMasked = (errors: readonly GraphQLError[] | undefined, requestId: string | undefined): void => {
    for (const error of errors ?? []) {
      const origin = pending.get(error);
      if (origin === undefined) continue;
      pending.delete(error);
      logger.error('unexpected error', {
        ...(requestId === undefined ? {} : { requestId }),
        ...(Array.isArray(origin.graphqlPath) ? { graphqlPath: origin.graphqlPath } : {}),
        error: origin.original,
      });
    }
  };
  return {
    maskError(error, message, isDev) {
      const masked = yogaMaskError(error, message, isDev);
      if (masked !== error && typeof error === 'object' && error !== null && !logged.has(error)) {
        logged.add(error);
        // Why the original: the GraphQL error around it adds only the field path, logged beside it.
        const { path: graphqlPath, originalError } = error as { path?: unknown; originalError?: unknown };
        const original = originalError ?? error;
        pending.set(masked, { original: original instanceof Error ? original : new Error(String(original)), graphqlPath });
      }
      return masked;
    },
    yogaLogger: {
      ...yogaLogger,
      debug: () => undefined,
      error: (...args: unknown[]) => {
        const [first] = args;
        if (typeof first === 'object' && first !== null && logged.has(first)) return;
        forwardError(...args);
      },
    },
    plugin: {
      onResultProcess({ request, result }) {
        if (Symbol.asyncIterator in result) return;
        const requestId = requestScopeOf(request)?.requestId;
        for (const single of Array.isArray(result) ? result : [result]) logMasked(single.errors as readonly GraphQLError[] | undefined, requestId);
      },
    },
  };
}
