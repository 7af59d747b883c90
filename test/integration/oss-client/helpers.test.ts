import { Readable } from 'node:stream';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { crc64, formatCrc64 } from '../../../src/oss/checksum/crc64.js';
import { OssInvalidArgumentError, isNotFoundError, isPreconditionFailedError } from '../../../src/oss/errors.js';
import { createCopier } from '../../../src/oss/helpers/copier.js';
import { createMetadataEditor } from '../../../src/oss/helpers/metadata-editor.js';
import { createPresigner } from '../../../src/oss/helpers/presigner.js';
import { createUploader } from '../../../src/oss/helpers/uploader.js';
import { deterministicBytes } from '../../helpers/deterministic-bytes.js';
import { useLocalOss } from './support.js';

const h = useLocalOss();
const bucket = 'test-bucket';
const KiB = 1024;
const small = { threshold: 256 * KiB, partSize: 100 * KiB, parallel: 3 };

/** The six system headers, with values that show any change (quotes, commas, UTF-8 bytes as latin1). */
const sixHeaders = {
  contentType: 'text/csv; charset="utf-8"',
  contentLanguage: 'de-CH, en;q=0.5',
  contentEncoding: 'identity',
  contentDisposition: 'inline; filename="a,b;c.csv"',
  cacheControl: 'public, max-age=31536000, immutable',
  expires: 'Thu, 01 Jan 2099 00:00:00 GMT',
};
const sixNames = ['content-type', 'content-language', 'content-encoding', 'content-disposition', 'cache-control', 'expires'] as const;

async function download(key: string): Promise<Buffer> {
  return Buffer.from(await (await h.api.getObject({ bucket, key })).body.bytes());
}

describe('uploader', () => {
  it('uses one PutObject below the part size', async () => {
    h.store.stats.reset();
    const result = await createUploader(h.api, small).upload({ bucket, key: 'up/small', body: deterministicBytes(50 * KiB) });
    expect(result.method).toBe('single');
    expect(h.store.stats.snapshot()).toEqual({ PutObject: 1 });
  });

  it('uploads multipart above the part size with parallel parts and a checked CRC', async () => {
    const data = deterministicBytes(550 * KiB, 11);
    h.store.stats.reset();
    const result = await createUploader(h.api, small).upload({ bucket, key: 'up/big', body: data, contentType: 'application/x-big', metadata: { k: 'v' } });
    expect(result.method).toBe('multipart');
    expect(result.hashCrc64).toBe(formatCrc64(crc64(data)));
    expect(h.store.stats.snapshot()).toEqual({ InitiateMultipartUpload: 1, UploadPart: 6, CompleteMultipartUpload: 1 });
    expect(Buffer.compare(await download('up/big'), data)).toBe(0);
    expect(await h.api.headObject({ bucket, key: 'up/big' })).toMatchObject({ contentType: 'application/x-big', metadata: { k: 'v' }, contentLength: data.length });
  });

  it('uploads a stream of unknown size multipart', async () => {
    const data = deterministicBytes(333 * KiB, 12);
    const chunks = Array.from({ length: 37 }, (_, i) => data.subarray(i * 9300, (i + 1) * 9300));
    const result = await createUploader(h.api, small).upload({
      bucket,
      key: 'up/stream',
      body: { stream: () => Readable.from(chunks.filter((c) => c.length > 0)), replayable: false },
    });
    expect(result.method).toBe('multipart');
    expect(result.hashCrc64).toBe(formatCrc64(crc64(data)));
    expect(Buffer.compare(await download('up/stream'), data)).toBe(0);
  });

  it('aborts the upload when a part fails', async () => {
    h.store.stats.reset();
    const failing = { ...h.api, uploadPart: (...args: Parameters<typeof h.api.uploadPart>) => (args[0].partNumber === 2 ? Promise.reject(new Error('boom')) : h.api.uploadPart(...args)) };
    await expect(createUploader(failing, small).upload({ bucket, key: 'up/failed', body: deterministicBytes(300 * KiB) })).rejects.toThrow('boom');
    expect(h.store.stats.count('AbortMultipartUpload')).toBe(1);
    expect(isNotFoundError(await h.api.headObject({ bucket, key: 'up/failed' }).catch((e: unknown) => e))).toBe(true);
  });
});

