/**
 * The uploader: one PutObject below the part size, multipart upload above it or when the size is
 * unknown, with bounded parallelism and the combined CRC-64 checked at the end (reference §6).
 */
import type { OssApi } from '../api.js';
import { crc64, crc64Combine, formatCrc64 } from '../checksum/crc64.js';
import type { CallOptions } from '../client.js';
import { DEFAULT_UPLOAD_PARALLEL, DEFAULT_UPLOAD_PART_SIZE, MAX_PARTS, MIN_PART_SIZE } from '../defaults.js';
import { OssIntegrityError, OssInvalidArgumentError } from '../errors.js';
import { knownLength } from '../operations/shared/body.js';
import { compact } from '../operations/shared/compact.js';
import type { CompletedPart } from '../operations/complete-multipart-upload.js';
import type { PutObjectRequest } from '../operations/put-object.js';
import { assertBucketName, assertObjectKey, normalizeUserMetadata } from '../validation/index.js';
import { growPartSize } from './part-plan.js';
import { putObjectWithReadBack } from './put-object-read-back.js';
import { confirmWriteByReadBack } from './write-read-back.js';
import type { IntendedObject } from './write-read-back.js';

/** The operations the uploader uses. */
export type UploaderApi = Pick<
  OssApi,
  'putObject' | 'headObject' | 'initiateMultipartUpload' | 'uploadPart' | 'completeMultipartUpload' | 'abortMultipartUpload'
>;

/** Tunables of {@link createUploader}. */
export interface UploaderOptions {
  /** Part size (≥ 100 KiB) and single-upload threshold; grown to stay within 10,000 parts. */
  readonly partSize?: number;
  /** UploadPart requests in flight. */
  readonly parallel?: number;
}

/** Result of {@link Uploader.upload}. */
export interface UploadResult {
  readonly etag: string;
  readonly hashCrc64?: string;
  readonly versionId?: string;
  readonly method: 'single' | 'multipart';
  readonly uploadId?: string;
  readonly requestId: string;
}

/** Uploads objects of any size. */
export interface Uploader {
  /**
   * Uploads `request.body` with `request`'s metadata. Bodies whose size is known and below the
   * part size go in one PutObject; others are cut into parts (held in memory up to `parallel`
   * parts at a time) and uploaded in parallel. On failure the upload is aborted and the failure
   * rethrown. The CRC-64 combined from the parts is compared with the completed object's
   * (`OssIntegrityError` on mismatch). `contentMd5` applies to single uploads only. A PutObject
   * or CompleteMultipartUpload whose answer was lost and whose retry was refused is reported as
   * done when the object, read back, is exactly what was uploaded (`write-read-back.ts`).
   */
  upload(request: PutObjectRequest, options?: CallOptions): Promise<UploadResult>;
}

