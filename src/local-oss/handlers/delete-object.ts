/** DeleteObject and DeleteMultipleObjects. */
import { parseXml } from '../../oss/xml/parse-xml.js';
import { uriEncode } from '../../oss/signer/canonical.js';
import { LocalOssError } from '../errors.js';
import { header, readSmallBody, requireBucket, requireKey, type Handler } from './context.js';
import { verifyBodyContentMd5 } from './object-headers.js';
import { versionIdParam } from './versioning.js';
import type { DeleteOutcome } from '../backend/backend.js';

/** The headers of a delete's answer (wave 2 §2.2). */
function outcomeHeaders(outcome: DeleteOutcome): Record<string, string> {
  return {
    ...(outcome.deleteMarker ? { 'x-oss-delete-marker': 'true' } : {}),
    ...(outcome.versionId !== undefined ? { 'x-oss-version-id': outcome.versionId } : {}),
  };
}

/**
 * `DELETE /<key>[?versionId=V]`: 204 whether or not the key (or version) existed; `NoSuchBucket`
 * for a missing bucket. In a versioned bucket without `versionId` a delete marker is added
 * (`x-oss-delete-marker: true`, `x-oss-version-id` of the marker); with it that version goes for
 * good (`x-oss-version-id`, plus `x-oss-delete-marker` when it was a marker).
 */
export const deleteObject: Handler = async (ctx) => {
  const versionId = versionIdParam(ctx);
  const outcome = await ctx.backend.deleteObject(requireBucket(ctx), requireKey(ctx), {
    now: ctx.clock,
    ...(versionId !== undefined ? { versionId } : {}),
  });
  return { status: 204, headers: outcomeHeaders(outcome) };
};

/** Most keys in one DeleteMultipleObjects request. */
export const MAX_DELETE_KEYS = 1000;

/** Largest DeleteMultipleObjects body (2 MB, wave 2 §1.1). */
export const MAX_DELETE_BODY = 2 * 1024 * 1024;

/**
 * Turns numeric character references to U+0001–U+001F (decimal `&#01;` as the Python SDK sends,
 * hex `&#x1F;` as the Go SDK sends) into the characters themselves, which the XML parser keeps
 * although XML 1.0 forbids the references. Tab, LF and CR references are left to the parser. A
 * reference preceded by `&amp;` is text (`&amp;#01;`) and is not touched: the `&` must open it.
 * A raw CR (ali-oss sends control characters unescaped) becomes `&#13;`, because XML line-end
 * normalisation would otherwise turn `a\rb` into `a\nb` and delete another key.
 */
export function decodeControlReferences(xml: string): string {
  return xml.replace(/\r/g, '&#13;').replace(/&#(?:x0*([0-9a-fA-F]{1,2})|0*([0-9]{1,2}));/g, (whole, hex: string | undefined, dec: string | undefined) => {
    const code = hex !== undefined ? parseInt(hex, 16) : Number(dec);
    return code >= 1 && code <= 0x1f && code !== 9 && code !== 10 && code !== 13 ? String.fromCharCode(code) : whole;
  });
}

/**
 * `POST /?delete` with `<Delete><Quiet>…</Quiet><Object><Key>…</Key></Object>…</Delete>`:
 * deletes each key exactly as written in the body (XML-decoded, never URL-decoded:
 * `encoding-type=url` only encodes the keys of the answer, wave 2 §1.2), in request order, and
 * answers `<DeleteResult>` listing them (non-existent keys too), or, when quiet, an empty 200.
 */
export const deleteMultipleObjects: Handler = async (ctx) => {
  const bucket = requireBucket(ctx);
  const body = await readSmallBody(ctx, MAX_DELETE_BODY);
  verifyBodyContentMd5(ctx, body);
  let parsed: Record<string, unknown>;
  try {
    parsed = parseXml(decodeControlReferences(body.toString('utf8')), { arrays: ['Delete.Object'] });
  } catch {
    throw new LocalOssError('MalformedXML', 'The XML you provided was not well-formed.');
  }
  const root = parsed['Delete'] as { Quiet?: string; Object?: Array<{ Key?: unknown; VersionId?: unknown }> } | undefined;
  const objects = root?.Object ?? [];
  if (root === undefined || objects.length > MAX_DELETE_KEYS) {
    throw new LocalOssError('MalformedXML', 'The XML you provided was not well-formed or did not validate.');
  }
  const encodeUrl = ctx.params.get('encoding-type') === 'url' || header(ctx, 'encoding-type') === 'url';
  const targets = objects.map((object) => {
    if (typeof object.Key !== 'string' || object.Key === '') throw new LocalOssError('MalformedXML', 'Every Object needs a Key.');
    if (object.VersionId === undefined) return { key: object.Key };
    if (typeof object.VersionId !== 'string' || object.VersionId === '') {
      throw new LocalOssError('InvalidArgument', 'Version id can not be the empty string.', { details: { ArgumentName: 'VersionId', ArgumentValue: '' } });
    }
    return { key: object.Key, versionId: object.VersionId };
  });
  // Why: validate the whole request before deleting anything.
  await ctx.backend.getBucket(bucket).then((b) => {
    if (b === undefined) throw new LocalOssError('NoSuchBucket', undefined, { details: { BucketName: bucket } });
  });
  const outcomes: Array<{ key: string; requested?: string; outcome: DeleteOutcome }> = [];
  for (const target of targets) {
    const outcome = await ctx.backend.deleteObject(bucket, target.key, {
      now: ctx.clock,
      ...(target.versionId !== undefined ? { versionId: target.versionId } : {}),
    });
    outcomes.push({ key: target.key, ...(target.versionId !== undefined ? { requested: target.versionId } : {}), outcome });
  }
  const quiet = (root.Quiet ?? '').trim().toLowerCase() === 'true';
  // Why: quiet mode lists failures only; with none, OSS answers 200 with an empty body (wave 2 §1.3).
  if (quiet) return {};
  return {
    xml: {
      root: 'DeleteResult',
      value: {
        ...(encodeUrl ? { EncodingType: 'url' } : {}),
        // Why: `/` encoded too, and never `+` for a space (the SDKs decode with unquote / QueryUnescape).
        Deleted: outcomes.map(({ key, requested, outcome }) => ({
          Key: encodeUrl ? uriEncode(key, false) : key,
          // Why these shapes (wave 2 §1.3): a named version is echoed (plus the marker fields when it
          // was a marker); a delete that added a marker names the new marker.
          ...(requested !== undefined ? { VersionId: requested } : {}),
          ...(outcome.deleteMarker ? { DeleteMarker: 'true', DeleteMarkerVersionId: outcome.versionId ?? '' } : {}),
        })),
      },
    },
  };
};
