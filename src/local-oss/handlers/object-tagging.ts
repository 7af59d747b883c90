/**
 * Object tags (wave 2 §3): PutObjectTagging, GetObjectTagging, DeleteObjectTagging, and the
 * checks of the `x-oss-tagging` request header. Tags are stored in the record's `tagging` field
 * as a normalised query string (`k=v&k2=v2`, each part percent-encoded), so
 * `x-oss-tagging-count` is its number of pairs.
 */
import { BackendError } from '../backend/backend.js';
import { parseXml } from '../../oss/xml/parse-xml.js';
import { LocalOssError } from '../errors.js';
import { header, readSmallBody, requireBucket, requireKey, type Handler, type RequestContext } from './context.js';
import { requireRecord } from './get-object.js';
import { metadataOf } from './object-acl.js';
import { verifyBodyContentMd5 } from './object-headers.js';
import { versionHeader } from './versioning.js';

/** One tag. */
export interface Tag {
  readonly key: string;
  readonly value: string;
}

/** Most tags per object. */
export const MAX_TAGS = 10;
/** Longest tag key and value, in characters. */
export const MAX_TAG_KEY = 128;
/** Longest tag value, in characters. */
export const MAX_TAG_VALUE = 256;

// Why Unicode letters and digits: OSS documents "letters and digits"; accepting every script is
// the choice that refuses no tag OSS may accept (unverified for non-ASCII).
const TAG_CHARS = /^[\p{L}\p{N} +\-=._:/]*$/u;

function invalid(message: string, name: string, value: string): LocalOssError {
  return new LocalOssError('InvalidArgument', message, { details: { ArgumentName: name, ArgumentValue: value } });
}

/**
 * Checks a tag set against OSS's limits: at most 10 tags with unique, non-empty keys of at most
 * 128 characters (`InvalidTaggingKey` otherwise), values of at most 256, both from letters,
 * digits, space and `+ - = . _ : /` (`InvalidArgument`).
 */
export function checkTags(tags: readonly Tag[]): void {
  if (tags.length > MAX_TAGS) throw invalid(`An object can have at most ${MAX_TAGS} tags, got ${tags.length}.`, 'Tagging', String(tags.length));
  const seen = new Set<string>();
  for (const { key, value } of tags) {
    if (key === '' || [...key].length > MAX_TAG_KEY || !TAG_CHARS.test(key)) {
      throw new LocalOssError('InvalidTaggingKey', 'The tagging key you provided is invalid.', { details: { TagKey: key } });
    }
    if (seen.has(key)) throw invalid(`The tag key ${JSON.stringify(key)} is given twice.`, 'TagKey', key);
    seen.add(key);
    if ([...value].length > MAX_TAG_VALUE || !TAG_CHARS.test(value)) {
      throw invalid(`The tag value ${JSON.stringify(value)} is invalid: at most ${MAX_TAG_VALUE} letters, digits, spaces and + - = . _ : /.`, 'TagValue', value);
    }
  }
}

/** The normalised stored form of a tag set (`undefined` for none). */
export function formatTags(tags: readonly Tag[]): string | undefined {
  if (tags.length === 0) return undefined;
  return tags.map((t) => `${encodeURIComponent(t.key)}=${encodeURIComponent(t.value)}`).join('&');
}

/**
 * Parses an `x-oss-tagging` value (`k1=v1&k2=v2`, parts URL-encoded; `k` alone means an empty
 * value) and checks it. `InvalidArgument` for a malformed value (`a=b=c`, bad encoding) or a
 * duplicate key, as OSS answers.
 */
export function parseTaggingHeader(value: string): Tag[] {
  if (value === '') return [];
  const headerError = (): LocalOssError =>
    invalid(
      "The header 'x-oss-tagging' shall be encoded as UTF-8 then URLEncoded URL query parameters without tag name duplicates.",
      'x-oss-tagging',
      value,
    );
  const tags: Tag[] = [];
  for (const pair of value.split('&')) {
    const parts = pair.split('=');
    if (parts.length > 2 || parts[0] === '') throw headerError();
    try {
      tags.push({ key: decodeURIComponent(parts[0] as string), value: decodeURIComponent(parts[1] ?? '') });
    } catch {
      throw headerError();
    }
  }
  if (new Set(tags.map((t) => t.key)).size !== tags.length) throw headerError();
  checkTags(tags);
  return tags;
}