/** An uploader over `api`. Throws {@link OssInvalidArgumentError} for a part size below 100 KiB. */
export function createUploader(api: UploaderApi, options: UploaderOptions = {}): Uploader {
  const basePartSize = options.partSize ?? DEFAULT_UPLOAD_PART_SIZE;
  const parallel = Math.max(1, options.parallel ?? DEFAULT_UPLOAD_PARALLEL);
  if (!Number.isSafeInteger(basePartSize) || basePartSize < MIN_PART_SIZE) {
    throw new OssInvalidArgumentError('partSize', `must be an integer ≥ ${MIN_PART_SIZE}`, basePartSize);
  }

  async function upload(request: PutObjectRequest, call: CallOptions = {}): Promise<UploadResult> {
    assertBucketName(request.bucket);
    assertObjectKey(request.key);
    const total = knownLength(request.body);
    if (total !== undefined && total < basePartSize) {
      const result = await putObjectWithReadBack(api, request, call);
      return compact<UploadResult>({ ...result, method: 'single' });
    }
    const partSize = total === undefined ? basePartSize : growPartSize(total, basePartSize);
    const { body, contentMd5, requestPayer, trafficLimit, bucket, key, ...writeHeaders } = request;
    void [contentMd5, trafficLimit];
    const initiated = await api.initiateMultipartUpload(compact({ bucket, key, requestPayer, ...writeHeaders }), call);
    const uploadId = initiated.uploadId;
    try {
      const parts: Array<CompletedPart & { crc: bigint; length: number }> = [];
      const inFlight = new Set<Promise<void>>();
      let failure: { error: unknown } | undefined;
      let partNumber = 0;
      for await (const chunk of chunksOf(body, partSize)) {
        if (failure !== undefined) break;
        partNumber++;
        if (partNumber > MAX_PARTS) {
          throw new OssInvalidArgumentError('body', `needs more than ${MAX_PARTS} parts of ${partSize} bytes`, `part ${partNumber}`);
        }
        const number = partNumber;
        const task = api
          .uploadPart(compact({ bucket, key, uploadId, partNumber: number, body: chunk, requestPayer }), call)
          .then((result) => {
            parts.push({ partNumber: number, etag: result.etag, crc: crc64(chunk), length: chunk.byteLength });
          })
          .catch((error: unknown) => {
            failure ??= { error };
          })
          .finally(() => inFlight.delete(task));
        inFlight.add(task);
        if (inFlight.size >= parallel) await Promise.race(inFlight);
      }
      await Promise.all(inFlight);
      if (failure !== undefined) throw failure.error;
      parts.sort((a, b) => a.partNumber - b.partNumber);
      const expected = parts.reduce((acc, part) => crc64Combine(acc, part.crc, part.length), 0n);
      let completed: { etag: string; hashCrc64?: string; versionId?: string; requestId: string };
      try {
        completed = await api.completeMultipartUpload(
          compact({
            bucket,
            key,
            uploadId,
            parts: parts.map(({ partNumber: n, etag }) => ({ partNumber: n, etag })),
            forbidOverwrite: request.forbidOverwrite,
            requestPayer,
          }),
          call,
        );
      } catch (error) {
        // A completion whose answer was lost: done if the object is exactly what was uploaded.
        completed = await confirmWriteByReadBack(
          api,
          { bucket, key },
          compact<IntendedObject>({
            systemHeaders: compact({
              contentType: writeHeaders.contentType,
              contentLanguage: writeHeaders.contentLanguage,
              contentEncoding: writeHeaders.contentEncoding,
              contentDisposition: writeHeaders.contentDisposition,
              cacheControl: writeHeaders.cacheControl,
              expires: writeHeaders.expires,
            }),
            metadata: normalizeUserMetadata(writeHeaders.metadata ?? {}),
            storageClass: writeHeaders.storageClass,
            contentLength: parts.reduce((sum, part) => sum + part.length, 0),
            hashCrc64: formatCrc64(expected),
          }),
          error,
          call,
        );
      }
      if (completed.hashCrc64 !== undefined && completed.hashCrc64 !== formatCrc64(expected)) {
        throw new OssIntegrityError(`multipart upload of ${key}`, formatCrc64(expected), completed.hashCrc64);
      }
      return compact<UploadResult>({
        etag: completed.etag,
        hashCrc64: completed.hashCrc64,
        versionId: completed.versionId,
        method: 'multipart',
        uploadId,
        requestId: completed.requestId,
      });
    } catch (error) {
      if (!(error instanceof OssIntegrityError)) {
        await api.abortMultipartUpload({ bucket, key, uploadId }).catch(() => undefined);
      }
      throw error;
    }
  }

  return { upload };
}

/**
 * The body cut into `partSize` pieces (the last shorter; one empty piece for an empty body).
 * A streaming body is read once.
 */
async function* chunksOf(body: PutObjectRequest['body'], partSize: number): AsyncGenerator<Uint8Array> {
  if (typeof body === 'string' || body instanceof Uint8Array) {
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    if (bytes.byteLength === 0) yield bytes;
    for (let start = 0; start < bytes.byteLength; start += partSize) yield bytes.subarray(start, start + partSize);
    return;
  }
  let pending: Uint8Array[] = [];
  let pendingLength = 0;
  let emitted = false;
  for await (const raw of body.stream() as AsyncIterable<Uint8Array | string>) {
    let chunk = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
    while (pendingLength + chunk.byteLength >= partSize) {
      const take = partSize - pendingLength;
      pending.push(chunk.subarray(0, take));
      yield Buffer.concat(pending, partSize);
      emitted = true;
      chunk = chunk.subarray(take);
      pending = [];
      pendingLength = 0;
    }
    if (chunk.byteLength > 0) {
      pending.push(chunk);
      pendingLength += chunk.byteLength;
    }
  }
  if (pendingLength > 0 || !emitted) yield Buffer.concat(pending, pendingLength);
}
