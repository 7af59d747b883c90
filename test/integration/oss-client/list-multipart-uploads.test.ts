/**
 * ListMultipartUploads through the project's client against local-oss (order, prefix, delimiter,
 * key/upload-id markers, max-uploads, hostile keys through `encoding-type=url`), and the
 * `abortStaleUploads` sweep helper with an injected time.
 */
import { describe, expect, it } from 'vitest';
import { OssInvalidArgumentError } from '../../../src/oss/errors.js';
import { abortStaleUploads } from '../../../src/oss/helpers/abort-stale-uploads.js';
import type { ListedUpload } from '../../../src/oss/operations/list-multipart-uploads.js';
import { useLocalOss } from './support.js';

let clock = Date.parse('2026-11-01T00:00:00.000Z');
// Why: one injected clock for local-oss (it stamps `Initiated`) and the client (it signs), so
// "initiated three days ago" needs no waiting and signatures are never skewed.
const h = useLocalOss({ buckets: ['test-bucket', 'mpu-list', 'mpu-sweep'], now: () => new Date(clock) }, { now: () => clock });

const initiate = async (bucket: string, key: string): Promise<string> =>
  (await h.api.initiateMultipartUpload({ bucket, key })).uploadId;

async function listAll(bucket: string, request: { prefix?: string; delimiter?: string; maxUploads?: number } = {}) {
  const uploads: ListedUpload[] = [];
  const prefixes: string[] = [];
  let keyMarker: string | undefined;
  let uploadIdMarker: string | undefined;
  for (let pages = 1; pages <= 50; pages++) {
    const page = await h.api.listMultipartUploads({
      bucket,
      ...request,
      ...(keyMarker !== undefined ? { keyMarker } : {}),
      ...(keyMarker !== undefined && uploadIdMarker !== undefined ? { uploadIdMarker } : {}),
    });
    uploads.push(...page.uploads);
    prefixes.push(...page.commonPrefixes);
    if (!page.isTruncated) return { uploads, prefixes, pages };
    keyMarker = page.nextKeyMarker;
    uploadIdMarker = page.nextUploadIdMarker;
  }
  throw new Error('listing did not end within 50 pages');
}

describe('ListMultipartUploads through our client', () => {
  const keys = ['b/2', 'a', 'b/1', 'c%2F+ x', 'ctl\u0001\u001f', 'b/1', '中文/键', 'a'];
  let expected: Array<{ key: string; uploadId: string }> = [];

  it('lists every in-progress upload by key, then upload id, with decoded keys and Initiated', async () => {
    for (const key of keys) expected.push({ key, uploadId: await initiate('mpu-list', key) });
    expected = expected.sort((x, y) => (Buffer.compare(Buffer.from(x.key), Buffer.from(y.key)) || (x.uploadId < y.uploadId ? -1 : 1)));
    const page = await h.api.listMultipartUploads({ bucket: 'mpu-list' });
    expect(page.isTruncated).toBe(false);
    expect(page.bucket).toBe('mpu-list');
    expect(page.uploads.map((u) => ({ key: u.key, uploadId: u.uploadId }))).toEqual(expected);
    expect(page.uploads.every((u) => u.initiated.getTime() === clock && u.storageClass === 'Standard')).toBe(true);
  });

  it('pages with max-uploads and the key / upload-id markers without gaps or repeats (same key on a page boundary)', async () => {
    for (const size of [1, 2, 3]) {
      const all = await listAll('mpu-list', { maxUploads: size });
      expect(all.uploads.map((u) => u.uploadId)).toEqual(expected.map((u) => u.uploadId));
      expect(all.pages).toBeGreaterThanOrEqual(Math.ceil(expected.length / size));
    }
  });

  it('filters by prefix and rolls keys into common prefixes with a delimiter, across pages', async () => {
    const byPrefix = await h.api.listMultipartUploads({ bucket: 'mpu-list', prefix: 'b/' });
    expect(byPrefix.uploads.map((u) => u.key)).toEqual(['b/1', 'b/1', 'b/2']);
    expect(byPrefix.prefix).toBe('b/');
    const grouped = await h.api.listMultipartUploads({ bucket: 'mpu-list', delimiter: '/' });
    expect(grouped.commonPrefixes).toEqual(['b/', '中文/']);
    expect(grouped.uploads.map((u) => u.key)).toEqual(['a', 'a', 'c%2F+ x', 'ctl\u0001\u001f']);
    for (const size of [1, 2]) {
      const paged = await listAll('mpu-list', { delimiter: '/', maxUploads: size });
      expect(paged.prefixes).toEqual(['b/', '中文/']);
      expect(paged.uploads.map((u) => u.key)).toEqual(['a', 'a', 'c%2F+ x', 'ctl\u0001\u001f']);
    }
  });

  it('drops completed and aborted uploads', async () => {
    const first = expected[0] as { key: string; uploadId: string };
    await h.api.abortMultipartUpload({ bucket: 'mpu-list', key: first.key, uploadId: first.uploadId });
    const page = await h.api.listMultipartUploads({ bucket: 'mpu-list' });
    expect(page.uploads.map((u) => u.uploadId)).not.toContain(first.uploadId);
    expect(page.uploads).toHaveLength(expected.length - 1);
  });

  it('checks its input before sending', async () => {
    const before = h.store.stats.count('ListMultipartUploads');
    await expect(h.api.listMultipartUploads({ bucket: 'mpu-list', maxUploads: 0 })).rejects.toThrow(OssInvalidArgumentError);
    await expect(h.api.listMultipartUploads({ bucket: 'mpu-list', maxUploads: 1001 })).rejects.toThrow(/maxUploads/);
    await expect(h.api.listMultipartUploads({ bucket: 'mpu-list', uploadIdMarker: 'X' })).rejects.toThrow(/uploadIdMarker/);
    expect(h.store.stats.count('ListMultipartUploads')).toBe(before);
  });
});

