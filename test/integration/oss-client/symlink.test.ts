/** PutSymlink / GetSymlink through the project's client, and reads through a link, against local-oss. */
import { describe, expect, it } from 'vitest';
import { OssServiceError } from '../../../src/oss/errors.js';
import { useLocalOss } from './support.js';

const h = useLocalOss();
const bucket = 'test-bucket';

describe('symlinks', () => {
  it('links to a target: GetSymlink names it; GET/HEAD of the link serve the target bytes with the link metadata', async () => {
    const target = await h.api.putObject({ bucket, key: 'dir/tärget x.txt', body: 'target data', contentType: 'text/plain', metadata: { role: 'target' } });
    const link = await h.api.putSymlink({ bucket, key: 'links/one', target: 'dir/tärget x.txt', metadata: { role: 'link' }, contentType: 'application/x-link' });
    expect(link.etag).toMatch(/^"[0-9A-F]{32}"$/);
    const got = await h.api.getSymlink({ bucket, key: 'links/one' });
    expect(got).toMatchObject({ target: 'dir/tärget x.txt', etag: link.etag, metadata: { role: 'link' } });

    const head = await h.api.headObject({ bucket, key: 'links/one' });
    expect(head).toMatchObject({ contentLength: 11, etag: target.etag, objectType: 'Symlink', contentType: 'application/x-link', metadata: { role: 'link' } });
    expect(await (await h.api.getObject({ bucket, key: 'links/one' })).body.text()).toBe('target data');
    expect(await (await h.api.getObject({ bucket, key: 'links/one', range: { start: 7, end: 10 } })).body.text()).toBe('data');
  });

  it('a missing target is 404 SymlinkTargetNotExist; a link to a link is 400; GetSymlink of a plain object is refused', async () => {
    await h.api.putSymlink({ bucket, key: 'links/dangling', target: 'nowhere' });
    const missing = await h.api.getObject({ bucket, key: 'links/dangling' }).catch((e: unknown) => e);
    expect([(missing as OssServiceError).status, (missing as OssServiceError).code]).toEqual([404, 'SymlinkTargetNotExist']);
    await h.api.putSymlink({ bucket, key: 'links/chain', target: 'links/dangling' });
    const chained = await h.api.headObject({ bucket, key: 'links/chain' }).catch((e: unknown) => e);
    expect((chained as OssServiceError).status).toBe(400);
    await h.api.putObject({ bucket, key: 'plain.txt', body: 'x' });
    const notLink = await h.api.getSymlink({ bucket, key: 'plain.txt' }).catch((e: unknown) => e);
    expect([(notLink as OssServiceError).status, (notLink as OssServiceError).code]).toEqual([400, 'NotSymlink']);
    const exists = await h.api.putSymlink({ bucket, key: 'plain.txt', target: 'x', forbidOverwrite: true }).catch((e: unknown) => e);
    expect((exists as OssServiceError).code).toBe('FileAlreadyExists');
  });
});
