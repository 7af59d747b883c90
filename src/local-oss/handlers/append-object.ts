/** AppendObject: `POST /<key>?append&position=N` (wave 2 §5). */
import { BackendError } from '../backend/backend.js';
import { LocalOssError } from '../errors.js';
import { header, requireBucket, requireKey, type Handler } from './context.js';
import { checkObjectKey, contentMd5Verifier, metadataFromRequest } from './object-headers.js';
import { MAX_PUT_SIZE } from './put-object.js';
import { writtenVersionHeader } from './versioning.js';

/**
 * Appends the body at `position` (which must be the object's length; 0 creates it). The first
 * append's headers set the metadata; later ones cannot change it. Answers
 * `x-oss-next-append-position`, the whole object's `x-oss-hash-crc64ecma` and `ETag`.
 * `PositionNotEqualToLength` (409, with the current length in `x-oss-next-append-position`),
 * `ObjectNotAppendable` (409) for a Normal or Multipart object.
 */
export const appendObject: Handler = async (ctx) => {
  const bucket = requireBucket(ctx);
  const key = requireKey(ctx);
  checkObjectKey(key);
  const positionText = ctx.params.get('position') ?? '';
  if (!/^\d+$/.test(positionText) || !Number.isSafeInteger(Number(positionText))) {
    throw new LocalOssError('InvalidArgument', 'The position must be a non-negative integer.', {
      details: { ArgumentName: 'position', ArgumentValue: positionText },
    });
  }
  const position = Number(positionText);
  const length = header(ctx, 'content-length');
  if (length === undefined && header(ctx, 'transfer-encoding') === undefined) {
    throw new LocalOssError('MissingContentLength', 'You must provide the Content-Length HTTP header.');
  }
  if (position + Number(length ?? 0) > MAX_PUT_SIZE) {
    throw new LocalOssError('EntityTooLarge', 'An appendable object cannot exceed 5 GB.');
  }
  const metadata = metadataFromRequest(ctx, key);
  const verify = contentMd5Verifier(ctx);
  try {
    const record = await ctx.backend.appendObject(bucket, key, ctx.body, {
      metadata,
      position,
      now: ctx.clock,
      ...(verify !== undefined ? { verify } : {}),
    });
    return {
      headers: {
        etag: record.etag,
        'x-oss-next-append-position': String(record.size),
        'x-oss-hash-crc64ecma': record.crc64,
        ...writtenVersionHeader(record),
      },
    };
  } catch (error) {
    if (error instanceof BackendError && error.code === 'PositionNotEqualToLength') {
      throw new LocalOssError('PositionNotEqualToLength', 'Position is not equal to file length.', {
        headers: { 'x-oss-next-append-position': String(error.nextAppendPosition ?? 0) },
        cause: error,
      });
    }
    throw error;
  }
};
