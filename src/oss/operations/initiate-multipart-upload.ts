/** InitiateMultipartUpload: start a multipart upload; the object's metadata is set here (reference §5.5). */
import type { CallOptions, OssClient } from '../client.js';
import { assertBucketName, assertObjectKey } from '../validation/index.js';
import { setHeader, setObjectWriteHeaders } from './shared/request-headers.js';
import type { ObjectWriteHeaders } from './shared/request-headers.js';
import { optionalText, parseResponseXml, requiredText, urlDecode } from './shared/xml-fields.js';

/** Input of {@link initiateMultipartUpload}: the target and the metadata of the object to be. */
export interface InitiateMultipartUploadRequest extends ObjectWriteHeaders {
  readonly bucket: string;
  readonly key: string;
  readonly requestPayer?: string;
}

/** Result of {@link initiateMultipartUpload}. */
export interface InitiateMultipartUploadResult {
  readonly bucket: string;
  /** Decoded key. */
  readonly key: string;
  readonly uploadId: string;
  readonly requestId: string;
}

/** `POST /<key>?uploads&encoding-type=url`. */
export async function initiateMultipartUpload(
  client: OssClient,
  request: InitiateMultipartUploadRequest,
  options?: CallOptions,
): Promise<InitiateMultipartUploadResult> {
  assertBucketName(request.bucket);
  assertObjectKey(request.key);
  const headers: Record<string, string> = {};
  setObjectWriteHeaders(headers, request);
  setHeader(headers, 'x-oss-request-payer', request.requestPayer, 'requestPayer');
  const response = await client.invoke(
    {
      operation: 'InitiateMultipartUpload',
      method: 'POST',
      bucket: request.bucket,
      key: request.key,
      query: [['uploads', ''], ['encoding-type', 'url']],
      headers,
    },
    options,
  );
  const xml = parseResponseXml(response, 'InitiateMultipartUploadResult');
  const encoded = optionalText(xml, 'EncodingType') === 'url';
  const key = requiredText(xml, 'Key');
  return {
    bucket: requiredText(xml, 'Bucket'),
    key: encoded ? urlDecode(key) : key,
    uploadId: requiredText(xml, 'UploadId'),
    requestId: response.requestId,
  };
}
