/**
 * The copier's and editor's guards over real sockets: no multipart upload is left behind by a
 * failed copy (a failing part, the caller's abort, a conflict), a write that did not land is never
 * reported as done, and the apply-then-drop fault really applies before it drops.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOssApi } from '../../../src/oss/api.js';
import type { OssApi } from '../../../src/oss/api.js';
import { createOssClient } from '../../../src/oss/client.js';
import type { OssClient } from '../../../src/oss/client.js';
import { OssConflictError, OssRequestError, isPreconditionFailedError } from '../../../src/oss/errors.js';
import { createCopier } from '../../../src/oss/helpers/copier.js';
import { createMetadataEditor } from '../../../src/oss/helpers/metadata-editor.js';
import { createUploader } from '../../../src/oss/helpers/uploader.js';
import { crc64, formatCrc64 } from '../../../src/oss/checksum/crc64.js';
import { putObjectWithReadBack } from '../../../src/oss/helpers/put-object-read-back.js';
import { startLocalOss } from '../../../src/local-oss/index.js';
import type { FaultOptions, LocalOss } from '../../../src/local-oss/index.js';
import { deterministicBytes } from '../../helpers/deterministic-bytes.js';

const bucket = 'guards';
const KiB = 1024;
const small = { threshold: 256 * KiB, partSize: 100 * KiB, parallel: 2 };

interface Store {
  store: LocalOss;
  client: OssClient;
  api: OssApi;
}

async function start(faults?: FaultOptions): Promise<Store> {
  const store = await startLocalOss({ buckets: [bucket], ...(faults === undefined ? {} : { faults }) });
  const client = createOssClient({ region: store.region, endpoint: store.url, credentials: store.credentials, sleep: () => Promise.resolve() });
  return { store, client, api: createOssApi(client) };
}

async function stop(s: Store | undefined): Promise<void> {
  await s?.client.close();
  await s?.store.close();
}

/** `api` with InitiateMultipartUpload recording the upload ids it got. */
function recordingUploads(api: OssApi): { api: OssApi; ids: Array<{ key: string; uploadId: string }> } {
  const ids: Array<{ key: string; uploadId: string }> = [];
  return {
    ids,
    api: {
      ...api,
      initiateMultipartUpload: async (...args) => {
        const result = await api.initiateMultipartUpload(...args);
        ids.push({ key: args[0].key, uploadId: result.uploadId });
        return result;
      },
    },
  };
}

async function expectNoUploadLeft(s: Store, ids: ReadonlyArray<{ key: string; uploadId: string }>): Promise<void> {
  expect(ids.length).toBeGreaterThan(0);
  for (const { key, uploadId } of ids) expect(await s.store.backend.getMultipartUpload(bucket, key, uploadId), uploadId).toBeUndefined();
}

