/**
 * Conformance: the official OSS Node SDK (ali-oss 6.23) against local-oss, once with V1
 * signatures and once with V4 (`authorizationV4: true`). If ali-oss can do all of this, local-oss
 * speaks OSS; if only our own client could, it would not.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OSS from 'ali-oss';
import { fetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../src/local-oss/backend/backend.js';
import { createFileBackend } from '../../src/local-oss/backend/file-backend.js';
import { startLocalOss, type LocalOss } from '../../src/local-oss/index.js';
import { loopbackDispatcher } from '../helpers/local-oss.js';
import { aliFailure, aliOssClient } from '../helpers/ali-oss.js';

const TRICKY_KEYS = [
  'a//b',
  'trailing/..x',
  '%2F',
  'crlf\r\nkey',
  '中'.repeat(341), // 1023 UTF-8 bytes
];

const DOT_SEGMENT_KEYS = ['../../etc/passwd', 'a/../b', './x'];

describe.each([
  { name: 'V1', authorizationV4: false, fileBackend: false },
  { name: 'V4', authorizationV4: true, fileBackend: false },
  // Why: the file backend is what `npm start` uses; ali-oss must work against it too.
  { name: 'V4-file', authorizationV4: true, fileBackend: true },
])('ali-oss $name against local-oss', ({ name, authorizationV4, fileBackend }) => {
  let store: LocalOss;
  let dir: string;
  let backend: Backend | undefined;
  const bucket = `conf-${name.toLowerCase()}`;
  const otherBucket = `conf-${name.toLowerCase()}-other`;
  const dispatcher = loopbackDispatcher();

  const client = (overrides: Partial<OSS.Options> = {}): OSS => aliOssClient(store, bucket, authorizationV4, overrides);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'local-oss-conf-'));
    backend = fileBackend ? await createFileBackend({ dataDir: join(dir, 'data') }) : undefined;
    store = await startLocalOss(backend !== undefined ? { backend } : {});
  });

  afterAll(async () => {
    await store.close();
    await backend?.close();
    await dispatcher.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('creates buckets and lists them', async () => {
    const oss = client();
    await oss.putBucket(bucket);
    await oss.putBucket(otherBucket);
    // Why: @types/ali-oss types listBuckets as Bucket[]; ali-oss 6.23 resolves { buckets, … }.
    const result = (await oss.listBuckets({})) as unknown as { buckets: Array<{ name: string }> | null };
    const names = (result.buckets ?? []).map((b) => b.name);
    expect(names).toEqual(expect.arrayContaining([bucket, otherBucket]));
    expect(store.stats.count('PutBucket')).toBeGreaterThanOrEqual(2);
  });

  it('puts with user metadata and system headers, and head returns all of them', async () => {
    const oss = client();
    const put = await oss.put('docs/readme.txt', Buffer.from('hello local-oss'), {
      mime: 'text/markdown',
      meta: { Author: 'alice', 'Project-Id': '42' } as unknown as OSS.UserMeta,
      headers: {
        'Cache-Control': 'max-age=60',
        'Content-Disposition': 'attachment; filename="readme.txt"',
        'Content-Encoding': 'identity',
        'Content-Language': 'en-GB',
        Expires: 'Wed, 21 Oct 2037 07:28:00 GMT',
      },
    });
    expect(put.res.status).toBe(200);
    const etag = (put.res.headers as Record<string, string>)['etag'];
    expect(etag).toMatch(/^"[0-9A-F]{32}"$/);

    const head = await oss.head('docs/readme.txt');
    const h = head.res.headers as Record<string, string>;
    expect(head.status).toBe(200);
    expect(head.meta).toEqual({ author: 'alice', 'project-id': '42' });
    expect(h['content-type']).toBe('text/markdown');
    expect(h['cache-control']).toBe('max-age=60');
    expect(h['content-disposition']).toBe('attachment; filename="readme.txt"');
    expect(h['content-encoding']).toBe('identity');
    expect(h['content-language']).toBe('en-GB');
    expect(h['expires']).toBe('Wed, 21 Oct 2037 07:28:00 GMT');
    expect(h['content-length']).toBe('15');
    expect(h['etag']).toBe(etag);
    expect(h['x-oss-object-type']).toBe('Normal');
    expect(h['x-oss-hash-crc64ecma']).toMatch(/^\d+$/);
    expect(h['x-oss-request-id']).toMatch(/^[0-9A-F]{24}$/);
  });

  it('getObjectMeta returns size, ETag and last access time', async () => {
    const oss = client();
    const before = store.stats.count('GetObjectMeta');
    // Why: getObjectMeta exists in ali-oss 6.23 but not in @types/ali-oss.
    const withMeta = oss as unknown as { getObjectMeta(name: string): Promise<{ status: number; res: { headers: unknown } }> };
    const meta = await withMeta.getObjectMeta('docs/readme.txt');
    const h = meta.res.headers as Record<string, string>;
    expect(meta.status).toBe(200);
    expect(h['content-length']).toBe('15');
    expect(h['etag']).toMatch(/^"[0-9A-F]{32}"$/);
    expect(h['x-oss-last-access-time']).toBeTruthy();
    expect(h['x-oss-meta-author']).toBeUndefined();
    expect(store.stats.count('GetObjectMeta')).toBe(before + 1);
  });

  it('gets whole and ranged content', async () => {
    const oss = client();
    const whole = await oss.get('docs/readme.txt');
    expect(Buffer.from(whole.content).toString()).toBe('hello local-oss');
    const ranged = await oss.get('docs/readme.txt', { headers: { Range: 'bytes=6-10' } });
    expect(ranged.res.status).toBe(206);
    expect(Buffer.from(ranged.content).toString()).toBe('local');
  });

  it('copies between keys and buckets, keeping or replacing metadata', async () => {
    const oss = client();
    const kept = await oss.copy('docs/copy.txt', 'docs/readme.txt');
    expect(kept.res.status).toBe(200);
    const keptHead = await oss.head('docs/copy.txt');
    expect(keptHead.meta).toEqual({ author: 'alice', 'project-id': '42' });
    expect((keptHead.res.headers as Record<string, string>)['content-type']).toBe('text/markdown');

    await oss.copy('copied.txt', 'docs/readme.txt', bucket);
    const crossHead = await client({ bucket: otherBucket }).copy('from-other.txt', 'docs/readme.txt', bucket);
    expect(crossHead.res.status).toBe(200);
    const other = await client({ bucket: otherBucket }).head('from-other.txt');
    expect(other.meta).toEqual({ author: 'alice', 'project-id': '42' });

    await oss.copy('docs/replaced.txt', 'docs/readme.txt', {
      meta: { Reviewer: 'bob' } as unknown as OSS.UserMeta,
      headers: { 'Content-Type': 'text/plain' },
    });
    const replaced = await oss.head('docs/replaced.txt');
    expect(replaced.meta).toEqual({ reviewer: 'bob' });
    const rh = replaced.res.headers as Record<string, string>;
    expect(rh['content-type']).toBe('text/plain');
    expect(rh['cache-control']).toBeUndefined();
    const source = await oss.head('docs/readme.txt');
    expect(rh['etag']).toBe((source.res.headers as Record<string, string>)['etag']);
    expect(rh['x-oss-hash-crc64ecma']).toBe((source.res.headers as Record<string, string>)['x-oss-hash-crc64ecma']);
    expect(store.stats.count('CopyObject')).toBeGreaterThanOrEqual(4);
  });

  it('putMeta replaces the user metadata in place', async () => {
    const oss = client();
    await oss.put('docs/meta.txt', Buffer.from('meta'), { meta: { a: '1' } as unknown as OSS.UserMeta });
    const before = await oss.head('docs/meta.txt');
    await oss.putMeta('docs/meta.txt', { b: '2' } as unknown as OSS.UserMeta, {});
    const after = await oss.head('docs/meta.txt');
    expect(after.meta).toEqual({ b: '2' });
    expect((after.res.headers as Record<string, string>)['etag']).toBe((before.res.headers as Record<string, string>)['etag']);
    expect(Buffer.from((await oss.get('docs/meta.txt')).content).toString()).toBe('meta');
  });

  it('getACL reads the object ACL put sets; putMeta (a REPLACE copy without it) resets it to default', async () => {
    const oss = client();
    await oss.put('docs/acl.txt', Buffer.from('acl'), { headers: { 'x-oss-object-acl': 'public-read' } });
    const before = store.stats.count('GetObjectAcl');
    const read = await oss.getACL('docs/acl.txt');
    expect(read.acl).toBe('public-read');
    expect((read as unknown as { owner: { id: string } }).owner.id).toBe('local-oss');
    expect(store.stats.count('GetObjectAcl')).toBe(before + 1);
    await oss.putMeta('docs/acl.txt', { a: '1' } as unknown as OSS.UserMeta, {});
    expect((await oss.getACL('docs/acl.txt')).acl).toBe('default');
  });

  it('multipartUpload assembles a multi-part file with metadata', async () => {
    const oss = client();
    const file = join(dir, `big-${name}.bin`);
    const data = Buffer.alloc(350 * 1024);
    for (let i = 0; i < data.length; i++) data[i] = (i * 31 + 7) & 0xff;
    await writeFile(file, data);
    const before = store.stats.count('UploadPart');
    const result = await oss.multipartUpload('big/file.bin', file, {
      partSize: 100 * 1024,
      mime: 'application/x-test',
      meta: { Kind: 'multipart' } as unknown as OSS.UserMeta,
    });
    expect(result.res.status).toBe(200);
    expect(store.stats.count('UploadPart') - before).toBe(4);
    const head = await oss.head('big/file.bin');
    const h = head.res.headers as Record<string, string>;
    expect(head.meta).toEqual({ kind: 'multipart' });
    expect(h['content-type']).toBe('application/x-test');
    expect(h['content-length']).toBe(String(data.length));
    expect(h['etag']).toMatch(/^"[0-9A-F]{32}-4"$/);
    expect(h['x-oss-object-type']).toBe('Multipart');
    const got = await oss.get('big/file.bin');
    expect(Buffer.compare(Buffer.from(got.content), data)).toBe(0);
  });

  it('lists with prefix, delimiter and pagination (list and listV2)', async () => {
    const oss = client();
    for (const key of ['list/a.txt', 'list/b.txt', 'list/c/1.txt', 'list/c/2.txt', 'list/d.txt']) {
      await oss.put(key, Buffer.from(key));
    }
    const page1 = await oss.list({ prefix: 'list/', delimiter: '/', 'max-keys': 2 }, {});
    expect((page1.objects ?? []).map((o) => o.name)).toEqual(['list/a.txt', 'list/b.txt']);
    expect(page1.isTruncated).toBe(true);
    const page2 = await oss.list({ prefix: 'list/', delimiter: '/', 'max-keys': 2, marker: page1.nextMarker ?? '' }, {});
    expect(page2.prefixes).toEqual(['list/c/']);
    expect((page2.objects ?? []).map((o) => o.name)).toEqual(['list/d.txt']);
    expect(page2.isTruncated).toBe(false);

    const seen: string[] = [];
    let token: string | undefined;
    for (;;) {
      const page = await oss.listV2(
        { prefix: 'list/', 'max-keys': '2', ...(token !== undefined ? { 'continuation-token': token } : {}) },
        {},
      );
      seen.push(...(page.objects ?? []).map((o) => o.name));
      if (!page.isTruncated) break;
      token = page.nextContinuationToken;
    }
    expect(seen).toEqual(['list/a.txt', 'list/b.txt', 'list/c/1.txt', 'list/c/2.txt', 'list/d.txt']);
    const grouped = await oss.listV2({ prefix: 'list/', delimiter: '/' }, {});
    expect(grouped.prefixes).toEqual(['list/c/']);
  });

  it('deletes objects', async () => {
    const oss = client();
    await oss.put('docs/gone.txt', Buffer.from('x'));
    const deleted = await oss.delete('docs/gone.txt');
    expect(deleted.res.status).toBe(204);
    expect((await aliFailure(oss.head('docs/gone.txt'))).code).toBe('NoSuchKey');
  });

  it('presigned GET and PUT URLs work with fetch', async () => {
    // Why: ali-oss refuses to presign for an IP endpoint, so presign for localhost and let the
    // loopback dispatcher connect `bucket.localhost` to 127.0.0.1.
    const presigner = client({ endpoint: `http://localhost:${store.port}` });
    const putUrl = authorizationV4
      ? await presigner.signatureUrlV4('PUT', 600, { headers: { 'Content-Type': 'text/plain' } }, 'signed/up.txt')
      : presigner.signatureUrl('signed/up.txt', { method: 'PUT', 'Content-Type': 'text/plain' } as OSS.SignatureUrlOptions);
    const put = await fetch(putUrl, {
      method: 'PUT',
      body: Buffer.from('uploaded via url'),
      headers: { 'Content-Type': 'text/plain' },
      dispatcher,
    });
    expect(put.status).toBe(200);
    const getUrl = authorizationV4
      ? await presigner.signatureUrlV4('GET', 600, undefined, 'signed/up.txt')
      : presigner.signatureUrl('signed/up.txt', { expires: 600 });
    const got = await fetch(getUrl, { dispatcher });
    expect(got.status).toBe(200);
    expect(await got.text()).toBe('uploaded via url');
    const tampered = await fetch(getUrl.replace('signed/up.txt', 'signed/other.txt'), { dispatcher });
    expect(tampered.status).toBe(403);
    expect(await tampered.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
  });

  it('a wrong secret gives SignatureDoesNotMatch', async () => {
    const wrong = client({ accessKeySecret: 'not-the-secret' });
    const error = await aliFailure(wrong.get('docs/readme.txt'));
    expect(error.status).toBe(403);
    expect(error.code).toBe('SignatureDoesNotMatch');
  });

  it('a missing key gives NoSuchKey via head and get', async () => {
    const oss = client();
    const viaHead = await aliFailure(oss.head('no/such/key'));
    expect(viaHead.status).toBe(404);
    expect(viaHead.code).toBe('NoSuchKey');
    const viaGet = await aliFailure(oss.get('no/such/key'));
    expect(viaGet.status).toBe(404);
    expect(viaGet.code).toBe('NoSuchKey');
  });

  it('a missing bucket gives NoSuchBucket', async () => {
    const oss = client({ bucket: 'no-such-bucket-here' });
    expect((await aliFailure(oss.get('k'))).code).toBe('NoSuchBucket');
    expect((await aliFailure(oss.listV2({}, {}))).code).toBe('NoSuchBucket');
  });

  it('tricky keys round-trip exactly through put, head, list and get', async () => {
    const oss = client();
    const before = store.stats.snapshot();
    for (const key of TRICKY_KEYS) {
      const body = Buffer.from(`body of ${JSON.stringify(key)}`);
      await oss.put(key, body);
      const head = await oss.head(key);
      expect((head.res.headers as Record<string, string>)['content-length']).toBe(String(body.length));
      const got = await oss.get(key);
      expect(Buffer.from(got.content).equals(body)).toBe(true);
      const listed = await oss.listV2({ prefix: key, 'max-keys': '10' }, {});
      expect((listed.objects ?? []).map((o) => o.name)).toContain(key);
    }
    const after = store.stats.snapshot();
    const delta = (op: string): number => (after[op] ?? 0) - (before[op] ?? 0);
    expect(delta('PutObject')).toBe(TRICKY_KEYS.length);
    expect(delta('HeadObject')).toBe(TRICKY_KEYS.length);
    expect(delta('GetObject')).toBe(TRICKY_KEYS.length);
    expect(delta('ListObjectsV2')).toBe(TRICKY_KEYS.length);
    const records = await Promise.all(TRICKY_KEYS.map((k) => store.backend.headObject(bucket, k)));
    expect(records.map((r) => r?.key)).toEqual(TRICKY_KEYS);
  });

  it('dot-segment keys that ali-oss cannot send are refused, never stored under another name', async () => {
    // Why: ali-oss (urllib) removes `.`/`..` segments from the URL path after signing the raw key,
    // so it sends `/etc/passwd` signed as `../../etc/passwd`. Real OSS answers
    // SignatureDoesNotMatch too; what must not happen is a write to `etc/passwd`. The round trip
    // of these keys with percent-encoded dots is in test/integration/local-oss/tricky-keys.test.ts.
    const oss = client();
    for (const key of DOT_SEGMENT_KEYS) {
      expect((await aliFailure(oss.put(key, Buffer.from('x')))).code).toBe('SignatureDoesNotMatch');
    }
    expect(await store.backend.headObject(bucket, 'etc/passwd')).toBeUndefined();
    expect(await store.backend.headObject(bucket, 'b')).toBeUndefined();
    expect(await store.backend.headObject(bucket, 'x')).toBeUndefined();
  });
});
