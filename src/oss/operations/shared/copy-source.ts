/** The `x-oss-copy-source` header value (reference §4.1). */
import { encodeKeyPath } from '../../endpoint.js';
import { assertBucketName, assertObjectKey } from '../../validation/index.js';

/** A source object of CopyObject/UploadPartCopy. */
export interface CopySource {
  /** Defaults to the destination bucket. */
  readonly sourceBucket?: string;
  readonly sourceKey: string;
  readonly sourceVersionId?: string;
}

/**
 * `/<bucket>/<key>[?versionId=<id>]` with the key RFC 3986-encoded (`/` kept) and the version id
 * encoded, after validating bucket and key.
 */
export function encodeCopySource(source: CopySource, destinationBucket: string): string {
  const bucket = source.sourceBucket ?? destinationBucket;
  assertBucketName(bucket, 'sourceBucket');
  assertObjectKey(source.sourceKey, 'sourceKey');
  const base = `/${bucket}/${encodeKeyPath(source.sourceKey)}`;
  return source.sourceVersionId === undefined ? base : `${base}?versionId=${encodeURIComponent(source.sourceVersionId)}`;
}
