/**
 * Crash-safe file writes for the file backend: data goes to a temp file, is fsynced, and is then
 * renamed over its final name, so the final name always holds a complete old or new file.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { asBuffer } from './backend-shared.js';

/** A temp file being written; finish it with {@link finishTemp} or drop it with {@link discardTemp}. */
export interface TempFile {
  readonly path: string;
  readonly handle: FileHandle;
}

/** Creates a new, empty temp file with a random name in `tmpDir` (which must exist). */
export async function createTemp(tmpDir: string): Promise<TempFile> {
  const path = join(tmpDir, `${randomBytes(12).toString('hex')}.tmp`);
  return { path, handle: await open(path, 'wx') };
}

/** Writes all of `data` at the file's current position (retrying short writes). */
export async function writeAll(handle: FileHandle, data: Uint8Array): Promise<void> {
  const buffer = asBuffer(data);
  let offset = 0;
  while (offset < buffer.length) {
    const { bytesWritten } = await handle.write(buffer, offset, buffer.length - offset);
    offset += bytesWritten;
  }
}

/**
 * Streams `body` into a new temp file, calling `onChunk` with each chunk before it is written.
 * The file is left open and unsynced; if `body` or `onChunk` throws, the temp file is removed and
 * the error propagates unchanged.
 */
export async function streamToTemp(
  tmpDir: string,
  body: AsyncIterable<Uint8Array>,
  onChunk: (chunk: Uint8Array) => void,
): Promise<TempFile> {
  const temp = await createTemp(tmpDir);
  try {
    for await (const chunk of body) {
      onChunk(chunk);
      await writeAll(temp.handle, chunk);
    }
    return temp;
  } catch (error) {
    await discardTemp(temp);
    throw error;
  }
}

/** Flushes a temp file to stable storage and closes it. */
export async function finishTemp(temp: TempFile): Promise<void> {
  try {
    await temp.handle.sync();
  } finally {
    await temp.handle.close();
  }
}

/** Closes and removes a temp file, ignoring errors (it is garbage either way). */
export async function discardTemp(temp: TempFile): Promise<void> {
  await temp.handle.close().catch(() => undefined);
  await unlink(temp.path).catch(() => undefined);
}

/**
 * Makes the entries of `dir` (a rename into it, a new or removed file) durable.
 *
 * Why: fsync on a file persists its bytes, not its name; after a crash a renamed file can
 * otherwise reappear under its old name or vanish, on ext4/xfs as on most POSIX filesystems.
 */
export async function fsyncDir(dir: string): Promise<void> {
  let handle: FileHandle;
  try {
    handle = await open(dir, 'r');
  } catch (error) {
    // Why: some platforms (Windows) cannot open a directory; they also do not need this.
    if (isErrno(error, 'EISDIR') || isErrno(error, 'EPERM')) return;
    throw error;
  }
  try {
    await handle.sync();
  } catch (error) {
    if (!isErrno(error, 'EINVAL') && !isErrno(error, 'EPERM')) throw error;
  } finally {
    await handle.close();
  }
}

/**
 * Atomically replaces `target` with `data`: temp file in `tmpDir`, fsync, rename, fsync of the
 * target's directory. `onRenamed` runs right after the rename (the commit point), before the
 * directory fsync, so in-memory state can follow the disk even if that fsync fails.
 */
export async function replaceFile(
  tmpDir: string,
  target: string,
  data: string | Uint8Array,
  onRenamed?: () => void,
): Promise<void> {
  const temp = await createTemp(tmpDir);
  try {
    await writeAll(temp.handle, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    await finishTemp(temp);
    await rename(temp.path, target);
  } catch (error) {
    await discardTemp(temp);
    throw error;
  }
  onRenamed?.();
  await fsyncDir(dirname(target));
}

/** Removes a file that may already be gone; other errors propagate. */
export async function unlinkIfExists(path: string): Promise<boolean> {
  try {
    await unlink(path);
    return true;
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return false;
    throw error;
  }
}

/** True when `error` is a Node system error with this `code`. */
export function isErrno(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}
