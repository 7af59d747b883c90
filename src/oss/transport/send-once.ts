/**
 * One HTTP exchange through undici whose body is handed back as a stream (GetObject), with
 * transport failures turned into {@link OssRequestError}. Answers read whole go through
 * `send-buffered.ts` instead.
 */
import { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import { OssRequestError } from '../errors.js';
import type { HttpMethod, ResponseStream } from './types.js';

/** What {@link sendOnce} sends. Header values must already be ByteStrings. */
export interface RawRequest {
  readonly method: HttpMethod;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: Uint8Array | AsyncIterable<Uint8Array> | undefined;
  readonly signal?: AbortSignal | undefined;
}

/** A response whose headers arrived; the body is still unread. */
export interface RawResponse {
  readonly status: number;
  /** Lowercase names; repeated headers joined with `, `. */
  readonly headers: Record<string, string>;
  readonly body: ResponseStream;
}

/**
 * Sends one request and resolves when the response headers arrive. Never rejects with anything
 * but {@link OssRequestError}: code `RequestAborted` when `signal` fired, `RequestTimeout` for
 * undici timeouts, else `RequestError`, the undici error as `cause`.
 */
export async function sendOnce(dispatcher: Dispatcher, raw: RawRequest): Promise<RawResponse> {
  try {
    const { origin, path } = splitUrl(raw.url);
    const response = await dispatcher.request({
      origin,
      path,
      method: raw.method,
      headers: raw.headers,
      body: raw.body === undefined ? null : raw.body instanceof Uint8Array ? raw.body : Readable.from(raw.body),
      signal: raw.signal ?? null,
      // Why: undici closes the connection after every HEAD unless told otherwise (to survive
      // servers that wrongly send a body); OSS sends none, and HeadObject/GetObjectMeta are the
      // hot path — a fresh TCP (and TLS) handshake per object would dominate their cost.
      ...(raw.method === 'HEAD' ? { reset: false } : {}),
    });
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(response.headers)) {
      if (value === undefined) continue;
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
    }
    return { status: response.statusCode, headers, body: response.body };
  } catch (error) {
    throw toRequestError(error, { method: raw.method, url: raw.url }, raw.signal);
  }
}

/**
 * Splits an absolute URL into origin and raw path (with query).
 * Why: handing undici a whole URL runs it through the WHATWG parser, which resolves `..` and
 * `%2E%2E` segments and so would change keys such as `a/../b`; the raw path is sent verbatim.
 */
export function splitUrl(url: string): { origin: string; path: string } {
  const slash = url.indexOf('/', url.indexOf('//') + 2);
  return slash === -1 ? { origin: url, path: '/' } : { origin: url.slice(0, slash), path: url.slice(slash) };
}

/** Wraps a transport failure (while sending or while reading a body) as {@link OssRequestError}. */
export function toRequestError(
  error: unknown,
  target: { method: string; url: string },
  signal?: AbortSignal | undefined,
): OssRequestError {
  if (error instanceof OssRequestError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  if (signal?.aborted) return new OssRequestError('RequestAborted', `aborted: ${detail}`, target, { cause: error });
  const code = (error as { code?: unknown } | null)?.code;
  const timeout =
    code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT';
  return new OssRequestError(timeout ? 'RequestTimeout' : 'RequestError', detail, target, { cause: error });
}

/**
 * Reads a whole body. With `limit`, stops after that many bytes and discards the rest
 * (for error bodies, which are small and only read for their XML).
 */
export async function readBody(body: AsyncIterable<Uint8Array>, limit = Infinity): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of body) {
    if (length >= limit) continue;
    chunks.push(chunk);
    length += chunk.byteLength;
  }
  const out = Buffer.concat(chunks, length);
  return limit < out.byteLength ? out.subarray(0, limit) : out;
}
