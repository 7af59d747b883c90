/**
 * The file {@link Backend}: the default store of `npm start`, kept in a data directory and
 * crash-safe. Layout and recovery rules: `file-backend-layout.ts`, `file-backend-load.ts`.
 *
 * - Keys and bucket names never become paths: files are named by their SHA-256, and each record
 *   stores its key.
 * - Object and part data live in immutable blobs with random ids; a record names its blob.
 *   Writing an object = write blob (temp, fsync, rename, fsync dir), then write the record the
 *   same way. The record's rename is the commit point: a crash leaves the old or the new object.
 * - Copies and metadata replacements write only a record that names the existing blob.
 * - An in-memory index (this process owns the directory) answers heads and listings; blobs are
 *   reference-counted and unlinked when no record or in-flight operation needs them.
 */
import { mkdir, rm, unlink } from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';
import {
  BackendError,
  isDeleteMarker,
  type Backend,
  type DeleteMarkerRecord,
  type DeleteObjectInput,
  type DeleteOutcome,
  type ListedVersion,
  type ListVersionsInput,
  type VersioningStatus,
  type VersionRecord,
  type BucketRecord,
  type ByteRange,
  type CompletePart,
  type AppendObjectInput,
  type CompleteUploadInput,
  type CopyObjectInput,
  type CreateBucketInput,
  type CreateUploadInput,
  type ListObjectsInput,
  type ObjectMetadata,
  type ObjectRead,
  type ObjectRecord,
  type PartRecord,
  type PutObjectInput,
  type ReplaceMetadataInput,
  type UploadPartInput,
  type UploadRecord,
} from './backend.js';
import {
  appendedRecord,
  checkAppend,
  checkCompleteParts,
  combinedCrc64,
  commitTime,
  compareKeys,
  digestFields,
  multipartEtag,
  newUploadId,
  putObjectRecord,
  sortUploads,
} from './backend-shared.js';
import { fsyncDir, replaceFile, unlinkIfExists } from './file-backend-atomic.js';
import { BlobStore } from './file-backend-blobs.js';
import {
  SortedKeys,
  type BucketEntry,
  type PartEntry,
  type UploadEntry,
  type VersionEntry,
} from './file-backend-index.js';
import {
  commitToChain,
  findVersion,
  pageOfVersions,
  removeFromChain,
  replaceInChain,
  versionIdFor,
} from './backend-versions.js';
import {
  bucketDir,
  bucketPaths,
  encodeBucketFile,
  encodeChainFile,
  encodePartFile,
  encodeUploadFile,
  layoutOf,
  objectPath,
  partPath,
  uploadDir,
  uploadFile,
  type Layout,
} from './file-backend-layout.js';
import { loadStore, type LoadedStore } from './file-backend-load.js';
import { KeyedMutex } from './file-backend-mutex.js';
import { claimDataDir } from './file-backend-lock.js';
import { emptyBody, readBlob } from './file-backend-read.js';

/** Options of {@link createFileBackend}. */
export interface FileBackendOptions {
  /**
   * The data directory; created when missing. It must be empty or a directory this backend
   * created (it holds a `local-oss.json` marker), and no other live process may have it open.
   */
  readonly dataDir: string;
  /**
   * Receives one message per damaged file skipped at startup or failed cleanup (default: none).
   * Never called for anything a crash can leave behind; that is repaired silently.
   */
  readonly onWarning?: (message: string) => void;
}

/**
 * Opens (creating if needed) a file backend on `options.dataDir`: takes the directory's lock,
 * repairs what a crash left behind, and loads the index of buckets, objects and uploads.
 * Throws `DataDirError` (from `file-backend-lock.ts`) when the directory cannot be used. Call
 * {@link Backend.close} to release the directory.
 */
export async function createFileBackend(options: FileBackendOptions): Promise<FileBackend> {
  return FileBackend.open(options);
}

const NO_SUCH_KEY = 'The specified key does not exist.';
const NO_SUCH_VERSION = 'The specified version does not exist.';
const NO_SUCH_UPLOAD =
  'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.';
const ALREADY_EXISTS = 'The object you specified already exists and can not be overwritten.';

