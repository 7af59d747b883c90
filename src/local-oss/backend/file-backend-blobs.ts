/**
 * The blobs of the file backend: immutable data files named by random ids, written crash-safely
 * and reference-counted so they are removed once no record and no operation in flight needs them.
 */
import { rename, type FileHandle } from 'node:fs/promises';
import { Crc64, formatCrc64 } from '../../oss/checksum/crc64.js';
import type { DataDigest } from './backend.js';
import { DigestAccumulator } from './backend-shared.js';
import { openNoFollow } from './file-backend-nofollow.js';
import { discardTemp, finishTemp, fsyncDir, streamToTemp, unlinkIfExists, type TempFile } from './file-backend-atomic.js';
import { blobPath, newBlobId, type Layout } from './file-backend-layout.js';
import { readBlob } from './file-backend-read.js';

/** A blob and its length, as named by a part record. */
export interface BlobSlice {
  readonly blob: string;
  readonly size: number;
}

/**
 * Blob files plus their reference counts: one per object or part record naming the blob, and one
 * per pin (a write about to commit it, a read or copy about to open or reference it). A blob
 * whose count drops to zero is unlinked.
 */
export class BlobStore {
  readonly #layout: Layout;
  readonly #counts: Map<string, number>;
  readonly #warn: (message: string) => void;
  readonly #unlinking = new Set<Promise<void>>();

  /** `counts`: the references of the records loaded at startup. */
  constructor(layout: Layout, counts: ReadonlyMap<string, number>, warn: (message: string) => void) {
    this.#layout = layout;
    this.#counts = new Map(counts);
    this.#warn = warn;
  }

  /** Adds one reference (a record or a pin) to `id`. */
  add(id: string): void {
    this.#counts.set(id, (this.#counts.get(id) ?? 0) + 1);
  }

  /** Drops one reference; the last one unlinks the blob (in the background). */
  release(id: string): void {
    const n = (this.#counts.get(id) ?? 0) - 1;
    if (n > 0) {
      this.#counts.set(id, n);
      return;
    }
    this.#counts.delete(id);
    const done = unlinkIfExists(blobPath(this.#layout, id)).then(
      () => undefined,
      // Why only a warning: an unreferenced blob is garbage that the next startup collects.
      (error: unknown) => this.#warn(`could not remove unreferenced blob ${id}: ${String(error)}`),
    );
    this.#unlinking.add(done);
    void done.finally(() => this.#unlinking.delete(done));
  }

  /** Opens a blob for reading; pin it first if a commit could release it meanwhile. */
  async open(id: string): Promise<FileHandle> {
    return openNoFollow(blobPath(this.#layout, id));
  }

  /**
   * Streams `body` into a new blob, measuring it, runs `verify`, and publishes the blob durably.
   * Resolves the blob's id pinned once (the caller releases the pin) and the digest. On any
   * failure, including `body` or `verify` throwing (propagated unchanged), nothing stays.
   */
  async write(
    body: AsyncIterable<Uint8Array>,
    verify: ((digest: DataDigest) => void) | undefined,
  ): Promise<{ blob: string; digest: DataDigest }> {
    const accumulator = new DigestAccumulator();
    const temp = await streamToTemp(this.#layout.tmp, body, (chunk) => accumulator.update(chunk));
    const digest = accumulator.digest();
    try {
      verify?.(digest);
    } catch (error) {
      await discardTemp(temp);
      throw error;
    }
    return { blob: await this.#publish(temp), digest };
  }

  /**
   * A blob holding `slices` concatenated, pinned once, written by streaming (a single slice is
   * reused as is). Throws if the data does not have CRC-64 `expectedCrc` (a damaged store).
   */
  async concatenate(slices: readonly BlobSlice[], expectedCrc: string): Promise<string> {
    if (slices.length === 1) {
      const only = (slices[0] as BlobSlice).blob;
      this.add(only);
      return only;
    }
    const crc = new Crc64();
    const store = this;
    async function* concatenated(): AsyncGenerator<Uint8Array> {
      for (const slice of slices) yield* readBlob(await store.open(slice.blob), 0, slice.size);
    }
    const temp = await streamToTemp(this.#layout.tmp, concatenated(), (chunk) => crc.update(chunk));
    if (formatCrc64(crc.digest()) !== expectedCrc) {
      await discardTemp(temp);
      throw new Error(`stored parts do not match their CRC-64 records; the data directory ${this.#layout.root} is damaged`);
    }
    return this.#publish(temp);
  }

  /** Resolves once no unlink is in flight. */
  async idle(): Promise<void> {
    while (this.#unlinking.size > 0) await Promise.all(this.#unlinking);
  }

  /** Fsyncs a finished temp file and renames it into `blobs/`; resolves its id, pinned once. */
  async #publish(temp: TempFile): Promise<string> {
    const id = newBlobId();
    try {
      await finishTemp(temp);
      await rename(temp.path, blobPath(this.#layout, id));
    } catch (error) {
      await discardTemp(temp);
      throw error;
    }
    this.add(id);
    try {
      // Why: the blob's name must be durable before a record naming it is, or a crash could
      // leave a committed record without its data.
      await fsyncDir(this.#layout.blobs);
    } catch (error) {
      this.release(id);
      throw error;
    }
    return id;
  }
}
