/** DeleteMultipleObjects through the project's client against local-oss (wave 2 §1). */
import { describe, expect, it } from 'vitest';
import { OssInvalidArgumentError, isNotFoundError } from '../../../src/oss/errors.js';
import { useLocalOss } from './support.js';

const h = useLocalOss({ buckets: ['test-bucket', 'versioned-bucket'] });
const bucket = 'test-bucket';

describe('deleteMultipleObjects', () => {
  it('deletes exactly the keys sent (%, +, spaces, control characters, XML specials), in order, missing ones reported too', async () => {
    const targets = ['dm/pct%41.txt', 'dm/a+b%2B c', 'dm/ctl\u0001\u001f.txt', 'dm/cr\rlf\n\t.txt', "dm/q'\"<&>", 'dm/&#01;literal'];
    const lookAlikes = ['dm/pctA.txt', 'dm/a b+ c', 'dm/ctl.txt', 'dm/cr\nlf\n\t.txt', 'dm/\u0001literal'];
    for (const key of [...targets, ...lookAlikes]) await h.api.putObject({ bucket, key, body: key });
    const result = await h.api.deleteMultipleObjects({ bucket, objects: [...targets, 'dm/never'].map((key) => ({ key })) });
    expect(result.deleted.map((d) => d.key)).toEqual([...targets, 'dm/never']);
    expect(result.deleted.every((d) => !d.deleteMarker && d.versionId === undefined)).toBe(true);
    for (const key of targets) expect(isNotFoundError(await h.api.headObject({ bucket, key }).catch((e: unknown) => e))).toBe(true);
    for (const key of lookAlikes) expect((await h.api.headObject({ bucket, key })).contentLength).toBe(key.length);
    const quiet = await h.api.deleteMultipleObjects({ bucket, objects: lookAlikes.map((key) => ({ key })), quiet: true });
    expect([quiet.deleted, quiet.errors]).toEqual([[], []]);
    expect((await h.api.listObjectsV2({ bucket, prefix: 'dm/' })).contents).toEqual([]);
  });

  it('on a versioned bucket: markers without versionId, exact versions with it (marker versions say so)', async () => {
    const b = 'versioned-bucket';
    await h.api.putBucketVersioning({ bucket: b, status: 'Enabled' });
    const a1 = await h.api.putObject({ bucket: b, key: 'a', body: '1' });
    const a2 = await h.api.putObject({ bucket: b, key: 'a', body: '2' });
    await h.api.putObject({ bucket: b, key: 'b', body: 'b' });
    const first = await h.api.deleteMultipleObjects({ bucket: b, objects: [{ key: 'a', versionId: a1.versionId as string }, { key: 'b' }] });
    expect(first.deleted[0]).toEqual({ key: 'a', versionId: a1.versionId, deleteMarker: false });
    const marker = first.deleted[1];
    expect(marker).toMatchObject({ key: 'b', deleteMarker: true });
    expect(marker?.deleteMarkerVersionId).toMatch(/^CAEQ/);
    const second = await h.api.deleteMultipleObjects({ bucket: b, objects: [{ key: 'b', versionId: marker?.deleteMarkerVersionId as string }] });
    expect(second.deleted).toEqual([{ key: 'b', versionId: marker?.deleteMarkerVersionId, deleteMarker: true, deleteMarkerVersionId: marker?.deleteMarkerVersionId }]);
    expect(await (await h.api.getObject({ bucket: b, key: 'b' })).body.text()).toBe('b');
    const listed = await h.api.listObjectVersions({ bucket: b });
    expect(listed.versions.map((v) => `${v.key}@${v.versionId}`)).toEqual([`a@${a2.versionId}`, `b@${listed.versions[1]?.versionId}`]);
  });

  it('refuses before sending: no objects, more than 1000, an empty version id', async () => {
    for (const objects of [[], Array.from({ length: 1001 }, (_, i) => ({ key: `k${i}` })), [{ key: 'k', versionId: '' }]]) {
      await expect(h.api.deleteMultipleObjects({ bucket, objects })).rejects.toBeInstanceOf(OssInvalidArgumentError);
    }
  });
});