describe('copier', () => {
  it('copies below the threshold with one CopyObject, keeping metadata', async () => {
    await h.api.putObject({ bucket, key: 'cp/src-small', body: deterministicBytes(10 * KiB), metadata: { a: '1' }, ...sixHeaders });
    h.store.stats.reset();
    const result = await createCopier(h.api, small).copy({ bucket, key: 'cp/dst-small', sourceKey: 'cp/src-small' });
    expect(result.method).toBe('single');
    expect(h.store.stats.snapshot()).toEqual({ HeadObject: 1, CopyObject: 1 });
    expect(await h.api.headObject({ bucket, key: 'cp/dst-small' })).toMatchObject({ metadata: { a: '1' }, ...sixHeaders });
  });

  it('copies above the threshold with parallel UploadPartCopy, carrying every system header and metadata', async () => {
    const data = deterministicBytes(700 * KiB, 21);
    await h.api.putObject({ bucket, key: 'cp/src-big', body: data, metadata: { a: '1', b: 'two' }, storageClass: 'IA', ...sixHeaders });
    const source = await h.api.headObject({ bucket, key: 'cp/src-big' });
    h.store.stats.reset();
    const result = await createCopier(h.api, small).copy({ bucket, key: 'cp/dst-big', sourceKey: 'cp/src-big' });
    expect(result.method).toBe('multipart');
    // The second HEAD re-reads the source right before CompleteMultipartUpload.
    expect(h.store.stats.snapshot()).toEqual({ HeadObject: 2, InitiateMultipartUpload: 1, UploadPartCopy: 7, CompleteMultipartUpload: 1 });
    expect(result.hashCrc64).toBe(source.hashCrc64);
    const copied = await h.api.headObject({ bucket, key: 'cp/dst-big' });
    for (const name of sixNames) expect(copied.headers[name]).toBe(source.headers[name]);
    expect(copied.metadata).toEqual({ a: '1', b: 'two' });
    expect(copied.storageClass).toBe('IA');
    expect(Buffer.compare(await download('cp/dst-big'), data)).toBe(0);
  });

  it('REPLACE above the threshold uses only the given metadata', async () => {
    await createCopier(h.api, small).copy({ bucket, key: 'cp/dst-replaced', sourceKey: 'cp/src-big', metadataDirective: 'REPLACE', metadata: { only: 'this' }, contentType: 'x/y' });
    const copied = await h.api.headObject({ bucket, key: 'cp/dst-replaced' });
    expect(copied.metadata).toEqual({ only: 'this' });
    expect(copied.contentType).toBe('x/y');
    expect(copied.cacheControl).toBeUndefined();
  });

  it('checks the caller’s source conditions before starting a multipart copy', async () => {
    h.store.stats.reset();
    const error = await createCopier(h.api, small)
      .copy({ bucket, key: 'cp/never', sourceKey: 'cp/src-big', copySourceIfUnmodifiedSince: new Date('2000-01-01T00:00:00Z') })
      .catch((e: unknown) => e);
    expect(isPreconditionFailedError(error)).toBe(true);
    expect(h.store.stats.snapshot()).toEqual({ HeadObject: 1 });
  });

  it('aborts a multipart copy when the source changes under it', async () => {
    h.store.stats.reset();
    let copies = 0;
    const racing = {
      ...h.api,
      uploadPartCopy: async (...args: Parameters<typeof h.api.uploadPartCopy>) => {
        if (++copies === 3) await h.api.putObject({ bucket, key: 'cp/src-moving', body: deterministicBytes(700 * KiB, 99) });
        return h.api.uploadPartCopy(...args);
      },
    };
    await h.api.putObject({ bucket, key: 'cp/src-moving', body: deterministicBytes(700 * KiB, 98) });
    const error = await createCopier(racing, { ...small, parallel: 1 })
      .copy({ bucket, key: 'cp/never', sourceKey: 'cp/src-moving' })
      .catch((e: unknown) => e);
    expect(isPreconditionFailedError(error)).toBe(true);
    expect(h.store.stats.count('AbortMultipartUpload')).toBe(1);
    expect(h.store.stats.count('CompleteMultipartUpload')).toBe(0);
    expect(isNotFoundError(await h.api.headObject({ bucket, key: 'cp/never' }).catch((e: unknown) => e))).toBe(true);
  });
});

