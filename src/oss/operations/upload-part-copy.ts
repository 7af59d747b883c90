/** UploadPartCopy: one part of a multipart upload copied from an existing object. */
import type { CallOptions, OssClient } from '../client.js';
import { OssInvalidArgumentError } from '../errors.js';
import { assertBucketName, assertObjectKey } from '../validation/index.js';
import { compact } from './shared/compact.js';
import { setCopySourceConditions } from './shared/copy-conditions.js';
import type { CopySourceConditions } from './shared/copy-conditions.js';
import { encodeCopySource } from './shared/copy-source.js';
import type { CopySource } from './shared/copy-source.js';
import { assertPartNumber, assertUploadId } from './shared/part-number.js';
import { setHeader } from './shared/request-headers.js';
import { optionalHeader } from './shared/response-headers.js';
import { parseResponseXml, requiredDate, requiredText } from './shared/xml-fields.js';

/** Input of {@link uploadPartCopy}. */
export interface UploadPartCopyRequest extends CopySource, CopySourceConditions {
  readonly bucket: string;
  readonly key: string;
  readonly uploadId: string;
  readonly partNumber: number;
  /** Inclusive byte range of the source; absent copies the whole source. */
  readonly range?: { readonly start: number; readonly end: number };
  readonly requestPayer?: string;
}

/** Result of {@link uploadPartCopy}. */
export interface UploadPartCopyResult {
  readonly etag: string;
  readonly lastModified: Date;
  readonly sourceVersionId?: string;
  readonly requestId: string;
}

/** `PUT /<key>?partNumber=N&uploadId=ID` with `x-oss-copy-source[-range]`. */
export async function uploadPartCopy(
  client: OssClient,
  request: UploadPartCopyRequest,
  options?: CallOptions,
): Promise<UploadPartCopyResult> {
  assertBucketName(request.bucket);
  assertObjectKey(request.key);
  assertUploadId(request.uploadId);
  assertPartNumber(request.partNumber);
  const headers: Record<string, string> = { 'x-oss-copy-source': encodeCopySource(request, request.bucket) };
  if (request.range !== undefined) {
    const { start, end } = request.range;
    if (!Number.isSafeInteger(start) || start < 0 || !Number.isSafeInteger(end) || end < start) {
      throw new OssInvalidArgumentError('range', 'must be integers with 0 ≤ start ≤ end', request.range);
    }
    headers['x-oss-copy-source-range'] = `bytes=${start}-${end}`;
  }
  setCopySourceConditions(headers, request);
  setHeader(headers, 'x-oss-request-payer', request.requestPayer, 'requestPayer');
  const response = await client.invoke(
    {
      operation: 'UploadPartCopy',
      method: 'PUT',
      bucket: request.bucket,
      key: request.key,
      query: [['partNumber', String(request.partNumber)], ['uploadId', request.uploadId]],
      headers,
    },
    options,
  );
  const xml = parseResponseXml(response, 'CopyPartResult');
  return compact<UploadPartCopyResult>({
    etag: requiredText(xml, 'ETag'),
    lastModified: requiredDate(xml, 'LastModified'),
    sourceVersionId: optionalHeader(response, 'x-oss-copy-source-version-id'),
    requestId: response.requestId,
  });
}
