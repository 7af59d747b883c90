/** PutObject: `PUT /<key>` with the data as body (reference §3). */
import { LocalOssError } from '../errors.js';
import { header, requireBucket, requireKey, type Handler } from './context.js';
import {
  checkObjectKey,
  contentMd5Verifier,
  forbidOverwrite,
  metadataFromRequest,
} from './object-headers.js';
import { writtenVersionHeader } from './versioning.js';

/** Largest PutObject body (5 GiB). */
export const MAX_PUT_SIZE = 5 * 1024 ** 3;

const UNSUPPORTED_CONDITIONS = ['if-match', 'if-none-match', 'if-modified-since', 'if-unmodified-since'];

/**
 * Stores the body under the key. Verifies `Content-MD5` (`InvalidDigest`), honours
 * `x-oss-forbid-overwrite` (`FileAlreadyExists`), needs a length or chunked encoding
 * (`MissingContentLength`), rejects conditional headers (`NotImplemented`, §4.3 of reliability).
 * Answers `ETag`, `Content-MD5` and `x-oss-hash-crc64ecma`.
 */
export const putObject: Handler = async (ctx) => {
  const bucket = requireBucket(ctx);
  const key = requireKey(ctx);
  checkObjectKey(key);
  for (const name of UNSUPPORTED_CONDITIONS) {
    if (header(ctx, name) !== undefined) {
      throw new LocalOssError('NotImplemented', `PutObject does not support the ${name} header.`, {
        status: 400,
        details: { Header: name },
      });
    }
  }
  const length = header(ctx, 'content-length');
  if (length === undefined && header(ctx, 'transfer-encoding') === undefined) {
    throw new LocalOssError('MissingContentLength', 'You must provide the Content-Length HTTP header.');
  }
  if (length !== undefined && Number(length) > MAX_PUT_SIZE) {
    throw new LocalOssError('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size.');
  }
  const metadata = metadataFromRequest(ctx, key);
  if (forbidOverwrite(ctx) && (await ctx.backend.getBucket(bucket))?.versioning === undefined && (await ctx.backend.headObject(bucket, key)) !== undefined) {
    // Why: fail before consuming the body; the backend re-checks atomically at commit.
    throw new LocalOssError('FileAlreadyExists', 'The object you specified already exists and can not be overwritten.');
  }
  const verify = contentMd5Verifier(ctx);
  const record = await ctx.backend.putObject(bucket, key, ctx.body, {
    metadata,
    now: ctx.clock,
    forbidOverwrite: forbidOverwrite(ctx),
    ...(verify !== undefined ? { verify } : {}),
  });
  return {
    headers: {
      etag: record.etag,
      'content-md5': record.contentMd5 ?? '',
      'x-oss-hash-crc64ecma': record.crc64,
      ...writtenVersionHeader(record),
    },
  };
};
