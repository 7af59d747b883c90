/** GetSymlink: the target of a link object (wave 2 §6). */
import type { CallOptions, OssClient } from '../client.js';
import { OssResponseParseError } from '../errors.js';
import { assertBucketName, assertObjectKey } from '../validation/index.js';
import { compact } from './shared/compact.js';
import { optionalDateHeader, readUserMetadata, requiredHeader } from './shared/response-headers.js';

/** Input of {@link getSymlink}. */
export interface GetSymlinkRequest {
  readonly bucket: string;
  readonly key: string;
  readonly versionId?: string;
}

/** Result of {@link getSymlink}. */
export interface GetSymlinkResult {
  /** The target key, decoded. */
  readonly target: string;
  /** The link's own ETag. */
  readonly etag: string;
  readonly lastModified?: Date;
  /** The link's user metadata (lowercase names). */
  readonly metadata: Record<string, string>;
  readonly requestId: string;
}

/** `GET /<key>?symlink`. A missing link rejects with a 404 `OssServiceError`. */
export async function getSymlink(client: OssClient, request: GetSymlinkRequest, options?: CallOptions): Promise<GetSymlinkResult> {
  assertBucketName(request.bucket);
  assertObjectKey(request.key);
  const query: Array<[string, string]> = [['symlink', '']];
  if (request.versionId !== undefined) query.push(['versionId', request.versionId]);
  const response = await client.invoke(
    { operation: 'GetSymlink', method: 'GET', bucket: request.bucket, key: request.key, query },
    options,
  );
  const raw = requiredHeader(response, 'x-oss-symlink-target');
  let target: string;
  try {
    // Why: ali-oss and local-oss send the target URL-encoded; the Python and Go SDKs read it
    // verbatim. A value that is not valid percent-encoding is taken as it is.
    target = decodeURIComponent(raw);
  } catch {
    target = raw;
  }
  if (target === '') throw new OssResponseParseError(`GetSymlink answered an empty target (request id ${response.requestId || '(none)'})`);
  return compact<GetSymlinkResult>({
    target,
    etag: requiredHeader(response, 'etag'),
    lastModified: optionalDateHeader(response, 'last-modified'),
    metadata: readUserMetadata(response),
    requestId: response.requestId,
  });
}
