/** DeleteObject and DeleteMultipleObjects. */
import { parseXml } from '../../oss/xml/parse-xml.js';
import { uriEncode } from '../../oss/signer/canonical.js';
import { LocalOssError } from '../errors.js';
import { header, readSmallBody, requireBucket, requireKey, type Handler } from './context.js';
import { verifyBodyContentMd5 } from './object-headers.js';

/** `DELETE /<key>`: 204 whether or not the key existed; `NoSuchBucket` for a missing bucket. */
export const deleteObject: Handler = async (ctx) => {
  await ctx.backend.deleteObject(requireBucket(ctx), requireKey(ctx));
  return { status: 204 };
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
  const root = parsed['Delete'] as { Quiet?: string; Object?: Array<{ Key?: unknown }> } | undefined;
  const objects = root?.Object ?? [];
  if (root === undefined || objects.length > MAX_DELETE_KEYS) {
    throw new LocalOssError('MalformedXML', 'The XML you provided was not well-formed or did not validate.');
  }
  const encodeUrl = ctx.params.get('encoding-type') === 'url' || header(ctx, 'encoding-type') === 'url';
  const keys = objects.map((object) => {
    if (typeof object.Key !== 'string' || object.Key === '') throw new LocalOssError('MalformedXML', 'Every Object needs a Key.');
    return object.Key;
  });
  // Why: validate the whole request before deleting anything.
  await ctx.backend.getBucket(bucket).then((b) => {
    if (b === undefined) throw new LocalOssError('NoSuchBucket', undefined, { details: { BucketName: bucket } });
  });
  for (const key of keys) await ctx.backend.deleteObject(bucket, key);
  const quiet = (root.Quiet ?? '').trim().toLowerCase() === 'true';
  // Why: quiet mode lists failures only; with none, OSS answers 200 with an empty body (wave 2 §1.3).
  if (quiet) return {};
  return {
    xml: {
      root: 'DeleteResult',
      value: {
        ...(encodeUrl ? { EncodingType: 'url' } : {}),
        // Why: `/` encoded too, and never `+` for a space (the SDKs decode with unquote / QueryUnescape).
        Deleted: keys.map((k) => ({ Key: encodeUrl ? uriEncode(k, false) : k })),
      },
    },
  };
};
