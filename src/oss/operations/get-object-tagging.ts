/** GetObjectTagging: the tag set of one object (wave 2 §3). */
import type { CallOptions, OssClient } from '../client.js';
import { assertBucketName, assertObjectKey } from '../validation/index.js';
import type { ObjectTag } from './shared/tags.js';
import { elements, optionalText, parseResponseXml, requiredText } from './shared/xml-fields.js';

/** Input of {@link getObjectTagging}. */
export interface GetObjectTaggingRequest {
  readonly bucket: string;
  readonly key: string;
  readonly versionId?: string;
}

/** Result of {@link getObjectTagging}. */
export interface GetObjectTaggingResult {
  /** In the order OSS lists them; empty when the object has no tags. */
  readonly tags: ObjectTag[];
  readonly requestId: string;
}

/** `GET /<key>?tagging`. A missing object rejects with a 404 `OssServiceError`. */
export async function getObjectTagging(
  client: OssClient,
  request: GetObjectTaggingRequest,
  options?: CallOptions,
): Promise<GetObjectTaggingResult> {
  assertBucketName(request.bucket);
  assertObjectKey(request.key);
  const query: Array<[string, string]> = [['tagging', '']];
  if (request.versionId !== undefined) query.push(['versionId', request.versionId]);
  const response = await client.invoke(
    { operation: 'GetObjectTagging', method: 'GET', bucket: request.bucket, key: request.key, query },
    options,
  );
  const xml = parseResponseXml(response, 'Tagging', ['Tagging.TagSet.Tag']);
  const tagSet = elements(xml, 'TagSet')[0] ?? {};
  return {
    tags: elements(tagSet, 'Tag').map((tag) => ({ key: requiredText(tag, 'Key'), value: optionalText(tag, 'Value') ?? '' })),
    requestId: response.requestId,
  };
}
