/**
 * CopyObject (`PUT /<key>` with `x-oss-copy-source`), the copy-source parsing and source
 * conditions it shares with UploadPartCopy (reference §4, §13.2).
 */
import type { ObjectMetadata, ObjectRecord } from '../backend/backend.js';
import { LocalOssError } from '../errors.js';
import { header, isoDate, requireBucket, requireKey, type Handler, type RequestContext } from './context.js';
import { taggingFromHeader } from './object-tagging.js';
import { checkReadable } from './restore-object.js';
import {
  aclFromHeaders,
  checkConditions,
  checkObjectKey,
  forbidOverwrite,
  metadataFromRequest,
  sseFromHeaders,
  storageClassFromHeaders,
} from './object-headers.js';
import { versionHeader, writtenVersionHeader } from './versioning.js';

/** A parsed `x-oss-copy-source`. */
export interface CopySource {
  readonly bucket: string;
  readonly key: string;
  readonly versionId?: string;
}

function invalidSource(value: string): LocalOssError {
  return new LocalOssError(
    'InvalidArgument',
    'Copy Source must mention the source bucket and key: /sourcebucket/sourcekey.',
    { details: { ArgumentName: 'x-oss-copy-source', ArgumentValue: value } },
  );
}

/**
 * Parses `/<bucket>/<url-encoded key>[?versionId=<id>]`: split at the first literal `?`, decode
 * the path once (so `/` and `%2F` both separate nothing but the bucket from the key). The leading
 * `/` is optional. Throws `InvalidArgument` when bucket or key is missing or not decodable.
 */
export function parseCopySource(value: string): CopySource {
  const q = value.indexOf('?');
  const rawPath = q >= 0 ? value.slice(0, q) : value;
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    throw invalidSource(value);
  }
  if (path.startsWith('/')) path = path.slice(1);
  const slash = path.indexOf('/');
  if (slash <= 0 || slash === path.length - 1) throw invalidSource(value);
  const bucket = path.slice(0, slash);
  const key = path.slice(slash + 1);
  let versionId: string | undefined;
  if (q >= 0) {
    const params = new URLSearchParams(value.slice(q + 1));
    versionId = params.get('versionId') ?? undefined;
  }
  return { bucket, key, ...(versionId !== undefined ? { versionId } : {}) };
}

/** The copy source of a request, checked (`InvalidArgument` when absent or malformed). */
export function copySourceOf(ctx: RequestContext): CopySource {
  const value = header(ctx, 'x-oss-copy-source');
  if (value === undefined) throw invalidSource('');
  const source = parseCopySource(value);
  if (source.versionId === '') {
    throw new LocalOssError('InvalidArgument', 'Version id can not be the empty string.', {
      details: { ArgumentName: 'x-oss-copy-source', ArgumentValue: value },
    });
  }
  return source;
}

/**
 * Applies `x-oss-copy-source-if-*` to the source record (412 / 304), each header on its own.
 *
 * Why independently: the OSS CopyObject documentation states each copy-source condition
 * separately and says nothing of S3's rule that a passing if-match overrides a failing
 * if-unmodified-since (unverified against live OSS). Checking both is the choice that loses no
 * data: a metadata-only self-copy keeps the ETag, so only if-unmodified-since can reveal a
 * concurrent metadata edit.
 */
export function checkCopySourceConditions(ctx: RequestContext, source: ObjectRecord): void {
  checkConditions(
    source,
    {
      ifMatch: header(ctx, 'x-oss-copy-source-if-match'),
      ifNoneMatch: header(ctx, 'x-oss-copy-source-if-none-match'),
      ifModifiedSince: header(ctx, 'x-oss-copy-source-if-modified-since'),
      ifUnmodifiedSince: header(ctx, 'x-oss-copy-source-if-unmodified-since'),
    },
    true,
  );
}

function directive(ctx: RequestContext, name: string, allowed: readonly string[]): string {
  const value = header(ctx, name);
  if (value === undefined) return allowed[0] as string;
  const match = allowed.find((a) => a.toLowerCase() === value.toLowerCase());
  if (match === undefined) {
    throw new LocalOssError('InvalidArgument', `The ${name} header must be one of ${allowed.join(', ')}.`, {
      details: { ArgumentName: name, ArgumentValue: value },
    });
  }
  return match;
}

/**
 * The destination metadata of a copy. REPLACE (and every self-copy): the request's metadata, with
 * the source's Content-Type when the request has none.
 * COPY: the source's content headers, user metadata and storage class (unless the request names
 * one); ACL and SSE always come from the request (never copied); tags per the tagging directive.
 */
