/** DeleteObject. */
import type { CallOptions, OssClient } from '../client.js';
import { assertBucketName, assertObjectKey } from '../validation/index.js';
import { compact } from './shared/compact.js';
import { optionalHeader } from './shared/response-headers.js';

/** Input of {@link deleteObject}. */
export interface DeleteObjectRequest {
  readonly bucket: string;
  readonly key: string;
  /** Deletes that version for good; without it a versioned bucket only adds a delete marker. */
  readonly versionId?: string;
}

/** Result of {@link deleteObject}. */
export interface DeleteObjectResult {
  /** True when the delete created (or removed) a delete marker. */
  readonly deleteMarker: boolean;
  readonly versionId?: string;
  readonly requestId: string;
}

/** `DELETE /<key>[?versionId]`. Deleting a missing key succeeds (204), as OSS answers. */
export async function deleteObject(client: OssClient, request: DeleteObjectRequest, options?: CallOptions): Promise<DeleteObjectResult> {
  assertBucketName(request.bucket);
  assertObjectKey(request.key);
  const response = await client.invoke(
    {
      operation: 'DeleteObject',
      method: 'DELETE',
      bucket: request.bucket,
      key: request.key,
      query: request.versionId === undefined ? [] : [['versionId', request.versionId]],
    },
    options,
  );
  return compact<DeleteObjectResult>({
    deleteMarker: optionalHeader(response, 'x-oss-delete-marker') === 'true',
    versionId: optionalHeader(response, 'x-oss-version-id'),
    requestId: response.requestId,
  });
}
