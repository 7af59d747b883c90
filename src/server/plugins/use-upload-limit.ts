/** Turns Yoga's "request too large" errors into a 413 that tells the caller what to do instead. */
import { createGraphQLError } from 'graphql-yoga';
import type { Plugin } from 'graphql-yoga';
import type { GraphQLError } from 'graphql';
import { LIMIT_EXCEEDED } from '../limit-exceeded.js';

/** `extensions.code` of the 413 error. */
export const PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE';

/** The message of the 413 answer for a limit of `maxUploadBytes`. */
export function payloadTooLargeMessage(maxUploadBytes: number): string {
  return (
    `The request is larger than this server accepts: files uploaded through putObject may be at most ` +
    `${maxUploadBytes} bytes. Upload larger files straight to the store: call the createUpload mutation ` +
    `for a presigned URL and PUT the file there.`
  );
}

/** True for the errors Yoga raises when a multipart file or the whole body is over its limit. */
function isTooLarge(error: GraphQLError): boolean {
  // Why: an operation limit (a document too large) answers 413 too, with its own message.
  if (error.extensions['code'] === LIMIT_EXCEEDED) return false;
  const http = error.extensions['http'] as { status?: unknown } | undefined;
  return error.extensions['code'] === 'REQUEST_ENTITY_TOO_LARGE' || http?.status === 413;
}

/**
 * Rewrites 413 results (a file over `formDataLimits.fileSize`, or a body over
 * `maxRequestBodySize`) into one error with code `PAYLOAD_TOO_LARGE`, status 413 and a message
 * pointing to `createUpload`.
 *
 * Why at result processing: the two limits fail in different places (the multipart parser and
 * Yoga's body-size guard, which runs after user plugins), and both end up here.
 */
export function useUploadLimit(options: { readonly maxUploadBytes: number }): Plugin {
  const message = payloadTooLargeMessage(options.maxUploadBytes);
  return {
    onResultProcess({ result, setResult }) {
      if (Array.isArray(result) || Symbol.asyncIterator in result) return;
      if (result.data != null || !result.errors?.some((e) => isTooLarge(e as GraphQLError))) return;
      setResult({
        errors: [
          createGraphQLError(message, {
            extensions: { code: PAYLOAD_TOO_LARGE, maxUploadBytes: options.maxUploadBytes, http: { status: 413 } },
          }),
        ],
      });
    },
  };
}
