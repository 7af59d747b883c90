/** Turns a {@link RequestBody} into what one attempt sends, with its CRC-64 computed on the way. */
import { Crc64, crc64 } from '../checksum/crc64.js';
import type { RequestBody, StreamingBody } from './types.js';

/** One attempt's body and the CRC-64 of what was sent. */
export interface PreparedBody {
  readonly payload: Uint8Array | AsyncIterable<Uint8Array> | undefined;
  /** Byte length when known in advance. */
  readonly contentLength: number | undefined;
  /** CRC-64 of every byte sent; `undefined` until a streamed body has been sent to its end. */
  crc64(): bigint | undefined;
}

/** True when `body` may be sent again after a failed attempt. */
export function isReplayable(body: RequestBody | undefined): boolean {
  return body === undefined || body instanceof Uint8Array || body.replayable;
}

/**
 * Prepares `body` for one attempt. Bytes are sent as they are; a streaming body's `stream()` is
 * called now and every chunk passes through the CRC-64 as it is handed to the socket.
 */
export function prepareBody(body: RequestBody | undefined): PreparedBody {
  if (body === undefined) return { payload: undefined, contentLength: undefined, crc64: () => undefined };
  if (body instanceof Uint8Array) {
    let crc: bigint | undefined;
    return { payload: body, contentLength: body.byteLength, crc64: () => (crc ??= crc64(body)) };
  }
  return prepareStream(body);
}

function prepareStream(body: StreamingBody): PreparedBody {
  const hasher = new Crc64();
  let done = false;
  const source = body.stream() as AsyncIterable<Uint8Array | string>;
  async function* hashed(): AsyncGenerator<Uint8Array> {
    for await (const chunk of source) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      hasher.update(bytes);
      yield bytes;
    }
    done = true;
  }
  return {
    payload: hashed(),
    contentLength: body.contentLength,
    crc64: () => (done ? hasher.digest() : undefined),
  };
}
