/** The settle rule and the editor's use of it, with an injected clock and sleep (no real timers). */
import { describe, expect, it } from 'vitest';
import { OssConflictError, OssResponseParseError } from '../../../../src/oss/errors.js';
import { createMetadataEditor } from '../../../../src/oss/helpers/metadata-editor.js';
import type { MetadataEditorApi } from '../../../../src/oss/helpers/metadata-editor.js';
import { settleWaitMs } from '../../../../src/oss/helpers/settle-rule.js';
import type { CopyObjectRequest } from '../../../../src/oss/operations/copy-object.js';

const at = (iso: string): Date => new Date(iso);

describe('settleWaitMs', () => {
  it('is 0 once every read’s Date is in a later second than Last-Modified', () => {
    expect(settleWaitMs(at('2024-05-01T10:00:03.999Z'), [at('2024-05-01T10:00:04.000Z')])).toBe(0);
    expect(settleWaitMs(at('2024-05-01T10:00:03.000Z'), [at('2024-05-01T10:00:09.000Z'), at('2024-05-01T10:00:04.000Z')])).toBe(0);
  });

  it('waits from the Date’s second (its sub-second phase is unknown) to the end of Last-Modified’s second', () => {
    // Date 10:00:03 says the store clock was in [03.000, 04.000); 1 s after the answer it is surely ≥ 04.000.
    expect(settleWaitMs(at('2024-05-01T10:00:03.250Z'), [at('2024-05-01T10:00:03.000Z')])).toBe(1000);
    // Not the 1000 − (Date mod 1000) of a millisecond clock: an HTTP date has no milliseconds.
    expect(settleWaitMs(at('2024-05-01T10:00:03.000Z'), [at('2024-05-01T10:00:03.000Z')])).toBe(1000);
  });

  it('takes the earliest read and a Date behind Last-Modified into account', () => {
    expect(settleWaitMs(at('2024-05-01T10:00:05.000Z'), [at('2024-05-01T10:00:04.000Z')])).toBe(2000);
    expect(settleWaitMs(at('2024-05-01T10:00:03.000Z'), [at('2024-05-01T10:00:05.000Z'), at('2024-05-01T10:00:03.000Z')])).toBe(1000);
  });

  it('needs a Date', () => {
    expect(() => settleWaitMs(at('2024-05-01T10:00:03.000Z'), [])).toThrow(RangeError);
  });
});

/**
 * A fake store with a virtual clock: `serverOffsetMs` ahead of the local clock (so the phase of
 * its seconds is unknown to the editor); `lastModifiedAt(serverNow)` says what Last-Modified a
 * read sees. `sleep` advances the clock; `now` reads it.
 */
function virtualStore(options: { startServerMs: number; lastModifiedAt: (serverNow: number) => number; date?: boolean }) {
  let local = 1_000_000;
  const serverOffset = options.startServerMs - local;
  const server = (): number => local + serverOffset;
  const copies: CopyObjectRequest[] = [];
  const sleeps: number[] = [];
  let reads = 0;
  const httpDate = (ms: number): string => new Date(ms).toUTCString();
  const unused = () => Promise.reject(new Error('unused'));
  const api: MetadataEditorApi = {
    headObject: async () => {
      reads++;
      local += 3; // round trip
      return {
        contentLength: 10,
        etag: '"E"',
        lastModified: new Date(Math.floor(options.lastModifiedAt(server()) / 1000) * 1000),
        metadata: { a: '1' },
        requestId: 'h',
        headers: options.date === false ? {} : { date: httpDate(server()) },
      };
    },
    getObjectAcl: async () => ({ acl: 'default', date: new Date(Math.floor(server() / 1000) * 1000), requestId: 'a' }),
    copyObject: async (request) => (copies.push(request), { etag: '"E"', lastModified: new Date(server()), requestId: 'c' }),
    initiateMultipartUpload: unused,
    uploadPartCopy: unused,
    completeMultipartUpload: unused,
    abortMultipartUpload: unused,
    getObjectTagging: unused,
  };
  const sleep = async (ms: number, signal?: AbortSignal): Promise<void> => {
    if (signal?.aborted) throw signal.reason;
    sleeps.push(ms);
    local += ms;
  };
  return { api, copies, sleeps, reads: () => reads, sleep, now: () => local, server };
}

const edit = { bucket: 'b-1', key: 'k', mode: 'update', metadata: { b: '2' } } as const;

