/**
 * Reading blobs of the file backend. A read opens the blob first and then streams from that
 * descriptor, so it keeps seeing the same bytes when the object is overwritten or deleted (the
 * blob is unlinked, not changed).
 */
import type { FileHandle } from 'node:fs/promises';

/** Size of the chunks a body yields. */
export const READ_CHUNK = 1024 * 1024;

// Why: the contract lets a caller drop a body without iterating it; its descriptor must then be
// closed when the body is collected. A registry (rather than FileHandle's own collection) closes
// it quietly and early.
const unconsumed = new FinalizationRegistry<FileHandle>((handle) => {
  void handle.close().catch(() => undefined);
});

/**
 * Streams `length` bytes from `offset` of an open blob, in chunks of at most {@link READ_CHUNK}
 * bytes, each a fresh buffer the consumer may keep. Takes ownership of `handle`: it is closed when
 * the body ends, fails or is abandoned with `return()`, or when a never-finished body is garbage
 * collected. Throws if the file is shorter than `offset + length` (a damaged store).
 */
export function readBlob(handle: FileHandle, offset: number, length: number): AsyncIterable<Uint8Array> {
  const token = {};
  const body = chunks(handle, offset, length, token);
  unconsumed.register(body, handle, token);
  return body;
}

async function* chunks(
  handle: FileHandle,
  offset: number,
  length: number,
  token: object,
): AsyncGenerator<Uint8Array, void, undefined> {
  try {
    let position = offset;
    const end = offset + length;
    while (position < end) {
      const size = Math.min(READ_CHUNK, end - position);
      const buffer = Buffer.allocUnsafe(size);
      let filled = 0;
      while (filled < size) {
        const { bytesRead } = await handle.read(buffer, filled, size - filled, position + filled);
        if (bytesRead === 0) {
          throw new Error(`blob ended at byte ${position + filled}, expected ${end} bytes; the data directory is damaged`);
        }
        filled += bytesRead;
      }
      position += size;
      yield buffer;
    }
  } finally {
    unconsumed.unregister(token);
    await handle.close();
  }
}

/** An empty body (for zero-length reads, which need no descriptor). */
export async function* emptyBody(): AsyncGenerator<Uint8Array, void, undefined> {
  // Nothing to yield.
}
