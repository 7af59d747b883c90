/**
 * Conformance of versioning (issue 13): ali-oss 6.23, an SDK no one here wrote, against local-oss
 * on the memory backend (V1) and the file backend (V4, with a restart): bucket versioning,
 * versioned writes and deletes, reads by version id, delete markers, ListObjectVersions and
 * DeleteMultipleObjects with versions.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OSS from 'ali-oss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../src/local-oss/backend/backend.js';
import { createFileBackend } from '../../src/local-oss/backend/file-backend.js';
import { startLocalOss, type LocalOss } from '../../src/local-oss/index.js';
import { aliFailure, aliOssClient } from '../helpers/ali-oss.js';

/** The versioning methods of ali-oss 6.23, which @types/ali-oss does not declare. */
interface AliVersioning {
  putBucketVersioning(name: string, status: string): Promise<{ status: number }>;
  getBucketVersioning(name: string): Promise<{ versionStatus?: string }>;
  getBucketVersions(
    query: Record<string, unknown>,
  ): Promise<{
    objects: Array<{ name: string; versionId: string; isLatest: boolean; etag: string; size: number }>;
    deleteMarker: Array<{ name: string; versionId: string }>;
    prefixes: string[] | null;
    nextKeyMarker: string | null;
    nextVersionIdMarker: string | null;
    isTruncated: boolean;
  }>;
  deleteMulti(names: Array<string | { key: string; versionId: string }>, options?: { quiet?: boolean }): Promise<{ deleted: Array<Record<string, string>> }>;
}

const v = (oss: OSS): AliVersioning => oss as unknown as AliVersioning;

