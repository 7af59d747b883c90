/** DeleteObjectTagging: remove every tag of one object (wave 2 §3). */
import type { CallOptions, OssClient } from '../client.js';
import { assertBucketName, assertObjectKey } from '../validation/index.js';

/** Input of {@link deleteObjectTagging}. */
export interface DeleteObjectTaggingRequest {
  readonly bucket: string;
  readonly key: string;
  readonly versionId?: string;
}

/** Result of {@link deleteObjectTagging}. */
export interface DeleteObjectTaggingResult {
  readonly requestId: string;
}

/** `DELETE /<key>?tagging` → 204. A missing object rejects with a 404 `OssServiceError`. */
export async function deleteObjectTagging(
  client: OssClient,
  request: DeleteObjectTaggingRequest,
  options?: CallOptions,
): Promise<DeleteObjectTaggingResult> {
  assertBucketName(request.bucket);
  assertObjectKey(request.key);
  const query: Array<[string, string]> = [['tagging', '']];
  if (request.versionId !== undefined) query.push(['versionId', request.versionId]);
  const response = await client.invoke(
    { operation: 'DeleteObjectTagging', method: 'DELETE', bucket: request.bucket, key: request.key, query },
    options,
  );
  return { requestId: response.requestId };
}
