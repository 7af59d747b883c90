/** GetObjectAcl: the ACL of one object (reference §5.4: ossutil set-meta reads it before its REPLACE copy). */
import type { CallOptions, OssClient } from '../client.js';
import { assertBucketName, assertObjectKey } from '../validation/index.js';
import { compact } from './shared/compact.js';
import type { ObjectAcl } from './shared/request-headers.js';
import { elements, optionalText, parseResponseXml, requiredText } from './shared/xml-fields.js';

/** Input of {@link getObjectAcl}. */
export interface GetObjectAclRequest {
  readonly bucket: string;
  readonly key: string;
  readonly versionId?: string;
}

/**
 * An object ACL as OSS reports it: one of {@link ObjectAcl} (`default` = the bucket's ACL applies),
 * or a grant newer than this client, kept verbatim.
 */
export type ObjectAclGrant = ObjectAcl | (string & {});

/** Result of {@link getObjectAcl}. */
export interface GetObjectAclResult {
  readonly acl: ObjectAclGrant;
  readonly owner?: { readonly id: string; readonly displayName: string };
  /** The answer's `Date` header (the server clock, one-second resolution), when present and valid. */
  readonly date?: Date;
  readonly requestId: string;
}

/** `GET /<key>?acl[&versionId]`. A missing object rejects with a 404 `OssServiceError`. */
export async function getObjectAcl(client: OssClient, request: GetObjectAclRequest, options?: CallOptions): Promise<GetObjectAclResult> {
  assertBucketName(request.bucket);
  assertObjectKey(request.key);
  const query: Array<[string, string]> = [['acl', '']];
  if (request.versionId !== undefined) query.push(['versionId', request.versionId]);
  const response = await client.invoke(
    { operation: 'GetObjectAcl', method: 'GET', bucket: request.bucket, key: request.key, query },
    options,
  );
  const xml = parseResponseXml(response, 'AccessControlPolicy');
  const list = elements(xml, 'AccessControlList')[0] ?? {};
  const owner = elements(xml, 'Owner')[0];
  const date = Date.parse(response.headers['date'] ?? '');
  return compact<GetObjectAclResult>({
    acl: requiredText(list, 'Grant').trim(),
    owner: owner === undefined ? undefined : { id: optionalText(owner, 'ID') ?? '', displayName: optionalText(owner, 'DisplayName') ?? '' },
    date: Number.isNaN(date) ? undefined : new Date(date),
    requestId: response.requestId,
  });
}
