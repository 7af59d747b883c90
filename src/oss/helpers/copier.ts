/**
 * The copier: one CopyObject up to a size threshold, multipart copy (parallel UploadPartCopy)
 * above it, with the source's metadata carried in COPY mode on both paths (DESIGN §6,
 * reference §5).
 */
import type { OssApi } from '../api.js';
import type { CallOptions } from '../client.js';
import { DEFAULT_COPY_PARALLEL, DEFAULT_COPY_PART_SIZE, DEFAULT_COPY_THRESHOLD, MIN_PART_SIZE } from '../defaults.js';
import { OssConflictError, OssIntegrityError, OssInvalidArgumentError, OssServiceError } from '../errors.js';
import type { CopyObjectRequest } from '../operations/copy-object.js';
import type { HeadObjectResult } from '../operations/head-object.js';
import { compact } from '../operations/shared/compact.js';
import { encodeTagging } from '../operations/shared/tags.js';
import type { ObjectWriteHeaders } from '../operations/shared/request-headers.js';
import { normalizeUserMetadata } from '../validation/index.js';
import { growPartSize, planParts } from './part-plan.js';
import { runParallel } from './run-parallel.js';
import { confirmWriteByReadBack, differencesFromIntended, systemHeadersOf } from './write-read-back.js';
import type { IntendedObject } from './write-read-back.js';

/** The operations the copier uses. */
export type CopierApi = Pick<
  OssApi,
  'headObject' | 'copyObject' | 'initiateMultipartUpload' | 'uploadPartCopy' | 'completeMultipartUpload' | 'abortMultipartUpload' | 'getObjectTagging'
>;

/** Tunables of {@link createCopier}. */
export interface CopierOptions {
  /** Sources larger than this (bytes) take the multipart path. */
  readonly threshold?: number;
  /** Initial part size of multipart copies (≥ 100 KiB); grown to stay within 10,000 parts. */
  readonly partSize?: number;
  /** UploadPartCopy requests in flight. */
  readonly parallel?: number;
}

/** Per-call options of {@link Copier.copy}. */
export interface CopyCallOptions extends CallOptions {
  /** The source's HeadObject result when the caller already has it (saves a HEAD). */
  readonly source?: HeadObjectResult;
}

/** Result of {@link Copier.copy}. */
export interface CopyResult {
  readonly etag: string;
  readonly versionId?: string;
  /** CRC-64 of the destination when OSS reported it. */
  readonly hashCrc64?: string;
  /** `single` (one CopyObject) or `multipart`. */
  readonly method: 'single' | 'multipart';
  readonly uploadId?: string;
  readonly requestId: string;
  /** The source's HEAD, as used for the copy. */
  readonly source: HeadObjectResult;
}

/** Copies objects of any size. */
export interface Copier {
  /**
   * Copies `request.sourceKey` to `request.key`. `COPY` (default) gives the destination the
   * source's user metadata, six system headers, storage class and SSE settings (request values
   * win for storage class and SSE); `REPLACE` gives it exactly the request's. Copy-source
   * conditions apply on both paths; the multipart path also pins every part to the source ETag
   * it read, re-reads the source right before CompleteMultipartUpload (which has no
   * precondition) and gives up with `OssConflictError` when its ETag, Last-Modified, size,
   * CRC-64, system headers or user metadata differ from the HEAD the copy was based on, aborts
   * the upload on any failure — also the caller's abort — (rethrowing the failure), and
   * compares the final CRC-64 with the source's (`OssIntegrityError` on mismatch).
   * When the CopyObject or CompleteMultipartUpload fails in a way an earlier unanswered attempt
   * of it could explain (see `writeOutcomeUnknown`), the destination is read back and the copy
   * reported as done if it holds exactly what the copy intended (then `requestId` and `etag`
   * come from that HEAD). A multipart copy of a tagged source in COPY tagging mode reads the
   * source's tags (GetObjectTagging) and sends them on InitiateMultipartUpload (`x-oss-tagging`),
   * as a single CopyObject carries them.
   * The source's ACL is never copied (as by OSS): the destination gets `request.acl` (sent on
   * CompleteMultipartUpload by the multipart path), else `default`.
   */
  copy(request: CopyObjectRequest, options?: CopyCallOptions): Promise<CopyResult>;
}

