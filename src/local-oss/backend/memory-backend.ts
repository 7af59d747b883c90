/**
 * The in-memory {@link Backend}: everything lives in Maps and is lost on close. Used by tests and
 * benchmarks. Object data is one immutable Buffer per object, shared by copies.
 */
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
  asBuffer,
  checkAppend,
  checkCompleteParts,
  combinedCrc64,
  commitTime,
  compareKeys,
  DigestAccumulator,
  digestFields,
  multipartEtag,
  newUploadId,
  putObjectRecord,
  sortUploads,
} from './backend-shared.js';
import {
  commitToChain,
  findVersion,
  pageOfVersions,
  removeFromChain,
  replaceInChain,
  versionIdFor,
  type ChainEntry,
} from './backend-versions.js';
import { SortedKeys } from './file-backend-index.js';

/** A version in a key's chain; `data` for objects, none for delete markers. */
interface StoredVersion extends ChainEntry {
  readonly data?: Buffer;
}

interface StoredPart {
  record: PartRecord;
  data: Buffer;
}

interface StoredUpload {
  record: UploadRecord;
  parts: Map<number, StoredPart>;
}

interface StoredBucket {
  record: BucketRecord;
  /** Each key's versions, newest first (never empty). */
  chains: Map<string, StoredVersion[]>;
  /** Keys of `chains` in UTF-8 byte order. */
  keys: SortedKeys;
  uploads: Map<string, StoredUpload>;
}

const READ_CHUNK = 1024 * 1024;
const NO_SUCH_KEY = 'The specified key does not exist.';
const NO_SUCH_VERSION = 'The specified version does not exist.';

/** Creates an empty in-memory backend. */
export function createMemoryBackend(): Backend {
  return new MemoryBackend();
}

async function collect(body: AsyncIterable<Uint8Array>, accumulator: DigestAccumulator): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) {
    const b = asBuffer(chunk);
    accumulator.update(b);
    chunks.push(b);
  }
  return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
}

async function* chunksOf(data: Buffer): AsyncGenerator<Uint8Array> {
  for (let offset = 0; offset < data.length; offset += READ_CHUNK) {
    yield data.subarray(offset, Math.min(offset + READ_CHUNK, data.length));
  }
}

/**
 * See {@link createMemoryBackend}. Per-key atomicity comes from the event loop: every check
 * (`resolve`, `forbidOverwrite`), the commit time and the commit run in one synchronous section
 * after the last `await`.
 */
export class MemoryBackend implements Backend {
  readonly #buckets = new Map<string, StoredBucket>();

