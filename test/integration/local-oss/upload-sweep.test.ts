/**
 * The incomplete-upload sweep of local-oss (OSS's lifecycle rule `AbortMultipartUpload`): run
 * periodically by `startLocalOss({ abortIncompleteUploadsAfterMs })` with an injected clock, on
 * both backends, and the duration syntax of the CLI flag.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Backend } from '../../../src/local-oss/backend/backend.js';
import { createFileBackend } from '../../../src/local-oss/backend/file-backend.js';
import { createMemoryBackend } from '../../../src/local-oss/backend/memory-backend.js';
import { resolveFlags } from '../../../src/local-oss/cli-flags.js';
import { startLocalOss } from '../../../src/local-oss/index.js';
import { parseDuration, sweepIncompleteUploads } from '../../../src/local-oss/upload-sweep.js';
import { rawRequest } from '../../helpers/local-oss.js';

const DAY = 86_400_000;
const BUCKET = 'sweep';

describe.each(['memory', 'file'] as const)('incomplete-upload sweep (%s backend)', (kind) => {
  it('aborts, on its own schedule, exactly the uploads initiated more than the limit ago', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ossgraph-sweep-'));
    const backend: Backend = kind === 'file' ? await createFileBackend({ dataDir: join(dir, 'data') }) : createMemoryBackend();
    let clock = Date.now();
    const store = await startLocalOss({
      backend,
      buckets: [BUCKET, 'sweep-two'],
      now: () => new Date(clock),
      abortIncompleteUploadsAfterMs: 7 * DAY,
      uploadSweepIntervalMs: 20,
    });
    try {
      const send = (method: string, bucket: string, key: string | undefined, query: Array<[string, string]>, body?: Buffer) =>
        rawRequest(store, { method, bucket, ...(key !== undefined ? { key } : {}), query, now: new Date(clock), ...(body !== undefined ? { body } : {}) });
      const initiate = async (bucket: string, key: string): Promise<string> => {
        const r = await send('POST', bucket, key, [['uploads', '']]);
        return /<UploadId>([^<]+)<\/UploadId>/.exec(r.text)?.[1] as string;
      };
      const listed = async (bucket: string): Promise<string[]> =>
        [...(await send('GET', bucket, undefined, [['uploads', '']])).text.matchAll(/<UploadId>([^<]+)<\/UploadId>/g)].map((m) => m[1] as string);

      const stale = [await initiate(BUCKET, 'crashed/a'), await initiate('sweep-two', 'crashed/b')];
      await send('PUT', BUCKET, 'crashed/a', [['partNumber', '1'], ['uploadId', stale[0] as string]], Buffer.from('part data'));
      clock += 6 * DAY;
      const fresh = await initiate(BUCKET, 'recent');
      // Several sweeps run at 6 days: nothing is old enough.
      await new Promise((done) => setTimeout(done, 150));
      expect((await listed(BUCKET)).sort()).toEqual([stale[0], fresh].sort());
      expect(await listed('sweep-two')).toEqual([stale[1]]);

      clock += DAY + 1;
      // Why: the sweep runs on its own timer; poll (bounded) for its effect.
      for (let i = 0; i < 200 && ((await listed(BUCKET)).length > 1 || (await listed('sweep-two')).length > 0); i++) {
        await new Promise((done) => setTimeout(done, 20));
      }
      expect(await listed(BUCKET)).toEqual([fresh]);
      expect(await listed('sweep-two')).toEqual([]);
      const parts = await send('GET', BUCKET, 'crashed/a', [['uploadId', stale[0] as string]]);
      expect(parts.status).toBe(404);
      expect(parts.text).toContain('<Code>NoSuchUpload</Code>');
      // An explicit sweep now finds nothing more; the emptied bucket can be deleted.
      expect(await store.uploadSweeper?.sweep()).toEqual([]);
      expect((await send('DELETE', 'sweep-two', undefined, [])).status).toBe(204);
    } finally {
      await store.close();
      await backend.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('sweepIncompleteUploads and its flag', () => {
  it('compares strictly: an upload exactly at the limit stays; one millisecond more is aborted', async () => {
    const backend = createMemoryBackend();
    await backend.createBucket('b', 0);
    const meta = { contentType: 'application/octet-stream', headers: {}, userMetadata: {}, storageClass: 'Standard', acl: 'default' };
    const upload = await backend.createMultipartUpload('b', 'k', { metadata: meta, now: 1000 });
    expect(await sweepIncompleteUploads(backend, { olderThanMs: 500, now: 1500 })).toEqual([]);
    expect(await sweepIncompleteUploads(backend, { olderThanMs: 500, now: 1501 })).toEqual([upload]);
    expect(await backend.listMultipartUploads('b')).toEqual([]);
    await expect(sweepIncompleteUploads(backend, { olderThanMs: 0, now: 1 })).rejects.toThrow(/olderThanMs/);
    await backend.close();
  });

  it('parses the --abort-incomplete-uploads-after duration (flag or env) and rejects bad values by name', () => {
    expect(parseDuration('7d', 'x')).toBe(7 * DAY);
    expect(parseDuration('1.5h', 'x')).toBe(5_400_000);
    expect(parseDuration('500ms', 'x')).toBe(500);
    for (const bad of ['7', '-1d', '0s', 'd', '1 week', '']) {
      expect(() => parseDuration(bad, '--abort-incomplete-uploads-after')).toThrow(/--abort-incomplete-uploads-after must be a positive duration/);
    }
    expect(resolveFlags(['--abort-incomplete-uploads-after', '3d'], {})['abort-incomplete-uploads-after']).toBe('3d');
    expect(resolveFlags([], { LOCAL_OSS_ABORT_INCOMPLETE_UPLOADS_AFTER: '12h' })['abort-incomplete-uploads-after']).toBe('12h');
    expect(resolveFlags([], {})['abort-incomplete-uploads-after']).toBeUndefined();
  });

  it('startLocalOss refuses a non-positive age or interval before listening', async () => {
    await expect(startLocalOss({ abortIncompleteUploadsAfterMs: 0 })).rejects.toThrow(/abortIncompleteUploadsAfterMs must be a positive number of milliseconds, got 0/);
    await expect(startLocalOss({ abortIncompleteUploadsAfterMs: 1000, uploadSweepIntervalMs: -5 })).rejects.toThrow(/uploadSweepIntervalMs/);
    await expect(startLocalOss({ restoreDelayMs: Number.NaN })).rejects.toThrow(/restoreDelayMs/);
  });
});
