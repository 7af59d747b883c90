/**
 * Conformance, wave 2 (issues 9 and 13): ali-oss 6.23, an SDK no one here wrote, against
 * local-oss for ListMultipartUploads and the protocol fixes of issue 13, on the memory and the
 * file backend with V4 signatures (and V1 where the signature version matters).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OSS from 'ali-oss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../src/local-oss/backend/backend.js';
import { createFileBackend } from '../../src/local-oss/backend/file-backend.js';
import { startLocalOss, type LocalOss } from '../../src/local-oss/index.js';
import { pngOf } from '../helpers/tiny-images.js';
import { aliFailure, aliOssClient } from '../helpers/ali-oss.js';

/** The tagging methods of ali-oss 6.23, which @types/ali-oss does not declare. */
interface AliTagging {
  putObjectTagging(name: string, tag: Record<string, string>): Promise<unknown>;
  getObjectTagging(name: string): Promise<{ tag: Record<string, string> }>;
  deleteObjectTagging(name: string): Promise<unknown>;
}

const tagging = (oss: OSS): AliTagging => oss as unknown as AliTagging;

interface ListUploadsResult {
  uploads: Array<{ name: string; uploadId: string; initiated: string }>;
  bucket: string;
  nextKeyMarker: string;
  nextUploadIdMarker: string;
  isTruncated: boolean;
}