/** The normalised `tagging` of a request's `x-oss-tagging` header, checked; `undefined` when absent or empty. */
export function taggingFromHeader(ctx: Pick<RequestContext, 'headers'>): string | undefined {
  const value = header(ctx, 'x-oss-tagging');
  return value === undefined ? undefined : formatTags(parseTaggingHeader(value));
}

/** The tags of a stored `tagging` string (already normalised). */
export function tagsOf(tagging: string | undefined): Tag[] {
  if (tagging === undefined || tagging === '') return [];
  return tagging.split('&').map((pair) => {
    const [key = '', value = ''] = pair.split('=');
    return { key: decodeURIComponent(key), value: decodeURIComponent(value) };
  });
}

function parseTaggingBody(xml: string): Tag[] {
  let parsed: Record<string, unknown>;
  try {
    parsed = parseXml(xml, { arrays: ['Tagging.TagSet.Tag'] });
  } catch {
    throw new LocalOssError('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema.');
  }
  const root = parsed['Tagging'];
  if (root === undefined || root === null || typeof root !== 'object') {
    throw new LocalOssError('MalformedXML', 'The root element must be Tagging.');
  }
  const tagSet = (root as { TagSet?: unknown }).TagSet;
  if (tagSet === undefined) throw new LocalOssError('MalformedXML', 'Tagging needs a TagSet.');
  const list = tagSet !== null && typeof tagSet === 'object' ? ((tagSet as { Tag?: unknown[] }).Tag ?? []) : [];
  return list.map((item) => {
    const tag = (item ?? {}) as { Key?: unknown; Value?: unknown };
    if (typeof tag.Key !== 'string') throw new LocalOssError('MalformedXML', 'Every Tag needs a Key.');
    return { key: tag.Key, value: typeof tag.Value === 'string' ? tag.Value : '' };
  });
}

/** Replaces the tags of the addressed object; Last-Modified does not change (wave 2 §3). */
async function setTags(ctx: RequestContext, tagging: string | undefined): Promise<Record<string, string>> {
  try {
    const versionId = ctx.params.get('versionId');
    const record = await ctx.backend.replaceMetadata(requireBucket(ctx), requireKey(ctx), {
      now: ctx.clock,
      keepLastModified: true,
      ...(versionId !== undefined ? { versionId } : {}),
      resolve: (current) => {
        const { tagging: _old, ...rest } = metadataOf(current);
        void _old;
        return { ...rest, ...(tagging !== undefined ? { tagging } : {}) };
      },
    });
    return await versionHeader(ctx, requireBucket(ctx), record);
  } catch (error) {
    if (error instanceof BackendError && error.code === 'NoSuchKey') {
      throw new LocalOssError('NoSuchKey', undefined, { details: { Key: requireKey(ctx) }, cause: error });
    }
    throw error;
  }
}

/** `PUT /<key>?tagging` with `<Tagging><TagSet><Tag>…` → 200: replaces the whole tag set. */
export const putObjectTagging: Handler = async (ctx) => {
  await requireRecord(ctx);
  const body = await readSmallBody(ctx);
  verifyBodyContentMd5(ctx, body);
  const tags = parseTaggingBody(body.toString('utf8'));
  checkTags(tags);
  return { headers: await setTags(ctx, formatTags(tags)) };
};

/** `GET /<key>?tagging` → `<Tagging><TagSet>…</TagSet></Tagging>` (an empty TagSet without tags). */
export const getObjectTagging: Handler = async (ctx) => {
  const record = await requireRecord(ctx);
  const tags = tagsOf(record.tagging);
  return {
    headers: await versionHeader(ctx, requireBucket(ctx), record),
    xml: {
      root: 'Tagging',
      value: { TagSet: tags.length === 0 ? '' : { Tag: tags.map((t) => ({ Key: t.key, Value: t.value })) } },
    },
  };
};

/** `DELETE /<key>?tagging` → 204: removes every tag. */
export const deleteObjectTagging: Handler = async (ctx) => {
  await requireRecord(ctx);
  return { status: 204, headers: await setTags(ctx, undefined) };
};
