/**
 * Claiming a data directory for one file backend: the format marker (so a mistyped `--data-dir`
 * never turns a user's directory into a store) and the lock file (so two processes never share
 * one store, whose index lives in memory).
 */
import { mkdir, open, readdir, readFile, realpath, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { fsyncDir, isErrno } from './file-backend-atomic.js';
import { FORMAT_VERSION, MARKER_FILE, type Layout } from './file-backend-layout.js';

/** Data directories opened by a backend of this process (by real path). */
const openHere = new Set<string>();

/** The data directory cannot be used; the message says why and what to do. */
export class DataDirError extends Error {
  override readonly name = 'DataDirError';
}

/**
 * Creates the data directory if needed, checks or writes its marker, and takes its lock.
 * Resolves a function that releases the lock. Throws {@link DataDirError} when the directory is
 * not empty and has no marker, has a marker of another format, or is locked by a live process.
 */
export async function claimDataDir(layout: Layout): Promise<() => Promise<void>> {
  await mkdir(layout.root, { recursive: true });
  const real = await realpath(layout.root);
  await checkMarker(layout);
  if (openHere.has(real)) {
    throw new DataDirError(`data directory ${layout.root} is already open in this process; close that backend first`);
  }
  await takeLock(layout);
  openHere.add(real);
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    openHere.delete(real);
    await unlink(layout.lock).catch(() => undefined);
  };
}

async function checkMarker(layout: Layout): Promise<void> {
  let text: string | undefined;
  try {
    text = await readFile(layout.marker, 'utf8');
  } catch (error) {
    if (!isErrno(error, 'ENOENT')) throw error;
  }
  if (text === undefined) {
    const temp = join(layout.root, `${MARKER_FILE}.tmp`);
    const entries = (await readdir(layout.root)).filter((name) => name !== `${MARKER_FILE}.tmp`);
    if (entries.length > 0) {
      throw new DataDirError(
        `${layout.root} is not empty and has no ${MARKER_FILE}, so it is not a local-oss data directory; use an empty or new directory`,
      );
    }
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(`${JSON.stringify({ format: FORMAT_VERSION, store: 'ossgraph local-oss' })}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, layout.marker);
    await fsyncDir(layout.root);
    return;
  }
  let format: unknown;
  try {
    format = (JSON.parse(text) as { format?: unknown }).format;
  } catch {
    format = undefined;
  }
  if (format !== FORMAT_VERSION) {
    throw new DataDirError(`${layout.marker} declares format ${JSON.stringify(format)}; this local-oss reads format ${FORMAT_VERSION}`);
  }
}

async function takeLock(layout: Layout): Promise<void> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(layout.lock, 'wx');
      try {
        await handle.writeFile(`${process.pid}\n`);
      } finally {
        await handle.close();
      }
      return;
    } catch (error) {
      if (!isErrno(error, 'EEXIST')) throw error;
    }
    const pid = Number.parseInt(await readFile(layout.lock, 'utf8').catch(() => ''), 10);
    if (Number.isSafeInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
      throw new DataDirError(
        `data directory ${layout.root} is in use by process ${pid}; stop it, or delete ${layout.lock} if that process is not local-oss`,
      );
    }
    // Why: the owner died without releasing the lock (crash, SIGKILL); its writes are
    // crash-consistent, so taking the directory over is safe.
    await unlink(layout.lock).catch(() => undefined);
  }
  throw new DataDirError(`could not take the lock ${layout.lock}; another process keeps creating it`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return isErrno(error, 'EPERM');
  }
}
