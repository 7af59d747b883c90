/**
 * Touching files of the data directory without following symbolic links. A link inside the data
 * directory (planted, or left by a tool) must never make local-oss serve, read or delete a file
 * outside it: files are opened with `O_NOFOLLOW`, and directories are checked with `lstat`
 * before anything is read from or removed under them.
 */
import { constants } from 'node:fs';
import { lstat, open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { isErrno } from './file-backend-atomic.js';

/** A path in the data directory is a symbolic link (or another non-regular entry) where a file or directory was expected. */
export class SymlinkRefusedError extends Error {
  override readonly name = 'SymlinkRefusedError';
  readonly path: string;

  constructor(path: string, expected: 'file' | 'directory') {
    super(`${path} is not a regular ${expected} (a symbolic link?); local-oss does not follow links in its data directory`);
    this.path = path;
  }
}

/** Opens `path` for reading; rejects with {@link SymlinkRefusedError} when it is a symbolic link. */
export async function openNoFollow(path: string): Promise<FileHandle> {
  try {
    return await open(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (error) {
    if (isErrno(error, 'ELOOP')) throw new SymlinkRefusedError(path, 'file');
    throw error;
  }
}

/** The text of `path`, or `undefined` when it does not exist; never through a symbolic link. */
export async function readTextNoFollow(path: string): Promise<string | undefined> {
  let handle: FileHandle;
  try {
    handle = await openNoFollow(path);
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return undefined;
    throw error;
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new SymlinkRefusedError(path, 'file');
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}

/** The size of the regular file `path`; `undefined` when it is missing or not a regular file (a link). */
export async function regularFileSize(path: string): Promise<number | undefined> {
  try {
    const stats = await lstat(path);
    return stats.isFile() ? stats.size : undefined;
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return undefined;
    throw error;
  }
}

/** Whether `path` is a real directory (not a link to one); `false` when missing. */
export async function isRealDirectory(path: string): Promise<boolean> {
  try {
    return (await lstat(path)).isDirectory();
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return false;
    throw error;
  }
}

/** Whether `path` is a symbolic link. */
export async function isSymlink(path: string): Promise<boolean> {
  try {
    return (await lstat(path)).isSymbolicLink();
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return false;
    throw error;
  }
}
