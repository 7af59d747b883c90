/**
 * Versioning through the project's client against local-oss: Put/GetBucketVersioning,
 * ListObjectVersions, and versionId on put/head/get/meta/delete/copy/tagging/ACL.
 */
import { describe, expect, it } from 'vitest';
import { OssInvalidArgumentError, OssServiceError, isNotFoundError } from '../../../src/oss/errors.js';
import { useLocalOss } from './support.js';

const h = useLocalOss({ buckets: ['test-bucket', 'plain-bucket', 'susp-bucket'] });
const bucket = 'test-bucket';

async function failure(promise: Promise<unknown>): Promise<OssServiceError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OssServiceError);
  return error as OssServiceError;
}

describe('bucket versioning', () => {
  it('is absent until set; Enabled and Suspended round-trip; a missing bucket is NoSuchBucket; a bad status is refused before sending', async () => {
    expect(await h.api.getBucketVersioning({ bucket: 'plain-bucket' })).not.toHaveProperty('status');
    await h.api.putBucketVersioning({ bucket: 'susp-bucket', status: 'Enabled' });
    expect((await h.api.getBucketVersioning({ bucket: 'susp-bucket' })).status).toBe('Enabled');
    await h.api.putBucketVersioning({ bucket: 'susp-bucket', status: 'Suspended' });
    expect((await h.api.getBucketVersioning({ bucket: 'susp-bucket' })).status).toBe('Suspended');
    expect((await failure(h.api.getBucketVersioning({ bucket: 'no-such-bucket' }))).code).toBe('NoSuchBucket');
    await expect(h.api.putBucketVersioning({ bucket, status: 'Off' as 'Enabled' })).rejects.toBeInstanceOf(OssInvalidArgumentError);
  });
});

