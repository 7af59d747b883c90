/** GetImageInfo (`x-oss-process=image/info`) through the project's client against local-oss. */
import { describe, expect, it } from 'vitest';
import { OssServiceError, isNotFoundError } from '../../../src/oss/errors.js';
import { createOssApi } from '../../../src/oss/api.js';
import { gifOf, jpegOf, pngOf, webpOf } from '../../helpers/tiny-images.js';
import { useLocalOss } from './support.js';

const h = useLocalOss();
const bucket = 'test-bucket';

describe('GetImageInfo', () => {
  it.each([
    ['png', pngOf(37, 21), 37, 21],
    ['jpg', jpegOf(640, 480), 640, 480],
    ['gif', gifOf(300, 200), 300, 200],
    ['webp', webpOf(1920, 1080), 1920, 1080],
  ] as const)('reads %s width, height, format and size from the stored bytes', async (format, bytes, width, height) => {
    // Why: a misleading extension and Content-Type; the answer must come from the bytes.
    await h.api.putObject({ bucket, key: `img/${format}.bin`, body: bytes, contentType: 'application/octet-stream' });
    const info = await h.api.getImageInfo({ bucket, key: `img/${format}.bin` });
    expect(info).toMatchObject({ width, height, format, fileSize: bytes.length });
    expect(info.fields).toEqual({ FileSize: String(bytes.length), Format: format, ImageHeight: String(height), ImageWidth: String(width) });
  });

  it('signs x-oss-process with V1 too', async () => {
    const v1 = createOssApi(h.makeClient({ signatureVersion: 'v1' }));
    await h.api.putObject({ bucket, key: 'img/v1.png', body: pngOf(5, 6) });
    expect(await v1.getImageInfo({ bucket, key: 'img/v1.png' })).toMatchObject({ width: 5, height: 6, format: 'png' });
  });

  it('a non-image is a 400 error, a missing object a 404', async () => {
    await h.api.putObject({ bucket, key: 'img/text.png', body: 'not an image at all' });
    const error = await h.api.getImageInfo({ bucket, key: 'img/text.png' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OssServiceError);
    expect((error as OssServiceError).status).toBe(400);
    expect((error as OssServiceError).code).toBe('BadRequest');
    expect(isNotFoundError(await h.api.getImageInfo({ bucket, key: 'img/none.png' }).catch((e: unknown) => e))).toBe(true);
  });
});
