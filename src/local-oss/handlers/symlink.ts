/**
 * Symlinks (wave 2 §6): PutSymlink, GetSymlink, and what GET/HEAD of a link answer. A link is an
 * object of type `Symlink` whose data is its target's UTF-8 bytes (so its own ETag changes with
 * the target); reads through it answer the target's data.
 */
import type { ObjectRecord } from '../backend/backend.js';
import { uriEncode } from '../../oss/signer/canonical.js';
import { LocalOssError } from '../errors.js';
import { header, requireBucket, requireKey, type Handler } from './context.js';
import { requireRecord } from './get-object.js';
import { checkObjectKey, forbidOverwrite, metadataFromRequest, objectResponseHeaders } from './object-headers.js';
import { versionHeader, writtenVersionHeader } from './versioning.js';

async function* bytesOf(data: Buffer): AsyncGenerator<Uint8Array> {
  yield data;
}

/**
 * `PUT /<key>?symlink` with `x-oss-symlink-target` (percent-decoded, as ali-oss encodes it) →
 * 200 with `ETag`. OSS does not check that the target exists. `x-oss-forbid-overwrite`,
 * `x-oss-object-acl`, `x-oss-storage-class` and `x-oss-meta-*` apply to the link.
 */
export const putSymlink: Handler = async (ctx) => {
  const bucket = requireBucket(ctx);
  const key = requireKey(ctx);
  checkObjectKey(key);
  const raw = header(ctx, 'x-oss-symlink-target');
  let target: string;
  try {
    target = decodeURIComponent(raw ?? '');
  } catch {
    target = '';
  }
  if (raw === undefined || target === '') {
    throw new LocalOssError('InvalidArgument', 'PutSymlink needs a URL-encoded x-oss-symlink-target header naming the target object.', {
      details: { ArgumentName: 'x-oss-symlink-target', ArgumentValue: raw ?? '' },
    });
  }
  checkObjectKey(target);
  for await (const _chunk of ctx.body) void _chunk;
  const metadata = { ...metadataFromRequest(ctx, key), symlinkTarget: target };
  const record = await ctx.backend.putObject(bucket, key, bytesOf(Buffer.from(target, 'utf8')), {
    metadata,
    objectType: 'Symlink',
    now: ctx.clock,
    forbidOverwrite: forbidOverwrite(ctx),
  });
  return { headers: { etag: record.etag, ...writtenVersionHeader(record) } };
};

/** `GET /<key>?symlink` → 200, empty body, `x-oss-symlink-target` (encoded, `/` kept), ETag, Last-Modified, user metadata. */
export const getSymlink: Handler = async (ctx) => {
  const record = await requireRecord(ctx);
  if (record.objectType !== 'Symlink' || record.symlinkTarget === undefined) {
    throw new LocalOssError('NotSymlink', 'The specified object is not a symlink.', { details: { Key: record.key } });
  }
  const headers = objectResponseHeaders(record);
  delete headers['content-md5'];
  return {
    headers: { ...headers, ...(await versionHeader(ctx, requireBucket(ctx), record)), 'x-oss-symlink-target': uriEncode(record.symlinkTarget, true) },
    contentLength: 0,
    body: Buffer.alloc(0),
  };
};

/**
 * What a read of `link` sees: the target's size, ETag, Content-MD5 and CRC-64, the later of the two
 * Last-Modified times, and the link's own other metadata, typed `Symlink`.
 */
export function linkView(link: ObjectRecord, target: ObjectRecord): ObjectRecord {
  const { contentMd5: _m, ...rest } = link;
  void _m;
  return {
    ...rest,
    size: target.size,
    etag: target.etag,
    ...(target.contentMd5 !== undefined ? { contentMd5: target.contentMd5 } : {}),
    crc64: target.crc64,
    lastModified: Math.max(link.lastModified, target.lastModified),
    objectType: 'Symlink',
  };
}

/**
 * The target record of a link in `bucket`: 404 `SymlinkTargetNotExist` when it is missing, 400
 * `InvalidTargetType` when it is itself a link.
 */
export async function symlinkTarget(
  ctx: Parameters<Handler>[0],
  bucket: string,
  link: ObjectRecord,
): Promise<ObjectRecord> {
  const target = await ctx.backend.headObject(bucket, link.symlinkTarget ?? '');
  if (target === undefined) {
    throw new LocalOssError('SymlinkTargetNotExist', 'The symlink target object does not exist.', {
      details: { Key: link.key, SymlinkTarget: link.symlinkTarget ?? '' },
    });
  }
  if (target.objectType === 'Symlink') {
    throw new LocalOssError('InvalidTargetType', 'The symlink target object type is invalid.', { details: { Key: link.key } });
  }
  return target;
}