  #bucket(name: string): StoredBucket {
    const bucket = this.#buckets.get(name);
    if (bucket === undefined) throw new BackendError('NoSuchBucket', 'The specified bucket does not exist.');
    return bucket;
  }

  #upload(bucket: string, key: string, uploadId: string): StoredUpload {
    const upload = this.#bucket(bucket).uploads.get(uploadId);
    if (upload === undefined || upload.record.key !== key) {
      throw new BackendError('NoSuchUpload', 'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.');
    }
    return upload;
  }

  #seq = 0;

  /** The version a request addresses, or undefined. */
  #find(bucket: StoredBucket, key: string, versionId: string | undefined): StoredVersion | undefined {
    return findVersion(bucket.chains.get(key), versionId);
  }

  /** The object a request addresses: `NoSuchKey` (absent or a delete marker) or `NoSuchVersion`. */
  #object(bucket: StoredBucket, key: string, versionId: string | undefined): StoredVersion & { version: ObjectRecord; data: Buffer } {
    const found = this.#find(bucket, key, versionId);
    if (found === undefined && versionId !== undefined && bucket.chains.has(key)) throw new BackendError('NoSuchVersion', NO_SUCH_VERSION);
    if (found === undefined || isDeleteMarker(found.version) || found.data === undefined) throw new BackendError('NoSuchKey', NO_SUCH_KEY);
    return found as StoredVersion & { version: ObjectRecord; data: Buffer };
  }

  #setChain(bucket: StoredBucket, key: string, chain: StoredVersion[]): void {
    if (chain.length === 0) {
      bucket.chains.delete(key);
      bucket.keys.remove(key);
      return;
    }
    if (!bucket.chains.has(key)) bucket.keys.insert(key);
    bucket.chains.set(key, chain);
  }

  /** Commits `record` as the key's newest version (see the versioning rules of `Backend`); resolves it with its id. */
  #commit(bucket: StoredBucket, record: ObjectRecord, data: Buffer, forbidOverwrite: boolean): ObjectRecord {
    const key = record.key;
    const status = bucket.record.versioning;
    const chain = bucket.chains.get(key) ?? [];
    if (status === undefined && forbidOverwrite && chain.length > 0) {
      throw new BackendError('FileAlreadyExists', 'The object you specified already exists and can not be overwritten.');
    }
    const seq = ++this.#seq;
    const versionId = versionIdFor(status, seq, record.lastModified);
    const { versionId: _old, ...rest } = record;
    void _old;
    const versioned: ObjectRecord = { ...rest, ...(versionId !== undefined ? { versionId } : {}) };
    this.#setChain(bucket, key, commitToChain(chain, { version: versioned, seq, data }, status).chain);
    return versioned;
  }

  async createBucket(name: string, now: number, input?: CreateBucketInput): Promise<boolean> {
    if (this.#buckets.has(name)) return false;
    this.#buckets.set(name, {
      record: {
        name,
        creationDate: now,
        ...(input?.storageClass !== undefined ? { storageClass: input.storageClass } : {}),
        ...(input?.acl !== undefined ? { acl: input.acl } : {}),
      },
      chains: new Map(),
      keys: new SortedKeys(),
      uploads: new Map(),
    });
    return true;
  }

  async deleteBucket(name: string): Promise<void> {
    const bucket = this.#bucket(name);
    if (bucket.chains.size > 0 || bucket.uploads.size > 0) {
      throw new BackendError('BucketNotEmpty', 'The bucket you tried to delete is not empty.');
    }
    this.#buckets.delete(name);
  }

  async getBucket(name: string): Promise<BucketRecord | undefined> {
    return this.#buckets.get(name)?.record;
  }

  async listBuckets(): Promise<readonly BucketRecord[]> {
    return [...this.#buckets.values()].map((b) => b.record).sort((a, b) => compareKeys(a.name, b.name));
  }

  async putBucketVersioning(name: string, status: VersioningStatus): Promise<void> {
    const bucket = this.#bucket(name);
    bucket.record = { ...bucket.record, versioning: status };
  }

  async headObject(bucket: string, key: string, versionId?: string): Promise<ObjectRecord | undefined> {
    const version = this.#find(this.#bucket(bucket), key, versionId)?.version;
    return version === undefined || isDeleteMarker(version) ? undefined : version;
  }

  async headVersion(bucket: string, key: string, versionId?: string): Promise<VersionRecord | undefined> {
    return this.#find(this.#bucket(bucket), key, versionId)?.version;
  }

  async getObject(bucket: string, key: string, range?: ByteRange, versionId?: string): Promise<ObjectRead | undefined> {
    const stored = this.#find(this.#bucket(bucket), key, versionId);
    if (stored === undefined || isDeleteMarker(stored.version) || stored.data === undefined) return undefined;
    let data = stored.data;
    if (range !== undefined) {
      if (range.offset < 0 || range.length < 0 || range.offset + range.length > data.length) {
        throw new BackendError('InvalidRange', 'The requested range cannot be satisfied.');
      }
      data = data.subarray(range.offset, range.offset + range.length);
    }
    return { record: stored.version, body: chunksOf(data) };
  }

  async putObject(
    bucket: string,
    key: string,
    body: AsyncIterable<Uint8Array>,
    input: PutObjectInput,
  ): Promise<ObjectRecord> {
    this.#bucket(bucket);
    const accumulator = new DigestAccumulator();
    const data = await collect(body, accumulator);
    const digest = accumulator.digest();
    input.verify?.(digest);
    const record = putObjectRecord(key, input, digest);
    // Why: re-resolve the bucket; it may have been deleted while the body streamed.
    return this.#commit(this.#bucket(bucket), record, data, input.forbidOverwrite === true);
  }

  /** The current object for an append: undefined when absent or a delete marker. */
  #appendTarget(bucket: StoredBucket, key: string): StoredVersion | undefined {
    const current = bucket.chains.get(key)?.[0];
    return current === undefined || isDeleteMarker(current.version) ? undefined : current;
  }

  async appendObject(bucket: string, key: string, body: AsyncIterable<Uint8Array>, input: AppendObjectInput): Promise<ObjectRecord> {
    checkAppend(this.#appendTarget(this.#bucket(bucket), key)?.version as ObjectRecord | undefined, input.position);
    const accumulator = new DigestAccumulator();
    const chunk = await collect(body, accumulator);
    const digest = accumulator.digest();
    input.verify?.(digest);
    // Why: checked again after the body, synchronously with the commit (another append may have landed).
    const b = this.#bucket(bucket);
    const stored = this.#appendTarget(b, key);
    const current = checkAppend(stored?.version as ObjectRecord | undefined, input.position);
    const record = appendedRecord(key, current, input.metadata, digest, commitTime(input.now));
    if (stored === undefined || current === undefined) return this.#commit(b, record, chunk, false);
    // Why in place: appending to an appendable version extends it; it adds no version (wave 2 §2.2).
    const extended: ObjectRecord = { ...record, ...(current.versionId !== undefined ? { versionId: current.versionId } : {}) };
    const data = Buffer.concat([stored.data as Buffer, chunk]);
    this.#setChain(b, key, replaceInChain(b.chains.get(key) ?? [], { version: extended, seq: stored.seq, data }));
    return extended;
  }

  async copyObject(
    source: { readonly bucket: string; readonly key: string; readonly versionId?: string },
    destination: { readonly bucket: string; readonly key: string },
    input: CopyObjectInput,
  ): Promise<ObjectRecord> {
    const srcBucket = this.#bucket(source.bucket);
    const dst = this.#bucket(destination.bucket);
    const src = this.#object(srcBucket, source.key, source.versionId);
    const metadata = input.resolve(src.version);
    const { contentMd5, ...rest } = src.version;
    const now = commitTime(input.now);
    const record: ObjectRecord = {
      ...metadata,
      key: destination.key,
      size: rest.size,
      etag: rest.etag,
      ...(contentMd5 !== undefined ? { contentMd5 } : {}),
      crc64: rest.crc64,
      objectType: rest.objectType,
      lastModified: now,
      lastAccessTime: now,
    };
    return this.#commit(dst, record, src.data, input.forbidOverwrite === true);
  }

  async replaceMetadata(bucket: string, key: string, input: ReplaceMetadataInput): Promise<ObjectRecord> {
    const b = this.#bucket(bucket);
    const stored = this.#object(b, key, input.versionId);
    const current = stored.version;
    const metadata = input.resolve(current);
    const now = commitTime(input.now);
    const record: ObjectRecord = {
      ...metadata,
      key,
      size: current.size,
      etag: current.etag,
      ...(current.contentMd5 !== undefined ? { contentMd5: current.contentMd5 } : {}),
      crc64: current.crc64,
      objectType: current.objectType,
      lastModified: input.keepLastModified === true ? current.lastModified : now,
      lastAccessTime: now,
      ...(current.versionId !== undefined ? { versionId: current.versionId } : {}),
    };
    this.#setChain(b, key, replaceInChain(b.chains.get(key) ?? [], { version: record, seq: stored.seq, data: stored.data }));
    return record;
  }

  async deleteObject(bucket: string, key: string, input: DeleteObjectInput = {}): Promise<DeleteOutcome> {
    const b = this.#bucket(bucket);
    const chain = b.chains.get(key) ?? [];
    if (input.versionId !== undefined) {
      const { chain: rest, removed } = removeFromChain(chain, input.versionId);
      this.#setChain(b, key, rest);
      return { versionId: input.versionId, deleteMarker: removed !== undefined && isDeleteMarker(removed.version) };
    }
    const status = b.record.versioning;
    if (status === undefined) {
      this.#setChain(b, key, []);
      return { deleteMarker: false };
    }
    const seq = ++this.#seq;
    const now = commitTime(input.now ?? 0);
    const marker: DeleteMarkerRecord = { key, versionId: versionIdFor(status, seq, now) as string, lastModified: now, deleteMarker: true };
    this.#setChain(b, key, commitToChain(chain, { version: marker, seq }, status).chain);
    return { versionId: marker.versionId, deleteMarker: true };
  }

  async listObjects(bucket: string, input: ListObjectsInput): Promise<readonly ObjectRecord[]> {
    const b = this.#bucket(bucket);
    const start = compareKeys(input.after, input.prefix) >= 0
      ? b.keys.lowerBound(input.after, true)
      : b.keys.lowerBound(input.prefix, false);
    const out: ObjectRecord[] = [];
    for (let i = start; i < b.keys.length && out.length < input.limit; i++) {
      const key = b.keys.at(i);
      if (!key.startsWith(input.prefix)) break;
      const current = (b.chains.get(key) as StoredVersion[])[0] as StoredVersion;
      if (!isDeleteMarker(current.version)) out.push(current.version);
    }
    return out;
  }

  async listObjectVersions(bucket: string, input: ListVersionsInput): Promise<readonly ListedVersion[]> {
    const b = this.#bucket(bucket);
    return pageOfVersions(b.keys, (key) => b.chains.get(key), input);
  }

  async createMultipartUpload(bucket: string, key: string, input: CreateUploadInput): Promise<UploadRecord> {
    const b = this.#bucket(bucket);
    const record: UploadRecord = {
      uploadId: newUploadId(),
      bucket,
      key,
      initiated: input.now,
      metadata: input.metadata,
      forbidOverwrite: input.forbidOverwrite === true,
    };
    b.uploads.set(record.uploadId, { record, parts: new Map() });
    return record;
  }

  async getMultipartUpload(bucket: string, key: string, uploadId: string): Promise<UploadRecord | undefined> {
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
    this.#upload(bucket, key, uploadId);
    const accumulator = new DigestAccumulator();
    const data = await collect(body, accumulator);
    const digest = accumulator.digest();
    input.verify?.(digest);
    const { etag, crc64, size } = digestFields(digest);
    const record: PartRecord = { partNumber, etag, crc64, size, lastModified: commitTime(input.now) };
    this.#upload(bucket, key, uploadId).parts.set(partNumber, { record, data });
    return record;
  }

  async listParts(bucket: string, key: string, uploadId: string): Promise<readonly PartRecord[]> {
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
    const b = this.#bucket(bucket);
    const upload = this.#upload(bucket, key, uploadId);
    const chosen = checkCompleteParts(parts, [...upload.parts.values()].map((p) => p.record));
    const data = Buffer.concat(chosen.map((p) => (upload.parts.get(p.partNumber) as StoredPart).data));
    const metadata = input.acl !== undefined ? { ...upload.record.metadata, acl: input.acl } : upload.record.metadata;
    const now = commitTime(input.now);
    const record: ObjectRecord = {
      ...metadata,
      key,
      size: data.length,
      etag: multipartEtag(chosen),
      crc64: combinedCrc64(chosen),
      objectType: 'Multipart',
      lastModified: now,
      lastAccessTime: now,
    };
    const committed = this.#commit(b, record, data, upload.record.forbidOverwrite || input.forbidOverwrite === true);
    b.uploads.delete(uploadId);
    return committed;
  }

  async listMultipartUploads(bucket: string): Promise<readonly UploadRecord[]> {
    return sortUploads([...this.#bucket(bucket).uploads.values()].map((u) => u.record));
  }

  async abortMultipartUpload(bucket: string, key: string, uploadId: string): Promise<void> {
    this.#upload(bucket, key, uploadId);
    this.#bucket(bucket).uploads.delete(uploadId);
  }

  async close(): Promise<void> {
    this.#buckets.clear();
  }
}
