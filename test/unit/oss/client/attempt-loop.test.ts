import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createOssApi } from '../../../../src/oss/api.js';
import { crc64, formatCrc64 } from '../../../../src/oss/checksum/crc64.js';
import { OssIntegrityError, OssRequestError, OssServiceError } from '../../../../src/oss/errors.js';
import { FIXED_NOW, errorReply, fakeOss, ok } from '../../../helpers/oss-client.js';
import type { FakeReply } from '../../../helpers/oss-client.js';

const deleteBucket = (oss: ReturnType<typeof fakeOss>) => createOssApi(oss.client).deleteBucket({ bucket: 'examplebucket' });

/** A handler answering `first` to the first n requests, then 204. */
function failing(first: () => FakeReply, n: number) {
  return (_: unknown, index: number): FakeReply => (index < n ? first() : { status: 204, headers: { 'x-oss-request-id': 'OK' } });
}

describe('attempt loop: which failures retry', () => {
  it.each([500, 502, 503, 504, 401, 408, 429])('retries status %i', async (status) => {
    const oss = fakeOss(failing(() => errorReply(status, 'Whatever'), 1));
    await expect(deleteBucket(oss)).resolves.toEqual({ requestId: 'OK' });
    expect(oss.requests).toHaveLength(2);
  });

  it.each([
    [400, 'BadRequest'],
    [403, 'RequestTimeTooSkewed'],
  ])('retries %i %s', async (status, code) => {
    const oss = fakeOss(failing(() => errorReply(status, code), 1));
    await expect(deleteBucket(oss)).resolves.toEqual({ requestId: 'OK' });
    expect(oss.requests).toHaveLength(2);
  });

  it.each([
    [400, 'InvalidArgument'],
    [403, 'AccessDenied'],
    [403, 'SignatureDoesNotMatch'],
    [404, 'NoSuchBucket'],
    [409, 'BucketNotEmpty'],
    [412, 'PreconditionFailed'],
  ])('does not retry %i %s', async (status, code) => {
    const oss = fakeOss(failing(() => errorReply(status, code), 1));
    await expect(deleteBucket(oss)).rejects.toMatchObject({ status, code });
    expect(oss.requests).toHaveLength(1);
    expect(oss.sleeps).toEqual([]);
  });

  it('retries network errors and wraps them as OssRequestError', async () => {
    const oss = fakeOss((_, index) => {
      if (index === 0) throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
      return { status: 204 };
    });
    await expect(deleteBucket(oss)).resolves.toBeDefined();
    expect(oss.requests).toHaveLength(2);

    const always = fakeOss(() => {
      throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    });
    const error = await deleteBucket(always).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OssRequestError);
    expect(error).toMatchObject({ code: 'RequestError' });
  });

  it('gives up after 3 attempts by default and throws the last error', async () => {
    const oss = fakeOss(() => errorReply(503, 'ServiceUnavailable'));
    await expect(deleteBucket(oss)).rejects.toBeInstanceOf(OssServiceError);
    expect(oss.requests).toHaveLength(3);
    expect(oss.sleeps).toHaveLength(2);
  });

  it('honours maxAttempts', async () => {
    const one = fakeOss(() => errorReply(503, 'ServiceUnavailable'), { maxAttempts: 1 });
    await expect(deleteBucket(one)).rejects.toBeInstanceOf(OssServiceError);
    expect(one.requests).toHaveLength(1);
    const five = fakeOss(() => errorReply(503, 'ServiceUnavailable'), { maxAttempts: 5 });
    await expect(deleteBucket(five)).rejects.toBeInstanceOf(OssServiceError);
    expect(five.requests).toHaveLength(5);
  });

  it('stops when the caller aborts', async () => {
    const controller = new AbortController();
    const oss = fakeOss(() => errorReply(503, 'ServiceUnavailable'), {
      sleep: () => {
        controller.abort();
        return Promise.reject(new Error('aborted'));
      },
    });
    const error = await createOssApi(oss.client).deleteBucket({ bucket: 'examplebucket' }, { signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'RequestAborted' });
    expect(oss.requests).toHaveLength(1);
  });
});