export function copyMetadata(ctx: RequestContext, key: string, source: ObjectRecord, replace: boolean): ObjectMetadata {
  const taggingDirective = directive(ctx, 'x-oss-tagging-directive', ['Copy', 'Replace']);
  const requestTagging = taggingFromHeader(ctx);
  const tagging = taggingDirective === 'Replace' ? requestTagging : source.tagging;
  if (replace) {
    // Why: REPLACE without Content-Type keeps the source's type; OSS does not guess from the
    // destination key (wave 2 §12).
    const { tagging: _t, ...fromRequest } = metadataFromRequest(ctx, key, source.contentType);
    void _t;
    return { ...fromRequest, ...(tagging !== undefined ? { tagging } : {}), ...linkTargetOf(source) };
  }
  const sse = sseFromHeaders(ctx);
  return {
    contentType: source.contentType,
    headers: source.headers,
    userMetadata: source.userMetadata,
    storageClass: storageClassFromHeaders(ctx) ?? source.storageClass,
    acl: aclFromHeaders(ctx) ?? 'default',
    ...(sse !== undefined ? { sse } : {}),
    ...(tagging !== undefined ? { tagging } : {}),
    ...linkTargetOf(source),
  };
}

/** A copied link stays a link to the same target. */
function linkTargetOf(source: ObjectRecord): { symlinkTarget?: string } {
  return source.symlinkTarget !== undefined ? { symlinkTarget: source.symlinkTarget } : {};
}

/**
 * Copies the source (its `versionId`, else its current version) to the destination key. A
 * self-copy (same bucket and key, no source version) takes the request's metadata whatever the
 * directive; in an unversioned bucket it changes metadata only, in a versioned one it adds a
 * version sharing the data (the old one stays). Copies keep the source's ETag and CRC. Answers
 * `<CopyObjectResult>` with `ETag` and `LastModified`, `x-oss-hash-crc64ecma`,
 * `x-oss-version-id` (the new version) and `x-oss-copy-source-version-id` (the version copied).
 * Copying an old version onto its own key makes it current again (wave 2 §2.2).
 */
export const copyObject: Handler = async (ctx) => {
  const bucket = requireBucket(ctx);
  const key = requireKey(ctx);
  checkObjectKey(key);
  const source = copySourceOf(ctx);
  const replace = directive(ctx, 'x-oss-metadata-directive', ['COPY', 'REPLACE']) === 'REPLACE';
  const now = ctx.clock;
  const selfCopy = source.bucket === bucket && source.key === key && source.versionId === undefined;
  const versioned = (await ctx.backend.getBucket(bucket))?.versioning !== undefined;
  let copied: ObjectRecord | undefined;
  let record: ObjectRecord;
  if (selfCopy && !versioned) {
    try {
      record = await ctx.backend.replaceMetadata(bucket, key, {
        now,
        resolve: (current) => {
          // Why: checked here, atomically with the replacement; the destination is the source,
          // so it always exists when this runs.
          if (forbidOverwrite(ctx)) {
            throw new LocalOssError('FileAlreadyExists', 'The object you specified already exists and can not be overwritten.');
          }
          checkCopySourceConditions(ctx, current);
          checkReadable(current, ctx.clock());
          copied = current;
          return copyMetadata(ctx, key, current, true);
        },
      });
    } catch (error) {
      throw sourceNotFound(error, source);
    }
  } else {
    try {
      record = await ctx.backend.copyObject(source, { bucket, key }, {
        now,
        forbidOverwrite: forbidOverwrite(ctx),
        resolve: (src) => {
          checkCopySourceConditions(ctx, src);
          checkReadable(src, ctx.clock());
          copied = src;
          return copyMetadata(ctx, key, src, replace || selfCopy);
        },
      });
    } catch (error) {
      throw sourceNotFound(error, source);
    }
  }
  return {
    headers: {
      etag: record.etag,
      'x-oss-hash-crc64ecma': record.crc64,
      ...writtenVersionHeader(record),
      ...(copied !== undefined ? prefixed(await versionHeader(ctx, source.bucket, copied)) : {}),
    },
    xml: { root: 'CopyObjectResult', value: { ETag: record.etag, LastModified: isoDate(record.lastModified) } },
  };
};

/** `x-oss-version-id` → `x-oss-copy-source-version-id`. */
function prefixed(headers: Record<string, string>): Record<string, string> {
  const id = headers['x-oss-version-id'];
  return id !== undefined ? { 'x-oss-copy-source-version-id': id } : {};
}

/** Adds the source key to a NoSuchKey error from a copy (OSS names the missing source). */
function sourceNotFound(error: unknown, source: CopySource): unknown {
  if (error instanceof Error && (error as { code?: string }).code === 'NoSuchKey' && !(error instanceof LocalOssError)) {
    return new LocalOssError('NoSuchKey', 'The specified key does not exist.', { details: { Key: source.key }, cause: error });
  }
  return error;
}