/** The write headers that recreate the source's metadata on a new object. */
export function headersFromSource(source: HeadObjectResult): ObjectWriteHeaders {
  return compact<ObjectWriteHeaders>({
    contentType: source.contentType,
    contentLanguage: source.contentLanguage,
    contentEncoding: source.contentEncoding,
    contentDisposition: source.contentDisposition,
    cacheControl: source.cacheControl,
    expires: source.expires,
    metadata: source.metadata,
    storageClass: source.storageClass as ObjectWriteHeaders['storageClass'],
    serverSideEncryption: source.serverSideEncryption as ObjectWriteHeaders['serverSideEncryption'],
    serverSideDataEncryption: source.serverSideDataEncryption,
    serverSideEncryptionKeyId: source.serverSideEncryptionKeyId,
  });
}

/** A copier over `api`. Throws {@link OssInvalidArgumentError} for a part size below 100 KiB. */
export function createCopier(api: CopierApi, options: CopierOptions = {}): Copier {
  const threshold = options.threshold ?? DEFAULT_COPY_THRESHOLD;
  const basePartSize = options.partSize ?? DEFAULT_COPY_PART_SIZE;
  const parallel = options.parallel ?? DEFAULT_COPY_PARALLEL;
  if (!Number.isSafeInteger(basePartSize) || basePartSize < MIN_PART_SIZE) {
    throw new OssInvalidArgumentError('partSize', `must be an integer ≥ ${MIN_PART_SIZE}`, basePartSize);
  }

  async function copy(request: CopyObjectRequest, callOptions: CopyCallOptions = {}): Promise<CopyResult> {
    const { source: given, ...call } = callOptions;
    const sourceBucket = request.sourceBucket ?? request.bucket;
    const source =
      given ??
      (await api.headObject(
        // Why: the caller's source conditions are checked here, once, by OSS itself; the parts of a
        // multipart copy are then pinned with if-match, which (HTTP precedence) would make OSS
        // ignore an if-unmodified-since sent along with it.
        compact({
          bucket: sourceBucket,
          key: request.sourceKey,
          versionId: request.sourceVersionId,
          ifMatch: request.copySourceIfMatch,
          ifNoneMatch: request.copySourceIfNoneMatch,
          ifModifiedSince: request.copySourceIfModifiedSince,
          ifUnmodifiedSince: request.copySourceIfUnmodifiedSince,
        }),
        call,
      ));
    const directive = request.metadataDirective ?? 'COPY';
    if (source.contentLength <= threshold) {
      // Why: OSS does not copy SSE and (for self-copies) ignores COPY, so storage class and SSE
      // are sent explicitly; metadata is left to OSS's own COPY otherwise.
      const selfCopy = sourceBucket === request.bucket && request.sourceKey === request.key;
      const single: CopyObjectRequest =
        directive === 'COPY'
          ? selfCopy
            ? {
                ...headersFromSource(source),
                ...withoutMetadataFields(request),
                metadataDirective: 'REPLACE',
                copySourceIfMatch: request.copySourceIfMatch ?? source.etag,
              }
            : { ...carriedStorageAndEncryption(source), ...request }
          : request;
      let result: { etag: string; versionId?: string; hashCrc64?: string; requestId: string };
      try {
        result = await api.copyObject(single, call);
      } catch (error) {
        result = await confirmWriteByReadBack(api, request, intendedCopy(single, source), error, call);
      }
      return compact<CopyResult>({
        etag: result.etag,
        versionId: result.versionId,
        hashCrc64: result.hashCrc64,
        method: 'single',
        requestId: result.requestId,
        source,
      });
    }
    return multipartCopy(request, source, directive, call);
  }

  async function multipartCopy(
    request: CopyObjectRequest,
    source: HeadObjectResult,
    directive: 'COPY' | 'REPLACE',
    call: CallOptions,
  ): Promise<CopyResult> {
    // Why: UploadPartCopy carries bytes only; the tags a CopyObject (COPY tagging) would carry are
    // read here and set on the new upload. A tag change between this read and Complete is not
    // detected (tag changes leave Last-Modified and the ETag alone).
    let carriedTagging: string | undefined;
    if ((source.taggingCount ?? 0) > 0 && request.taggingDirective !== 'Replace') {
      const sourceRef = { bucket: request.sourceBucket ?? request.bucket, key: request.sourceKey };
      const read = await api.getObjectTagging(
        source.versionId === undefined && request.sourceVersionId === undefined ? sourceRef : { ...sourceRef, versionId: request.sourceVersionId ?? (source.versionId as string) },
        call,
      );
      carriedTagging = encodeTagging(read.tags);
    }
    // Why: OSS documents `x-oss-object-acl` on CompleteMultipartUpload, not on Initiate (reference §5.5).
    const { acl, ...writeHeaders } = pickWriteHeaders(request);
    const initiateHeaders: ObjectWriteHeaders = {
      ...(directive === 'COPY' ? { ...headersFromSource(source), ...withoutMetadataFields(writeHeaders) } : writeHeaders),
      ...(carriedTagging === undefined ? {} : { tagging: carriedTagging }),
    };
    const initiated = await api.initiateMultipartUpload({ bucket: request.bucket, key: request.key, ...initiateHeaders }, call);
    const uploadId = initiated.uploadId;
    let completed: { etag: string; versionId?: string; hashCrc64?: string; requestId: string } | undefined;
    try {
      const partSize = growPartSize(source.contentLength, basePartSize);
      const parts = await runParallel(planParts(source.contentLength, partSize), parallel, async (part) => {
        const copied = await api.uploadPartCopy(
          compact({
            bucket: request.bucket,
            key: request.key,
            uploadId,
            partNumber: part.partNumber,
            sourceBucket: request.sourceBucket,
            sourceKey: request.sourceKey,
            sourceVersionId: request.sourceVersionId,
            range: { start: part.start, end: part.end },
            // Why: every part must come from the version that was HEADed.
            copySourceIfMatch: request.copySourceIfMatch ?? source.etag,
            copySourceIfNoneMatch: request.copySourceIfNoneMatch,
            copySourceIfModifiedSince: request.copySourceIfModifiedSince,
            copySourceIfUnmodifiedSince: request.copySourceIfUnmodifiedSince,
          }),
          call,
        );
        return { partNumber: part.partNumber, etag: copied.etag };
      }).catch(async (error: unknown) => {
        // Why: a source replaced by a shorter one fails a part with InvalidRange (or another
        // error) rather than 412, depending on the order the store checks in; say what happened.
        if (error instanceof OssServiceError && error.status !== 412 && !(call.signal?.aborted ?? false)) {
          await assertSourceUnchanged(request, source, call).catch((changed: unknown) => {
            throw changed instanceof OssConflictError ? changed : error;
          });
        }
        throw error;
      });
      await assertSourceUnchanged(request, source, call);
      try {
        completed = await api.completeMultipartUpload(
          compact({ bucket: request.bucket, key: request.key, uploadId, parts, forbidOverwrite: request.forbidOverwrite, acl }),
          call,
        );
      } catch (error) {
        completed = await confirmWriteByReadBack(api, request, intendedFromWriteHeaders(initiateHeaders, source), error, call);
      }
    } catch (error) {
      // Why without the caller's signal: the abort must go out also when that signal is what failed the copy.
      await api.abortMultipartUpload({ bucket: request.bucket, key: request.key, uploadId }).catch(() => undefined);
      throw error;
    }
    if (completed.hashCrc64 !== undefined && source.hashCrc64 !== undefined && completed.hashCrc64 !== source.hashCrc64) {
      throw new OssIntegrityError(`multipart copy of ${request.sourceKey} to ${request.key}`, source.hashCrc64, completed.hashCrc64);
    }
    return compact<CopyResult>({
      etag: completed.etag,
      versionId: completed.versionId,
      hashCrc64: completed.hashCrc64,
      method: 'multipart',
      uploadId,
      requestId: completed.requestId,
      source,
    });
  }

  /**
   * HEADs the source again and throws {@link OssConflictError} unless it is exactly as `source`
   * (ETag, Last-Modified, size, CRC-64, the six system headers, user metadata).
   *
   * Why: CompleteMultipartUpload takes no condition, and the parts' if-match cannot see a
   * metadata-only change (it keeps the ETag); without this a write to the source during the part
   * copies — for an edit, to the object itself — would be overwritten by the completion. What it
   * cannot see is a write landing between this HEAD and the completion (one round trip).
   */
  async function assertSourceUnchanged(request: CopyObjectRequest, source: HeadObjectResult, call: CallOptions): Promise<void> {
    const sourceBucket = request.sourceBucket ?? request.bucket;
    const now = await api.headObject(compact({ bucket: sourceBucket, key: request.sourceKey, versionId: request.sourceVersionId }), call);
    const differences = differencesFromIntended(now, {
      etag: source.etag,
      lastModified: source.lastModified,
      contentLength: source.contentLength,
      ...(source.hashCrc64 === undefined ? {} : { hashCrc64: source.hashCrc64 }),
      systemHeaders: systemHeadersOf(source),
      metadata: source.metadata,
    });
    if (differences.length > 0) {
      throw new OssConflictError(
        `object ${JSON.stringify(request.sourceKey)} in bucket ${JSON.stringify(sourceBucket)} changed while it was being copied ` +
          `(${differences.join('; ')}); the multipart copy was abandoned before completing, nothing was changed, and it may be retried`,
      );
    }
  }

  return { copy };
}