describe('attempt loop: backoff', () => {
  it('uses full jitter: random × min(200 ms × 2^retry, 20 s)', async () => {
    const oss = fakeOss(() => errorReply(500, 'InternalError'), { maxAttempts: 10, random: () => 0.999 });
    await expect(deleteBucket(oss)).rejects.toBeInstanceOf(OssServiceError);
    const ceilings = [400, 800, 1600, 3200, 6400, 12800, 20000, 20000, 20000];
    expect(oss.sleeps).toHaveLength(9);
    oss.sleeps.forEach((ms, i) => {
      expect(ms).toBeGreaterThanOrEqual(0);
      expect(ms).toBeLessThan(ceilings[i] as number);
      expect(ms).toBeGreaterThan((ceilings[i] as number) * 0.99);
    });
  });

  it('sleeps 0 when random() is 0', async () => {
    const oss = fakeOss(() => errorReply(500, 'InternalError'), { random: () => 0 });
    await expect(deleteBucket(oss)).rejects.toBeInstanceOf(OssServiceError);
    expect(oss.sleeps).toEqual([0, 0]);
  });
});

describe('attempt loop: signing', () => {
  it('re-signs every attempt with fresh time and credentials', async () => {
    let clock = FIXED_NOW;
    let n = 0;
    const oss = fakeOss(() => errorReply(503, 'ServiceUnavailable'), {
      now: () => (clock += 1000),
      credentials: { getCredentials: () => Promise.resolve({ accessKeyId: `ak${++n}`, accessKeySecret: 'sk' }) },
    });
    await expect(deleteBucket(oss)).rejects.toBeInstanceOf(OssServiceError);
    const dates = oss.requests.map((r) => r.headers['x-oss-date']);
    const auths = oss.requests.map((r) => r.headers['authorization']);
    expect(new Set(dates).size).toBe(3);
    expect(new Set(auths).size).toBe(3);
    expect(auths.map((a) => a?.match(/Credential=(ak\d)\//)?.[1])).toEqual(['ak1', 'ak2', 'ak3']);
  });

  it('signs V4 by default and V1 on request', async () => {
    const v4 = fakeOss(() => ({ status: 204 }));
    await deleteBucket(v4);
    expect(v4.requests[0]?.headers['authorization']).toMatch(/^OSS4-HMAC-SHA256 Credential=ak\/20231216\/cn-hangzhou\/oss\/aliyun_v4_request,Signature=[0-9a-f]{64}$/);
    expect(v4.requests[0]?.headers['x-oss-content-sha256']).toBe('UNSIGNED-PAYLOAD');
    const v1 = fakeOss(() => ({ status: 204 }), { signatureVersion: 'v1' });
    await deleteBucket(v1);
    expect(v1.requests[0]?.headers['authorization']).toMatch(/^OSS ak:[A-Za-z0-9+/=]{28}$/);
    expect(v1.requests[0]?.headers['date']).toBe(new Date(FIXED_NOW).toUTCString());
  });

  it('sends the STS token', async () => {
    const oss = fakeOss(() => ({ status: 204 }), { credentials: { accessKeyId: 'ak', accessKeySecret: 'sk', securityToken: 'tok' } });
    await deleteBucket(oss);
    expect(oss.requests[0]?.headers['x-oss-security-token']).toBe('tok');
  });
});

describe('attempt loop: clock skew', () => {
  it('corrects the clock offset from the response Date on RequestTimeTooSkewed and keeps it', async () => {
    const serverTime = FIXED_NOW + 3_600_000;
    const oss = fakeOss((_, index) =>
      index === 0 ? errorReply(403, 'RequestTimeTooSkewed', { date: new Date(serverTime).toUTCString() }) : { status: 204 },
    );
    await deleteBucket(oss);
    await deleteBucket(oss);
    expect(oss.requests.map((r) => r.headers['date'])).toEqual([
      new Date(FIXED_NOW).toUTCString(),
      new Date(serverTime).toUTCString(),
      new Date(serverTime).toUTCString(),
    ]);
    expect(oss.requests[1]?.headers['x-oss-date']).toBe('20231216T172057Z');
  });

  it('ignores the Date of other errors', async () => {
    const oss = fakeOss((_, index) =>
      index === 0 ? errorReply(503, 'ServiceUnavailable', { date: new Date(FIXED_NOW + 3_600_000).toUTCString() }) : { status: 204 },
    );
    await deleteBucket(oss);
    expect(oss.requests[1]?.headers['date']).toBe(new Date(FIXED_NOW).toUTCString());
  });
});

describe('attempt loop: bodies and CRC', () => {
  const put = (oss: ReturnType<typeof fakeOss>, body: Parameters<ReturnType<typeof createOssApi>['putObject']>[0]['body']) =>
    createOssApi(oss.client).putObject({ bucket: 'examplebucket', key: 'k', body });

  it('never retries a one-shot stream', async () => {
    const oss = fakeOss(() => errorReply(503, 'ServiceUnavailable'));
    let calls = 0;
    await expect(
      put(oss, { stream: () => (calls++, Readable.from([Buffer.from('abc')])), replayable: false, contentLength: 3 }),
    ).rejects.toBeInstanceOf(OssServiceError);
    expect(oss.requests).toHaveLength(1);
    expect(calls).toBe(1);
  });

  it('retries a replayable stream, calling stream() per attempt', async () => {
    const crc = formatCrc64(crc64(Buffer.from('abc')));
    const oss = fakeOss((_, index) => (index === 0 ? errorReply(500, 'InternalError') : ok({ etag: '"E"', 'x-oss-hash-crc64ecma': crc })));
    let calls = 0;
    const result = await put(oss, { stream: () => (calls++, Readable.from([Buffer.from('ab'), Buffer.from('c')])), replayable: true, contentLength: 3 });
    expect(result.hashCrc64).toBe(crc);
    expect(calls).toBe(2);
    expect(oss.requests[1]?.headers['content-length']).toBe('3');
  });

  it('treats a CRC mismatch as retryable and reports it as OssIntegrityError', async () => {
    const good = formatCrc64(crc64(Buffer.from('hello')));
    const oss = fakeOss((_, index) => ok({ etag: '"E"', 'x-oss-hash-crc64ecma': index === 0 ? '1' : good }));
    await expect(put(oss, 'hello')).resolves.toMatchObject({ hashCrc64: good });
    expect(oss.requests).toHaveLength(2);

    const bad = fakeOss(() => ok({ etag: '"E"', 'x-oss-hash-crc64ecma': '1' }));
    const error = await put(bad, 'hello').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OssIntegrityError);
    expect(error).toMatchObject({ expected: good, actual: '1' });
    expect(bad.requests).toHaveLength(3);
  });

  it('skips the CRC check when the server sends no CRC', async () => {
    const oss = fakeOss(() => ok({ etag: '"E"' }));
    await expect(put(oss, 'hello')).resolves.toEqual({ etag: '"E"', requestId: 'REQ1' });
  });

  it('HEAD of a missing object is one request and a 404', async () => {
    const oss = fakeOss(() => ({ status: 404, headers: { 'x-oss-err': Buffer.from('<Error><Code>NoSuchKey</Code><Message>m</Message></Error>').toString('base64') } }));
    await expect(createOssApi(oss.client).headObject({ bucket: 'examplebucket', key: 'nope' })).rejects.toMatchObject({ status: 404, code: 'NoSuchKey' });
    expect(oss.requests).toHaveLength(1);
  });
});
