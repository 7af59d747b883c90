/** AbortMultipartUpload: drop an upload and its parts. */
import type { CallOptions, OssClient } from '../client.js';
import { assertBucketName, assertObjectKey } from '../validation/index.js';
import { assertUploadId } from './shared/part-number.js';

/** Input of {@link abortMultipartUpload}. */
export interface AbortMultipartUploadRequest {
  readonly bucket: string;
  readonly key: string;
  readonly uploadId: string;
}

/** Result of {@link abortMultipartUpload}. */
export interface AbortMultipartUploadResult {
  readonly requestId: string;
}

/** `DELETE /<key>?uploadId=ID`; an unknown upload rejects with 404 NoSuchUpload. */
export async function abortMultipartUpload(
  client: OssClient,
  request: AbortMultipartUploadRequest,
  options?: CallOptions,
): Promise<AbortMultipartUploadResult> {
  assertBucketName(request.bucket);
  assertObjectKey(request.key);
  assertUploadId(request.uploadId);
  const response = await client.invoke(
    {
      operation: 'AbortMultipartUpload',
      method: 'DELETE',
      bucket: request.bucket,
      key: request.key,
      query: [['uploadId', request.uploadId]],
    },
    options,
  );
  return { requestId: response.requestId };
}
