/** PutBucketVersioning: turn versioning on (`Enabled`) or pause it (`Suspended`) (wave 2 §2.1). */
import type { CallOptions, OssClient } from '../client.js';
import { OssInvalidArgumentError } from '../errors.js';
import { buildXml } from '../xml/build-xml.js';
import { assertBucketName } from '../validation/index.js';

/** A bucket's versioning state once it was ever set; a bucket never set is unversioned. */
export type BucketVersioningStatus = 'Enabled' | 'Suspended';

/** Input of {@link putBucketVersioning}. */
export interface PutBucketVersioningRequest {
  readonly bucket: string;
  /** `Enabled` keeps every version; `Suspended` makes new writes the `null` version. No way back to unversioned. */
  readonly status: BucketVersioningStatus;
}

/** Result of {@link putBucketVersioning}. */
export interface PutBucketVersioningResult {
  readonly requestId: string;
}

/** `PUT /?versioning` with `<VersioningConfiguration><Status>…</Status></VersioningConfiguration>`. */
export async function putBucketVersioning(
  client: OssClient,
  request: PutBucketVersioningRequest,
  options?: CallOptions,
): Promise<PutBucketVersioningResult> {
  assertBucketName(request.bucket);
  if (request.status !== 'Enabled' && request.status !== 'Suspended') {
    throw new OssInvalidArgumentError('status', 'must be Enabled or Suspended', request.status);
  }
  const body = Buffer.from(buildXml('VersioningConfiguration', { Status: request.status }), 'utf8');
  const response = await client.invoke(
    {
      operation: 'PutBucketVersioning',
      method: 'PUT',
      bucket: request.bucket,
      query: [['versioning', '']],
      headers: { 'content-type': 'application/xml' },
      body,
    },
    options,
  );
  return { requestId: response.requestId };
}
