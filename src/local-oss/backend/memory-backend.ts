/**
 * The in-memory {@link Backend}: everything lives in Maps and is lost on close. Used by tests and
 * benchmarks. Object data is one immutable Buffer per object, shared by copies.
 */
import {
  BackendError,
  type Backend,
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
  sortUploads,
} from './backend-shared.js';

interface StoredObject {
  record: ObjectRecord;
  data: Buffer;
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
  objects: Map<string, StoredObject>;
  /** Keys of `objects` in UTF-8 byte order. */
  sortedKeys: string[];
  uploads: Map<string, StoredUpload>;
}

const READ_CHUNK = 1024 * 1024;

/** Creates an empty in-memory backend. */
export function createMemoryBackend(): Backend {
  return new MemoryBackend();
}

/** Finds the first index whose key is ≥ `key` (or > `key` when `strict`). */
function lowerBound(sorted: readonly string[], key: string, strict: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const c = compareKeys(sorted[mid] as string, key);
    if (c < 0 || (strict && c === 0)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
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

  #commit(bucket: StoredBucket, stored: StoredObject, forbidOverwrite: boolean): void {
    const key = stored.record.key;
    const exists = bucket.objects.has(key);
    if (exists && forbidOverwrite) {
      throw new BackendError('FileAlreadyExists', 'The object you specified already exists and can not be overwritten.');
    }
    if (!exists) bucket.sortedKeys.splice(lowerBound(bucket.sortedKeys, key, false), 0, key);
    bucket.objects.set(key, stored);
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
      objects: new Map(),
      sortedKeys: [],
      uploads: new Map(),
    });
    return true;
  }

  async deleteBucket(name: string): Promise<void> {
    const bucket = this.#bucket(name);
    if (bucket.objects.size > 0 || bucket.uploads.size > 0) {
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

  async headObject(bucket: string, key: string): Promise<ObjectRecord | undefined> {
    return this.#bucket(bucket).objects.get(key)?.record;
  }

  async getObject(bucket: string, key: string, range?: ByteRange): Promise<ObjectRead | undefined> {
    const stored = this.#bucket(bucket).objects.get(key);
    if (stored === undefined) return undefined;
    let data = stored.data;
    if (range !== undefined) {
      if (range.offset < 0 || range.length < 0 || range.offset + range.length > data.length) {
        throw new BackendError('InvalidRange', 'The requested range cannot be satisfied.');
      }
      data = data.subarray(range.offset, range.offset + range.length);
    }
    return { record: stored.record, body: chunksOf(data) };
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
    const now = commitTime(input.now);
    const record: ObjectRecord = {
      ...input.metadata,
      ...digestFields(digest),
      key,
      lastModified: now,
      lastAccessTime: now,
      objectType: input.objectType ?? 'Normal',
    };
    // Why: re-resolve the bucket; it may have been deleted while the body streamed.
    this.#commit(this.#bucket(bucket), { record, data }, input.forbidOverwrite === true);
    return record;
  }

  async appendObject(bucket: string, key: string, body: AsyncIterable<Uint8Array>, input: AppendObjectInput): Promise<ObjectRecord> {
    checkAppend(this.#bucket(bucket).objects.get(key)?.record, input.position);
    const accumulator = new DigestAccumulator();
    const chunk = await collect(body, accumulator);
    const digest = accumulator.digest();
    input.verify?.(digest);
    // Why: checked again after the body, synchronously with the commit (another append may have landed).
    const b = this.#bucket(bucket);
    const stored = b.objects.get(key);
    const current = checkAppend(stored?.record, input.position);
    const record = appendedRecord(key, current, input.metadata, digest, commitTime(input.now));
    const data = stored === undefined ? chunk : Buffer.concat([stored.data, chunk]);
    this.#commit(b, { record, data }, false);
    return record;
  }

  async copyObject(
    source: { readonly bucket: string; readonly key: string },
    destination: { readonly bucket: string; readonly key: string },
    input: CopyObjectInput,
  ): Promise<ObjectRecord> {
    const src = this.#bucket(source.bucket).objects.get(source.key);
    const dst = this.#bucket(destination.bucket);
    if (src === undefined) throw new BackendError('NoSuchKey', 'The specified key does not exist.');
    const metadata = input.resolve(src.record);
    const { contentMd5, versionId: _v, ...rest } = src.record;
    void _v;
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
    this.#commit(dst, { record, data: src.data }, input.forbidOverwrite === true);
    return record;
  }

  async replaceMetadata(bucket: string, key: string, input: ReplaceMetadataInput): Promise<ObjectRecord> {
    const b = this.#bucket(bucket);
    const stored = b.objects.get(key);
    if (stored === undefined) throw new BackendError('NoSuchKey', 'The specified key does not exist.');
    const metadata = input.resolve(stored.record);
    const current = stored.record;
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
    };
    b.objects.set(key, { record, data: stored.data });
    return record;
  }

  async deleteObject(bucket: string, key: string): Promise<void> {
    const b = this.#bucket(bucket);
    if (!b.objects.delete(key)) return;
    const index = lowerBound(b.sortedKeys, key, false);
    if (b.sortedKeys[index] === key) b.sortedKeys.splice(index, 1);
  }

  async listObjects(bucket: string, input: ListObjectsInput): Promise<readonly ObjectRecord[]> {
    const b = this.#bucket(bucket);
    const start = compareKeys(input.after, input.prefix) >= 0
      ? lowerBound(b.sortedKeys, input.after, true)
      : lowerBound(b.sortedKeys, input.prefix, false);
    const out: ObjectRecord[] = [];
    for (let i = start; i < b.sortedKeys.length && out.length < input.limit; i++) {
      const key = b.sortedKeys[i] as string;
      if (!key.startsWith(input.prefix)) break;
      out.push((b.objects.get(key) as StoredObject).record);
    }
    return out;
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
    this.#commit(b, { record, data }, upload.record.forbidOverwrite || input.forbidOverwrite === true);
    b.uploads.delete(uploadId);
    return record;
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
