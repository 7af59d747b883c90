/**
 * Image info (`GET /<key>?x-oss-process=image/info`, wave 2 §8): width, height, format and file
 * size computed from the stored bytes with `image-size`, in OSS's JSON shape where every value
 * is `{"value": "<string>"}`.
 */
import { imageSize } from 'image-size';
import { LocalOssError } from '../errors.js';
import { requireBucket, requireKey, type Handler } from './context.js';
import { requireRecord } from './get-object.js';
import { checkReadable } from './restore-object.js';
import { versionIdParam } from './versioning.js';

/** Largest source image OSS processes (20 MB). */
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;
/** Largest width or height OSS processes. */
export const MAX_IMAGE_SIDE = 30_000;

/** `image-size` type → OSS `Format` (OSS says `jpg` for JPEG). */
const FORMATS: Readonly<Record<string, string>> = { jpg: 'jpg', png: 'png', gif: 'gif', webp: 'webp', bmp: 'bmp', tiff: 'tiff' };

/**
 * Answers `{"FileSize", "Format", "ImageHeight", "ImageWidth"}` (plus `Orientation` when a JPEG
 * has one). A source above 20 MB or 30 000 px is `ImageTooLarge`; anything that is not a JPEG,
 * PNG, GIF, WebP, BMP or TIFF image is 400 `BadRequest` (OSS's code for that is unverified).
 */
export const getImageInfo: Handler = async (ctx) => {
  const record = await requireRecord(ctx);
  checkReadable(record, ctx.clock());
  if (record.size > MAX_IMAGE_BYTES) {
    throw new LocalOssError('ImageTooLarge', `The image is larger than ${MAX_IMAGE_BYTES} bytes (${record.size}).`);
  }
  const read = await ctx.backend.getObject(requireBucket(ctx), requireKey(ctx), undefined, versionIdParam(ctx));
  if (read === undefined) throw new LocalOssError('NoSuchKey', undefined, { details: { Key: requireKey(ctx) } });
  const chunks: Buffer[] = [];
  for await (const chunk of read.body) chunks.push(Buffer.from(chunk));
  const data = Buffer.concat(chunks);
  let size: ReturnType<typeof imageSize> | undefined;
  try {
    size = imageSize(data);
  } catch {
    size = undefined;
  }
  const format = size?.type !== undefined ? FORMATS[size.type] : undefined;
  if (size === undefined || format === undefined) {
    throw new LocalOssError('BadRequest', 'The source object is not a supported image (JPEG, PNG, GIF, WebP, BMP or TIFF).', {
      details: { Key: requireKey(ctx) },
    });
  }
  if (size.width > MAX_IMAGE_SIDE || size.height > MAX_IMAGE_SIDE) {
    throw new LocalOssError('ImageTooLarge', `The image is larger than ${MAX_IMAGE_SIDE} pixels on a side (${size.width}x${size.height}).`);
  }
  const info: Record<string, { value: string }> = {
    FileSize: { value: String(data.length) },
    Format: { value: format },
    ImageHeight: { value: String(size.height) },
    ImageWidth: { value: String(size.width) },
    ...(size.orientation !== undefined ? { Orientation: { value: String(size.orientation) } } : {}),
  };
  return { headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(info), 'utf8') };
};
