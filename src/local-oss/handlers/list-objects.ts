/**
 * ListObjects (V1, `GET /`) and ListObjectsV2 (`GET /?list-type=2`): prefix, delimiter with
 * common prefixes, marker / start-after, max-keys, continuation tokens, `encoding-type=url`,
 * UTF-8 byte order (reference §11).
 */
import type { ObjectRecord } from '../backend/backend.js';
import { compareKeys } from '../backend/backend-shared.js';
import { uriEncode } from '../../oss/signer/canonical.js';
import { LocalOssError } from '../errors.js';
import { restoreHeader } from './restore-object.js';
import { isoDate, requireBucket, type Handler, type RequestContext } from './context.js';

/** `max-keys` when the request gives none (reference §11). */
export const DEFAULT_MAX_KEYS = 100;
/** The largest `max-keys` OSS accepts. */
export const MAX_MAX_KEYS = 1000;
const PAGE = 1000;
// Why: appended to a common prefix, the largest code point sorts after every key that starts with
// that prefix except keys continuing with U+10FFFF itself, which the startsWith check still skips.
const MAX_CODE_POINT = '\u{10FFFF}';

/** Inputs of {@link listEntries}. */
export interface ListRequest {
  readonly prefix: string;
  readonly delimiter: string;
  /** List keys (and common prefixes) strictly after this one. */
  readonly after: string;
  readonly maxKeys: number;
}

/** One listing page. */
export interface ListPage {
  readonly contents: readonly ObjectRecord[];
  readonly commonPrefixes: readonly string[];
  readonly isTruncated: boolean;
  /** The last key or common prefix returned (resume point) when truncated. */
  readonly next: string | undefined;
}

/**
 * Lists up to `maxKeys` entries (keys and common prefixes together) after `after`, grouping keys
 * that contain `delimiter` after `prefix` into common prefixes. A common prefix not greater than
 * `after` is skipped, so resuming after a returned common prefix never repeats it.
 */
export async function listEntries(ctx: RequestContext, bucket: string, request: ListRequest): Promise<ListPage> {
  const { prefix, delimiter, maxKeys } = request;
  const contents: ObjectRecord[] = [];
  const commonPrefixes: string[] = [];
  let after = request.after;
  let last: string | undefined;
  let count = 0;
  for (;;) {
    const page = await ctx.backend.listObjects(bucket, { prefix, after, limit: PAGE });
    let skipTo: string | undefined;
    for (const record of page) {
      after = record.key;
      const key = record.key;
      if (delimiter !== '') {
        const index = key.indexOf(delimiter, prefix.length);
        if (index >= 0) {
          const common = key.slice(0, index + delimiter.length);
          const skipped = compareKeys(common, request.after) <= 0 || common === last;
          if (!skipped) {
            if (count === maxKeys) return { contents, commonPrefixes, isTruncated: true, next: last };
            commonPrefixes.push(common);
            last = common;
            count++;
          }
          skipTo = maxOf(common + MAX_CODE_POINT, key);
          break;
        }
      }
      if (count === maxKeys) return { contents, commonPrefixes, isTruncated: true, next: last };
      contents.push(record);
      last = key;
      count++;
    }
    if (skipTo !== undefined) {
      after = skipTo;
      continue;
    }
    if (page.length < PAGE) return { contents, commonPrefixes, isTruncated: false, next: undefined };
  }
}

function parseMaxKeys(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_MAX_KEYS;
  if (!/^\d+$/.test(value) || Number(value) > MAX_MAX_KEYS) {
    throw new LocalOssError('InvalidArgument', `max-keys must be an integer from 0 to ${MAX_MAX_KEYS}.`, {
      details: { ArgumentName: 'max-keys', ArgumentValue: value },
    });
  }
  return Number(value);
}

function encoder(ctx: RequestContext): (value: string) => string {
  const type = ctx.params.get('encoding-type');
  if (type === undefined || type === '') return (v) => v;
  if (type !== 'url') {
    throw new LocalOssError('InvalidArgument', 'The encoding-type must be "url".', {
      details: { ArgumentName: 'encoding-type', ArgumentValue: type },
    });
  }
  return (v) => uriEncode(v, true);
}

