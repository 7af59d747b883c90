/** PutObjectAcl: set the ACL of one object (wave 2 §4). */
import type { CallOptions, OssClient } from '../client.js';
import { OssInvalidArgumentError } from '../errors.js';
import { assertBucketName, assertObjectKey } from '../validation/index.js';
import type { ObjectAcl } from './shared/request-headers.js';

/** Input of {@link putObjectAcl}. */
export interface PutObjectAclRequest {
  readonly bucket: string;
  readonly key: string;
  /** `default` means the bucket's ACL applies. */
  readonly acl: ObjectAcl;
  readonly versionId?: string;
}

/** Result of {@link putObjectAcl}. */
export interface PutObjectAclResult {
  readonly requestId: string;
}

const ACLS: ReadonlySet<string> = new Set<ObjectAcl>(['default', 'private', 'public-read', 'public-read-write']);

/** `PUT /<key>?acl` with `x-oss-object-acl`. A missing object rejects with a 404 `OssServiceError`. */
export async function putObjectAcl(client: OssClient, request: PutObjectAclRequest, options?: CallOptions): Promise<PutObjectAclResult> {
  assertBucketName(request.bucket);
  assertObjectKey(request.key);
  if (!ACLS.has(request.acl)) {
    throw new OssInvalidArgumentError('acl', 'must be one of default, private, public-read, public-read-write', request.acl);
  }
  const query: Array<[string, string]> = [['acl', '']];
  if (request.versionId !== undefined) query.push(['versionId', request.versionId]);
  const response = await client.invoke(
    {
      operation: 'PutObjectAcl',
      method: 'PUT',
      bucket: request.bucket,
      key: request.key,
      query,
      headers: { 'x-oss-object-acl': request.acl },
    },
    options,
  );
  return { requestId: response.requestId };
}
