/** DeleteBucket: delete an empty bucket. */
import type { CallOptions, OssClient } from '../client.js';
import { assertBucketName } from '../validation/index.js';

/** Input of {@link deleteBucket}. */
export interface DeleteBucketRequest {
  readonly bucket: string;
}

/** Result of {@link deleteBucket}. */
export interface DeleteBucketResult {
  readonly requestId: string;
}

/** `DELETE /` on the bucket; a non-empty bucket rejects with 409 BucketNotEmpty. */
export async function deleteBucket(client: OssClient, request: DeleteBucketRequest, options?: CallOptions): Promise<DeleteBucketResult> {
  assertBucketName(request.bucket);
  const response = await client.invoke({ operation: 'DeleteBucket', method: 'DELETE', bucket: request.bucket }, options);
  return { requestId: response.requestId };
}
