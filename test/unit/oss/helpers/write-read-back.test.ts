/** The flag the attempt loop puts on a final error, and the read-back decision built on it. */
import { describe, expect, it } from 'vitest';
import { createOssApi } from '../../../../src/oss/api.js';
import { OssError, OssRequestError, OssServiceError } from '../../../../src/oss/errors.js';
import { confirmWriteByReadBack, differencesFromIntended, writeOutcomeUnknown } from '../../../../src/oss/helpers/write-read-back.js';
import type { HeadObjectResult } from '../../../../src/oss/operations/head-object.js';
import { errorReply, fakeOss } from '../../../helpers/oss-client.js';
import type { FakeReply } from '../../../helpers/oss-client.js';

/** A handler answering each request with the next of `replies` (a function throws: a transport failure). */
function sequence(replies: ReadonlyArray<FakeReply | (() => never)>) {
  return (_: unknown, index: number): FakeReply => {
    const reply = replies[Math.min(index, replies.length - 1)];
    if (typeof reply === 'function') return reply();
    return reply as FakeReply;
  };
}

const dropped = (): never => {
  throw Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' });
};
const refused = (): never => {
  throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
};

async function copyError(replies: ReadonlyArray<FakeReply | (() => never)>): Promise<OssError> {
  const oss = fakeOss(sequence(replies));
  const error = await createOssApi(oss.client)
    .copyObject({ bucket: 'b-1', key: 'k', sourceKey: 'k', metadataDirective: 'REPLACE', copySourceIfMatch: '"E"' })
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(OssError);
  return error as OssError;
}

describe('attempt loop: earlierAttemptMayHaveLanded', () => {
  it('is set when an attempt lost its connection after sending and the retry was refused with 412', async () => {
    const error = await copyError([dropped, errorReply(412, 'PreconditionFailed')]);
    expect(error).toBeInstanceOf(OssServiceError);
    expect(error.earlierAttemptMayHaveLanded).toBe(true);
    expect(writeOutcomeUnknown(error)).toBe(true);
  });

  it('is set after a 500 or 504 (the store may have applied the write), not after a 503 (throttled before doing anything)', async () => {
    expect((await copyError([errorReply(500, 'InternalError'), errorReply(412, 'PreconditionFailed')])).earlierAttemptMayHaveLanded).toBe(true);
    expect((await copyError([errorReply(504, 'GatewayTimeout'), errorReply(412, 'PreconditionFailed')])).earlierAttemptMayHaveLanded).toBe(true);
    const throttled = await copyError([errorReply(503, 'ServiceUnavailable'), errorReply(412, 'PreconditionFailed')]);
    expect(throttled.earlierAttemptMayHaveLanded).toBe(false);
    expect(writeOutcomeUnknown(throttled)).toBe(false);
  });

  it('is not set when the earlier attempt never connected, nor on a first-attempt 412', async () => {
    const refusedFirst = await copyError([refused, errorReply(412, 'PreconditionFailed')]);
    expect(refusedFirst.earlierAttemptMayHaveLanded).toBe(false);
    expect(writeOutcomeUnknown(refusedFirst)).toBe(false);
    const plain = await copyError([errorReply(412, 'PreconditionFailed')]);
    expect(plain.earlierAttemptMayHaveLanded).toBe(false);
    expect(writeOutcomeUnknown(plain)).toBe(false);
  });

  it('FileAlreadyExists and NoSuchUpload after a lost answer leave the outcome unknown; other refusals do not', async () => {
    expect(writeOutcomeUnknown(await copyError([dropped, errorReply(409, 'FileAlreadyExists')]))).toBe(true);
    expect(writeOutcomeUnknown(await copyError([dropped, errorReply(404, 'NoSuchUpload')]))).toBe(true);
    expect(writeOutcomeUnknown(await copyError([dropped, errorReply(404, 'NoSuchKey')]))).toBe(false);
    expect(writeOutcomeUnknown(await copyError([dropped, errorReply(403, 'AccessDenied')]))).toBe(false);
  });

  it('a last attempt that itself lost its answer is unknown; a refused connection or the caller’s abort is not', async () => {
    expect(writeOutcomeUnknown(await copyError([dropped]))).toBe(true);
    expect(writeOutcomeUnknown(await copyError([refused]))).toBe(false);
    expect(writeOutcomeUnknown(new OssRequestError('RequestAborted', 'aborted', { method: 'PUT', url: '/' }))).toBe(false);
    expect(writeOutcomeUnknown(new Error('not from the store'))).toBe(false);
  });
});

