/** GetBucketVersioning: a bucket's versioning state (wave 2 §2.1). */
import type { CallOptions, OssClient } from '../client.js';
import { OssResponseParseError } from '../errors.js';
import { assertBucketName } from '../validation/index.js';
import { compact } from './shared/compact.js';
import type { BucketVersioningStatus } from './put-bucket-versioning.js';
import { optionalText, parseResponseXml } from './shared/xml-fields.js';

/** Input of {@link getBucketVersioning}. */
export interface GetBucketVersioningRequest {
  readonly bucket: string;
}

/** Result of {@link getBucketVersioning}. */
export interface GetBucketVersioningResult {
  /** Absent for a bucket whose versioning was never set (unversioned). */
  readonly status?: BucketVersioningStatus;
  readonly requestId: string;
}

/** `GET /?versioning`. A missing bucket rejects with a 404 `OssServiceError` (`NoSuchBucket`). */
export async function getBucketVersioning(
  client: OssClient,
  request: GetBucketVersioningRequest,
  options?: CallOptions,
): Promise<GetBucketVersioningResult> {
  assertBucketName(request.bucket);
  const response = await client.invoke(
    { operation: 'GetBucketVersioning', method: 'GET', bucket: request.bucket, query: [['versioning', '']] },
    options,
  );
  const status = optionalText(parseResponseXml(response, 'VersioningConfiguration'), 'Status')?.trim();
  if (status !== undefined && status !== '' && status !== 'Enabled' && status !== 'Suspended') {
    throw new OssResponseParseError(`<Status> of bucket ${request.bucket} is neither Enabled nor Suspended: ${JSON.stringify(status)}`);
  }
  return compact<GetBucketVersioningResult>({
    status: status === undefined || status === '' ? undefined : status,
    requestId: response.requestId,
  });
}