describe.each([
  { name: 'V1', authorizationV4: false, fileBackend: false },
  { name: 'V4-file', authorizationV4: true, fileBackend: true },
])('ali-oss $name: versioning', ({ name, authorizationV4, fileBackend }) => {
  let store: LocalOss;
  let dir: string;
  let backend: Backend | undefined;
  const bucket = `ver-${name.toLowerCase()}`;

  const client = (): OSS => aliOssClient(store, bucket, authorizationV4);

  const start = async (): Promise<void> => {
    backend = fileBackend ? await createFileBackend({ dataDir: join(dir, 'data') }) : undefined;
    store = await startLocalOss({ ...(backend !== undefined ? { backend } : {}), buckets: [bucket] });
  };
  const stop = async (): Promise<void> => {
    await store.close();
    await backend?.close();
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'local-oss-ver-'));
    await start();
  });

  afterAll(async () => {
    await stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('a bucket is unversioned until putBucketVersioning; Enabled and Suspended read back', async () => {
    const oss = client();
    expect((await v(oss).getBucketVersioning(bucket)).versionStatus).toBeUndefined();
    await oss.put('before.txt', Buffer.from('before'));
    expect((await v(oss).putBucketVersioning(bucket, 'Enabled')).status).toBe(200);
    expect((await v(oss).getBucketVersioning(bucket)).versionStatus).toBe('Enabled');
    const missing = await aliFailure(v(oss).getBucketVersioning('no-such-bucket-ver'));
    expect([missing.status, missing.code]).toEqual([404, 'NoSuchBucket']);
  });

  it('put makes versions; get and head by versionId; the pre-versioning object is the null version', async () => {
    const oss = client();
    const first = await oss.put('doc.txt', Buffer.from('one'));
    const second = await oss.put('doc.txt', Buffer.from('two!'));
    const id1 = first.res.headers['x-oss-version-id' as keyof typeof first.res.headers] as string;
    const id2 = second.res.headers['x-oss-version-id' as keyof typeof second.res.headers] as string;
    expect(id1).toMatch(/^CAEQ/);
    expect(id2).not.toBe(id1);
    expect((await oss.get('doc.txt')).content.toString()).toBe('two!');
    expect((await oss.get('doc.txt', { versionId: id1 } as OSS.GetObjectOptions)).content.toString()).toBe('one');
    const head = await oss.head('doc.txt', { versionId: id1 } as OSS.HeadObjectOptions);
    expect(head.res.headers).toMatchObject({ 'content-length': '3', 'x-oss-version-id': id1 });
    expect((await oss.get('before.txt', { versionId: 'null' } as OSS.GetObjectOptions)).content.toString()).toBe('before');
    const unknown = await aliFailure(oss.get('doc.txt', { versionId: 'CAEQnotthere' } as OSS.GetObjectOptions));
    expect([unknown.status, unknown.code]).toEqual([404, 'NoSuchVersion']);
  });

  it('delete adds a marker: GET/HEAD 404 with x-oss-delete-marker, a marker by id is 405; deleting the marker restores', async () => {
    const oss = client();
    await oss.put('gone.txt', Buffer.from('data'));
    const deleted = await oss.delete('gone.txt');
    const headers = deleted.res.headers as Record<string, string>;
    expect(headers['x-oss-delete-marker']).toBe('true');
    const markerId = headers['x-oss-version-id'] as string;
    expect(markerId).toMatch(/^CAEQ/);
    // ali-oss keeps no headers on errors; our own client's tests check x-oss-delete-marker.
    const get = await aliFailure(oss.get('gone.txt'));
    expect([get.status, get.code]).toEqual([404, 'NoSuchKey']);
    const head = await aliFailure(oss.head('gone.txt'));
    expect([head.status, head.code]).toEqual([404, 'NoSuchKey']);
    const byId = await aliFailure(oss.get('gone.txt', { versionId: markerId } as OSS.GetObjectOptions));
    expect([byId.status, byId.code]).toEqual([405, 'MethodNotAllowed']);
    // The listing no longer shows the key; deleting the marker by id brings the object back.
    expect((await oss.listV2({ prefix: 'gone' } as OSS.ListV2ObjectsQuery)).objects ?? []).toEqual([]);
    const removed = await oss.delete('gone.txt', { versionId: markerId } as OSS.RequestOptions);
    expect((removed.res.headers as Record<string, string>)['x-oss-delete-marker']).toBe('true');
    expect((await oss.get('gone.txt')).content.toString()).toBe('data');
  });

  it('getBucketVersions lists keys ascending, versions newest first, markers interleaved; pages with key and version markers', async () => {
    const oss = client();
    const ids: string[] = [];
    for (const body of ['a', 'bb', 'ccc']) {
      const r = await oss.put('list/k.txt', Buffer.from(body));
      ids.unshift((r.res.headers as Record<string, string>)['x-oss-version-id'] as string);
    }
    const marker = (await oss.delete('list/k.txt')).res.headers as Record<string, string>;
    await oss.put('list/sub/x', Buffer.from('x'));
    const all = await v(oss).getBucketVersions({ prefix: 'list/', delimiter: '/' });
    expect(all.objects.map((o) => [o.name, o.versionId, o.isLatest, o.size])).toEqual([
      ['list/k.txt', ids[0], false, 3],
      ['list/k.txt', ids[1], false, 2],
      ['list/k.txt', ids[2], false, 1],
    ]);
    expect(all.deleteMarker.map((m) => [m.name, m.versionId])).toEqual([['list/k.txt', marker['x-oss-version-id']]]);
    expect(all.prefixes).toEqual(['list/sub/']);
    // Paging by two: marker + newest version, then the rest, then the common prefix.
    const page1 = await v(oss).getBucketVersions({ prefix: 'list/', delimiter: '/', maxKeys: 2 });
    expect(page1.isTruncated).toBe(true);
    expect([page1.nextKeyMarker, page1.nextVersionIdMarker]).toEqual(['list/k.txt', ids[0]]);
    const page2 = await v(oss).getBucketVersions({ prefix: 'list/', delimiter: '/', maxKeys: 2, keyMarker: page1.nextKeyMarker, versionIdMarker: page1.nextVersionIdMarker });
    expect(page2.objects.map((o) => o.versionId)).toEqual([ids[1], ids[2]]);
    const page3 = await v(oss).getBucketVersions({ prefix: 'list/', delimiter: '/', maxKeys: 2, keyMarker: page2.nextKeyMarker, versionIdMarker: page2.nextVersionIdMarker });
    expect([page3.objects, page3.prefixes, page3.isTruncated]).toEqual([[], ['list/sub/'], false]);
  });

  it('deleteMulti with versions removes exactly those versions; without, adds markers', async () => {
    const oss = client();
    const a1 = (await oss.put('dm/a', Buffer.from('1'))).res.headers as Record<string, string>;
    const a2 = (await oss.put('dm/a', Buffer.from('2'))).res.headers as Record<string, string>;
    await oss.put('dm/b+%', Buffer.from('b'));
    const result = await v(oss).deleteMulti([{ key: 'dm/a', versionId: a1['x-oss-version-id'] as string }, 'dm/b+%']);
    expect(result.deleted).toHaveLength(2);
    expect(result.deleted[0]).toMatchObject({ Key: 'dm/a', VersionId: a1['x-oss-version-id'] });
    expect(result.deleted[0]?.['DeleteMarker']).toBeUndefined();
    expect(result.deleted[1]).toMatchObject({ Key: 'dm/b+%', DeleteMarker: 'true' });
    const listed = await v(oss).getBucketVersions({ prefix: 'dm/' });
    expect(listed.objects.map((o) => [o.name, o.versionId])).toEqual([
      ['dm/a', a2['x-oss-version-id']],
      ['dm/b+%', listed.objects[1]?.versionId],
    ]);
    expect(listed.deleteMarker.map((m) => m.name)).toEqual(['dm/b+%']);
  });

  it('copy of an old version (copy source ?versionId) makes it current again', async () => {
    const oss = client();
    const old = (await oss.put('cp/r.txt', Buffer.from('old'), { headers: { 'x-oss-meta-tag': 'old' } } as OSS.PutObjectOptions)).res.headers as Record<string, string>;
    await oss.put('cp/r.txt', Buffer.from('new'));
    const copied = await oss.copy('cp/r.txt', 'cp/r.txt', { versionId: old['x-oss-version-id'] } as unknown as OSS.CopyObjectOptions);
    expect((copied.res.headers as Record<string, string>)['x-oss-copy-source-version-id']).toBe(old['x-oss-version-id']);
    const current = await oss.get('cp/r.txt');
    expect(current.content.toString()).toBe('old');
    expect((current.res.headers as Record<string, string>)['x-oss-meta-tag']).toBe('old');
    expect((await v(oss).getBucketVersions({ prefix: 'cp/' })).objects).toHaveLength(3);
  });

  it('suspended: new writes are the null version, replacing it; other versions stay', async () => {
    const oss = client();
    const kept = (await oss.put('sus/k', Buffer.from('kept'))).res.headers as Record<string, string>;
    await v(oss).putBucketVersioning(bucket, 'Suspended');
    const n1 = (await oss.put('sus/k', Buffer.from('n1'))).res.headers as Record<string, string>;
    expect(n1['x-oss-version-id']).toBe('null');
    await oss.put('sus/k', Buffer.from('n2'));
    const listed = await v(oss).getBucketVersions({ prefix: 'sus/' });
    expect(listed.objects.map((o) => o.versionId)).toEqual(['null', kept['x-oss-version-id']]);
    expect((await oss.get('sus/k', { versionId: 'null' } as OSS.GetObjectOptions)).content.toString()).toBe('n2');
    await v(oss).putBucketVersioning(bucket, 'Enabled');
  });

  it.runIf(fileBackend)('a restart keeps every version, marker and the state', async () => {
    const oss = client();
    const before = await v(oss).getBucketVersions({});
    await stop();
    await start();
    const after = await v(client()).getBucketVersions({});
    expect(after.objects).toEqual(before.objects.map((o) => ({ ...o, url: expect.any(String) })));
    expect(after.deleteMarker).toEqual(before.deleteMarker);
    expect((await v(client()).getBucketVersioning(bucket)).versionStatus).toBe('Enabled');
  });
});
