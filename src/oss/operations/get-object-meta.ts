/** GetObjectMeta: the cheap basic description of an object (reference §2). */
import type { CallOptions, OssClient } from '../client.js';
import { assertBucketName, assertObjectKey } from '../validation/index.js';
import { setDefined } from './shared/compact.js';
import type { Mutable } from './shared/compact.js';
import {
  optionalDateHeader,
  optionalHeader,
  requiredDateHeader,
  requiredHeader,
  requiredIntHeader,
} from './shared/response-headers.js';

/** Input of {@link getObjectMeta}. */
export interface GetObjectMetaRequest {
  readonly bucket: string;
  readonly key: string;
  readonly versionId?: string;
}

/** Result of {@link getObjectMeta}; no user metadata, content type or storage class. */
export interface GetObjectMetaResult {
  readonly contentLength: number;
  /** With the surrounding quotes. */
  readonly etag: string;
  readonly lastModified: Date;
  /** Only when access tracking is enabled on the bucket. */
  readonly lastAccessTime?: Date;
  readonly versionId?: string;
  /** CRC-64/XZ as an unsigned decimal string. */
  readonly hashCrc64?: string;
  readonly transitionTime?: string;
  readonly requestId: string;
}

/** `HEAD /<key>?objectMeta[&versionId]`. A missing object rejects with a 404 `OssServiceError`. */
export async function getObjectMeta(
  client: OssClient,
  request: GetObjectMetaRequest,
  options?: CallOptions,
): Promise<GetObjectMetaResult> {
  assertBucketName(request.bucket);
  assertObjectKey(request.key);
  const query: Array<[string, string]> = [['objectMeta', '']];
  if (request.versionId !== undefined) query.push(['versionId', request.versionId]);
  const response = await client.invoke(
    { operation: 'GetObjectMeta', method: 'HEAD', bucket: request.bucket, key: request.key, query },
    options,
  );
  const result: Mutable<GetObjectMetaResult> = {
    contentLength: requiredIntHeader(response, 'content-length'),
    etag: requiredHeader(response, 'etag'),
    lastModified: requiredDateHeader(response, 'last-modified'),
    requestId: response.requestId,
  };
  setDefined(result, 'lastAccessTime', optionalDateHeader(response, 'x-oss-last-access-time'));
  setDefined(result, 'versionId', optionalHeader(response, 'x-oss-version-id'));
  setDefined(result, 'hashCrc64', optionalHeader(response, 'x-oss-hash-crc64ecma'));
  setDefined(result, 'transitionTime', optionalHeader(response, 'x-oss-transition-time'));
  return result;
}
