/**
 * Startup of the file backend: recovers from a crash and loads the index.
 *
 * Recovery rules, each following from the commit points of the write paths:
 * - `tmp/` holds only writes that never committed: it is emptied.
 * - A bucket directory without `bucket.json` is a crashed create or delete: removed.
 * - An upload directory without `upload.json` is a crashed create or abort: removed. An upload
 *   named by an object record's `upload` field was completed before the crash: removed.
 * - A blob no record names is garbage (crashed write, overwritten object): removed.
 * - A record that cannot be parsed, sits under the wrong name or names a missing or short blob is
 *   skipped with a warning and left on disk for inspection (no write path produces one).
 * - Symbolic links are never followed (no write path makes one): a linked `tmp/` is unlinked, a
 *   linked `blobs/` or `buckets/` stops startup, and a linked record, blob or bucket
 *   subdirectory is skipped with a warning. So startup never reads or removes anything outside
 *   the data directory.
 */
import { mkdir, readdir, rm, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import {
  blobPath,
  bucketPaths,
  decodeBucketFile,
  decodeChainFile,
  decodePartFile,
  decodeUploadFile,
  nameHash,
  BLOB_ID,
  PART_FILE,
  UPLOAD_ID,
  uploadFile,
  type Layout,
} from './file-backend-layout.js';
import { isRealDirectory, isSymlink, readTextNoFollow, regularFileSize, SymlinkRefusedError } from './file-backend-nofollow.js';
import { SortedKeys, type BucketEntry, type PartEntry, type UploadEntry, type VersionEntry } from './file-backend-index.js';

/** What {@link loadStore} found. */
export interface LoadedStore {
  readonly buckets: Map<string, BucketEntry>;
  /** Number of records naming each blob. */
  readonly blobRefs: Map<string, number>;
  /** The largest version commit sequence found (0 when none): new versions continue after it. */
  readonly maxSeq: number;
}

/** How many files are read or checked at once. */
const PARALLEL = 64;

/**
 * Prepares the directories of `layout`, repairs what a crash left behind and loads every record.
 * `warn` receives one message per skipped file.
 */
export async function loadStore(layout: Layout, warn: (message: string) => void): Promise<LoadedStore> {
  // Why unlink first: `tmp/` is emptied at every start; if it is a link, only the link goes.
  if (await isSymlink(layout.tmp)) await unlink(layout.tmp);
  await rm(layout.tmp, { recursive: true, force: true });
  for (const dir of [layout.tmp, layout.blobs, layout.buckets]) await mkdir(dir, { recursive: true });
  for (const dir of [layout.blobs, layout.buckets]) {
    if (!(await isRealDirectory(dir))) throw new SymlinkRefusedError(dir, 'directory');
  }

  const blobSizes = await blobFiles(layout, warn);
  const buckets = new Map<string, BucketEntry>();
  const blobRefs = new Map<string, number>();
  let maxSeq = 0;
  const reference = (id: string): void => {
    blobRefs.set(id, (blobRefs.get(id) ?? 0) + 1);
  };

  for (const dirent of await readdir(layout.buckets, { withFileTypes: true })) {
    if (!dirent.isDirectory()) continue;
    const bucket = await loadBucket(join(layout.buckets, dirent.name), dirent.name, blobSizes, warn);
    if (bucket === undefined) continue;
    buckets.set(bucket.record.name, bucket);
    for (const chain of bucket.chains.values()) {
      for (const entry of chain) {
        if (entry.blob !== undefined) reference(entry.blob);
        maxSeq = Math.max(maxSeq, entry.seq);
      }
    }
    for (const upload of bucket.uploads.values()) {
      for (const part of upload.parts.values()) reference(part.blob);
    }
  }

  await forEachLimit([...blobSizes.keys()].filter((id) => !blobRefs.has(id)), async (id) => {
    await unlink(blobPath(layout, id)).catch(() => undefined);
  });
  return { buckets, blobRefs, maxSeq };
}

/** Lazily stats blobs: `size(id)` resolves the blob's size, or undefined when it is absent. */
interface BlobSizes {
  keys(): IterableIterator<string>;
  size(id: string): Promise<number | undefined>;
}

async function blobFiles(layout: Layout, warn: (message: string) => void): Promise<BlobSizes> {
  const names = new Set<string>();
  for (const name of await readdir(layout.blobs)) {
    if (BLOB_ID.test(name)) names.add(name);
    else warn(`ignoring unexpected file ${join(layout.blobs, name)}`);
  }
  return {
    keys: () => names.values(),
    size: async (id) => {
      if (!names.has(id)) return undefined;
      return regularFileSize(blobPath(layout, id));
    },
  };
}

/** The text of a record file, `undefined` when missing, or `null` (warned about) when it is a link. */
async function readIfExists(path: string, warn: (message: string) => void): Promise<string | undefined | null> {
  try {
    return await readTextNoFollow(path);
  } catch (error) {
    if (!(error instanceof SymlinkRefusedError)) throw error;
    warn(`skipping ${path}: ${error.message}`);
    return null;
  }
}

async function loadBucket(
  dir: string,
  dirName: string,
  blobs: BlobSizes,
  warn: (message: string) => void,
): Promise<BucketEntry | undefined> {
  const paths = bucketPaths(dir);
  const text = await readIfExists(paths.bucketFile, warn);
  if (text === null) return undefined;
  if (text === undefined) {
    await rm(dir, { recursive: true, force: true });
    return undefined;
  }
  let record;
  try {
    record = decodeBucketFile(text);
  } catch (error) {
    warn(`skipping bucket ${dir}: ${paths.bucketFile}: ${(error as Error).message}`);
    return undefined;
  }
  if (nameHash(record.name) !== dirName) {
    warn(`skipping bucket ${dir}: it holds bucket ${JSON.stringify(record.name)}, whose directory name differs`);
    return undefined;
  }
  await mkdir(paths.objects, { recursive: true });
  await mkdir(paths.uploads, { recursive: true });
  for (const sub of [paths.objects, paths.uploads]) {
    if (!(await isRealDirectory(sub))) {
      warn(`skipping bucket ${dir}: ${new SymlinkRefusedError(sub, 'directory').message}`);
      return undefined;
    }
  }

  const chains = new Map<string, readonly VersionEntry[]>();
  const completedUploads = new Set<string>();
  const files = (await readdir(paths.objects)).filter((name) => {
    if (/^[0-9a-f]{64}\.json$/.test(name)) return true;
    warn(`ignoring unexpected file ${join(paths.objects, name)}`);
    return false;
  });
  await forEachLimit(files, async (name) => {
    const path = join(paths.objects, name);
    const content = await readIfExists(path, warn);
    if (content === undefined || content === null) return;
    let file: { key: string; chain: VersionEntry[] };
    try {
      file = decodeChainFile(content);
    } catch (error) {
      warn(`skipping object record ${path}: ${(error as Error).message}`);
      return;
    }
    if (`${nameHash(file.key)}.json` !== name) {
      warn(`skipping object record ${path}: it holds key ${JSON.stringify(file.key)}, whose file name differs`);
      return;
    }
    for (const entry of file.chain) {
      if (entry.blob === undefined) continue;
      const size = await blobs.size(entry.blob);
      const expected = (entry.version as { size: number }).size;
      if (size !== expected) {
        warn(`skipping object record ${path}: blob ${entry.blob} is ${size === undefined ? 'missing' : `${size} bytes`}, record says ${expected}`);
        return;
      }
    }
    for (const entry of file.chain) if (entry.upload !== undefined) completedUploads.add(entry.upload);
    chains.set(file.key, file.chain);
  });

  const uploads = new Map<string, UploadEntry>();
  for (const dirent of await readdir(paths.uploads, { withFileTypes: true })) {
    const uploadDirectory = join(paths.uploads, dirent.name);
    if (!dirent.isDirectory() || !UPLOAD_ID.test(dirent.name)) {
      warn(`ignoring unexpected entry ${uploadDirectory}`);
      continue;
    }
    const upload = await loadUpload(uploadDirectory, dirent.name, record.name, completedUploads, blobs, warn);
    if (upload !== undefined) uploads.set(upload.record.uploadId, upload);
  }

  return {
    record,
    dir,
    chains,
    keys: new SortedKeys(chains.keys()),
    uploads,
    committing: 0,
  };
}

async function loadUpload(
  dir: string,
  dirName: string,
  bucket: string,
  completed: ReadonlySet<string>,
  blobs: BlobSizes,
  warn: (message: string) => void,
): Promise<UploadEntry | undefined> {
  const text = await readIfExists(uploadFile(dir), warn);
  if (text === null) return undefined;
  if (text === undefined || completed.has(dirName)) {
    await rm(dir, { recursive: true, force: true });
    return undefined;
  }
  let record;
  try {
    record = decodeUploadFile(text);
  } catch (error) {
    warn(`skipping upload ${dir}: ${(error as Error).message}`);
    return undefined;
  }
  if (record.uploadId !== dirName || record.bucket !== bucket) {
    warn(`skipping upload ${dir}: it holds upload ${record.uploadId} of bucket ${JSON.stringify(record.bucket)}`);
    return undefined;
  }
  const parts = new Map<number, PartEntry>();
  await forEachLimit(await readdir(dir), async (name) => {
    if (name === 'upload.json') return;
    const match = PART_FILE.exec(name);
    const path = join(dir, name);
    if (match === null) {
      warn(`ignoring unexpected file ${path}`);
      return;
    }
    const content = await readIfExists(path, warn);
    if (content === undefined || content === null) return;
    try {
      const part = decodePartFile(content);
      if (String(part.record.partNumber) !== match[1]) throw new Error(`it holds part ${part.record.partNumber}`);
      const size = await blobs.size(part.blob);
      if (size !== part.record.size) throw new Error(`blob ${part.blob} is ${size ?? 'missing'}, record says ${part.record.size}`);
      parts.set(part.record.partNumber, part);
    } catch (error) {
      warn(`skipping part record ${path}: ${(error as Error).message}`);
    }
  });
  return { record, dir, parts };
}

/** Runs `task` over `items` with at most {@link PARALLEL} in flight; rejects on the first failure. */
async function forEachLimit<T>(items: readonly T[], task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      await task(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, items.length) }, worker));
}
