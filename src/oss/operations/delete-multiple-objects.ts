/** DeleteMultipleObjects: delete up to 1000 keys of one bucket in one request (wave 2 §1). */
import { createHash } from 'node:crypto';
import type { CallOptions, OssClient } from '../client.js';
import { OssInvalidArgumentError } from '../errors.js';
import { assertBucketName, assertObjectKey } from '../validation/index.js';
import { compact } from './shared/compact.js';
import { booleanText, elements, optionalText, parseResponseXml, requiredText, urlDecode } from './shared/xml-fields.js';

/** Most keys in one request. */
export const MAX_DELETE_OBJECTS = 1000;

/** One key (and optionally one version of it) to delete. */
export interface DeleteObjectsEntry {
  readonly key: string;
  readonly versionId?: string;
}

/** Input of {@link deleteMultipleObjects}. */
export interface DeleteMultipleObjectsRequest {
  readonly bucket: string;
  /** 1 to 1000 entries, each key exactly as stored (never URL-encoded). */
  readonly objects: readonly DeleteObjectsEntry[];
  /** Quiet mode: the answer lists failures only. */
  readonly quiet?: boolean;
}

/** One deleted key as OSS reports it. */
export interface DeletedObject {
  readonly key: string;
  readonly versionId?: string;
  readonly deleteMarker: boolean;
  readonly deleteMarkerVersionId?: string;
}

/** One key OSS could not delete (the shape is unverified for OSS; S3's `<Error>` is parsed). */
export interface DeleteObjectsFailure {
  readonly key: string;
  readonly versionId?: string;
  readonly code: string;
  readonly message: string;
}

/** Result of {@link deleteMultipleObjects}. */
export interface DeleteMultipleObjectsResult {
  /** Deleted keys (missing keys count as deleted), in request order; empty in quiet mode. */
  readonly deleted: DeletedObject[];
  readonly errors: DeleteObjectsFailure[];
  readonly requestId: string;
}

/**
 * Escapes `text` for an XML element as the Python SDK does: the five markup characters named,
 * every control character as a decimal reference (`\x01` → `&#01;`), so that real OSS (which
 * decodes those references) and a strict parser both read the exact key back.
 */
function escapeKey(text: string): string {
  return text.replace(/[&<>"\u0000-\u001f]/g, (c) => {
    switch (c) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '"':
        return '&quot;';
      default:
        return `&#${String(c.charCodeAt(0)).padStart(2, '0')};`;
    }
  });
}

/**
 * `POST /?delete&encoding-type=url` with `<Delete>` and its Content-MD5. Keys go in the body raw
 * (XML-escaped, never URL-encoded); `encoding-type=url` makes OSS encode the keys of the answer,
 * which are decoded here, so keys with control characters survive the round trip.
 */
export async function deleteMultipleObjects(
  client: OssClient,
  request: DeleteMultipleObjectsRequest,
  options?: CallOptions,
): Promise<DeleteMultipleObjectsResult> {
  assertBucketName(request.bucket);
  if (request.objects.length === 0 || request.objects.length > MAX_DELETE_OBJECTS) {
    throw new OssInvalidArgumentError('objects', `must hold 1 to ${MAX_DELETE_OBJECTS} entries`, request.objects.length);
  }
  request.objects.forEach((o, i) => {
    assertObjectKey(o.key, `objects[${i}].key`);
    if (o.versionId !== undefined && o.versionId === '') throw new OssInvalidArgumentError(`objects[${i}].versionId`, 'must not be empty', o.versionId);
  });
  const entries = request.objects
    .map((o) => `<Object><Key>${escapeKey(o.key)}</Key>${o.versionId === undefined ? '' : `<VersionId>${escapeKey(o.versionId)}</VersionId>`}</Object>`)
    .join('');
  const body = Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n<Delete><Quiet>${request.quiet === true ? 'true' : 'false'}</Quiet>${entries}</Delete>`, 'utf8');
  const response = await client.invoke(
    {
      operation: 'DeleteMultipleObjects',
      method: 'POST',
      bucket: request.bucket,
      query: [
        ['delete', ''],
        ['encoding-type', 'url'],
      ],
      headers: { 'content-type': 'application/xml', 'content-md5': createHash('md5').update(body).digest('base64') },
      body,
    },
    options,
  );
  if (response.body.byteLength === 0) return { deleted: [], errors: [], requestId: response.requestId };
  const xml = parseResponseXml(response, 'DeleteResult', ['DeleteResult.Deleted', 'DeleteResult.Error']);
  const encoded = optionalText(xml, 'EncodingType') === 'url';
  const text = (value: string | undefined): string | undefined => (value === undefined || !encoded ? value : urlDecode(value));
  return {
    deleted: elements(xml, 'Deleted').map((d) =>
      compact<DeletedObject>({
        key: text(requiredText(d, 'Key')) as string,
        versionId: optionalText(d, 'VersionId'),
        deleteMarker: booleanText(d, 'DeleteMarker'),
        deleteMarkerVersionId: optionalText(d, 'DeleteMarkerVersionId'),
      }),
    ),
    errors: elements(xml, 'Error').map((e) =>
      compact<DeleteObjectsFailure>({
        key: text(requiredText(e, 'Key')) as string,
        versionId: optionalText(e, 'VersionId'),
        code: optionalText(e, 'Code') ?? 'Unknown',
        message: optionalText(e, 'Message') ?? '',
      }),
    ),
    requestId: response.requestId,
  };
}
