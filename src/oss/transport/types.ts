/**
 * The shapes an operation hands to the client and gets back. Operations build an
 * {@link OssRequest} (already validated), the client signs, sends and retries it, and returns an
 * {@link OssResponse} for every 2xx answer; anything else becomes an error.
 */

import type { Readable } from 'node:stream';

/** HTTP methods OSS operations use. */
export type HttpMethod = 'GET' | 'HEAD' | 'PUT' | 'POST' | 'DELETE';

/**
 * A request body produced on demand. `stream()` is called once per attempt; a body that is not
 * `replayable` is sent at most once, so a failed attempt is not retried.
 */
export interface StreamingBody {
  readonly stream: () => AsyncIterable<Uint8Array> | Readable;
  readonly replayable: boolean;
  /** Byte length, sent as `Content-Length`; without it the body goes out chunked. */
  readonly contentLength?: number;
}

/** What an operation may send as a body: bytes (always replayable) or a streaming body. */
export type RequestBody = Uint8Array | StreamingBody;

/** One OSS API call, as the client sends it. */
export interface OssRequest {
  /** OSS API name, for errors and logs (`HeadObject`). */
  readonly operation: string;
  readonly method: HttpMethod;
  readonly bucket?: string;
  readonly key?: string;
  /** Decoded query parameters; an empty value is sent as a bare name (`?objectMeta`). */
  readonly query?: ReadonlyArray<readonly [string, string]>;
  /** Lowercase header names; values are checked for CR/LF by the operation. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: RequestBody;
  /** `buffer` (default) reads the whole 2xx body; `stream` hands it back unread. */
  readonly responseType?: 'buffer' | 'stream';
  /** Compare `x-oss-hash-crc64ecma` of the answer with the CRC-64 of the body sent. */
  readonly verifyUploadCrc?: boolean;
  /**
   * Service error codes that are this operation's answer, never retried although they are
   * retryable in general (image info answers `BadRequest` for an object that is not an image).
   */
  readonly finalCodes?: readonly string[];
}

/** A response body handed back unread; consume it once or call `destroy()`. */
export interface ResponseStream extends AsyncIterable<Uint8Array> {
  destroy(error?: Error): void;
}

/** A 2xx answer. Header names are lowercase; repeated headers are joined with `, `. */
export interface OssResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** `x-oss-request-id`, or `''` when absent. */
  readonly requestId: string;
  /** The whole body for `responseType: 'buffer'`; empty for `stream`. */
  readonly body: Uint8Array;
  /** The unread body for `responseType: 'stream'`. */
  readonly stream?: ResponseStream;
  /** CRC-64 of the request body as sent, when one was sent. */
  readonly sentCrc64?: bigint;
}
