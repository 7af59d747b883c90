/** PutObjectAcl and GetObjectAcl through the project's client against local-oss. */
import { describe, expect, it } from 'vitest';
import { OssInvalidArgumentError, isNotFoundError } from '../../../src/oss/errors.js';
import type { ObjectAcl } from '../../../src/oss/operations/shared/request-headers.js';
import { useLocalOss } from './support.js';

const h = useLocalOss();
const bucket = 'test-bucket';

describe('PutObjectAcl → GetObjectAcl', () => {
  it('round-trips the four values and keeps the object', async () => {
    const put = await h.api.putObject({ bucket, key: 'acl/one.txt', body: 'body', contentType: 'text/plain', metadata: { a: '1' } });
    expect((await h.api.getObjectAcl({ bucket, key: 'acl/one.txt' })).acl).toBe('default');
    for (const acl of ['private', 'public-read', 'public-read-write', 'default'] as const satisfies readonly ObjectAcl[]) {
      const result = await h.api.putObjectAcl({ bucket, key: 'acl/one.txt', acl });
      expect(result.requestId).not.toBe('');
      expect((await h.api.getObjectAcl({ bucket, key: 'acl/one.txt' })).acl).toBe(acl);
    }
    const head = await h.api.headObject({ bucket, key: 'acl/one.txt' });
    expect(head).toMatchObject({ etag: put.etag, contentType: 'text/plain', metadata: { a: '1' } });
    expect(await (await h.api.getObject({ bucket, key: 'acl/one.txt' })).body.text()).toBe('body');
  });

  it('a missing object is a 404; a bad value is refused before sending', async () => {
    const missing = await h.api.putObjectAcl({ bucket, key: 'acl/none', acl: 'private' }).catch((e: unknown) => e);
    expect(isNotFoundError(missing)).toBe(true);
    const before = h.store.stats.count('PutObjectAcl');
    await expect(h.api.putObjectAcl({ bucket, key: 'acl/one.txt', acl: 'public' as ObjectAcl })).rejects.toThrow(OssInvalidArgumentError);
    expect(h.store.stats.count('PutObjectAcl')).toBe(before);
  });
});
