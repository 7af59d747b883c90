/** PutSymlink: create a link object pointing at a target key (wave 2 §6). */
import type { CallOptions, OssClient } from '../client.js';
import { uriEncode } from '../signer/canonical.js';
import { assertBucketName, assertObjectKey } from '../validation/index.js';
import { compact } from './shared/compact.js';
import { setHeader, setObjectWriteHeaders, type ObjectWriteHeaders } from './shared/request-headers.js';
import { optionalHeader, requiredHeader } from './shared/response-headers.js';

/** Input of {@link putSymlink}; the write headers describe the link itself. */
export interface PutSymlinkRequest extends ObjectWriteHeaders {
  readonly bucket: string;
  /** The link's key. */
  readonly key: string;
  /** The key the link points at (same bucket); OSS does not check that it exists. */
  readonly target: string;
  readonly forbidOverwrite?: boolean;
}

/** Result of {@link putSymlink}. */
export interface PutSymlinkResult {
  readonly etag: string;
  readonly versionId?: string;
  readonly requestId: string;
}

/** `PUT /<key>?symlink` with `x-oss-symlink-target` (URL-encoded, `/` kept, as the docs ask). */
export async function putSymlink(client: OssClient, request: PutSymlinkRequest, options?: CallOptions): Promise<PutSymlinkResult> {
  assertBucketName(request.bucket);
  assertObjectKey(request.key);
  assertObjectKey(request.target, 'target');
  const headers: Record<string, string> = { 'x-oss-symlink-target': uriEncode(request.target, true) };
  setObjectWriteHeaders(headers, request);
  if (request.forbidOverwrite !== undefined) setHeader(headers, 'x-oss-forbid-overwrite', String(request.forbidOverwrite), 'forbidOverwrite');
  const response = await client.invoke(
    { operation: 'PutSymlink', method: 'PUT', bucket: request.bucket, key: request.key, query: [['symlink', '']], headers },
    options,
  );
  return compact<PutSymlinkResult>({
    etag: requiredHeader(response, 'etag'),
    versionId: optionalHeader(response, 'x-oss-version-id'),
    requestId: response.requestId,
  });
}
