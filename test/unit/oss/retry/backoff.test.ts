import { describe, expect, it } from 'vitest';
import { fullJitterDelay } from '../../../../src/oss/retry/backoff.js';
import { clockOffsetAfter, isRetryableError } from '../../../../src/oss/retry/retryable.js';
import { OssIntegrityError, OssInvalidArgumentError, OssRequestError, OssServiceError } from '../../../../src/oss/errors.js';

const target = { method: 'GET', url: 'https://b.example/' };
const service = (status: number, code: string, serverDate?: Date) =>
  new OssServiceError({ status, code, message: 'm', requestId: undefined, ec: undefined, target, serverDate });

describe('fullJitterDelay', () => {
  it.each([
    [1, 0.5, 200],
    [2, 0.5, 400],
    [1, 0, 0],
    [7, 0.5, 10000],
    [30, 0.999999, 19999],
  ])('retry %i with random %f → %i ms', (retry, random, expected) => {
    expect(fullJitterDelay(retry, { baseMs: 200, capMs: 20000, random: () => random })).toBe(expected);
  });
});

describe('isRetryableError', () => {
  it.each([
    [service(500, 'InternalError'), true],
    [service(503, 'x'), true],
    [service(401, 'x'), true],
    [service(408, 'x'), true],
    [service(429, 'x'), true],
    [service(403, 'RequestTimeTooSkewed'), true],
    [service(400, 'BadRequest'), true],
    [service(400, 'InvalidArgument'), false],
    [service(403, 'AccessDenied'), false],
    [service(404, 'NoSuchKey'), false],
    [service(409, 'FileAlreadyExists'), false],
    [service(412, 'PreconditionFailed'), false],
    [service(304, 'BadErrorResponse'), false],
    [new OssRequestError('RequestError', 'reset', target), true],
    [new OssRequestError('RequestTimeout', 'slow', target), true],
    [new OssRequestError('RequestAborted', 'abort', target), false],
    [new OssIntegrityError('put', '1', '2'), true],
    [new OssInvalidArgumentError('key', 'rule', 'v'), false],
    [new Error('other'), false],
  ])('%s → %s', (error, expected) => {
    expect(isRetryableError(error)).toBe(expected);
  });
});

describe('clockOffsetAfter', () => {
  it('is server Date minus local now for RequestTimeTooSkewed', () => {
    expect(clockOffsetAfter(service(403, 'RequestTimeTooSkewed', new Date(10_000)), 4_000)).toBe(6_000);
  });
  it('is undefined for other errors or without a Date', () => {
    expect(clockOffsetAfter(service(403, 'AccessDenied', new Date(10_000)), 4_000)).toBeUndefined();
    expect(clockOffsetAfter(service(403, 'RequestTimeTooSkewed'), 4_000)).toBeUndefined();
  });
});