describe('versioned objects', () => {
  it('writes return version ids; reads, metadata, tags and ACL address versions; the old null version stays', async () => {
    await h.api.putObject({ bucket, key: 'v/doc.txt', body: 'zero' });
    await h.api.putBucketVersioning({ bucket, status: 'Enabled' });
    const one = await h.api.putObject({ bucket, key: 'v/doc.txt', body: 'one' });
    const two = await h.api.putObject({ bucket, key: 'v/doc.txt', body: 'two!' });
    expect(one.versionId).toMatch(/^CAEQ[A-Za-z0-9_-]+$/);
    expect(two.versionId).not.toBe(one.versionId);
    const v1 = one.versionId as string;
    expect(await (await h.api.getObject({ bucket, key: 'v/doc.txt', versionId: v1 })).body.text()).toBe('one');
    expect(await (await h.api.getObject({ bucket, key: 'v/doc.txt', versionId: 'null' })).body.text()).toBe('zero');
    const head = await h.api.headObject({ bucket, key: 'v/doc.txt' });
    expect([head.contentLength, head.versionId]).toEqual([4, two.versionId]);
    expect((await h.api.headObject({ bucket, key: 'v/doc.txt', versionId: 'null' })).versionId).toBe('null');
    const meta = await h.api.getObjectMeta({ bucket, key: 'v/doc.txt', versionId: v1 });
    expect([meta.contentLength, meta.versionId]).toEqual([3, v1]);
    await h.api.putObjectTagging({ bucket, key: 'v/doc.txt', versionId: v1, tags: [{ key: 'old', value: 'yes' }] });
    expect((await h.api.getObjectTagging({ bucket, key: 'v/doc.txt', versionId: v1 })).tags).toEqual([{ key: 'old', value: 'yes' }]);
    expect((await h.api.getObjectTagging({ bucket, key: 'v/doc.txt' })).tags).toEqual([]);
    await h.api.putObjectAcl({ bucket, key: 'v/doc.txt', versionId: v1, acl: 'private' });
    expect((await h.api.getObjectAcl({ bucket, key: 'v/doc.txt', versionId: v1 })).acl).toBe('private');
    expect((await h.api.getObjectAcl({ bucket, key: 'v/doc.txt' })).acl).toBe('default');
    const missing = await failure(h.api.headObject({ bucket, key: 'v/doc.txt', versionId: 'CAEQnothere' }));
    expect(isNotFoundError(missing)).toBe(true);
    expect((await failure(h.api.getObject({ bucket, key: 'v/doc.txt', versionId: 'CAEQnothere' }))).code).toBe('NoSuchVersion');
  });

  it('delete adds a marker the errors report; the marker by id is 405; deleting versions for good', async () => {
    await h.api.putObject({ bucket, key: 'v/gone.txt', body: 'data' });
    const deleted = await h.api.deleteObject({ bucket, key: 'v/gone.txt' });
    expect(deleted.deleteMarker).toBe(true);
    const markerId = deleted.versionId as string;
    const head = await failure(h.api.headObject({ bucket, key: 'v/gone.txt' }));
    expect([head.status, head.deleteMarker, head.versionId]).toEqual([404, true, markerId]);
    expect(isNotFoundError(head)).toBe(true);
    const get = await failure(h.api.getObject({ bucket, key: 'v/gone.txt' }));
    expect([get.status, get.code, get.deleteMarker]).toEqual([404, 'NoSuchKey', true]);
    const byId = await failure(h.api.getObject({ bucket, key: 'v/gone.txt', versionId: markerId }));
    expect([byId.status, byId.code, byId.deleteMarker, byId.versionId]).toEqual([405, 'MethodNotAllowed', true, markerId]);
    const meta = await failure(h.api.getObjectMeta({ bucket, key: 'v/gone.txt', versionId: markerId }));
    expect(meta.status).toBe(405);
    expect((await failure(h.api.getObjectTagging({ bucket, key: 'v/gone.txt' }))).status).toBe(404);
    // Listing (V2) hides the key; removing the marker restores it.
    expect((await h.api.listObjectsV2({ bucket, prefix: 'v/gone' })).contents).toEqual([]);
    expect(await h.api.deleteObject({ bucket, key: 'v/gone.txt', versionId: markerId })).toMatchObject({ deleteMarker: true, versionId: markerId });
    expect(await (await h.api.getObject({ bucket, key: 'v/gone.txt' })).body.text()).toBe('data');
  });

  it('copy: the result names both versions; a copy of an old version makes it current; a self-copy adds a version', async () => {
    const old = await h.api.putObject({ bucket, key: 'v/cp.txt', body: 'old', metadata: { gen: '1' } });
    await h.api.putObject({ bucket, key: 'v/cp.txt', body: 'new' });
    const restored = await h.api.copyObject({ bucket, key: 'v/cp.txt', sourceKey: 'v/cp.txt', sourceVersionId: old.versionId as string });
    expect(restored.sourceVersionId).toBe(old.versionId);
    expect(restored.versionId).toMatch(/^CAEQ/);
    const current = await h.api.getObject({ bucket, key: 'v/cp.txt' });
    expect([await current.body.text(), current.metadata]).toEqual(['old', { gen: '1' }]);
    const edited = await h.api.copyObject({ bucket, key: 'v/cp.txt', sourceKey: 'v/cp.txt', metadataDirective: 'REPLACE', metadata: { gen: '2' } });
    expect(edited.versionId).not.toBe(restored.versionId);
    const versions = await h.api.listObjectVersions({ bucket, prefix: 'v/cp.txt' });
    expect(versions.versions.map((v) => v.versionId)).toEqual([edited.versionId, restored.versionId, expect.any(String), old.versionId]);
    expect((await h.api.headObject({ bucket, key: 'v/cp.txt', versionId: restored.versionId as string })).metadata).toEqual({ gen: '1' });
    expect((await failure(h.api.copyObject({ bucket, key: 'v/x', sourceKey: 'v/cp.txt', sourceVersionId: 'CAEQnothere' }))).code).toBe('NoSuchVersion');
  });

  it('multipart completion and appends report versions', async () => {
    const upload = await h.api.initiateMultipartUpload({ bucket, key: 'v/mp.bin' });
    const part = await h.api.uploadPart({ bucket, key: 'v/mp.bin', uploadId: upload.uploadId, partNumber: 1, body: 'part' });
    const done = await h.api.completeMultipartUpload({ bucket, key: 'v/mp.bin', uploadId: upload.uploadId, parts: [{ partNumber: 1, etag: part.etag }] });
    expect(done.versionId).toMatch(/^CAEQ/);
    // A part copied from an old version carries that version's bytes.
    const old = await h.api.putObject({ bucket, key: 'v/src.bin', body: 'old bytes' });
    await h.api.putObject({ bucket, key: 'v/src.bin', body: 'new bytes!' });
    const second = await h.api.initiateMultipartUpload({ bucket, key: 'v/mp2.bin' });
    const copied = await h.api.uploadPartCopy({ bucket, key: 'v/mp2.bin', uploadId: second.uploadId, partNumber: 1, sourceKey: 'v/src.bin', sourceVersionId: old.versionId as string });
    expect(copied.sourceVersionId).toBe(old.versionId);
    await h.api.completeMultipartUpload({ bucket, key: 'v/mp2.bin', uploadId: second.uploadId, parts: [{ partNumber: 1, etag: copied.etag }] });
    expect(await (await h.api.getObject({ bucket, key: 'v/mp2.bin' })).body.text()).toBe('old bytes');
    // Appends extend the appendable version in place: same id, no new version.
    const a1 = await h.api.appendObject({ bucket, key: 'v/log', position: 0, body: 'ab' });
    const a2 = await h.api.appendObject({ bucket, key: 'v/log', position: 2, body: 'cd' });
    expect(a1.versionId).toMatch(/^CAEQ/);
    expect(a2.versionId).toBe(a1.versionId);
    expect((await h.api.listObjectVersions({ bucket, prefix: 'v/log' })).versions).toHaveLength(1);
  });
});