function contentsXml(records: readonly ObjectRecord[], encode: (v: string) => string, owner: boolean, now: number): unknown[] {
  return records.map((r) => {
    const restore = restoreHeader(r, now);
    return {
      Key: encode(r.key),
      LastModified: isoDate(r.lastModified),
      ETag: r.etag,
      Type: r.objectType,
      Size: String(r.size),
      StorageClass: r.storageClass,
      ...(owner ? { Owner: { ID: 'local-oss', DisplayName: 'local-oss' } } : {}),
      ...(restore !== undefined ? { RestoreInfo: restore } : {}),
    };
  });
}

/** Encodes a resume point as an opaque, URL-safe continuation token. */
export function encodeContinuationToken(after: string): string {
  return Buffer.from(after, 'utf8').toString('base64url');
}

/** Decodes {@link encodeContinuationToken}; `InvalidArgument` when malformed. */
export function decodeContinuationToken(token: string): string {
  const decoded = Buffer.from(token, 'base64url').toString('utf8');
  if (encodeContinuationToken(decoded) !== token) {
    throw new LocalOssError('InvalidArgument', 'The continuation-token is not valid.', {
      details: { ArgumentName: 'continuation-token', ArgumentValue: token },
    });
  }
  return decoded;
}

function maxOf(a: string, b: string): string {
  return compareKeys(a, b) >= 0 ? a : b;
}

/** `GET /?list-type=2` → `<ListBucketResult>` (V2). */
export const listObjectsV2: Handler = async (ctx) => {
  const bucket = requireBucket(ctx);
  const encode = encoder(ctx);
  const prefix = ctx.params.get('prefix') ?? '';
  const delimiter = ctx.params.get('delimiter') ?? '';
  const startAfter = ctx.params.get('start-after') ?? '';
  const token = ctx.params.get('continuation-token');
  const maxKeys = parseMaxKeys(ctx.params.get('max-keys'));
  const fetchOwner = ctx.params.get('fetch-owner') === 'true';
  const after = maxOf(startAfter, token !== undefined && token !== '' ? decodeContinuationToken(token) : '');
  const page = await listEntries(ctx, bucket, { prefix, delimiter, after, maxKeys });
  const encodingType = ctx.params.get('encoding-type');
  return {
    xml: {
      root: 'ListBucketResult',
      value: {
        Name: bucket,
        Prefix: encode(prefix),
        ...(startAfter !== '' ? { StartAfter: encode(startAfter) } : {}),
        ...(token !== undefined && token !== '' ? { ContinuationToken: token } : {}),
        MaxKeys: String(maxKeys),
        Delimiter: encode(delimiter),
        ...(encodingType === 'url' ? { EncodingType: 'url' } : {}),
        IsTruncated: String(page.isTruncated),
        ...(page.isTruncated && page.next !== undefined
          ? { NextContinuationToken: encodeContinuationToken(page.next) }
          : {}),
        KeyCount: String(page.contents.length + page.commonPrefixes.length),
        Contents: contentsXml(page.contents, encode, fetchOwner, ctx.clock()),
        CommonPrefixes: page.commonPrefixes.map((p) => ({ Prefix: encode(p) })),
      },
    },
  };
};

/** `GET /` on a bucket → `<ListBucketResult>` (V1, `marker` / `NextMarker`). */
export const listObjects: Handler = async (ctx) => {
  const bucket = requireBucket(ctx);
  const encode = encoder(ctx);
  const prefix = ctx.params.get('prefix') ?? '';
  const delimiter = ctx.params.get('delimiter') ?? '';
  const marker = ctx.params.get('marker') ?? '';
  const maxKeys = parseMaxKeys(ctx.params.get('max-keys'));
  const page = await listEntries(ctx, bucket, { prefix, delimiter, after: marker, maxKeys });
  const encodingType = ctx.params.get('encoding-type');
  return {
    xml: {
      root: 'ListBucketResult',
      value: {
        Name: bucket,
        Prefix: encode(prefix),
        Marker: encode(marker),
        MaxKeys: String(maxKeys),
        Delimiter: encode(delimiter),
        ...(encodingType === 'url' ? { EncodingType: 'url' } : {}),
        IsTruncated: String(page.isTruncated),
        ...(page.isTruncated && page.next !== undefined ? { NextMarker: encode(page.next) } : {}),
        Contents: contentsXml(page.contents, encode, true, ctx.clock()),
        CommonPrefixes: page.commonPrefixes.map((p) => ({ Prefix: encode(p) })),
      },
    },
  };
};
