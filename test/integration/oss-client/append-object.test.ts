/** AppendObject through the project's client against local-oss, including a retried append whose answer was lost. */
import { describe, expect, it } from 'vitest';
import { crc64, formatCrc64 } from '../../../src/oss/checksum/crc64.js';
import { OssServiceError } from '../../../src/oss/errors.js';
import { useLocalOss } from './support.js';

const h = useLocalOss();
const bucket = 'test-bucket';

describe('AppendObject', () => {
  it('creates and extends an Appendable object; HEAD and GET agree', async () => {
    const first = await h.api.appendObject({ bucket, key: 'app/log.txt', position: 0, body: 'line 1\n', contentType: 'text/plain', metadata: { source: 'test' } });
    expect(first.nextPosition).toBe(7);
    expect(first.hashCrc64).toBe(formatCrc64(crc64(Buffer.from('line 1\n'))));
    const second = await h.api.appendObject({ bucket, key: 'app/log.txt', position: first.nextPosition, body: 'line 2\n', previousCrc64: first.hashCrc64 as string });
    expect(second.nextPosition).toBe(14);
    const head = await h.api.headObject({ bucket, key: 'app/log.txt' });
    expect(head).toMatchObject({ contentLength: 14, objectType: 'Appendable', contentType: 'text/plain', metadata: { source: 'test' }, etag: second.etag, hashCrc64: second.hashCrc64 });
    expect(head.headers['x-oss-next-append-position']).toBe('14');
    expect(await (await h.api.getObject({ bucket, key: 'app/log.txt' })).body.text()).toBe('line 1\nline 2\n');
  });

  it('a retry of an append that already landed reports success; a different chunk at that position fails', async () => {
    const first = await h.api.appendObject({ bucket, key: 'app/retry.txt', position: 0, body: 'a' });
    const request = { bucket, key: 'app/retry.txt', position: 1, body: 'bc', previousCrc64: first.hashCrc64 as string };
    const landed = await h.api.appendObject(request);
    // The same call again, as a retry after a lost answer would send it:
    const retried = await h.api.appendObject(request);
    expect(retried).toMatchObject({ nextPosition: 3, hashCrc64: landed.hashCrc64, etag: landed.etag });
    const other = await h.api.appendObject({ ...request, body: 'XY' }).catch((e: unknown) => e);
    expect(other).toBeInstanceOf(OssServiceError);
    expect([(other as OssServiceError).status, (other as OssServiceError).code]).toEqual([409, 'PositionNotEqualToLength']);
    expect(await (await h.api.getObject({ bucket, key: 'app/retry.txt' })).body.text()).toBe('abc');
  });

  it('refuses to append to a Normal object', async () => {
    await h.api.putObject({ bucket, key: 'app/normal.txt', body: 'x' });
    const error = await h.api.appendObject({ bucket, key: 'app/normal.txt', position: 1, body: 'y' }).catch((e: unknown) => e);
    expect([(error as OssServiceError).status, (error as OssServiceError).code]).toEqual([409, 'ObjectNotAppendable']);
  });
});