describe('metadata editor', () => {
  for (const [path, size] of [
    ['single CopyObject', 20 * KiB],
    ['multipart copy', 600 * KiB],
  ] as const) {
    it(`update via ${path}: one user key changes, the six system headers stay byte-identical`, async () => {
      const key = `edit/${size}`;
      const data = deterministicBytes(size, size);
      await h.api.putObject({ bucket, key, body: data, metadata: { keep: 'me', change: 'old', drop: 'x' }, ...sixHeaders });
      const before = await h.api.headObject({ bucket, key });
      h.store.stats.reset();
      const waits: number[] = [];
      const sleep = (ms: number): Promise<void> => {
        waits.push(ms);
        return new Promise((resolve) => setTimeout(resolve, ms));
      };
      const result = await createMetadataEditor(h.api, { ...small, sleep }).edit({ bucket, key, mode: 'update', metadata: { change: 'new' }, removeKeys: ['drop'] });
      expect(result.method).toBe(size > small.threshold ? 'multipart' : 'single');
      // One HEAD, plus one more per wait for the clock to leave the second of the write, plus on
      // the multipart path the re-read right before CompleteMultipartUpload.
      expect(h.store.stats.count('HeadObject')).toBe(1 + waits.length + (size > small.threshold ? 1 : 0));
      // The ACL is read with every HEAD.
      expect(h.store.stats.count('GetObjectAcl')).toBe(1 + waits.length);
      expect(waits.length).toBeLessThanOrEqual(1);
      const after = await h.api.headObject({ bucket, key });
      for (const name of sixNames) {
        expect(after.headers[name], name).toBe(before.headers[name]);
        expect(Buffer.from(after.headers[name] ?? '', 'latin1')).toEqual(Buffer.from(before.headers[name] ?? '', 'latin1'));
      }
      expect(after.metadata).toEqual({ change: 'new', keep: 'me' });
      expect(result.metadata).toEqual({ change: 'new', keep: 'me' });
      expect(after.storageClass).toBe(before.storageClass);
      expect(after.contentLength).toBe(before.contentLength);
      expect(after.hashCrc64).toBe(before.hashCrc64);
      expect(Buffer.compare(await download(key), data)).toBe(0);
    });
  }

  for (const [path, size] of [
    ['single CopyObject', 20 * KiB],
    ['multipart copy', 600 * KiB],
  ] as const) {
    it(`a public-read object stays public-read after update and replace via ${path}`, async () => {
      const key = `edit/acl-${size}`;
      await h.api.putObject({ bucket, key, body: deterministicBytes(size, 7), metadata: { a: '1' }, acl: 'public-read' });
      const editor = createMetadataEditor(h.api, small);
      const updated = await editor.edit({ bucket, key, mode: 'update', metadata: { b: '2' } });
      expect(updated.method).toBe(size > small.threshold ? 'multipart' : 'single');
      expect(updated.acl).toBe('public-read');
      expect((await h.api.getObjectAcl({ bucket, key })).acl).toBe('public-read');
      await editor.edit({ bucket, key, mode: 'replace', metadata: { c: '3' } });
      expect((await h.api.getObjectAcl({ bucket, key })).acl).toBe('public-read');
      expect((await h.api.headObject({ bucket, key })).metadata).toEqual({ c: '3' });
    });
  }

  it('sends the ACL read on the copy (CompleteMultipartUpload on the multipart path), nothing for `default`', async () => {
    const sent: Array<[string, string | undefined]> = [];
    const spying = {
      ...h.api,
      copyObject: (...args: Parameters<typeof h.api.copyObject>) => (sent.push(['CopyObject', args[0].acl]), h.api.copyObject(...args)),
      initiateMultipartUpload: (...args: Parameters<typeof h.api.initiateMultipartUpload>) => (
        sent.push(['InitiateMultipartUpload', args[0].acl]), h.api.initiateMultipartUpload(...args)
      ),
      completeMultipartUpload: (...args: Parameters<typeof h.api.completeMultipartUpload>) => (
        sent.push(['CompleteMultipartUpload', args[0].acl]), h.api.completeMultipartUpload(...args)
      ),
    };
    const editor = createMetadataEditor(spying, small);
    for (const [key, size, acl] of [
      ['edit/sent-private', 1 * KiB, 'private'],
      ['edit/sent-default', 1 * KiB, undefined],
      ['edit/sent-private-mp', 300 * KiB, 'private'],
      ['edit/sent-default-mp', 300 * KiB, undefined],
    ] as const) {
      await h.api.putObject({ bucket, key, body: deterministicBytes(size, 3), ...(acl === undefined ? {} : { acl }) });
      await editor.edit({ bucket, key, mode: 'update', metadata: { x: '1' } });
      expect((await h.api.getObjectAcl({ bucket, key })).acl).toBe(acl ?? 'default');
    }
    expect(sent).toEqual([
      ['CopyObject', 'private'],
      ['CopyObject', undefined],
      ['InitiateMultipartUpload', undefined],
      ['CompleteMultipartUpload', 'private'],
      ['InitiateMultipartUpload', undefined],
      ['CompleteMultipartUpload', undefined],
    ]);
  });

  it('reads the ACL in parallel with the HEAD; a failing HEAD (stale ifMatch) is what is reported', async () => {
    await h.api.putObject({ bucket, key: 'edit/parallel', body: 'x' });
    const events: string[] = [];
    const tracing = {
      ...h.api,
      headObject: async (...args: Parameters<typeof h.api.headObject>) => {
        events.push('head:start');
        try {
          return await h.api.headObject(...args);
        } finally {
          events.push('head:end');
        }
      },
      getObjectAcl: async (...args: Parameters<typeof h.api.getObjectAcl>) => {
        events.push('acl:start');
        try {
          return await h.api.getObjectAcl(...args);
        } finally {
          events.push('acl:end');
        }
      },
    };
    const sleep = (): Promise<void> => Promise.resolve();
    await createMetadataEditor(tracing, { ...small, sleep }).edit({ bucket, key: 'edit/parallel', mode: 'update', metadata: { a: '1' } });
    expect(events.slice(0, 2).sort()).toEqual(['acl:start', 'head:start']);

    const error = await createMetadataEditor(tracing, small)
      .edit({ bucket, key: 'edit/parallel', mode: 'update', metadata: { a: '2' }, ifMatch: '"00000000000000000000000000000000"' })
      .catch((e: unknown) => e);
    expect(isPreconditionFailedError(error)).toBe(true);
  });

  it('replace mode makes the given metadata the whole set and can change or remove system headers', async () => {
    await h.api.putObject({ bucket, key: 'edit/replace', body: 'x', metadata: { a: '1', b: '2' }, ...sixHeaders });
    await createMetadataEditor(h.api, small).edit({
      bucket,
      key: 'edit/replace',
      mode: 'replace',
      metadata: { c: '3' },
      systemHeaders: { cacheControl: 'no-store', expires: null },
    });
    const after = await h.api.headObject({ bucket, key: 'edit/replace' });
    expect(after.metadata).toEqual({ c: '3' });
    expect(after.cacheControl).toBe('no-store');
    expect(after.expires).toBeUndefined();
    expect(after.contentType).toBe(sixHeaders.contentType);
    expect(after.contentLanguage).toBe(sixHeaders.contentLanguage);
  });

  it('refuses with 412 when the caller’s ifMatch is stale, changing nothing', async () => {
    await h.api.putObject({ bucket, key: 'edit/guarded', body: 'x', metadata: { a: '1' } });
    h.store.stats.reset();
    const error = await createMetadataEditor(h.api, small)
      .edit({ bucket, key: 'edit/guarded', mode: 'update', metadata: { a: '2' }, ifMatch: '"00000000000000000000000000000000"' })
      .catch((e: unknown) => e);
    expect(isPreconditionFailedError(error)).toBe(true);
    expect(h.store.stats.count('CopyObject')).toBe(0);
    expect((await h.api.headObject({ bucket, key: 'edit/guarded' })).metadata).toEqual({ a: '1' });
  });

  it('a concurrent change between HEAD and copy is caught by the copy-source guards', async () => {
    await h.api.putObject({ bucket, key: 'edit/race', body: 'first', metadata: { a: '1' } });
    const racing = {
      ...h.api,
      copyObject: async (...args: Parameters<typeof h.api.copyObject>) => {
        await h.api.putObject({ bucket, key: 'edit/race', body: 'second', metadata: { other: 'writer' } });
        return h.api.copyObject(...args);
      },
    };
    const error = await createMetadataEditor(racing, small).edit({ bucket, key: 'edit/race', mode: 'update', metadata: { a: '2' } }).catch((e: unknown) => e);
    expect(isPreconditionFailedError(error)).toBe(true);
    expect((await h.api.headObject({ bucket, key: 'edit/race' })).metadata).toEqual({ other: 'writer' });
  });

  it('a concurrent metadata-only edit (same ETag) between HEAD and copy is caught', async () => {
    await h.api.putObject({ bucket, key: 'edit/race-meta', body: 'same data', metadata: { a: '1' } });
    let raced = false;
    const racing = {
      ...h.api,
      copyObject: async (...args: Parameters<typeof h.api.copyObject>) => {
        if (!raced) {
          raced = true;
          // Another writer edits metadata only: the ETag stays, Last-Modified moves on.
          await createMetadataEditor(h.api).edit({ bucket, key: 'edit/race-meta', mode: 'update', metadata: { other: 'writer' } });
        }
        return h.api.copyObject(...args);
      },
    };
    const before = await h.api.headObject({ bucket, key: 'edit/race-meta' });
    const error = await createMetadataEditor(racing, small).edit({ bucket, key: 'edit/race-meta', mode: 'update', metadata: { a: '2' } }).catch((e: unknown) => e);
    expect(isPreconditionFailedError(error)).toBe(true);
    const after = await h.api.headObject({ bucket, key: 'edit/race-meta' });
    expect(after.etag).toBe(before.etag);
    expect(after.metadata).toEqual({ a: '1', other: 'writer' });
  });

  it('a missing object is a 404', async () => {
    const error = await createMetadataEditor(h.api).edit({ bucket, key: 'edit/none', mode: 'update', metadata: { a: '1' } }).catch((e: unknown) => e);
    expect(isNotFoundError(error)).toBe(true);
  });

  it('bad input sends nothing', async () => {
    h.store.stats.reset();
    await expect(createMetadataEditor(h.api).edit({ bucket, key: 'edit/x', mode: 'update', metadata: { 'bad key': '1' } })).rejects.toBeInstanceOf(OssInvalidArgumentError);
    expect(h.store.stats.total()).toBe(0);
  });
});

