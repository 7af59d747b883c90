/** GetObjectAcl and PutObjectAcl: the ACL stored with an object (wave 2 §4). */
import type { ObjectMetadata, ObjectRecord } from '../backend/backend.js';
import { BackendError } from '../backend/backend.js';
import { LocalOssError } from '../errors.js';
import { OWNER } from './bucket.js';
import { requireBucket, requireKey, type Handler } from './context.js';
import { requireRecord } from './get-object.js';
import { aclFromHeaders } from './object-headers.js';
import { versionHeader } from './versioning.js';

/**
 * `GET /<key>?acl` → `<AccessControlPolicy>` with the owner and the object's ACL as the single
 * `Grant` (`default` when no write ever set one: the bucket's ACL applies).
 */
export const getObjectAcl: Handler = async (ctx) => {
  const record = await requireRecord(ctx);
  return {
    xml: {
      root: 'AccessControlPolicy',
      value: { Owner: OWNER, AccessControlList: { Grant: record.acl } },
    },
    headers: await versionHeader(ctx, requireBucket(ctx), record),
  };
};

/** The metadata part of a record (what `replaceMetadata` takes), unchanged. */
export function metadataOf(record: ObjectRecord): ObjectMetadata {
  return {
    contentType: record.contentType,
    headers: record.headers,
    userMetadata: record.userMetadata,
    storageClass: record.storageClass,
    acl: record.acl,
    ...(record.sse !== undefined ? { sse: record.sse } : {}),
    ...(record.tagging !== undefined ? { tagging: record.tagging } : {}),
    ...(record.restore !== undefined ? { restore: record.restore } : {}),
    ...(record.symlinkTarget !== undefined ? { symlinkTarget: record.symlinkTarget } : {}),
  };
}

/**
 * `PUT /<key>?acl` with `x-oss-object-acl` → 200, empty body: sets the object's ACL, keeping data
 * and every other field. `InvalidArgument` for a missing or unknown value, `NoSuchKey` for a
 * missing object.
 *
 * Why Last-Modified advances: whether OSS updates it on PutObjectAcl is unverified; advancing it
 * is the choice that loses no data, because a guarded edit (copy-source if-unmodified-since) that
 * read the ACL earlier then fails instead of silently restoring the old ACL.
 */
export const putObjectAcl: Handler = async (ctx) => {
  await requireRecord(ctx);
  const acl = aclFromHeaders(ctx);
  if (acl === undefined) {
    throw new LocalOssError('InvalidArgument', 'PutObjectAcl needs the x-oss-object-acl header (default, private, public-read or public-read-write).', {
      details: { ArgumentName: 'x-oss-object-acl', ArgumentValue: '' },
    });
  }
  for await (const _chunk of ctx.body) void _chunk;
  try {
    const versionId = ctx.params.get('versionId');
    const record = await ctx.backend.replaceMetadata(requireBucket(ctx), requireKey(ctx), {
      now: ctx.clock,
      ...(versionId !== undefined ? { versionId } : {}),
      resolve: (current) => ({ ...metadataOf(current), acl }),
    });
    return { headers: await versionHeader(ctx, requireBucket(ctx), record) };
  } catch (error) {
    if (error instanceof BackendError && error.code === 'NoSuchKey') {
      throw new LocalOssError('NoSuchKey', undefined, { details: { Key: requireKey(ctx) }, cause: error });
    }
    throw error;
  }
};