describe('listObjectVersions', () => {
  it('keys ascending, versions newest first, markers in place; delimiter; pages with both markers; keys with odd characters decode', async () => {
    const key = 'lv/a b+%&<\u0001.txt';
    const ids: string[] = [];
    for (const body of ['1', '22']) ids.unshift((await h.api.putObject({ bucket, key, body })).versionId as string);
    const marker = (await h.api.deleteObject({ bucket, key })).versionId as string;
    ids.unshift(marker);
    await h.api.putObject({ bucket, key: 'lv/dir/x', body: 'x' });
    await h.api.putObject({ bucket, key: 'lv/z', body: 'z' });
    const all = await h.api.listObjectVersions({ bucket, prefix: 'lv/', delimiter: '/' });
    expect(all.versions.map((v) => [v.key, v.versionId, v.isLatest, v.isDeleteMarker, v.size])).toEqual([
      [key, marker, true, true, undefined],
      [key, ids[1], false, false, 2],
      [key, ids[2], false, false, 1],
      ['lv/z', expect.any(String), true, false, 1],
    ]);
    expect(all.commonPrefixes).toEqual(['lv/dir/']);
    expect(all.isTruncated).toBe(false);
    const seen: string[] = [];
    let page = await h.api.listObjectVersions({ bucket, prefix: 'lv/', delimiter: '/', maxKeys: 1 });
    for (let round = 0; round < 10; round++) {
      seen.push(...page.versions.map((v) => `${v.key}@${v.versionId}`), ...page.commonPrefixes);
      if (!page.isTruncated) break;
      page = await h.api.listObjectVersions({
        bucket,
        prefix: 'lv/',
        delimiter: '/',
        maxKeys: 1,
        keyMarker: page.nextKeyMarker as string,
        ...(page.nextVersionIdMarker ? { versionIdMarker: page.nextVersionIdMarker } : {}),
      });
    }
    expect(seen).toEqual([...all.versions.slice(0, 3).map((v) => `${v.key}@${v.versionId}`), 'lv/dir/', `lv/z@${all.versions[3]?.versionId}`]);
  });

  it('an unversioned bucket lists its objects as null versions; a version marker without a key marker is refused before sending', async () => {
    await h.api.putObject({ bucket: 'plain-bucket', key: 'p', body: 'p' });
    const listed = await h.api.listObjectVersions({ bucket: 'plain-bucket' });
    expect(listed.versions.map((v) => [v.key, v.versionId, v.isLatest])).toEqual([['p', 'null', true]]);
    await expect(h.api.listObjectVersions({ bucket, versionIdMarker: 'x' })).rejects.toBeInstanceOf(OssInvalidArgumentError);
  });

  it('suspended: writes and deletes replace the null version; earlier versions stay', async () => {
    const b = 'susp-bucket';
    await h.api.putBucketVersioning({ bucket: b, status: 'Enabled' });
    const kept = await h.api.putObject({ bucket: b, key: 'k', body: 'kept' });
    await h.api.putBucketVersioning({ bucket: b, status: 'Suspended' });
    expect((await h.api.putObject({ bucket: b, key: 'k', body: 'n1' })).versionId).toBe('null');
    expect(await h.api.deleteObject({ bucket: b, key: 'k' })).toMatchObject({ deleteMarker: true, versionId: 'null' });
    const listed = await h.api.listObjectVersions({ bucket: b });
    expect(listed.versions.map((v) => [v.versionId, v.isDeleteMarker])).toEqual([['null', true], [kept.versionId, false]]);
  });
});