/** What a copy writing `headers` (REPLACE semantics) of `source`'s bytes leaves in the destination. */
function intendedFromWriteHeaders(headers: ObjectWriteHeaders, source: HeadObjectResult): IntendedObject {
  return compact<IntendedObject>({
    systemHeaders: systemHeadersOf(headers),
    metadata: normalizeUserMetadata(headers.metadata ?? {}),
    storageClass: headers.storageClass,
    contentLength: source.contentLength,
    hashCrc64: source.hashCrc64,
  });
}

/** What the single CopyObject `request` leaves in its destination. */
function intendedCopy(request: CopyObjectRequest, source: HeadObjectResult): IntendedObject {
  const selfCopy = (request.sourceBucket ?? request.bucket) === request.bucket && request.sourceKey === request.key;
  if (selfCopy || request.metadataDirective === 'REPLACE') return intendedFromWriteHeaders(request, source);
  return intendedFromWriteHeaders({ ...headersFromSource(source), ...withoutMetadataFields(pickWriteHeaders(request)) }, source);
}

/** Storage class and SSE of the source, which a COPY-mode CopyObject does not carry by itself. */
function carriedStorageAndEncryption(source: HeadObjectResult): ObjectWriteHeaders {
  const { storageClass, serverSideEncryption, serverSideDataEncryption, serverSideEncryptionKeyId } = headersFromSource(source);
  return compact<ObjectWriteHeaders>({ storageClass, serverSideEncryption, serverSideDataEncryption, serverSideEncryptionKeyId });
}