/**
 * See {@link createFileBackend}, the way to obtain one. Every method follows the
 * {@link Backend} contract; writes survive a crash at any point as the old or the new state.
 */
export class FileBackend implements Backend {
  readonly #layout: Layout;
  readonly #buckets: Map<string, BucketEntry>;
  readonly #blobs: BlobStore;
  readonly #release: () => Promise<void>;
  /** Commits on one object key (`bucket NUL key`). */
  readonly #keyLocks = new KeyedMutex();
  /** Part commits, completion and abort of one upload (by id). */
  readonly #uploadLocks = new KeyedMutex();
  /** Bucket creation and deletion (one name: they are rare). */
  readonly #bucketLock = new KeyedMutex();
  /** The last version commit sequence given out (see `ChainEntry.seq`). */
  #seq: number;
  #closed = false;

  private constructor(
    layout: Layout,
    loaded: LoadedStore,
    release: () => Promise<void>,
    warn: (message: string) => void,
  ) {
    this.#layout = layout;
    this.#buckets = loaded.buckets;
    this.#release = release;
    this.#blobs = new BlobStore(layout, loaded.blobRefs, warn);
    this.#seq = loaded.maxSeq;
  }

  /** Same as {@link createFileBackend}. */
  static async open(options: FileBackendOptions): Promise<FileBackend> {
    const warn = options.onWarning ?? (() => undefined);
    const layout = layoutOf(resolvePath(options.dataDir));
    const release = await claimDataDir(layout);
    try {
      return new FileBackend(layout, await loadStore(layout, warn), release, warn);
    } catch (error) {
      await release();
      throw error;
    }
  }

  /** The absolute data directory. */
  get dataDir(): string {
    return this.#layout.root;
  }

  // ---------------------------------------------------------------- buckets

  async createBucket(name: string, now: number, input?: CreateBucketInput): Promise<boolean> {
    this.#assertOpen();
    return this.#bucketLock.run('', async () => {
      this.#assertOpen();
      if (this.#buckets.has(name)) return false;
      const dir = bucketDir(this.#layout, name);
      const paths = bucketPaths(dir);
      // Why: a leftover from a delete whose removal failed; no bucket.json means not a bucket.
      await rm(dir, { recursive: true, force: true });
      await mkdir(paths.objects, { recursive: true });
      await mkdir(paths.uploads, { recursive: true });
      await fsyncDir(dir);
      await fsyncDir(this.#layout.buckets);
      const record: BucketRecord = {
        name,
        creationDate: now,
        ...(input?.storageClass !== undefined ? { storageClass: input.storageClass } : {}),
        ...(input?.acl !== undefined ? { acl: input.acl } : {}),
      };
      const entry: BucketEntry = {
        record,
        dir,
        chains: new Map(),
        keys: new SortedKeys(),
        uploads: new Map(),
        committing: 0,
      };
      await replaceFile(this.#layout.tmp, paths.bucketFile, encodeBucketFile(record), () => {
        this.#buckets.set(name, entry);
      });
      return true;
    });
  }

