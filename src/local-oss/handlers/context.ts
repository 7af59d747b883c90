/**
 * What a handler receives and returns. Handlers never touch `node:http`: they read a
 * {@link RequestContext} and return a {@link HandlerResult}; `server.ts` writes the response.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Backend } from '../backend/backend.js';
import { LocalOssError } from '../errors.js';

/** Server-wide settings handlers need. */
export interface HandlerConfig {
  readonly region: string;
  /** Domain of virtual-hosted addresses, e.g. `oss-cn-hangzhou.aliyuncs.com`. */
  readonly virtualHostDomain: string;
  /** How long a RestoreObject takes on the server clock (default `DEFAULT_RESTORE_DELAY_MS`). */
  readonly restoreDelayMs?: number;
}

/** One received request, decoded. */
export interface RequestContext {
  readonly requestId: string;
  /** Uppercase HTTP method. */
  readonly method: string;
  /** Bucket from the Host (virtual-hosted) or the first path segment (path style). */
  readonly bucket: string | undefined;
  /** Object key, percent-decoded exactly once; `undefined` for bucket- and service-level requests. */
  readonly key: string | undefined;
  /** Decoded query parameters in received order; an empty value (`?k` or `?k=`) is `''`. */
  readonly query: ReadonlyArray<readonly [string, string]>;
  /** First value of each query parameter. */
  readonly params: ReadonlyMap<string, string>;
  /** Request headers (lowercase names, as node:http gives them; values are latin1 strings). */
  readonly headers: IncomingHttpHeaders;
  /** The request body. */
  readonly body: AsyncIterable<Uint8Array>;
  /** Arrival time of the request (signature checks, the `Date` header). */
  readonly now: Date;
  /**
   * The server clock in epoch milliseconds. Writes pass it to the backend as `now`, which reads
   * it at the commit point: Last-Modified is the commit time, not {@link RequestContext.now}.
   */
  readonly clock: () => number;
  readonly backend: Backend;
  readonly config: HandlerConfig;
}

/** What a handler answers; `server.ts` adds the common headers and serialises. */
export interface HandlerResult {
  /** Default 200. */
  readonly status?: number;
  /** Response headers, lowercase names. */
  readonly headers?: Readonly<Record<string, string>>;
  /** An XML document to send as the body (`Content-Type: application/xml`). */
  readonly xml?: { readonly root: string; readonly value: Record<string, unknown> };
  /** A raw body. With an iterable, `contentLength` MUST be given. */
  readonly body?: Buffer | AsyncIterable<Uint8Array>;
  /** Content-Length for iterable bodies and for HEAD responses. */
  readonly contentLength?: number;
}

/** A handler of one OSS operation. */
export type Handler = (ctx: RequestContext) => Promise<HandlerResult>;

/** A request header as one string (repeated headers joined with `,`), or undefined. */
export function header(ctx: Pick<RequestContext, 'headers'>, name: string): string | undefined {
  const value = ctx.headers[name];
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value.join(',') : value;
}

/** The bucket of a bucket- or object-level request (the router guarantees one). */
export function requireBucket(ctx: RequestContext): string {
  if (ctx.bucket === undefined) throw new LocalOssError('InvalidRequest', 'This operation needs a bucket.');
  return ctx.bucket;
}

/** The key of an object-level request (the router guarantees one). */
export function requireKey(ctx: RequestContext): string {
  if (ctx.key === undefined) throw new LocalOssError('InvalidRequest', 'This operation needs an object key.');
  return ctx.key;
}

/** Reads a small request body (XML documents) completely; `MalformedXML`-sized limit of 1 MiB. */
export async function readSmallBody(ctx: RequestContext, limit = 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.body) {
    size += chunk.length;
    if (size > limit) throw new LocalOssError('InvalidArgument', `The request body must not exceed ${limit} bytes.`);
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

/** ISO-8601 with milliseconds and `Z`, as in XML `LastModified`. */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString();
}

/** RFC 1123 GMT date, as in `Last-Modified`. */
export function httpDate(ms: number): string {
  return new Date(ms).toUTCString();
}
