import { describe, expect, it } from 'vitest';
import { OssServiceError, isPreconditionFailedError } from '../../../../src/oss/errors.js';
import { createMetadataEditor } from '../../../../src/oss/helpers/metadata-editor.js';
import type { MetadataEditorApi } from '../../../../src/oss/helpers/metadata-editor.js';
import type { CopyObjectRequest } from '../../../../src/oss/operations/copy-object.js';

const LAST_MODIFIED = new Date('2024-05-01T10:00:03.000Z');

/** One read the fake answers: the HEAD's and the ACL's server `Date`. */
interface Read {
  readonly headAt: string;
  readonly aclAt: string;
}

/** A fake store answering the given reads in turn (the last one repeats), recording copies and sleeps. */
function fakeStore(reads: readonly Read[], acl = 'public-read') {
  let index = 0;
  const copies: CopyObjectRequest[] = [];
  const sleeps: number[] = [];
  const current = (): Read => reads[Math.min(index, reads.length - 1)] as Read;
  const unused = () => Promise.reject(new Error('unused'));
  const api: MetadataEditorApi = {
    headObject: async () => {
      const read = current();
      index++;
      return {
        contentLength: 1,
        etag: '"E"',
        lastModified: LAST_MODIFIED,
        metadata: {},
        requestId: 'h',
        headers: { date: new Date(read.headAt).toUTCString() },
      };
    },
    getObjectAcl: async () => ({ acl, date: new Date(current().aclAt), requestId: 'a' }),
    copyObject: async (request) => (copies.push(request), { etag: '"E"', lastModified: new Date(), requestId: 'c' }),
    initiateMultipartUpload: unused,
    uploadPartCopy: unused,
    completeMultipartUpload: unused,
    abortMultipartUpload: unused,
    getObjectTagging: unused,
  };
  const sleep = async (ms: number): Promise<void> => void sleeps.push(ms);
  return { api, copies, sleeps, reads: () => index, sleep };
}

describe('metadata editor: reading the ACL', () => {
  it('one HEAD and one ACL read when both come from a second after Last-Modified; the ACL is re-sent', async () => {
    const store = fakeStore([{ headAt: '2024-05-01T10:00:05.200Z', aclAt: '2024-05-01T10:00:05.000Z' }]);
    const result = await createMetadataEditor(store.api, { sleep: store.sleep }).edit({ bucket: 'b-1', key: 'k', mode: 'update', metadata: { a: '1' } });
    expect(store.reads()).toBe(1);
    expect(store.sleeps).toEqual([]);
    expect(store.copies[0]).toMatchObject({ acl: 'public-read', metadataDirective: 'REPLACE', copySourceIfMatch: '"E"' });
    expect(result.acl).toBe('public-read');
  });

  it('reads both again when the ACL read was not in a later second than Last-Modified (a write between them would go unseen)', async () => {
    const store = fakeStore([
      { headAt: '2024-05-01T10:00:05.000Z', aclAt: '2024-05-01T10:00:03.000Z' },
      { headAt: '2024-05-01T10:00:06.000Z', aclAt: '2024-05-01T10:00:06.000Z' },
    ]);
    await createMetadataEditor(store.api, { sleep: store.sleep }).edit({ bucket: 'b-1', key: 'k', mode: 'update', metadata: { a: '1' } });
    expect(store.reads()).toBe(2);
    expect(store.sleeps).toHaveLength(1);
  });

  it('an ACL read in an earlier second than the HEAD but after Last-Modified’s second is settled (a write between them would have moved Last-Modified)', async () => {
    const store = fakeStore([{ headAt: '2024-05-01T10:00:05.000Z', aclAt: '2024-05-01T10:00:04.000Z' }]);
    await createMetadataEditor(store.api, { sleep: store.sleep }).edit({ bucket: 'b-1', key: 'k', mode: 'update', metadata: { a: '1' } });
    expect(store.reads()).toBe(1);
    expect(store.sleeps).toEqual([]);
  });

  it('does not send `default`: nothing to carry', async () => {
    const store = fakeStore([{ headAt: '2024-05-01T10:00:05.000Z', aclAt: '2024-05-01T10:00:05.000Z' }], 'default');
    const result = await createMetadataEditor(store.api, { sleep: store.sleep }).edit({ bucket: 'b-1', key: 'k', mode: 'replace', metadata: {} });
    expect(store.copies[0]).not.toHaveProperty('acl');
    expect(result.acl).toBe('default');
  });

  it('reports the HEAD’s error when the ACL read fails too', async () => {
    const store = fakeStore([{ headAt: '2024-05-01T10:00:05.000Z', aclAt: '2024-05-01T10:00:05.000Z' }]);
    const failing: MetadataEditorApi = {
      ...store.api,
      headObject: () =>
        new Promise((_, reject) =>
          setTimeout(() => reject(new OssServiceError({ status: 412, code: 'PreconditionFailed', message: 'm', requestId: 'r', ec: undefined, target: { method: 'HEAD', url: '/k' } })), 5),
        ),
      getObjectAcl: () => Promise.reject(new Error('acl read failed')),
    };
    const error = await createMetadataEditor(failing).edit({ bucket: 'b-1', key: 'k', mode: 'update', metadata: { a: '1' }, ifMatch: '"X"' }).catch((e: unknown) => e);
    expect(isPreconditionFailedError(error)).toBe(true);
    expect(store.copies).toHaveLength(0);
  });
});