/** The {@link ObjectWriteHeaders} fields of a copy request (what InitiateMultipartUpload takes). */
function pickWriteHeaders(request: CopyObjectRequest): ObjectWriteHeaders {
  return compact<ObjectWriteHeaders>({
    contentType: request.contentType,
    contentLanguage: request.contentLanguage,
    contentEncoding: request.contentEncoding,
    contentDisposition: request.contentDisposition,
    cacheControl: request.cacheControl,
    expires: request.expires,
    metadata: request.metadata,
    acl: request.acl,
    storageClass: request.storageClass,
    serverSideEncryption: request.serverSideEncryption,
    serverSideDataEncryption: request.serverSideDataEncryption,
    serverSideEncryptionKeyId: request.serverSideEncryptionKeyId,
    tagging: request.tagging,
    forbidOverwrite: request.forbidOverwrite,
  });
}

/** In COPY mode the request's metadata fields are ignored (as OSS ignores them); the rest applies. */
function withoutMetadataFields<T extends ObjectWriteHeaders>(
  headers: T,
): Omit<T, 'contentType' | 'contentLanguage' | 'contentEncoding' | 'contentDisposition' | 'cacheControl' | 'expires' | 'metadata'> {
  const { contentType, contentLanguage, contentEncoding, contentDisposition, cacheControl, expires, metadata, ...rest } = headers;
  void [contentType, contentLanguage, contentEncoding, contentDisposition, cacheControl, expires, metadata];
  return rest;
}
