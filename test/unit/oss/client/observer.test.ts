import { describe, expect, it } from 'vitest';
import { createOssApi } from '../../../../src/oss/api.js';
import { OssServiceError } from '../../../../src/oss/errors.js';
import type { StoreAttempt, StoreAttemptOutcome, StoreObserver } from '../../../../src/oss/observer.js';
import { combineStoreObservers } from '../../../../src/oss/observer.js';
import { errorReply, fakeOss } from '../../../helpers/oss-client.js';

/** An observer recording every start and end, in order. */
function recorder() {
  const events: Array<{ start: StoreAttempt } | { end: StoreAttemptOutcome }> = [];
  const observer: StoreObserver = {
    attemptStarted(attempt) {
      events.push({ start: attempt });
      return (outcome) => events.push({ end: outcome });
    },
  };
  return { events, observer };
}

const deleteBucket = (oss: ReturnType<typeof fakeOss>) => createOssApi(oss.client).deleteBucket({ bucket: 'examplebucket' });

describe('the client attempt hook', () => {
  it('reports each attempt: start then end, with status, OSS request id and the retry reason', async () => {
    const { events, observer } = recorder();
    const oss = fakeOss((_, index) => (index < 2 ? errorReply(503, 'ServiceUnavailable') : { status: 204, headers: { 'x-oss-request-id': 'OK' } }), { observer });
    await deleteBucket(oss);
    expect(oss.requests).toHaveLength(3);
    expect(events).toEqual([
      { start: { operation: 'DeleteBucket', method: 'DELETE', bucket: 'examplebucket', attempt: 1 } },
      { end: { status: 503, requestId: 'ERRREQ', error: expect.any(OssServiceError), retry: { reason: 'ServiceUnavailable' } } },
      { start: { operation: 'DeleteBucket', method: 'DELETE', bucket: 'examplebucket', attempt: 2 } },
      { end: { status: 503, requestId: 'ERRREQ', error: expect.any(OssServiceError), retry: { reason: 'ServiceUnavailable' } } },
      { start: { operation: 'DeleteBucket', method: 'DELETE', bucket: 'examplebucket', attempt: 3 } },
      { end: { status: 204, requestId: 'OK', error: undefined, retry: undefined } },
    ]);
  });

  it('a final failure has no retry; a transport failure has no status', async () => {
    const { events, observer } = recorder();
    const final = fakeOss(() => errorReply(404, 'NoSuchBucket'), { observer });
    await expect(deleteBucket(final)).rejects.toBeInstanceOf(OssServiceError);
    expect(events.at(-1)).toEqual({ end: { status: 404, requestId: 'ERRREQ', error: expect.any(OssServiceError), retry: undefined } });

    events.length = 0;
    const reset = fakeOss(
      () => {
        throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
      },
      { observer, maxAttempts: 2 },
    );
    await expect(deleteBucket(reset)).rejects.toMatchObject({ code: 'RequestError' });
    const ends = events.filter((e): e is { end: StoreAttemptOutcome } => 'end' in e).map((e) => e.end);
    expect(ends.map(({ status, requestId, retry }) => ({ status, requestId, retry }))).toEqual([
      { status: undefined, requestId: undefined, retry: { reason: 'RequestError' } },
      { status: undefined, requestId: undefined, retry: undefined },
    ]);
  });

  it('an observer that throws changes nothing', async () => {
    const throwing: StoreObserver = {
      attemptStarted() {
        throw new Error('observer bug');
      },
    };
    const endThrows: StoreObserver = {
      attemptStarted: () => () => {
        throw new Error('observer bug');
      },
    };
    for (const observer of [throwing, endThrows]) {
      const oss = fakeOss((_, index) => (index === 0 ? errorReply(500, 'InternalError') : { status: 204, headers: { 'x-oss-request-id': 'OK' } }), { observer });
      await expect(deleteBucket(oss)).resolves.toEqual({ requestId: 'OK' });
      expect(oss.requests).toHaveLength(2);
    }
  });

  it('combineStoreObservers forwards to each', async () => {
    const [a, b] = [recorder(), recorder()];
    const oss = fakeOss(() => ({ status: 204, headers: { 'x-oss-request-id': 'OK' } }), { observer: combineStoreObservers([a.observer, b.observer])! });
    await deleteBucket(oss);
    expect(a.events).toHaveLength(2);
    expect(b.events).toEqual(a.events);
    expect(combineStoreObservers([])).toBeUndefined();
  });
});