describe('metadata editor: the settle rule', () => {
  it('copies at once when Last-Modified is in an earlier second than the store clock', async () => {
    const store = virtualStore({ startServerMs: Date.parse('2024-05-01T10:00:05.100Z'), lastModifiedAt: () => Date.parse('2024-05-01T10:00:03.000Z') });
    await createMetadataEditor(store.api, { sleep: store.sleep, now: store.now }).edit(edit);
    expect(store.sleeps).toEqual([]);
    expect(store.copies).toHaveLength(1);
    expect(store.copies[0]?.copySourceIfUnmodifiedSince?.toISOString()).toBe('2024-05-01T10:00:03.000Z');
  });

  for (const phase of ['000', '400', '999']) {
    it(`written in the second of the read (store clock at .${phase}): waits once, re-reads in the next second, then copies`, async () => {
      const written = Date.parse(`2024-05-01T10:00:03.${phase}Z`);
      const store = virtualStore({ startServerMs: written, lastModifiedAt: () => written });
      await createMetadataEditor(store.api, { sleep: store.sleep, now: store.now }).edit(edit);
      expect(store.sleeps).toEqual([1000]);
      expect(store.reads()).toBe(2);
      expect(store.copies).toHaveLength(1);
      // The copy is sent with the store clock past Last-Modified's second, so any write after the read fails its guard.
      expect(Math.floor(store.server() / 1000)).toBeGreaterThan(Math.floor(written / 1000));
    });
  }

  it('gives up with OssConflictError, copying nothing, when the object keeps changing past the bound', async () => {
    // Every read sees a write from the current second of the store clock.
    const store = virtualStore({ startServerMs: Date.parse('2024-05-01T10:00:03.500Z'), lastModifiedAt: (now) => now });
    const error = await createMetadataEditor(store.api, { sleep: store.sleep, now: store.now, settleTimeoutMs: 3500 })
      .edit(edit)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OssConflictError);
    expect((error as Error).message).toMatch(/keeps changing.*nothing was changed.*may be retried/);
    expect(store.copies).toEqual([]);
    expect(store.sleeps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(3500);
    expect(store.reads()).toBe(4);
  });

  it('settles when the changes stop before the bound', async () => {
    const stopAt = Date.parse('2024-05-01T10:00:05.200Z');
    const store = virtualStore({ startServerMs: Date.parse('2024-05-01T10:00:03.200Z'), lastModifiedAt: (now) => Math.min(now, stopAt) });
    await createMetadataEditor(store.api, { sleep: store.sleep, now: store.now }).edit(edit);
    expect(store.copies).toHaveLength(1);
    expect(store.sleeps).toEqual([1000, 1000, 1000]);
  });

  it('with a bound of 0 an unsettled object fails at once, without sleeping', async () => {
    const store = virtualStore({ startServerMs: Date.parse('2024-05-01T10:00:03.200Z'), lastModifiedAt: (now) => now });
    await expect(createMetadataEditor(store.api, { sleep: store.sleep, now: store.now, settleTimeoutMs: 0 }).edit(edit)).rejects.toBeInstanceOf(OssConflictError);
    expect(store.sleeps).toEqual([]);
    expect(store.copies).toEqual([]);
  });

  it('a HEAD without Date cannot be guarded: fails, copying nothing', async () => {
    const store = virtualStore({ startServerMs: Date.parse('2024-05-01T10:00:05.000Z'), lastModifiedAt: () => Date.parse('2024-05-01T10:00:01.000Z'), date: false });
    await expect(createMetadataEditor(store.api, { sleep: store.sleep, now: store.now }).edit(edit)).rejects.toBeInstanceOf(OssResponseParseError);
    expect(store.copies).toEqual([]);
  });

  it('the caller’s abort ends the wait, copying nothing', async () => {
    const store = virtualStore({ startServerMs: Date.parse('2024-05-01T10:00:03.200Z'), lastModifiedAt: (now) => now });
    const controller = new AbortController();
    controller.abort(new Error('caller gave up'));
    await expect(createMetadataEditor(store.api, { sleep: store.sleep, now: store.now }).edit(edit, { signal: controller.signal })).rejects.toThrow('caller gave up');
    expect(store.copies).toEqual([]);
  });

  it('the default sleep honours the abort signal', async () => {
    const store = virtualStore({ startServerMs: Date.parse('2024-05-01T10:00:03.200Z'), lastModifiedAt: (now) => now });
    const controller = new AbortController();
    // The caller aborts while the reads are in flight; the wait after them must not start.
    const api: MetadataEditorApi = { ...store.api, headObject: async (...args) => (controller.abort(new Error('stop')), store.api.headObject(...args)) };
    await expect(createMetadataEditor(api, { now: store.now }).edit(edit, { signal: controller.signal })).rejects.toThrow('stop');
    expect(store.copies).toEqual([]);
  });
});
