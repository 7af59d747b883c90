/**
 * One HTTP exchange whose answer is read whole (every response but a streamed GetObject body),
 * through undici's `dispatch` with a small handler of our own.
 *
 * Why not `dispatcher.request()`: it wraps every answer in a `Readable` (plus an `AsyncResource`
 * and a parsed header object we then copied again), and reading it back costs an async iteration
 * with several promise hops — for HeadObject/GetObjectMeta, the hot path, that machinery cost more
 * CPU than the bytes. Here headers are parsed once into our lowercase record and body chunks are
 * kept as they arrive; the promise settles once, when the exchange ends. Timeouts stay undici's
 * (the dispatcher's connect/headers/body timeouts apply to `dispatch` as to `request`).
 */
import { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import { splitUrl, toRequestError } from './send-once.js';
import type { RawRequest } from './send-once.js';

/** A whole answer. */
export interface BufferedResponse {
  readonly status: number;
  /** Lowercase names; repeated headers joined with `, `. */
  readonly headers: Record<string, string>;
  /** Every body byte of a 2xx answer; at most `errorBodyLimit` bytes of any other answer. */
  readonly body: Uint8Array;
}

/** What the exchange learnt once the response headers arrived, kept even when the body then fails. */
export interface ResponseSeen {
  status?: number;
  requestId?: string;
}

const EMPTY = new Uint8Array(0);

/**
 * Sends `raw` and resolves with the whole answer. Rejects only with `OssRequestError` (see
 * `toRequestError`: `RequestAborted`, `RequestTimeout`, `RequestError`), and only when no answer
 * can be given: a non-2xx answer whose body fails or is aborted part-way resolves with an empty
 * body, since its status and headers already say what the error is (as `readBody` did).
 * `seen` gets the status and `x-oss-request-id` as soon as the headers arrive.
 */
export function sendBuffered(
  dispatcher: Dispatcher,
  raw: RawRequest,
  seen: ResponseSeen,
  errorBodyLimit: number,
): Promise<BufferedResponse> {
  return new Promise((resolve, reject) => {
    const handler = new BufferedHandler(raw, seen, errorBodyLimit, resolve, reject);
    const { origin, path } = splitUrl(raw.url);
    // `dispatch` reports its own synchronous failures (bad header, closed dispatcher) to `onError`.
    dispatcher.dispatch(
      {
        origin,
        path,
        method: raw.method,
        headers: raw.headers,
        body: raw.body === undefined ? null : raw.body instanceof Uint8Array ? raw.body : Readable.from(raw.body),
        // See sendOnce: keep the connection after a HEAD; OSS never sends a HEAD body.
        ...(raw.method === 'HEAD' ? { reset: false } : {}),
      },
      handler,
    );
  });
}

/**
 * undici's (legacy, still first-class in undici 7) handler interface: `onConnect`, `onHeaders`,
 * `onData`, `onComplete`, `onError`. Why not the newer `onRequestStart`/`onResponseStart` one:
 * undici adapts it through a wrapper that parses the headers into its own object first, the copy
 * this handler exists to avoid; the raw `[name, value, …]` list is read here directly.
 */
class BufferedHandler implements Dispatcher.DispatchHandler {
  private abort: ((reason?: Error) => void) | undefined;
  private abortReason: Error | undefined;
  private readonly onAbort: (() => void) | undefined;
  private status = 0;
  private headers: Record<string, string> = {};
  private limit = Infinity;
  private chunks: Buffer[] = [];
  private length = 0;
  private settled = false;
  private readonly raw: RawRequest;
  private readonly seen: ResponseSeen;
  private readonly errorBodyLimit: number;
  private readonly resolve: (response: BufferedResponse) => void;
  private readonly reject: (error: unknown) => void;

  constructor(
    raw: RawRequest,
    seen: ResponseSeen,
    errorBodyLimit: number,
    resolve: (response: BufferedResponse) => void,
    reject: (error: unknown) => void,
  ) {
    this.raw = raw;
    this.seen = seen;
    this.errorBodyLimit = errorBodyLimit;
    this.resolve = resolve;
    this.reject = reject;
    const { signal } = raw;
    if (signal === undefined) return;
    if (signal.aborted) {
      this.abortReason = reasonOf(signal);
      return;
    }
    this.onAbort = () => {
      this.abortReason = reasonOf(signal);
      this.abort?.(this.abortReason);
    };
    signal.addEventListener('abort', this.onAbort, { once: true });
  }

  onConnect(abort: (reason?: Error) => void): void {
    if (this.abortReason !== undefined) {
      abort(this.abortReason);
      return;
    }
    this.abort = abort;
  }

  onHeaders(statusCode: number, rawHeaders: Array<Buffer | string | string[]>): boolean {
    if (statusCode < 200) return true; // 1xx informational: the real answer follows.
    const headers = this.headers;
    for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
      const name = text(rawHeaders[i] as Buffer | string).toLowerCase();
      const value = text(rawHeaders[i + 1] as Buffer | string | string[]);
      const earlier = headers[name];
      // Own-property check: a header named like an Object.prototype member is still a header.
      if (earlier !== undefined && Object.hasOwn(headers, name)) headers[name] = `${earlier}, ${value}`;
      else if (name !== '__proto__') headers[name] = value;
    }
    this.status = statusCode;
    this.seen.status = statusCode;
    const requestId = headers['x-oss-request-id'];
    if (requestId !== undefined) this.seen.requestId = requestId;
    if (statusCode > 299) this.limit = this.errorBodyLimit;
    return true;
  }

  onData(chunk: Buffer): boolean {
    if (this.length < this.limit) {
      this.chunks.push(chunk);
      this.length += chunk.byteLength;
    }
    return true;
  }

  onComplete(): void {
    if (this.settled) return;
    this.finish();
    const { chunks, length, limit } = this;
    let body: Uint8Array = chunks.length === 0 ? EMPTY : chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, length);
    if (body.byteLength > limit) body = body.subarray(0, limit);
    this.resolve({ status: this.status, headers: this.headers, body });
  }

  onError(error: Error): void {
    if (this.settled) return;
    this.finish();
    if (this.status > 299) {
      this.resolve({ status: this.status, headers: this.headers, body: EMPTY });
      return;
    }
    this.reject(toRequestError(error, { method: this.raw.method, url: this.raw.url }, this.raw.signal));
  }

  private finish(): void {
    this.settled = true;
    if (this.onAbort !== undefined) this.raw.signal?.removeEventListener('abort', this.onAbort);
  }
}

/** What the request is aborted with (undici's own `request()` passes the reason as it is, too). */
function reasonOf(signal: AbortSignal): Error {
  return (signal.reason as Error | undefined) ?? new Error('aborted');
}

/** A raw header name or value as text: undici hands Buffers (latin1, as `parseHeaders` reads them). */
function text(value: Buffer | string | string[]): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.join(', ');
  return value.toString('latin1');
}
