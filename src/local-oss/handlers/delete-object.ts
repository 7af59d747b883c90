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

/**
 * `POST /?delete` with `<Delete><Quiet>…</Quiet><Object><Key>…</Key></Object>…</Delete>`:
 * deletes each key; answers `<DeleteResult>` listing the deleted keys unless quiet.
 */
export const deleteMultipleObjects: Handler = async (ctx) => {
  const bucket = requireBucket(ctx);
  const body = await readSmallBody(ctx);
  verifyBodyContentMd5(ctx, body);
  let parsed: Record<string, unknown>;
  try {
    parsed = parseXml(body.toString('utf8'), { arrays: ['Delete.Object'] });
  } catch {
    throw new LocalOssError('MalformedXML', 'The XML you provided was not well-formed.');
  }
  const root = parsed['Delete'] as { Quiet?: string; Object?: Array<{ Key?: unknown }> } | undefined;
  const objects = root?.Object ?? [];
  if (root === undefined || objects.length > MAX_DELETE_KEYS) {
    throw new LocalOssError('MalformedXML', 'The XML you provided was not well-formed or did not validate.');
  }
  const encodeUrl = ctx.params.get('encoding-type') === 'url' || header(ctx, 'encoding-type') === 'url';
  const deleted: string[] = [];
  for (const object of objects) {
    if (typeof object.Key !== 'string') throw new LocalOssError('MalformedXML', 'Every Object needs a Key.');
    const key = encodeUrl ? decodeURIComponent(object.Key) : object.Key;
    await ctx.backend.deleteObject(bucket, key);
    deleted.push(key);
  }
  const quiet = (root.Quiet ?? '').trim().toLowerCase() === 'true';
  return {
    xml: {
      root: 'DeleteResult',
      value: {
        ...(encodeUrl ? { EncodingType: 'url' } : {}),
        Deleted: quiet ? [] : deleted.map((k) => ({ Key: encodeUrl ? uriEncode(k, true) : k })),
      },
    },
  };
};
