/** PutBucket: create a bucket. */
import type { CallOptions, OssClient } from '../client.js';
import { assertBucketName } from '../validation/index.js';
import { buildXml } from '../xml/build-xml.js';
import { setHeader } from './shared/request-headers.js';
import type { StorageClass } from './shared/request-headers.js';

/** Input of {@link putBucket}. */
export interface PutBucketRequest {
  readonly bucket: string;
  /** Bucket ACL (`x-oss-acl`); OSS defaults to `private`. */
  readonly acl?: 'private' | 'public-read' | 'public-read-write';
  readonly storageClass?: StorageClass;
  /** `LRS` or `ZRS`. */
  readonly dataRedundancyType?: 'LRS' | 'ZRS';
  readonly resourceGroupId?: string;
}

/** Result of {@link putBucket}. */
export interface PutBucketResult {
  readonly requestId: string;
}

/** `PUT /` on the bucket, with a `CreateBucketConfiguration` body when a class or redundancy is given. */
export async function putBucket(client: OssClient, request: PutBucketRequest, options?: CallOptions): Promise<PutBucketResult> {
  assertBucketName(request.bucket);
  const headers: Record<string, string> = {};
  setHeader(headers, 'x-oss-acl', request.acl, 'acl');
  setHeader(headers, 'x-oss-resource-group-id', request.resourceGroupId, 'resourceGroupId');
  let body: Uint8Array | undefined;
  if (request.storageClass !== undefined || request.dataRedundancyType !== undefined) {
    headers['content-type'] = 'application/xml';
    body = Buffer.from(
      buildXml('CreateBucketConfiguration', { StorageClass: request.storageClass, DataRedundancyType: request.dataRedundancyType }),
      'utf8',
    );
  }
  const response = await client.invoke(
    { operation: 'PutBucket', method: 'PUT', bucket: request.bucket, headers, ...(body === undefined ? {} : { body }) },
    options,
  );
  return { requestId: response.requestId };
}
