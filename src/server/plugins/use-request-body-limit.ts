/**
 * The whole-body size limit, in place of Yoga's `maxRequestBodySize`, without its per-request
 * stream pipe when `Content-Length` already bounds the body.
 *
 * Why: Yoga's guard pipes every request body through a `TransformStream` counting bytes, even a
 * small JSON body whose `Content-Length` it has just checked; the pipe and its teardown (an
 * `AbortController` abort building a `DOMException`) were ≈ 10 % of the API's busy time per
 * single-object query (bench/RESULTS.md). Over HTTP, Node's parser never delivers more body bytes
 * than a valid `Content-Length` announces (and refuses a request that also says
 * `Transfer-Encoding`), so the header is the bound; only bodies without it (chunked) are counted.
 */
import { createGraphQLError } from 'graphql-yoga';
import type { Plugin } from 'graphql-yoga';

// Why the same errors as Yoga's guard: `useUploadLimit` and clients recognise them.
function tooLarge(): Error {
  return createGraphQLError('Request body too large', { extensions: { http: { status: 413 }, code: 'REQUEST_ENTITY_TOO_LARGE' } });
}

function invalidContentLength(): Error {
  return createGraphQLError('Content-Length header is invalid.', { extensions: { http: { status: 400 }, code: 'BAD_REQUEST' } });
}

/** Only a single non-negative integer is a valid Content-Length (comma-joined values are smuggling attempts). */
const CONTENT_LENGTH = /^\d+$/;

/** `request` with a body that errors once more than `limit` bytes went through (Yoga's own counting). */
function countedRequest(request: Request, limit: number, fetchAPI: { TransformStream: typeof TransformStream; Request: typeof Request }): Request {
  const body = request.body;
  if (body === null) return request;
  // Why the constructor choice: a native body stream needs the native TransformStream (graphql-yoga#4583).
  const Transform = body instanceof ReadableStream ? globalThis.TransformStream : fetchAPI.TransformStream;
  let bytes = 0;
  const limited = body.pipeThrough(
    new Transform<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        bytes += chunk.byteLength;
        if (bytes > limit) {
          controller.error(tooLarge());
          return;
        }
        controller.enqueue(chunk);
      },
    }),
  );
  return new fetchAPI.Request(request.url, {
    method: request.method,
    headers: request.headers,
    signal: request.signal,
    body: limited,
    duplex: 'half',
  } as RequestInit);
}

/**
 * Refuses bodies over `limit` bytes: at once (413) when `Content-Length` says so, 400 for an
 * invalid `Content-Length`; a body without one is counted as it is read. Place it after every
 * plugin that registers a request parser, and create Yoga with `maxRequestBodySize: false`.
 */
export function useRequestBodyLimit(limit: number): Plugin {
  return {
    onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
      const contentLength = request.headers.get('content-length');
      if (contentLength !== null) {
        if (!CONTENT_LENGTH.test(contentLength)) throw invalidContentLength();
        if (Number(contentLength) > limit) throw tooLarge();
        return;
      }
      if (requestParser === undefined || request.body === null) return;
      const parse = requestParser;
      setRequestParser((req) => parse(countedRequest(req, limit, fetchAPI)));
    },
  };
}