  async deleteBucket(name: string): Promise<void> {
    this.#assertOpen();
    return this.#bucketLock.run('', async () => {
      const bucket = this.#bucket(name);
      if (bucket.chains.size > 0 || bucket.uploads.size > 0 || bucket.committing > 0) {
        throw new BackendError('BucketNotEmpty', 'The bucket you tried to delete is not empty.');
      }
      // Why: leave the index first, synchronously with the check, so no commit starts inside it.
      this.#buckets.delete(name);
      const paths = bucketPaths(bucket.dir);
      try {
        await unlink(paths.bucketFile);
      } catch (error) {
        this.#buckets.set(name, bucket);
        throw error;
      }
      await fsyncDir(bucket.dir);
      await rm(bucket.dir, { recursive: true, force: true });
      await fsyncDir(this.#layout.buckets);
    });
  }

  async getBucket(name: string): Promise<BucketRecord | undefined> {
    this.#assertOpen();
    return this.#buckets.get(name)?.record;
  }

  async listBuckets(): Promise<readonly BucketRecord[]> {
    this.#assertOpen();
    return [...this.#buckets.values()].map((b) => b.record).sort((a, b) => compareKeys(a.name, b.name));
  }

  // ---------------------------------------------------------------- objects

  async putBucketVersioning(name: string, status: VersioningStatus): Promise<void> {
    this.#assertOpen();
    return this.#bucketLock.run('', async () => {
      this.#assertOpen();
      const bucket = this.#bucket(name);
      const record: BucketRecord = { ...bucket.record, versioning: status };
      await replaceFile(this.#layout.tmp, bucketPaths(bucket.dir).bucketFile, encodeBucketFile(record), () => {
        bucket.record = record;
      });
    });
  }

  async headObject(bucket: string, key: string, versionId?: string): Promise<ObjectRecord | undefined> {
    this.#assertOpen();
    const version = findVersion(this.#bucket(bucket).chains.get(key), versionId)?.version;
    return version === undefined || isDeleteMarker(version) ? undefined : version;
  }

  async headVersion(bucket: string, key: string, versionId?: string): Promise<VersionRecord | undefined> {
    this.#assertOpen();
    return findVersion(this.#bucket(bucket).chains.get(key), versionId)?.version;
  }

  async getObject(bucket: string, key: string, range?: ByteRange, versionId?: string): Promise<ObjectRead | undefined> {
    this.#assertOpen();
    const entry = findVersion(this.#bucket(bucket).chains.get(key), versionId);
    if (entry === undefined || isDeleteMarker(entry.version) || entry.blob === undefined) return undefined;
    const record = entry.version;
    const offset = range?.offset ?? 0;
    const length = range?.length ?? record.size;
    if (offset < 0 || length < 0 || offset + length > record.size) {
      throw new BackendError('InvalidRange', 'The requested range cannot be satisfied.');
    }
    if (length === 0) return { record, body: emptyBody() };
    // Why: the pin keeps the blob from being unlinked by an overwrite until it is open; after
    // that the open descriptor keeps its bytes.
    this.#blobs.add(entry.blob);
    try {
      const handle = await this.#blobs.open(entry.blob);
      return { record, body: readBlob(handle, offset, length) };
    } finally {
      this.#blobs.release(entry.blob);
    }
  }

  async putObject(
    bucket: string,
    key: string,
    body: AsyncIterable<Uint8Array>,
    input: PutObjectInput,
  ): Promise<ObjectRecord> {
    this.#assertOpen();
    this.#bucket(bucket);
    const { blob, digest } = await this.#blobs.write(body, input.verify);
    try {
      return await this.#keyLocks.run(lockName(bucket, key), async () => {
        this.#assertOpen();
        const record = putObjectRecord(key, input, digest);
        return this.#commitLocked(bucket, record, blob, undefined, input.forbidOverwrite === true);
      });
    } finally {
      this.#blobs.release(blob);
    }
  }

  /** The current version when it is an object (an append's target), else undefined. */
  #appendTarget(bucket: string, key: string): (VersionEntry & { version: ObjectRecord; blob: string }) | undefined {
    const current = this.#bucket(bucket).chains.get(key)?.[0];
    if (current === undefined || isDeleteMarker(current.version) || current.blob === undefined) return undefined;
    return current as VersionEntry & { version: ObjectRecord; blob: string };
  }

  async appendObject(bucket: string, key: string, body: AsyncIterable<Uint8Array>, input: AppendObjectInput): Promise<ObjectRecord> {
    this.#assertOpen();
    checkAppend(this.#appendTarget(bucket, key)?.version, input.position);
    const { blob: chunk, digest } = await this.#blobs.write(body, input.verify);
    try {
      return await this.#keyLocks.run(lockName(bucket, key), async () => {
        this.#assertOpen();
        const existing = this.#appendTarget(bucket, key);
        const current = checkAppend(existing?.version, input.position);
        const record0 = appendedRecord(key, current, input.metadata, digest, 0);
        const slices = existing === undefined ? [] : [{ blob: existing.blob, size: existing.version.size }];
        const blob = await this.#blobs.concatenate([...slices, { blob: chunk, size: digest.size }], record0.crc64);
        try {
          const now = commitTime(input.now);
          const record: ObjectRecord = { ...record0, lastModified: now, lastAccessTime: now };
          if (existing === undefined) return await this.#commitLocked(bucket, record, blob, undefined, false);
          // Why in place: appending extends the appendable version; it adds no version (wave 2 §2.2).
          const extended: ObjectRecord = { ...record, ...(existing.version.versionId !== undefined ? { versionId: existing.version.versionId } : {}) };
          await this.#replaceVersionLocked(bucket, key, { ...existing, version: extended, blob });
          return extended;
        } finally {
          this.#blobs.release(blob);
        }
      });
    } finally {
      this.#blobs.release(chunk);
    }
  }

  async copyObject(
    source: { readonly bucket: string; readonly key: string; readonly versionId?: string },
    destination: { readonly bucket: string; readonly key: string },
    input: CopyObjectInput,
  ): Promise<ObjectRecord> {
    this.#assertOpen();
    this.#bucket(source.bucket);
    this.#bucket(destination.bucket);
    this.#objectEntry(source.bucket, source.key, source.versionId);
    // Why: both keys are locked (in a fixed order, so two copies never wait on each other) before
    // the source is read, so the condition check in `resolve`, the forbid-overwrite check and the
    // commit form one step: no write to either key lands in between.
    return this.#withKeyLocks([lockName(source.bucket, source.key), lockName(destination.bucket, destination.key)], async () => {
      this.#assertOpen();
      this.#bucket(destination.bucket);
      const src = this.#objectEntry(source.bucket, source.key, source.versionId);
      this.#blobs.add(src.blob);
      try {
        const metadata = input.resolve(src.version);
        const record = derivedRecord(src.version, metadata, destination.key, commitTime(input.now));
        return await this.#commitLocked(destination.bucket, record, src.blob, undefined, input.forbidOverwrite === true);
      } finally {
        this.#blobs.release(src.blob);
      }
    });
  }

  async replaceMetadata(bucket: string, key: string, input: ReplaceMetadataInput): Promise<ObjectRecord> {
    this.#assertOpen();
    this.#bucket(bucket);
    return this.#keyLocks.run(lockName(bucket, key), async () => {
      this.#assertOpen();
      const current = this.#objectEntry(bucket, key, input.versionId);
      const metadata = input.resolve(current.version);
      const now = commitTime(input.now);
      const derived = derivedRecord(current.version, metadata, key, now);
      const record: ObjectRecord = {
        ...derived,
        ...(input.keepLastModified === true ? { lastModified: current.version.lastModified } : {}),
        ...(current.version.versionId !== undefined ? { versionId: current.version.versionId } : {}),
      };
      await this.#replaceVersionLocked(bucket, key, { ...current, version: record });
      return record;
    });
  }

  async deleteObject(bucket: string, key: string, input: DeleteObjectInput = {}): Promise<DeleteOutcome> {
    this.#assertOpen();
    this.#bucket(bucket);
    return this.#keyLocks.run(lockName(bucket, key), async () => {
      this.#assertOpen();
      const b = this.#bucket(bucket);
      const chain = b.chains.get(key) ?? [];
      if (input.versionId !== undefined) {
        const { chain: rest, removed } = removeFromChain(chain, input.versionId);
        if (removed !== undefined) await this.#writeChainLocked(b, key, rest);
        return { versionId: input.versionId, deleteMarker: removed !== undefined && isDeleteMarker(removed.version) };
      }
      const status = b.record.versioning;
      if (status === undefined) {
        if (chain.length > 0) await this.#writeChainLocked(b, key, []);
        return { deleteMarker: false };
      }
      const seq = ++this.#seq;
      const now = commitTime(input.now ?? 0);
      const marker: DeleteMarkerRecord = { key, versionId: versionIdFor(status, seq, now) as string, lastModified: now, deleteMarker: true };
      const next = commitToChain<VersionEntry>(chain, { version: marker, seq }, status).chain;
      await this.#writeChainLocked(b, key, next);
      return { versionId: marker.versionId, deleteMarker: true };
    });
  }

  async listObjects(bucket: string, input: ListObjectsInput): Promise<readonly ObjectRecord[]> {
    this.#assertOpen();
    const b = this.#bucket(bucket);
    const start =
      compareKeys(input.after, input.prefix) >= 0
        ? b.keys.lowerBound(input.after, true)
        : b.keys.lowerBound(input.prefix, false);
    const out: ObjectRecord[] = [];
    for (let i = start; i < b.keys.length && out.length < input.limit; i++) {
      const key = b.keys.at(i);
      if (!key.startsWith(input.prefix)) break;
      const current = (b.chains.get(key) as readonly VersionEntry[])[0] as VersionEntry;
      if (!isDeleteMarker(current.version)) out.push(current.version);
    }
    return out;
  }

  async listObjectVersions(bucket: string, input: ListVersionsInput): Promise<readonly ListedVersion[]> {
    this.#assertOpen();
    const b = this.#bucket(bucket);
    return pageOfVersions(b.keys, (key) => b.chains.get(key), input);
  }

  // ---------------------------------------------------------------- multipart

  async createMultipartUpload(bucket: string, key: string, input: CreateUploadInput): Promise<UploadRecord> {
    this.#assertOpen();
    const b = this.#bucket(bucket);
    const record: UploadRecord = {
      uploadId: newUploadId(),
      bucket,
      key,
      initiated: input.now,
      metadata: input.metadata,
      forbidOverwrite: input.forbidOverwrite === true,
    };
    const dir = uploadDir(b.dir, record.uploadId);
    b.committing++;
    try {
      await mkdir(dir);
      await fsyncDir(bucketPaths(b.dir).uploads);
      await replaceFile(this.#layout.tmp, uploadFile(dir), encodeUploadFile(record), () => {
        b.uploads.set(record.uploadId, { record, dir, parts: new Map() });
      });
    } catch (error) {
      if (!b.uploads.has(record.uploadId)) await rm(dir, { recursive: true, force: true });
      throw error;
    } finally {
      b.committing--;
    }
    return record;
  }

  async getMultipartUpload(bucket: string, key: string, uploadId: string): Promise<UploadRecord | undefined> {
    this.#assertOpen();
    const upload = this.#bucket(bucket).uploads.get(uploadId);
    return upload !== undefined && upload.record.key === key ? upload.record : undefined;
  }

  async uploadPart(
    bucket: string,
    key: string,
    uploadId: string,
    partNumber: number,
    body: AsyncIterable<Uint8Array>,
    input: UploadPartInput,
  ): Promise<PartRecord> {
    this.#assertOpen();
    this.#upload(bucket, key, uploadId);
    const { blob, digest } = await this.#blobs.write(body, input.verify);
    try {
      return await this.#uploadLocks.run(uploadId, async () => {
        this.#assertOpen();
        const upload = this.#upload(bucket, key, uploadId);
        const { etag, crc64, size } = digestFields(digest);
        const record: PartRecord = { partNumber, etag, crc64, size, lastModified: commitTime(input.now) };
        const entry: PartEntry = { record, blob };
        const old = upload.parts.get(partNumber);
        await replaceFile(this.#layout.tmp, partPath(upload.dir, partNumber), encodePartFile(entry), () => {
          upload.parts.set(partNumber, entry);
          this.#blobs.add(blob);
          if (old !== undefined) this.#blobs.release(old.blob);
        });
        return record;
      });
    } finally {
      this.#blobs.release(blob);
    }
  }

  async listParts(bucket: string, key: string, uploadId: string): Promise<readonly PartRecord[]> {
    this.#assertOpen();
    const upload = this.#upload(bucket, key, uploadId);
    return [...upload.parts.values()].map((p) => p.record).sort((a, b) => a.partNumber - b.partNumber);
  }

  async completeMultipartUpload(
    bucket: string,
    key: string,
    uploadId: string,
    parts: readonly CompletePart[],
    input: CompleteUploadInput,
  ): Promise<ObjectRecord> {
    this.#assertOpen();
    this.#upload(bucket, key, uploadId);
    return this.#uploadLocks.run(uploadId, async () => {
      this.#assertOpen();
      const b = this.#bucket(bucket);
      const upload = this.#upload(bucket, key, uploadId);
      const chosen = checkCompleteParts(parts, [...upload.parts.values()].map((p) => p.record));
      const forbidOverwrite = upload.record.forbidOverwrite || input.forbidOverwrite === true;
      if (forbidOverwrite && b.record.versioning === undefined && b.chains.has(key)) throw new BackendError('FileAlreadyExists', ALREADY_EXISTS);
      const entries = chosen.map((p) => upload.parts.get(p.partNumber) as PartEntry);
      const crc64 = combinedCrc64(chosen);
      const blob = await this.#blobs.concatenate(entries.map((p) => ({ blob: p.blob, size: p.record.size })), crc64);
      try {
        const metadata: ObjectMetadata =
          input.acl !== undefined ? { ...upload.record.metadata, acl: input.acl } : upload.record.metadata;
        const record = await this.#keyLocks.run(lockName(bucket, key), async () => {
          this.#assertOpen();
          const now = commitTime(input.now);
          const completed: ObjectRecord = {
            ...metadata,
            key,
            size: entries.reduce((sum, p) => sum + p.record.size, 0),
            etag: multipartEtag(chosen),
            crc64,
            objectType: 'Multipart',
            lastModified: now,
            lastAccessTime: now,
          };
          return this.#commitLocked(bucket, completed, blob, uploadId, forbidOverwrite);
        });
        await this.#removeUpload(b, upload);
        return record;
      } finally {
        this.#blobs.release(blob);
      }
    });
  }

  async listMultipartUploads(bucket: string): Promise<readonly UploadRecord[]> {
    this.#assertOpen();
    return sortUploads([...this.#bucket(bucket).uploads.values()].map((u) => u.record));
  }

  async abortMultipartUpload(bucket: string, key: string, uploadId: string): Promise<void> {
    this.#assertOpen();
    this.#upload(bucket, key, uploadId);
    return this.#uploadLocks.run(uploadId, async () => {
      this.#assertOpen();
      await this.#removeUpload(this.#bucket(bucket), this.#upload(bucket, key, uploadId));
    });
  }

  /**
   * Waits for commits in flight and blob removals, then releases the data directory. Writes
   * still streaming their body fail with an error when they try to commit.
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await Promise.all([this.#keyLocks.idle(), this.#uploadLocks.idle(), this.#bucketLock.idle()]);
    await this.#blobs.idle();
    await this.#release();
  }

  // ---------------------------------------------------------------- internals

  #assertOpen(): void {
    if (this.#closed) throw new Error(`the file backend on ${this.#layout.root} is closed`);
  }

  #bucket(name: string): BucketEntry {
    const bucket = this.#buckets.get(name);
    if (bucket === undefined) throw new BackendError('NoSuchBucket', 'The specified bucket does not exist.');
    return bucket;
  }

  #upload(bucket: string, key: string, uploadId: string): UploadEntry {
    const upload = this.#bucket(bucket).uploads.get(uploadId);
    if (upload === undefined || upload.record.key !== key) throw new BackendError('NoSuchUpload', NO_SUCH_UPLOAD);
    return upload;
  }

  /** The object a request addresses: `NoSuchKey` (absent or a delete marker) or `NoSuchVersion`. */
  #objectEntry(bucket: string, key: string, versionId: string | undefined): VersionEntry & { version: ObjectRecord; blob: string } {
    const chain = this.#bucket(bucket).chains.get(key);
    const found = findVersion(chain, versionId);
    if (found === undefined && versionId !== undefined && chain !== undefined) throw new BackendError('NoSuchVersion', NO_SUCH_VERSION);
    if (found === undefined || isDeleteMarker(found.version) || found.blob === undefined) throw new BackendError('NoSuchKey', NO_SUCH_KEY);
    return found as VersionEntry & { version: ObjectRecord; blob: string };
  }

  /**
   * Writes the key's chain (removing its file when empty) — the commit point — then updates the
   * index and blob counts: one reference per version entry naming a blob, so entries new in
   * `next` add one and entries of the old chain no longer in it release one (adds first). The
   * caller holds the key's lock.
   */
  async #writeChainLocked(b: BucketEntry, key: string, next: readonly VersionEntry[]): Promise<void> {
    const path = objectPath(b.dir, key);
    const old = b.chains.get(key) ?? [];
    const apply = (): void => {
      for (const e of next) if (e.blob !== undefined && !old.includes(e)) this.#blobs.add(e.blob);
      if (next.length === 0) {
        b.chains.delete(key);
        b.keys.remove(key);
      } else {
        if (!b.chains.has(key)) b.keys.insert(key);
        b.chains.set(key, next);
      }
      for (const e of old) if (e.blob !== undefined && !next.includes(e)) this.#blobs.release(e.blob);
    };
    if (next.length === 0) {
      await unlinkIfExists(path);
      apply();
      await fsyncDir(bucketPaths(b.dir).objects);
      return;
    }
    b.committing++;
    try {
      await replaceFile(this.#layout.tmp, path, encodeChainFile(key, next), apply);
    } finally {
      b.committing--;
    }
  }

  /** Replaces one version in place (same id, place and seq). */
  async #replaceVersionLocked(bucket: string, key: string, entry: VersionEntry): Promise<void> {
    const b = this.#bucket(bucket);
    const chain = b.chains.get(key) ?? [];
    await this.#writeChainLocked(b, key, replaceInChain(chain, entry));
  }

  /**
   * Commits `record` (data in `blob`) as the key's newest version, per the bucket's versioning;
   * the caller holds the key's lock. `forbidOverwrite` is checked only in an unversioned bucket.
   * Resolves the record with its version id.
   */
  async #commitLocked(bucket: string, record: ObjectRecord, blob: string, upload: string | undefined, forbidOverwrite: boolean): Promise<ObjectRecord> {
    const key = record.key;
    const b = this.#bucket(bucket);
    const status = b.record.versioning;
    const chain = b.chains.get(key) ?? [];
    if (status === undefined && forbidOverwrite && chain.length > 0) throw new BackendError('FileAlreadyExists', ALREADY_EXISTS);
    const seq = ++this.#seq;
    const versionId = versionIdFor(status, seq, record.lastModified);
    const { versionId: _old, ...rest } = record;
    void _old;
    const versioned: ObjectRecord = { ...rest, ...(versionId !== undefined ? { versionId } : {}) };
    const entry: VersionEntry = { version: versioned, seq, blob, ...(upload !== undefined ? { upload } : {}) };
    const next = commitToChain<VersionEntry>(chain, entry, status).chain;
    await this.#writeChainLocked(b, key, next);
    return versioned;
  }

  /** Runs `section` holding the key locks of every name (distinct names, taken in sorted order). */
  #withKeyLocks<T>(names: readonly string[], section: () => Promise<T>): Promise<T> {
    const sorted = [...new Set(names)].sort();
    const acquire = (i: number): Promise<T> =>
      i === sorted.length ? section() : this.#keyLocks.run(sorted[i] as string, () => acquire(i + 1));
    return acquire(0);
  }

  /** Removes an upload: its record file first (the commit point), then its parts. */
  async #removeUpload(bucket: BucketEntry, upload: UploadEntry): Promise<void> {
    bucket.uploads.delete(upload.record.uploadId);
    try {
      await unlinkIfExists(uploadFile(upload.dir));
    } catch (error) {
      bucket.uploads.set(upload.record.uploadId, upload);
      throw error;
    }
    for (const part of upload.parts.values()) this.#blobs.release(part.blob);
    await fsyncDir(upload.dir);
    await rm(upload.dir, { recursive: true, force: true });
  }

}

function lockName(bucket: string, key: string): string {
  // Why: bucket names never contain NUL, so the first NUL separates them unambiguously.
  return `${bucket}\u0000${key}`;
}

/** A record for `key` with `source`'s data fields and new metadata (copy, replaceMetadata). */
function derivedRecord(source: ObjectRecord, metadata: ObjectMetadata, key: string, now: number): ObjectRecord {
  return {
    ...metadata,
    key,
    size: source.size,
    etag: source.etag,
    ...(source.contentMd5 !== undefined ? { contentMd5: source.contentMd5 } : {}),
    crc64: source.crc64,
    objectType: source.objectType,
    lastModified: now,
    lastAccessTime: now,
  };
}
