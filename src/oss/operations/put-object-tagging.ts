/** PutObjectTagging: replace the whole tag set of one object (wave 2 §3). */
import type { CallOptions, OssClient } from '../client.js';
import { buildXml } from '../xml/build-xml.js';
import { assertBucketName, assertObjectKey } from '../validation/index.js';
import { assertTags, type ObjectTag } from './shared/tags.js';

/** Input of {@link putObjectTagging}. */
export interface PutObjectTaggingRequest {
  readonly bucket: string;
  readonly key: string;
  /** The new tag set (replaces every existing tag; empty removes them all). */
  readonly tags: readonly ObjectTag[];
  readonly versionId?: string;
}

/** Result of {@link putObjectTagging}. */
export interface PutObjectTaggingResult {
  readonly requestId: string;
}

/**
 * `PUT /<key>?tagging` with `<Tagging><TagSet>…`. Tags are checked before sending; the XML is
 * escaped (ali-oss does not escape it). Tag changes do not change Last-Modified.
 */
export async function putObjectTagging(
  client: OssClient,
  request: PutObjectTaggingRequest,
  options?: CallOptions,
): Promise<PutObjectTaggingResult> {
  assertBucketName(request.bucket);
  assertObjectKey(request.key);
  assertTags(request.tags);
  const query: Array<[string, string]> = [['tagging', '']];
  if (request.versionId !== undefined) query.push(['versionId', request.versionId]);
  const body = Buffer.from(
    buildXml('Tagging', { TagSet: { Tag: request.tags.map((t) => ({ Key: t.key, Value: t.value })) } }),
    'utf8',
  );
  const response = await client.invoke(
    {
      operation: 'PutObjectTagging',
      method: 'PUT',
      bucket: request.bucket,
      key: request.key,
      query,
      headers: { 'content-type': 'application/xml' },
      body,
    },
    options,
  );
  return { requestId: response.requestId };
}
