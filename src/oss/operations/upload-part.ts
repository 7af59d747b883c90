/** UploadPart: one part of a multipart upload, CRC-64 verified. */
import type { CallOptions, OssClient } from '../client.js';
import { assertBucketName, assertObjectKey } from '../validation/index.js';
import { toRequestBody } from './shared/body.js';
import type { UploadBody } from './shared/body.js';
import { compact } from './shared/compact.js';
import { assertPartNumber, assertUploadId } from './shared/part-number.js';
import { setHeader } from './shared/request-headers.js';
import { optionalHeader, requiredHeader } from './shared/response-headers.js';

/** Input of {@link uploadPart}. Parts but the last must be at least 100 KiB (checked at Complete). */
export interface UploadPartRequest {
  readonly bucket: string;
  readonly key: string;
  readonly uploadId: string;
  /** 1‥10000. */
  readonly partNumber: number;
  readonly body: UploadBody;
  readonly contentMd5?: string;
  readonly requestPayer?: string;
}

/** Result of {@link uploadPart}. */
export interface UploadPartResult {
  /** Quoted; pass it to CompleteMultipartUpload. */
  readonly etag: string;
  /** CRC-64 of this part, already checked against the bytes sent. */
  readonly hashCrc64?: string;
  readonly contentMd5?: string;
  readonly requestId: string;
}

/** `PUT /<key>?partNumber=N&uploadId=ID`, CRC-64 checked like PutObject. */
export async function uploadPart(client: OssClient, request: UploadPartRequest, options?: CallOptions): Promise<UploadPartResult> {
  assertBucketName(request.bucket);
  assertObjectKey(request.key);
  assertUploadId(request.uploadId);
  assertPartNumber(request.partNumber);
  const body = toRequestBody(request.body);
  const headers: Record<string, string> = {};
  setHeader(headers, 'content-md5', request.contentMd5, 'contentMd5');
  setHeader(headers, 'x-oss-request-payer', request.requestPayer, 'requestPayer');
  const response = await client.invoke(
    {
      operation: 'UploadPart',
      method: 'PUT',
      bucket: request.bucket,
      key: request.key,
      query: [['partNumber', String(request.partNumber)], ['uploadId', request.uploadId]],
      headers,
      body,
      verifyUploadCrc: true,
    },
    options,
  );
  return compact<UploadPartResult>({
    etag: requiredHeader(response, 'etag'),
    hashCrc64: optionalHeader(response, 'x-oss-hash-crc64ecma'),
    contentMd5: optionalHeader(response, 'content-md5'),
    requestId: response.requestId,
  });
}
