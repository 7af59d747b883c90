/** Request bodies as callers give them. */
import type { RequestBody, StreamingBody } from '../../transport/types.js';
import { OssInvalidArgumentError } from '../../errors.js';

/** A body to upload: bytes, a string (sent as UTF-8), or a {@link StreamingBody}. */
export type UploadBody = Uint8Array | string | StreamingBody;

/** `body` as the client sends it; a string becomes its UTF-8 bytes. Validates a streaming body's length. */
export function toRequestBody(body: UploadBody, field = 'body'): RequestBody {
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body instanceof Uint8Array) return body;
  if (typeof body !== 'object' || body === null || typeof body.stream !== 'function') {
    throw new OssInvalidArgumentError(field, 'must be a Uint8Array, a string or { stream(), replayable }', typeof body);
  }
  if (body.contentLength !== undefined && (!Number.isSafeInteger(body.contentLength) || body.contentLength < 0)) {
    throw new OssInvalidArgumentError(`${field}.contentLength`, 'must be a non-negative integer', body.contentLength);
  }
  return body;
}

/** The byte length of `body` when known without reading it. */
export function knownLength(body: UploadBody): number | undefined {
  if (typeof body === 'string') return Buffer.byteLength(body, 'utf8');
  if (body instanceof Uint8Array) return body.byteLength;
  return body.contentLength;
}
