/** Put/Get/DeleteObjectTagging through the project's client against local-oss. */
import { describe, expect, it } from 'vitest';
import { OssInvalidArgumentError, isNotFoundError } from '../../../src/oss/errors.js';
import { useLocalOss } from './support.js';

const h = useLocalOss();
const bucket = 'test-bucket';

describe('object tagging', () => {
  it('replaces, reads and deletes the tag set; x-oss-tagging-count follows; Last-Modified and ETag stay', async () => {
    const put = await h.api.putObject({ bucket, key: 'tags/one.txt', body: 'tagged' });
    expect((await h.api.getObjectTagging({ bucket, key: 'tags/one.txt' })).tags).toEqual([]);
    const before = await h.api.headObject({ bucket, key: 'tags/one.txt' });
    const tags = [
      { key: 'project', value: 'ossgraph' },
      { key: 'path/with:colon', value: 'a+b=c d_e.f' },
      { key: '中文', value: '' },
    ];
    await h.api.putObjectTagging({ bucket, key: 'tags/one.txt', tags });
    expect((await h.api.getObjectTagging({ bucket, key: 'tags/one.txt' })).tags).toEqual(tags);
    const head = await h.api.headObject({ bucket, key: 'tags/one.txt' });
    expect(head.taggingCount).toBe(3);
    expect(head.etag).toBe(put.etag);
    expect(head.lastModified.getTime()).toBe(before.lastModified.getTime());

    await h.api.putObjectTagging({ bucket, key: 'tags/one.txt', tags: [{ key: 'only', value: '1' }] });
    expect((await h.api.getObjectTagging({ bucket, key: 'tags/one.txt' })).tags).toEqual([{ key: 'only', value: '1' }]);
    await h.api.deleteObjectTagging({ bucket, key: 'tags/one.txt' });
    expect((await h.api.getObjectTagging({ bucket, key: 'tags/one.txt' })).tags).toEqual([]);
    expect((await h.api.headObject({ bucket, key: 'tags/one.txt' })).taggingCount).toBeUndefined();
  });

  it('a missing object is a 404; tags outside the limits are refused before sending', async () => {
    for (const call of [
      () => h.api.getObjectTagging({ bucket, key: 'tags/none' }),
      () => h.api.putObjectTagging({ bucket, key: 'tags/none', tags: [] }),
      () => h.api.deleteObjectTagging({ bucket, key: 'tags/none' }),
    ]) {
      expect(isNotFoundError(await call().catch((e: unknown) => e))).toBe(true);
    }
    const before = h.store.stats.count('PutObjectTagging');
    for (const tags of [
      Array.from({ length: 11 }, (_, i) => ({ key: `k${i}`, value: 'v' })),
      [{ key: '', value: 'v' }],
      [{ key: 'k'.repeat(129), value: 'v' }],
      [{ key: 'k', value: 'v'.repeat(257) }],
      [{ key: 'a', value: '1' }, { key: 'a', value: '2' }],
      [{ key: 'semi;colon', value: '1' }],
      [{ key: 'k', value: '<xml>' }],
    ]) {
      await expect(h.api.putObjectTagging({ bucket, key: 'tags/one.txt', tags })).rejects.toThrow(OssInvalidArgumentError);
    }
    expect(h.store.stats.count('PutObjectTagging')).toBe(before);
  });
});
