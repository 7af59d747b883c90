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

interface AliError {
  code: string;
  status: number;
}

async function failure(promise: Promise<unknown>): Promise<AliError> {
  try {
    await promise;
  } catch (error) {
    return error as AliError;
  }
  throw new Error('expected the call to fail');
}

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

  const client = (overrides: Partial<OSS.Options> = {}): OSS =>
    new OSS({
      region: 'oss-cn-hangzhou',
      endpoint: store.url,
      bucket,
      accessKeyId: store.credentials.accessKeyId,
      accessKeySecret: store.credentials.accessKeySecret,
      secure: false,
      authorizationV4,
      ...overrides,
    } as OSS.Options);

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
      const gone = await failure(oss.abortMultipartUpload(first.key, first.uploadId));
      expect(gone.status).toBe(404);
      expect(gone.code).toBe('NoSuchUpload');
    });
  });
});
