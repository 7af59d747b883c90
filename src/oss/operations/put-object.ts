/** PutObject: upload an object in one request, CRC-64 verified (reference §3). */
import type { CallOptions, OssClient } from '../client.js';
import { assertBucketName, assertObjectKey } from '../validation/index.js';
import { toRequestBody } from './shared/body.js';
import type { UploadBody } from './shared/body.js';
import { compact } from './shared/compact.js';
import { setHeader, setObjectWriteHeaders } from './shared/request-headers.js';
import type { ObjectWriteHeaders } from './shared/request-headers.js';
import { optionalHeader, requiredHeader } from './shared/response-headers.js';

/** Input of {@link putObject}: the object's body and everything a write may set. */
export interface PutObjectRequest extends ObjectWriteHeaders {
  readonly bucket: string;
  readonly key: string;
  readonly body: UploadBody;
  /** Base64 MD5 of the body; OSS rejects a mismatch with 400 InvalidDigest. */
  readonly contentMd5?: string;
  readonly requestPayer?: string;
  /** Bits per second (245760–838860800). */
  readonly trafficLimit?: number;
}

/** Result of {@link putObject}. */
export interface PutObjectResult {
  /** Quoted uppercase MD5 hex of the body. */
  readonly etag: string;
  readonly contentMd5?: string;
  /** CRC-64 of the stored object, already checked against the body sent. */
  readonly hashCrc64?: string;
  readonly versionId?: string;
  readonly requestId: string;
}

/**
 * `PUT /<key>` with the body and headers. The CRC-64 of the bytes sent is compared with
 * `x-oss-hash-crc64ecma`; a mismatch is an `OssIntegrityError` (retried when the body is replayable).
 */
export async function putObject(client: OssClient, request: PutObjectRequest, options?: CallOptions): Promise<PutObjectResult> {
  assertBucketName(request.bucket);
  assertObjectKey(request.key);
  const body = toRequestBody(request.body);
  const headers: Record<string, string> = {};
  setObjectWriteHeaders(headers, request);
  setHeader(headers, 'content-md5', request.contentMd5, 'contentMd5');
  setHeader(headers, 'x-oss-request-payer', request.requestPayer, 'requestPayer');
  if (request.trafficLimit !== undefined) headers['x-oss-traffic-limit'] = String(Math.trunc(request.trafficLimit));
  const response = await client.invoke(
    { operation: 'PutObject', method: 'PUT', bucket: request.bucket, key: request.key, headers, body, verifyUploadCrc: true },
    options,
  );
  return compact<PutObjectResult>({
    etag: requiredHeader(response, 'etag'),
    contentMd5: optionalHeader(response, 'content-md5'),
    hashCrc64: optionalHeader(response, 'x-oss-hash-crc64ecma'),
    versionId: optionalHeader(response, 'x-oss-version-id'),
    requestId: response.requestId,
  });
}
