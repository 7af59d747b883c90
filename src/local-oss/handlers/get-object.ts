/** GetObject (with Range), HeadObject and GetObjectMeta (reference §1, §2). */
import type { ByteRange, ObjectRecord } from '../backend/backend.js';
import { LocalOssError } from '../errors.js';
import { header, httpDate, requireBucket, requireKey, type HandlerResult, type RequestContext, type Handler } from './context.js';
import { checkConditions, objectResponseHeaders } from './object-headers.js';
import { checkReadable } from './restore-object.js';
import { linkView, symlinkTarget } from './symlink.js';
import { addressedObject, versionHeader, versionIdParam } from './versioning.js';

/**
 * Parses a single `bytes=` range against an object size. Returns undefined for an absent or
 * syntactically unsupported range (OSS then returns the whole object), throws `InvalidRange`
 * (416) when the range starts beyond the end.
 */
export function parseRange(value: string | undefined, size: number): ByteRange | undefined {
  if (value === undefined) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(value.trim());
  if (match === null) return undefined;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return undefined;
  let start: number;
  let end: number;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0) return undefined;
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(first);
    end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
    if (last !== '' && Number(last) < start) return undefined;
  }
  if (start >= size) {
    throw new LocalOssError('InvalidRange', 'The requested range cannot be satisfied.', {
      headers: { 'content-range': `bytes */${size}` },
      details: { RangeRequested: value, ActualObjectSize: String(size) },
    });
  }
  return { offset: start, length: end - start + 1 };
}

function conditionsOf(ctx: RequestContext): Parameters<typeof checkConditions>[1] {
  return {
    ifMatch: header(ctx, 'if-match'),
    ifNoneMatch: header(ctx, 'if-none-match'),
    ifModifiedSince: header(ctx, 'if-modified-since'),
    ifUnmodifiedSince: header(ctx, 'if-unmodified-since'),
  };
}

/**
 * The object version a request addresses (`versionId`, else the current one); `NoSuchKey`,
 * `NoSuchVersion` or, for a delete marker, the answers of {@link addressedObject}.
 */
export async function requireRecord(ctx: RequestContext): Promise<ObjectRecord> {
  return addressedObject(ctx);
}

const RESPONSE_OVERRIDES: ReadonlyArray<readonly [string, string]> = [
  ['response-content-type', 'content-type'],
  ['response-content-language', 'content-language'],
  ['response-expires', 'expires'],
  ['response-cache-control', 'cache-control'],
  ['response-content-disposition', 'content-disposition'],
  ['response-content-encoding', 'content-encoding'],
];

/** `GET /<key>`: the data (206 with `Content-Range` for a satisfiable range), conditions honoured. */
export const getObject: Handler = async (ctx) => {
  const bucket = requireBucket(ctx);
  const key = requireKey(ctx);
  const versionId = versionIdParam(ctx);
  const found = await addressedObject(ctx, bucket, key);
  // Why: a link reads its target (wave 2 §6): data, size and ETag are the target's.
  const link = found.objectType === 'Symlink' ? found : undefined;
  const source = link !== undefined ? await symlinkTarget(ctx, bucket, link) : found;
  const sourceKey = source.key;
  const current = link !== undefined ? linkView(link, source) : source;
  checkConditions(current, conditionsOf(ctx));
  checkReadable(source, ctx.clock());
  const range = parseRange(header(ctx, 'range'), current.size);
  // Why: a link's target is read at its current version; the object itself at the addressed one.
  const read = await ctx.backend.getObject(bucket, sourceKey, range, link !== undefined ? undefined : versionId);
  if (read === undefined) {
    throw link !== undefined
      ? new LocalOssError('SymlinkTargetNotExist', 'The symlink target object does not exist.', { details: { Key: key } })
      : new LocalOssError('NoSuchKey', undefined, { details: { Key: key } });
  }
  // Why: headers describe the snapshot actually read; if the object shrank since the HEAD above,
  // the backend already refused the range with InvalidRange.
  const record = link !== undefined ? linkView(link, read.record) : read.record;
  const headers = { ...objectResponseHeaders(record, ctx.clock()), ...(await versionHeader(ctx, bucket, record)) };
  for (const [param, name] of RESPONSE_OVERRIDES) {
    const value = ctx.params.get(param);
    if (value !== undefined) headers[name] = value;
  }
  if (range !== undefined) {
    headers['content-range'] = `bytes ${range.offset}-${range.offset + range.length - 1}/${record.size}`;
    return { status: 206, headers, body: read.body, contentLength: range.length };
  }
  return { headers, body: read.body, contentLength: record.size };
};

/** `HEAD /<key>`: every header of GetObject, no body (of a link: the target's size and ETag). */
export const headObject: Handler = async (ctx): Promise<HandlerResult> => {
  const found = await requireRecord(ctx);
  const record = found.objectType === 'Symlink' ? linkView(found, await symlinkTarget(ctx, requireBucket(ctx), found)) : found;
  checkConditions(record, conditionsOf(ctx));
  return { headers: { ...objectResponseHeaders(record, ctx.clock()), ...(await versionHeader(ctx, requireBucket(ctx), record)) }, contentLength: record.size };
};

/**
 * `HEAD /<key>?objectMeta`: Content-Length, ETag, Last-Modified, `x-oss-last-access-time` and
 * `x-oss-hash-crc64ecma` only (no user metadata, no Content-Type).
 */
export const getObjectMeta: Handler = async (ctx) => {
  const record = await requireRecord(ctx);
  return {
    headers: {
      etag: record.etag,
      'last-modified': httpDate(record.lastModified),
      'x-oss-last-access-time': httpDate(record.lastAccessTime),
      'x-oss-hash-crc64ecma': record.crc64,
      ...(await versionHeader(ctx, requireBucket(ctx), record)),
    },
    contentLength: record.size,
  };
};