const object: HeadObjectResult = {
  contentLength: 5,
  etag: '"AB"',
  lastModified: new Date('2024-05-01T10:00:03.000Z'),
  contentType: 'text/plain',
  cacheControl: 'no-store',
  hashCrc64: '123',
  storageClass: 'Standard',
  metadata: { a: '1', b: '2' },
  requestId: 'HEAD-REQ',
  headers: {},
};

describe('differencesFromIntended', () => {
  it('is empty when every given field matches; absent fields are not compared', () => {
    expect(differencesFromIntended(object, {})).toEqual([]);
    expect(
      differencesFromIntended(object, {
        systemHeaders: { contentType: 'text/plain', cacheControl: 'no-store' },
        metadata: { b: '2', a: '1' },
        contentLength: 5,
        hashCrc64: '123',
        etag: '"AB"',
        lastModified: new Date('2024-05-01T10:00:03.900Z'),
        storageClass: 'Standard',
      }),
    ).toEqual([]);
  });

  it('names each difference: an extra or missing metadata key, a header the write did not set, size, CRC, time', () => {
    const differences = differencesFromIntended(object, {
      systemHeaders: { contentType: 'text/plain' },
      metadata: { a: '1', c: '3' },
      contentLength: 6,
      hashCrc64: '124',
      lastModified: new Date('2024-05-01T10:00:04.000Z'),
    });
    expect(differences).toEqual([
      expect.stringMatching(/^lastModified/),
      expect.stringMatching(/^contentLength/),
      expect.stringMatching(/^hashCrc64/),
      'cacheControl: expected undefined, found "no-store"',
      'metadata.b: expected undefined, found "2"',
      'metadata.c: expected "3", found undefined',
    ]);
  });

  it('does not compare a Content-Type the write left to the store', () => {
    expect(differencesFromIntended(object, { systemHeaders: { cacheControl: 'no-store' } })).toEqual([]);
  });
});

describe('confirmWriteByReadBack', () => {
  const unknown = Object.assign(new OssServiceError({ status: 412, code: 'PreconditionFailed', message: 'm', requestId: 'r', ec: undefined, target: { method: 'PUT', url: '/' } }), {
    earlierAttemptMayHaveLanded: true,
  });
  const intended = { metadata: { a: '1', b: '2' }, contentLength: 5 };
  const api = (head: () => Promise<HeadObjectResult>) => {
    let heads = 0;
    return { api: { headObject: () => (heads++, head()) }, heads: () => heads };
  };

  it('resolves with the HEAD when the object holds what was intended', async () => {
    const store = api(async () => object);
    await expect(confirmWriteByReadBack(store.api, { bucket: 'b-1', key: 'k' }, intended, unknown)).resolves.toBe(object);
  });

  it('rethrows the write’s error when the object differs, the HEAD fails, the outcome was known, or nothing can be compared', async () => {
    await expect(confirmWriteByReadBack(api(async () => ({ ...object, metadata: { a: '1' } })).api, { bucket: 'b-1', key: 'k' }, intended, unknown)).rejects.toBe(unknown);
    await expect(confirmWriteByReadBack(api(() => Promise.reject(new Error('down'))).api, { bucket: 'b-1', key: 'k' }, intended, unknown)).rejects.toBe(unknown);
    const known = new OssServiceError({ status: 412, code: 'PreconditionFailed', message: 'm', requestId: 'r', ec: undefined, target: { method: 'PUT', url: '/' } });
    const noRead = api(async () => object);
    await expect(confirmWriteByReadBack(noRead.api, { bucket: 'b-1', key: 'k' }, intended, known)).rejects.toBe(known);
    await expect(confirmWriteByReadBack(noRead.api, { bucket: 'b-1', key: 'k' }, undefined, unknown)).rejects.toBe(unknown);
    expect(noRead.heads()).toBe(0);
  });
});