describe.each([
  { name: 'V1', authorizationV4: false, fileBackend: false },
  { name: 'V4-file', authorizationV4: true, fileBackend: true },
])('ali-oss $name: wave-2 fidelity', ({ name, authorizationV4, fileBackend }) => {
  let store: LocalOss;
  let dir: string;
  let backend: Backend | undefined;
  const bucket = `fid-${name.toLowerCase()}`;

  const client = (overrides: Partial<OSS.Options> = {}): OSS => aliOssClient(store, bucket, authorizationV4, overrides);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'local-oss-fid-'));
    backend = fileBackend ? await createFileBackend({ dataDir: join(dir, 'data') }) : undefined;
    store = await startLocalOss({ ...(backend !== undefined ? { backend } : {}), buckets: [bucket] });
  });

  afterAll(async () => {
    await store.close();
    await backend?.close();
    await rm(dir, { recursive: true, force: true });
  });

  describe('issue 13 protocol bugs', () => {
    it('1. deleteMulti deletes exactly the keys sent (%, +, control characters), never a decoded look-alike', async () => {
      const oss = client();
      const targets = ['dm/pct%41.txt', 'dm/a+b%2B c', 'dm/ctl\u0001\u001f.txt', 'dm/cr\rlf\n.txt', "dm/q'\"<&>"];
      const lookAlikes = ['dm/pctA.txt', 'dm/a b+ c', 'dm/ctl.txt', 'dm/cr\nlf\n.txt', 'dm/a+b+ c'];
      for (const key of [...targets, ...lookAlikes]) await oss.put(key, Buffer.from(key));
      const result = (await oss.deleteMulti(targets, { quiet: false })) as unknown as { deleted: Array<string | { Key: string }> };
      const deleted = result.deleted.map((d) => (typeof d === 'string' ? d : d.Key));
      expect(deleted).toEqual(targets);
      for (const key of targets) expect((await aliFailure(oss.head(key))).status).toBe(404);
      for (const key of lookAlikes) expect((await oss.head(key)).status).toBe(200);
      // Quiet mode: an empty 200 when everything was deleted; the keys are gone.
      const quiet = await oss.deleteMulti(lookAlikes, { quiet: true });
      expect(quiet.res.status).toBe(200);
      for (const key of lookAlikes) expect((await aliFailure(oss.head(key))).status).toBe(404);
    });

    it('3. an unknown access key gets 404 NoSuchBucket for a missing bucket and 403 InvalidAccessKeyId for an existing one', async () => {
      const stranger = client({ accessKeyId: 'unknown-ak', accessKeySecret: 'whatever' });
      const missing = await aliFailure(stranger.getBucketInfo('no-such-bucket-13'));
      expect([missing.status, missing.code]).toEqual([404, 'NoSuchBucket']);
      const existing = await aliFailure(stranger.get('some/key'));
      expect([existing.status, existing.code]).toEqual([403, 'InvalidAccessKeyId']);
    });

    it('4. an unimplemented sub-resource on a missing bucket is 404 NoSuchBucket (the "bucket exists?" probe), after auth on an existing one', async () => {
      const oss = client();
      const missing = await aliFailure(oss.getBucketACL('no-such-bucket-13'));
      expect([missing.status, missing.code]).toEqual([404, 'NoSuchBucket']);
      const stranger = client({ accessKeyId: 'unknown-ak', accessKeySecret: 'whatever' });
      const unauthenticated = await aliFailure(stranger.getBucketACL(bucket));
      expect([unauthenticated.status, unauthenticated.code]).toEqual([403, 'InvalidAccessKeyId']);
      const unimplemented = await aliFailure(oss.getBucketACL(bucket));
      expect([unimplemented.status, unimplemented.code]).toEqual([501, 'NotImplemented']);
    });

    it('5. listBuckets honours max-keys and marker and says IsTruncated', async () => {
      const oss = client();
      const names = [`${bucket}-lb-a`, `${bucket}-lb-b`, `${bucket}-lb-c`];
      for (const n of names) await oss.putBucket(n);
      const seen: string[] = [];
      let marker: string | undefined;
      for (let page = 0; page < 10; page++) {
        const result = (await oss.listBuckets({ prefix: `${bucket}-lb-`, 'max-keys': 2, ...(marker !== undefined ? { marker } : {}) } as never)) as unknown as {
          buckets: Array<{ name: string }> | null;
          isTruncated: boolean;
          nextMarker: string | null;
        };
        const got = (result.buckets ?? []).map((b) => b.name);
        expect(got.length).toBeLessThanOrEqual(2);
        seen.push(...got);
        if (!result.isTruncated) break;
        expect(result.nextMarker).toBe(got.at(-1));
        marker = result.nextMarker as string;
      }
      expect(seen).toEqual(names);
      for (const n of names) await oss.deleteBucket(n);
    });

    it('6. copy with REPLACE and no Content-Type keeps the source type (ali-oss sends none for a key without extension)', async () => {
      const oss = client();
      await oss.put('ct/source.txt', Buffer.from('typed'), { mime: 'text/x-custom' });
      await oss.copy('ct/dest-without-extension', 'ct/source.txt', { meta: { edited: 'yes' } } as unknown as OSS.CopyObjectOptions);
      const head = await oss.head('ct/dest-without-extension');
      expect((head.res.headers as Record<string, string>)['content-type']).toBe('text/x-custom');
      expect(head.meta).toEqual({ edited: 'yes' });
    });

    it('7. getBucketInfo keeps the StorageClass and ACL given at putBucket and has the other info fields', async () => {
      const oss = client();
      const name = `${bucket}-info`;
      await oss.putBucket(name, { StorageClass: 'IA', acl: 'public-read' } as never);
      const info = (await oss.getBucketInfo(name)) as unknown as { bucket: Record<string, unknown> };
      expect(info.bucket).toMatchObject({
        Name: name,
        StorageClass: 'IA',
        Location: 'oss-cn-hangzhou',
        AccessMonitor: 'Disabled',
        DataRedundancyType: 'LRS',
        TransferAcceleration: 'Disabled',
        CrossRegionReplication: 'Disabled',
        AccessControlList: { Grant: 'public-read' },
        ServerSideEncryptionRule: { SSEAlgorithm: 'None' },
      });
      expect(Number.isNaN(Date.parse(String(info.bucket['CreationDate'])))).toBe(false);
      // Creating it again keeps the settings (PutBucket is idempotent for its owner).
      await oss.putBucket(name);
      expect(((await oss.getBucketInfo(name)) as unknown as { bucket: { StorageClass: string } }).bucket.StorageClass).toBe('IA');
      const listed = (await oss.listBuckets({ prefix: name } as never)) as unknown as { buckets: Array<{ name: string; StorageClass?: string; storageClass?: string }> };
      expect(listed.buckets.map((b) => b.StorageClass ?? b.storageClass)).toEqual(['IA']);
      await oss.deleteBucket(name);
    });
  });

  describe('object ACL (putACL / getACL)', () => {
    it('round-trips the four values; a fresh object reports default', async () => {
      const oss = client();
      await oss.put('acl/obj.txt', Buffer.from('acl body'));
      expect((await oss.getACL('acl/obj.txt')).acl).toBe('default');
      for (const acl of ['private', 'public-read', 'public-read-write', 'default'] as const) {
        await oss.putACL('acl/obj.txt', acl as OSS.ACLType);
        expect((await oss.getACL('acl/obj.txt')).acl).toBe(acl);
      }
      expect(Buffer.from((await oss.get('acl/obj.txt')).content as Buffer).toString()).toBe('acl body');
      const missing = await aliFailure(oss.putACL('acl/missing.txt', 'private'));
      expect([missing.status, missing.code]).toEqual([404, 'NoSuchKey']);
    });
  });

  describe('object tagging', () => {
    it('put / get / delete tags; x-oss-tagging on put and the copy tagging directive', async () => {
      const oss = client();
      await oss.put('tags/obj.txt', Buffer.from('tagged'), { headers: { 'x-oss-tagging': 'a=1&b=two%20words' } });
      expect((await tagging(oss).getObjectTagging('tags/obj.txt')).tag).toEqual({ a: '1', b: 'two words' });
      const head = await oss.head('tags/obj.txt');
      expect((head.res.headers as Record<string, string>)['x-oss-tagging-count']).toBe('2');
      const lastModified = (head.res.headers as Record<string, string>)['last-modified'];

      await tagging(oss).putObjectTagging('tags/obj.txt', { project: 'ossgraph', 'x:y': 'p+q=r' });
      expect((await tagging(oss).getObjectTagging('tags/obj.txt')).tag).toEqual({ project: 'ossgraph', 'x:y': 'p+q=r' });
      expect(((await oss.head('tags/obj.txt')).res.headers as Record<string, string>)['last-modified']).toBe(lastModified);

      await oss.copy('tags/copied.txt', 'tags/obj.txt');
      expect((await tagging(oss).getObjectTagging('tags/copied.txt')).tag).toEqual({ project: 'ossgraph', 'x:y': 'p+q=r' });
      await oss.copy('tags/replaced.txt', 'tags/obj.txt', { headers: { 'x-oss-tagging-directive': 'Replace', 'x-oss-tagging': 'n=1' } });
      expect((await tagging(oss).getObjectTagging('tags/replaced.txt')).tag).toEqual({ n: '1' });

      await tagging(oss).deleteObjectTagging('tags/obj.txt');
      expect((await tagging(oss).getObjectTagging('tags/obj.txt')).tag).toEqual({});
      const head2 = await oss.head('tags/obj.txt');
      expect((head2.res.headers as Record<string, string>)['x-oss-tagging-count']).toBeUndefined();
    });

    it('refuses a malformed x-oss-tagging header and writes nothing (limits: see protocol-fidelity, ali-oss checks them itself)', async () => {
      const oss = client();
      for (const value of ['aa=bb=cc', 'a=1&a=2', 'bad;key=1']) {
        const malformed = await aliFailure(oss.put('tags/bad.txt', Buffer.from('x'), { headers: { 'x-oss-tagging': value } }));
        expect(malformed.status, value).toBe(400);
        expect(['InvalidArgument', 'InvalidTaggingKey']).toContain(malformed.code);
      }
      expect((await aliFailure(oss.head('tags/bad.txt'))).status).toBe(404);
    });
  });

  describe('image info (x-oss-process=image/info)', () => {
    it('answers OSS JSON computed from the bytes (ali-oss signs x-oss-process in V1 and V4)', async () => {
      const oss = client();
      const png = pngOf(123, 45);
      await oss.put('img/pic.png', png);
      const got = await oss.get('img/pic.png', { process: 'image/info' } as OSS.GetObjectOptions);
      expect(JSON.parse(Buffer.from(got.content as Buffer).toString('utf8'))).toEqual({
        FileSize: { value: String(png.length) },
        Format: { value: 'png' },
        ImageHeight: { value: '45' },
        ImageWidth: { value: '123' },
      });
      const text = await aliFailure(oss.get('img/missing.png', { process: 'image/info' } as OSS.GetObjectOptions));
      expect([text.status, text.code]).toEqual([404, 'NoSuchKey']);
    });
  });

  describe('AppendObject (append)', () => {
    it('appends at nextAppendPosition and refuses a wrong position', async () => {
      const oss = client();
      const first = (await oss.append('app/ali.log', Buffer.from('one;'))) as unknown as { nextAppendPosition: string };
      expect(first.nextAppendPosition).toBe('4');
      const second = (await oss.append('app/ali.log', Buffer.from('two;'), { position: first.nextAppendPosition } as OSS.AppendObjectOptions)) as unknown as {
        nextAppendPosition: string;
      };
      expect(second.nextAppendPosition).toBe('8');
      expect(Buffer.from((await oss.get('app/ali.log')).content as Buffer).toString()).toBe('one;two;');
      const head = await oss.head('app/ali.log');
      expect((head.res.headers as Record<string, string>)['x-oss-object-type']).toBe('Appendable');
      const wrong = await aliFailure(oss.append('app/ali.log', Buffer.from('x'), { position: '3' } as OSS.AppendObjectOptions));
      expect([wrong.status, wrong.code]).toEqual([409, 'PositionNotEqualToLength']);
    });
  });

  describe('RestoreObject (restore)', () => {
    it('202 on the first request, 409 RestoreAlreadyInProgress while restoring, x-oss-restore on head, 403 on get', async () => {
      const oss = client();
      await oss.put('cold/ali.bin', Buffer.from('frozen'), { headers: { 'x-oss-storage-class': 'Archive' } });
      const frozen = await aliFailure(oss.get('cold/ali.bin'));
      expect([frozen.status, frozen.code]).toEqual([403, 'InvalidObjectState']);
      const started = await oss.restore('cold/ali.bin');
      expect((started as unknown as { res: { status: number } }).res.status).toBe(202);
      const again = await aliFailure(oss.restore('cold/ali.bin'));
      expect([again.status, again.code]).toEqual([409, 'RestoreAlreadyInProgress']);
      const head = await oss.head('cold/ali.bin');
      expect((head.res.headers as Record<string, string>)['x-oss-restore']).toBe('ongoing-request="true"');
      const standard = await aliFailure(oss.restore('acl/obj.txt'));
      expect([standard.status, standard.code]).toEqual([400, 'OperationNotSupported']);
    });
  });

  describe('symlinks (putSymlink / getSymlink)', () => {
    it('round-trips a target with non-ASCII and spaces; get and head of the link serve the target', async () => {
      const oss = client();
      await oss.put('sym/tärget x.txt', Buffer.from('through the link'), { mime: 'text/plain' });
      await oss.putSymlink('sym/link', 'sym/tärget x.txt', { meta: { kind: 'link' } } as never);
      const link = (await oss.getSymlink('sym/link')) as unknown as { targetName: string; meta?: Record<string, string> };
      expect(link.targetName).toBe('sym/tärget x.txt');
      expect(Buffer.from((await oss.get('sym/link')).content as Buffer).toString()).toBe('through the link');
      const head = await oss.head('sym/link');
      const h = head.res.headers as Record<string, string>;
      expect([h['x-oss-object-type'], h['content-length']]).toEqual(['Symlink', '16']);
      expect(head.meta).toEqual({ kind: 'link' });
      await oss.putSymlink('sym/dangling', 'sym/none');
      const dangling = await aliFailure(oss.get('sym/dangling'));
      expect([dangling.status, dangling.code]).toEqual([404, 'SymlinkTargetNotExist']);
    });
  });

  describe('ListMultipartUploads (listUploads)', () => {
    const created: Array<{ key: string; uploadId: string }> = [];

    it('lists uploads by key then upload id, and pages with max-uploads, key-marker and upload-id-marker', async () => {
      const oss = client();
      for (const key of ['up/b', 'up/a', 'up/a', 'up/dir/x', 'up/c d+e%']) {
        const init = await oss.initMultipartUpload(key);
        created.push({ key, uploadId: init.uploadId });
      }
      const expected = [...created].sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : x.uploadId < y.uploadId ? -1 : 1));
      const all = (await oss.listUploads({ prefix: 'up/' })) as unknown as ListUploadsResult;
      expect(all.isTruncated).toBe(false);
      expect(all.bucket).toBe(bucket);
      expect(all.uploads.map((u) => ({ key: u.name, uploadId: u.uploadId }))).toEqual(expected);
      expect(all.uploads.every((u) => !Number.isNaN(Date.parse(u.initiated)))).toBe(true);

      const seen: string[] = [];
      let query: Record<string, string> = { prefix: 'up/', 'max-uploads': '2' };
      for (let page = 0; page < 10; page++) {
        const result = (await oss.listUploads(query)) as unknown as ListUploadsResult;
        seen.push(...result.uploads.map((u) => u.uploadId));
        if (!result.isTruncated) break;
        query = { prefix: 'up/', 'max-uploads': '2', 'key-marker': result.nextKeyMarker, 'upload-id-marker': result.nextUploadIdMarker };
      }
      expect(seen).toEqual(expected.map((u) => u.uploadId));
    });

    it('rolls keys into common prefixes with a delimiter', async () => {
      const oss = client();
      const result = (await oss.listUploads({ prefix: 'up/', delimiter: '/' } as OSS.ListUploadsQuery)) as unknown as ListUploadsResult;
      expect(result.uploads.map((u) => u.name)).toEqual(['up/a', 'up/a', 'up/b', 'up/c d+e%']);
    });

    it('no longer lists an aborted upload', async () => {
      const oss = client();
      const first = created[0] as { key: string; uploadId: string };
      await oss.abortMultipartUpload(first.key, first.uploadId);
      const result = (await oss.listUploads({ prefix: 'up/' })) as unknown as ListUploadsResult;
      expect(result.uploads.map((u) => u.uploadId)).not.toContain(first.uploadId);
      expect(result.uploads).toHaveLength(created.length - 1);
      const gone = await aliFailure(oss.abortMultipartUpload(first.key, first.uploadId));
      expect(gone.status).toBe(404);
      expect(gone.code).toBe('NoSuchUpload');
    });
  });
});
