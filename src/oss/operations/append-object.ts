/** AppendObject: append a chunk to an Appendable object, or create one (wave 2 §5). */
import { crc64, crc64Combine, formatCrc64 } from '../checksum/crc64.js';
import type { CallOptions, OssClient } from '../client.js';
import { OssIntegrityError, OssInvalidArgumentError, OssServiceError } from '../errors.js';
import { assertBucketName, assertObjectKey } from '../validation/index.js';
import { headObject } from './head-object.js';
import { toRequestBody, type UploadBody } from './shared/body.js';
import { compact } from './shared/compact.js';
import { setHeader, setObjectWriteHeaders, type ObjectWriteHeaders } from './shared/request-headers.js';
import { optionalHeader, requiredHeader, requiredIntHeader } from './shared/response-headers.js';

/** Input of {@link appendObject}; the write headers count only on the append that creates the object. */
export interface AppendObjectRequest extends ObjectWriteHeaders {
  readonly bucket: string;
  readonly key: string;
  /** The object's current length (`nextPosition` of the previous append; 0 to create it). */
  readonly position: number;
  readonly body: UploadBody;
  /** Base64 MD5 of this chunk. */
  readonly contentMd5?: string;
  /**
   * CRC-64 (decimal) of the object before this append (`hashCrc64` of the previous append). With
   * it, the answer's whole-object CRC is checked, and an append whose answer was lost is
   * recognised on retry instead of failing with PositionNotEqualToLength.
   */
  readonly previousCrc64?: string;
}

/** Result of {@link appendObject}. */
export interface AppendObjectResult {
  /** The new length: the `position` of the next append. */
  readonly nextPosition: number;
  /** CRC-64 of the whole object after this append. */
  readonly hashCrc64?: string;
  readonly etag: string;
  /** The version appended to (in a versioned bucket; appends extend it, they add none). */
  readonly versionId?: string;
  readonly requestId: string;
}

/**
 * `POST /<key>?append&position=N`. Rejects with 409 `PositionNotEqualToLength` when `position` is
 * not the object's length and 409 `ObjectNotAppendable` for a Normal or Multipart object — except
 * when this very chunk already landed (a retry after a lost answer): then the object's length is
 * `position` + the chunk's, its CRC-64 is the expected one, and the append reports success.
 */
export async function appendObject(client: OssClient, request: AppendObjectRequest, options?: CallOptions): Promise<AppendObjectResult> {
  assertBucketName(request.bucket);
  assertObjectKey(request.key);
  if (!Number.isSafeInteger(request.position) || request.position < 0) {
    throw new OssInvalidArgumentError('position', 'must be a non-negative integer', request.position);
  }
  if (request.previousCrc64 !== undefined && !/^\d+$/.test(request.previousCrc64)) {
    throw new OssInvalidArgumentError('previousCrc64', 'must be an unsigned decimal CRC-64', request.previousCrc64);
  }
  const body = toRequestBody(request.body);
  const headers: Record<string, string> = {};
  setObjectWriteHeaders(headers, request);
  setHeader(headers, 'content-md5', request.contentMd5, 'contentMd5');
  const bytes = typeof request.body === 'string' ? Buffer.from(request.body, 'utf8') : request.body instanceof Uint8Array ? request.body : undefined;
  const previous = request.previousCrc64 !== undefined ? BigInt(request.previousCrc64) : request.position === 0 ? 0n : undefined;
  const expectedCrc = bytes !== undefined && previous !== undefined ? formatCrc64(crc64Combine(previous, crc64(bytes), bytes.length)) : undefined;
  try {
    const response = await client.invoke(
      {
        operation: 'AppendObject',
        method: 'POST',
        bucket: request.bucket,
        key: request.key,
        query: [['append', ''], ['position', String(request.position)]],
        headers,
        body,
      },
      options,
    );
    const hashCrc64 = optionalHeader(response, 'x-oss-hash-crc64ecma');
    if (expectedCrc !== undefined && hashCrc64 !== undefined && hashCrc64 !== expectedCrc) {
      throw new OssIntegrityError(`AppendObject ${request.bucket}/${request.key} (request id ${response.requestId})`, expectedCrc, hashCrc64);
    }
    return compact<AppendObjectResult>({
      nextPosition: requiredIntHeader(response, 'x-oss-next-append-position'),
      hashCrc64,
      etag: requiredHeader(response, 'etag'),
      versionId: optionalHeader(response, 'x-oss-version-id'),
      requestId: response.requestId,
    });
  } catch (error) {
    if (!(error instanceof OssServiceError) || error.code !== 'PositionNotEqualToLength' || bytes === undefined || expectedCrc === undefined) throw error;
    // Why: an earlier attempt of this call may have landed and its answer been lost; report success
    // only when the object holds exactly this chunk at exactly this position.
    const head = await headObject(client, { bucket: request.bucket, key: request.key }, options);
    if (head.contentLength !== request.position + bytes.length || head.hashCrc64 !== expectedCrc) throw error;
    return compact<AppendObjectResult>({ nextPosition: head.contentLength, hashCrc64: head.hashCrc64, etag: head.etag, versionId: head.versionId, requestId: head.requestId });
  }
}