describe('presigner', () => {
  it('presigned GET works without credentials', async () => {
    await h.api.putObject({ bucket, key: 'pre/get me.txt', body: 'secret body' });
    const signed = await createPresigner(h.client).presignGet({ bucket, key: 'pre/get me.txt', expiresInSeconds: 60 });
    expect(signed.url).toContain('x-oss-signature=');
    const response = await request(signed.url);
    expect(response.statusCode).toBe(200);
    expect(await response.body.text()).toBe('secret body');
  });

  it('presigned PUT requires exactly the returned headers', async () => {
    const signed = await createPresigner(h.client).presignPut({ bucket, key: 'pre/upload.txt', contentType: 'text/plain', metadata: { Owner: 'alice' }, expiresInSeconds: 60 });
    expect(signed.method).toBe('PUT');
    expect(signed.headers).toEqual({ 'content-type': 'text/plain', 'x-oss-meta-owner': 'alice' });
    const good = await request(signed.url, { method: 'PUT', headers: signed.headers, body: 'uploaded' });
    expect(good.statusCode).toBe(200);
    await good.body.dump();
    expect(await h.api.headObject({ bucket, key: 'pre/upload.txt' })).toMatchObject({ contentType: 'text/plain', metadata: { owner: 'alice' } });
    const tampered = await request(signed.url, { method: 'PUT', headers: { ...signed.headers, 'x-oss-meta-owner': 'mallory' }, body: 'x' });
    expect(tampered.statusCode).toBe(403);
    await tampered.body.dump();
  });

  it('V1 presigned GET works too', async () => {
    const signed = await createPresigner(h.makeClient({ signatureVersion: 'v1' })).presignGet({ bucket, key: 'pre/get me.txt' });
    expect(signed.url).toContain('Signature=');
    const response = await request(signed.url);
    expect(response.statusCode).toBe(200);
    await response.body.dump();
  });
});
