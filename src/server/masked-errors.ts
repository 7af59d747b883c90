/**
 * Error masking that logs each masked error exactly once.
 *
 * Why a journal: Yoga wraps the `maskError` option and itself calls `logger.error(error)` whenever
 * the mask changed an error — and `handleError` (errors outside execution) calls it once more — so
 * logging in `maskError` as well wrote every masked error two or three times. Here `maskError`
 * writes the one line (with the request id, the error chain, URLs redacted) and remembers the
 * error; the Yoga logger adapter drops Yoga's own reports of errors already written.
 */
import { maskError as yogaMaskError } from 'graphql-yoga';
import type { Logger, LogLevel } from './logger.js';
import { toYogaLogger } from './logger.js';

/** The `maskError` and `logging` options of a Yoga instance, sharing one journal. */
export interface MaskedErrorLogging {
  /** Yoga's default masking, plus one `unexpected error` log line per masked error. */
  maskError(error: unknown, message: string, isDev?: boolean): Error;
  /** Yoga's `logging` option: {@link toYogaLogger}, minus Yoga's reports of errors already logged. */
  readonly yogaLogger: Record<LogLevel, (...args: unknown[]) => void>;
}

/** Creates the masking and logging pair for one Yoga instance writing to `logger`. */
export function createMaskedErrorLogging(logger: Logger): MaskedErrorLogging {
  const logged = new WeakSet<object>();
  const yogaLogger = toYogaLogger(logger);
  const forwardError = yogaLogger.error;
  return {
    maskError(error, message, isDev) {
      const masked = yogaMaskError(error, message, isDev);
      if (masked !== error && typeof error === 'object' && error !== null && !logged.has(error)) {
        logged.add(error);
        // Why the original: the GraphQL error around it adds only the field path, logged beside it.
        const { path: graphqlPath, originalError } = error as { path?: unknown; originalError?: unknown };
        const original = originalError ?? error;
        logger.error('unexpected error', {
          ...(Array.isArray(graphqlPath) ? { graphqlPath } : {}),
          error: original instanceof Error ? original : new Error(String(original)),
        });
      }
      return masked;
    },
    yogaLogger: {
      ...yogaLogger,
      error: (...args: unknown[]) => {
        const [first] = args;
        if (typeof first === 'object' && first !== null && logged.has(first)) return;
        forwardError(...args);
      },
    },
  };
}