describe('a failed multipart copy leaves no upload behind', () => {
  let s: Store;
  beforeAll(async () => {
    s = await start();
    await s.api.putObject({ bucket, key: 'src', body: deterministicBytes(600 * KiB, 3), metadata: { a: '1' } });
  });
  afterAll(() => stop(s));

  it('when a part copy fails', async () => {
    const recorded = recordingUploads(s.api);
    let parts = 0;
    const failing: OssApi = {
      ...recorded.api,
      uploadPartCopy: (...args) => (++parts === 3 ? Promise.reject(new Error('part 3 failed')) : recorded.api.uploadPartCopy(...args)),
    };
    await expect(createCopier(failing, small).copy({ bucket, key: 'dst-part-fails', sourceKey: 'src' })).rejects.toThrow('part 3 failed');
    await expectNoUploadLeft(s, recorded.ids);
    await expect(s.api.headObject({ bucket, key: 'dst-part-fails' })).rejects.toMatchObject({ status: 404 });
  });

  it('when the caller aborts during the part copies (the abort request goes out all the same)', async () => {
    const recorded = recordingUploads(s.api);
    const controller = new AbortController();
    const aborting: OssApi = {
      ...recorded.api,
      uploadPartCopy: (...args) => {
        controller.abort(new Error('caller gave up'));
        return recorded.api.uploadPartCopy(...args);
      },
    };
    const error = await createCopier(aborting, small).copy({ bucket, key: 'dst-aborted', sourceKey: 'src' }, { signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OssRequestError);
    expect((error as OssRequestError).code).toBe('RequestAborted');
    await expectNoUploadLeft(s, recorded.ids);
  });

  it('when the source changes before completing (conflict), on an edit of the object itself', async () => {
    await s.api.putObject({ bucket, key: 'edited', body: deterministicBytes(600 * KiB, 4), metadata: { a: '1' } });
    const recorded = recordingUploads(s.api);
    let raced = false;
    const racing: OssApi = {
      ...recorded.api,
      headObject: async (...args) => {
        // The HEAD after the parts is the re-read: a metadata-only change lands just before it.
        if (recorded.ids.length > 0 && !raced) {
          raced = true;
          await s.api.copyObject({ bucket, key: 'edited', sourceKey: 'edited', metadataDirective: 'REPLACE', metadata: { other: 'writer' } });
        }
        return recorded.api.headObject(...args);
      },
    };
    const error = await createMetadataEditor(racing, { ...small, settleTimeoutMs: 5000 })
      .edit({ bucket, key: 'edited', mode: 'update', metadata: { mine: '1' } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OssConflictError);
    expect((await s.api.headObject({ bucket, key: 'edited' })).metadata).toEqual({ other: 'writer' });
    await expectNoUploadLeft(s, recorded.ids);
  });
});

describe('apply then drop', () => {
  let s: Store;
  beforeAll(async () => {
    s = await start({ dropAfterApplyRate: 1, dropAfterApplyOn: ['PutObject'] });
  });
  afterAll(() => stop(s));

  it('applies the PutObject and closes the connection without an answer', async () => {
    const error = await s.api.putObject({ bucket, key: 'landed', body: 'it landed', metadata: { a: '1' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OssRequestError);
    expect((error as OssRequestError).earlierAttemptMayHaveLanded).toBe(true);
    expect(s.store.stats.count('PutObject')).toBe(3);
    expect(await s.api.headObject({ bucket, key: 'landed' })).toMatchObject({ contentLength: 'it landed'.length, metadata: { a: '1' } });
  });

  it('putObjectWithReadBack reports it as done, with the stored ETag and CRC-64', async () => {
    const result = await putObjectWithReadBack(s.api, { bucket, key: 'landed-2', body: 'it landed too', contentType: 'text/plain' });
    const stored = await s.api.headObject({ bucket, key: 'landed-2' });
    expect(result).toMatchObject({ etag: stored.etag, hashCrc64: stored.hashCrc64 });
    expect(result.requestId).not.toBe('');
  });
});

describe('every CompleteMultipartUpload applied and its answer lost (all attempts)', () => {
  let s: Store;
  beforeAll(async () => {
    s = await start({ dropAfterApplyRate: 1, dropAfterApplyOn: ['CompleteMultipartUpload'] });
  });
  afterAll(() => stop(s));

  it('the uploader reports the upload as done, with the CRC-64 of what it sent', async () => {
    const data = deterministicBytes(350 * KiB, 8);
    const result = await createUploader(s.api, small).upload({ bucket, key: 'uploaded', body: data, contentType: 'x/y', metadata: { m: '1' } });
    expect(result).toMatchObject({ method: 'multipart', hashCrc64: formatCrc64(crc64(data)) });
    expect(s.store.stats.count('CompleteMultipartUpload')).toBe(3);
    expect(await s.api.headObject({ bucket, key: 'uploaded' })).toMatchObject({ contentType: 'x/y', metadata: { m: '1' }, contentLength: data.length });
  });

  it('the copier reports a multipart copy with forbidOverwrite as done', async () => {
    await s.api.putObject({ bucket, key: 'copy-src', body: deterministicBytes(300 * KiB, 9), metadata: { a: '1' } });
    const result = await createCopier(s.api, small).copy({ bucket, key: 'copy-dst', sourceKey: 'copy-src', forbidOverwrite: true });
    expect(result.method).toBe('multipart');
    expect(await s.api.headObject({ bucket, key: 'copy-dst' })).toMatchObject({ metadata: { a: '1' }, hashCrc64: result.hashCrc64 });
  });
});

describe('a write that did not land is not reported as done', () => {
  let s: Store;
  beforeAll(async () => {
    s = await start();
  });
  afterAll(() => stop(s));

  it('an edit refused because someone else changed the object stays PRECONDITION_FAILED, even when an earlier attempt may have landed', async () => {
    await s.api.putObject({ bucket, key: 'contested', body: 'x', metadata: { a: '1' } });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    // Another writer changes the object just before the copy, and the copy's refusal carries the
    // flag the attempt loop sets after a lost answer: the read-back must see it did not land.
    const flaky: OssApi = {
      ...s.api,
      copyObject: async (...args) => {
        await s.api.putObject({ bucket, key: 'contested', body: 'y', metadata: { other: 'writer' } });
        try {
          return await s.api.copyObject(...args);
        } catch (refused) {
          Object.assign(refused as object, { earlierAttemptMayHaveLanded: true });
          throw refused;
        }
      },
    };
    s.store.stats.reset();
    const error = await createMetadataEditor(flaky, small).edit({ bucket, key: 'contested', mode: 'update', metadata: { mine: '1' } }).catch((e: unknown) => e);
    expect(isPreconditionFailedError(error)).toBe(true);
    // The read-back happened (one HEAD to settle, one to read back) and found the other writer's object.
    expect(s.store.stats.count('HeadObject')).toBe(2);
    expect((await s.api.headObject({ bucket, key: 'contested' })).metadata).toEqual({ other: 'writer' });
  });

  it('a forbidOverwrite put onto a different object after a lost answer stays FileAlreadyExists', async () => {
    await s.api.putObject({ bucket, key: 'taken', body: 'first' });
    const flaky: OssApi = {
      ...s.api,
      putObject: async (...args) => {
        try {
          return await s.api.putObject(...args);
        } catch (refused) {
          Object.assign(refused as object, { earlierAttemptMayHaveLanded: true });
          throw refused;
        }
      },
    };
    await expect(putObjectWithReadBack(flaky, { bucket, key: 'taken', body: 'second', forbidOverwrite: true })).rejects.toMatchObject({ code: 'FileAlreadyExists' });
    expect((await s.api.headObject({ bucket, key: 'taken' })).contentLength).toBe('first'.length);
  });
});