describe('abortStaleUploads (client-side sweep of any store)', () => {
  it('aborts uploads initiated more than olderThanMs ago and keeps the younger ones, across pages', async () => {
    const day = 86_400_000;
    const old: string[] = [];
    for (let i = 0; i < 5; i++) old.push(await initiate('mpu-sweep', `old/${i}`));
    clock += 3 * day;
    const young = [await initiate('mpu-sweep', 'old/young'), await initiate('mpu-sweep', 'new')];
    clock += day;
    const now = new Date(clock);

    const dry = await abortStaleUploads(h.api, { bucket: 'mpu-sweep', olderThanMs: 2 * day, now, dryRun: true });
    expect(dry.aborted.map((u) => u.uploadId).sort()).toEqual([...old].sort());
    expect((await h.api.listMultipartUploads({ bucket: 'mpu-sweep' })).uploads).toHaveLength(7);

    const listCalls = h.store.stats.count('ListMultipartUploads');
    // Why: a small page size is not an option of the helper; a prefix limits it to `old/`.
    const swept = await abortStaleUploads(h.api, { bucket: 'mpu-sweep', olderThanMs: 2 * day, now, prefix: 'old/' });
    expect(swept.aborted.map((u) => u.uploadId).sort()).toEqual([...old].sort());
    expect(swept.kept).toBe(1);
    expect(h.store.stats.count('ListMultipartUploads') - listCalls).toBe(1);
    expect(h.store.stats.count('AbortMultipartUpload')).toBeGreaterThanOrEqual(5);
    const left = await h.api.listMultipartUploads({ bucket: 'mpu-sweep' });
    expect(left.uploads.map((u) => u.uploadId).sort()).toEqual([...young].sort());

    const again = await abortStaleUploads(h.api, { bucket: 'mpu-sweep', olderThanMs: 2 * day, now });
    expect(again).toEqual({ aborted: [], kept: 2 });
    await expect(abortStaleUploads(h.api, { bucket: 'mpu-sweep', olderThanMs: 0 })).rejects.toThrow(/olderThanMs/);
  });

  it('pages through more than one page of uploads', async () => {
    const calls: number[] = [];
    const api = {
      listMultipartUploads: (request: Parameters<typeof h.api.listMultipartUploads>[0]) => {
        calls.push(1);
        return h.api.listMultipartUploads({ ...request, maxUploads: 1 });
      },
      abortMultipartUpload: h.api.abortMultipartUpload,
    };
    clock += 10 * 86_400_000;
    const result = await abortStaleUploads(api, { bucket: 'mpu-sweep', olderThanMs: 86_400_000, now: new Date(clock) });
    expect(result.aborted.map((u) => u.key).sort()).toEqual(['new', 'old/young']);
    expect(calls.length).toBeGreaterThanOrEqual(2);
    expect((await h.api.listMultipartUploads({ bucket: 'mpu-sweep' })).uploads).toEqual([]);
  });
});
