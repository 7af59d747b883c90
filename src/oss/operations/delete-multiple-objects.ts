/** DeleteMultipleObjects: delete up to 1000 keys (or versions) in one request (wave 2 §1). */
import { createHash } from 'node:crypto';
import type { CallOptions, OssClient } from '../client.js';
import { OssInvalidArgumentError } from '../errors.js';
import { buildXml } from '../xml/build-xml.js';
import { assertBucketName, assertObjectKey } from '../validation/index.js';
import { compact } from './shared/compact.js';
import { booleanText, elements, optionalText, parseResponseXml, requiredText, urlDecode } from './shared/xml-fields.js';

/** Most objects in one request. */
export const MAX_DELETE_OBJECTS = 1000;

/** One object to delete. */
export interface ObjectToDelete {
  readonly key: string;
  /** Deletes that version for good; without it a versioned bucket only adds a delete marker. */
  readonly versionId?: string;
}

/** Input of {@link deleteMultipleObjects}. */
export interface DeleteMultipleObjectsRequest {
  readonly bucket: string;
  /** 1‥1000 objects, deleted in this order. */
  readonly objects: readonly ObjectToDelete[];
  /** Quiet mode: OSS lists only failures, so `deleted` is empty. Default false. */
  readonly quiet?: boolean;
}

/** One deleted object as OSS reports it (missing keys are reported deleted too). */
export interface DeletedObject {
  /** Decoded key, exactly as requested. */
  readonly key: string;
  /** The version deleted for good, when one was named. */
  readonly versionId?: string;
  /** True when a delete marker was created, or the version deleted was one. */
  readonly deleteMarker: boolean;
  /** The id of that delete marker. */
  readonly deleteMarkerVersionId?: string;
}

/** One object OSS could not delete (the S3-style `<Error>` child; OSS's shape is unverified). */
export interface DeleteObjectFailure {
  readonly key: string;
  readonly versionId?: string;
  readonly code: string;
  readonly message: string;
}

/** Result of {@link deleteMultipleObjects}. */
export interface DeleteMultipleObjectsResult {
  /** In request order; empty in quiet mode. */
  readonly deleted: DeletedObject[];
  /** Objects that were not deleted (also listed in quiet mode); local-oss never reports one. */
  readonly errors: DeleteObjectFailure[];
  readonly requestId: string;
}

/**
 * XML text of a key: control characters as decimal character references (as the Python SDK
 * sends them; OSS decodes them), never raw bytes (invalid XML) and never URL-encoded
 * (`encoding-type=url` applies to the answer only).
 */
function escapeControls(xml: string): string {
  // eslint-disable-next-line no-control-regex
  return xml.replace(/[\u0000-\u001f]/g, (c) => `&#${String(c.charCodeAt(0)).padStart(2, '0')};`);
}

/** `POST /?delete&encoding-type=url` with `<Delete>` and its Content-MD5; keys in the answer are decoded. */
export async function deleteMultipleObjects(
  client: OssClient,
  request: DeleteMultipleObjectsRequest,
  options?: CallOptions,
): Promise<DeleteMultipleObjectsResult> {
  assertBucketName(request.bucket);
  if (request.objects.length < 1 || request.objects.length > MAX_DELETE_OBJECTS) {
    throw new OssInvalidArgumentError('objects', `must hold 1 to ${MAX_DELETE_OBJECTS} objects`, request.objects.length);
  }
  request.objects.forEach((object, i) => {
    assertObjectKey(object.key, `objects[${i}].key`);
    if (object.versionId === '') throw new OssInvalidArgumentError(`objects[${i}].versionId`, 'must not be empty', '');
  });
  const xml = buildXml('Delete', {
    Quiet: request.quiet === true ? 'true' : 'false',
    Object: request.objects.map((o) => ({ Key: o.key, VersionId: o.versionId })),
  });
  const body = Buffer.from(escapeControls(xml.replace(/^<\?xml[^>]*\?>\n/, '')), 'utf8');
  const response = await client.invoke(
    {
      operation: 'DeleteMultipleObjects',
      method: 'POST',
      bucket: request.bucket,
      query: [['delete', ''], ['encoding-type', 'url']],
      headers: { 'content-type': 'application/xml', 'content-md5': createHash('md5').update(body).digest('base64') },
      body,
    },
    options,
  );
  if (response.body.length === 0) return { deleted: [], errors: [], requestId: response.requestId };
  const result = parseResponseXml(response, 'DeleteResult', ['DeleteResult.Deleted', 'DeleteResult.Error']);
  const encoded = optionalText(result, 'EncodingType') === 'url';
  const keyOf = (item: Record<string, unknown>): string => (encoded ? urlDecode(requiredText(item, 'Key')) : requiredText(item, 'Key'));
  return {
    errors: elements(result, 'Error').map((item) =>
      compact<DeleteObjectFailure>({
        key: keyOf(item),
        versionId: optionalText(item, 'VersionId'),
        code: optionalText(item, 'Code') ?? 'UnknownError',
        message: optionalText(item, 'Message') ?? '',
      }),
    ),
    deleted: elements(result, 'Deleted').map((item) =>
      compact<DeletedObject>({
        key: keyOf(item),
        versionId: optionalText(item, 'VersionId'),
        deleteMarker: booleanText(item, 'DeleteMarker'),
        deleteMarkerVersionId: optionalText(item, 'DeleteMarkerVersionId'),
      }),
    ),
    requestId: response.requestId,
  };
}
