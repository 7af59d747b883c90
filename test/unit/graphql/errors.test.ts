import { maskError } from 'graphql-yoga';
import { locatedError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { AccessDeniedError, BadUserInputError, NotFoundError } from '../../../src/graphql/errors.js';
import { translateError } from '../../../src/graphql/translate-error.js';
import { OssIntegrityError, OssInvalidArgumentError, OssRequestError, OssServiceError, isNotFoundError } from '../../../src/oss/errors.js';

function service(status: number, code: string): OssServiceError {
  return new OssServiceError({ status, code, message: 'm', requestId: 'req-1', ec: '0002-00000001', target: { method: 'GET', url: 'http://10.0.0.1/secret' } });
}

describe('ApiError', () => {
  it('carries code and details in extensions and survives Yoga masking even with a cause', () => {
    const error = new BadUserInputError('input.key', 'must not be empty', '', { cause: new Error('inner') });
    expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.key', rule: 'must not be empty', value: '""' });
    expect(error.message).toBe('input.key: must not be empty; received ""');
    const located = locatedError(error, undefined, ['object']);
    expect(maskError(located, 'Unexpected error.', false)).toBe(located);
    expect(maskError(locatedError(new Error('internal'), undefined, ['object']), 'Unexpected error.', false).message).toBe('Unexpected error.');
  });
});

describe('translateError', () => {
  it('maps OSS answers to codes with the request id and without the store URL', () => {
    const cases: Array<[unknown, string]> = [
      [service(404, 'NoSuchKey'), 'NOT_FOUND'],
      [service(403, 'AccessDenied'), 'ACCESS_DENIED'],
      [service(412, 'PreconditionFailed'), 'PRECONDITION_FAILED'],
      [service(409, 'FileAlreadyExists'), 'ALREADY_EXISTS'],
      [service(503, 'ServiceUnavailable'), 'UPSTREAM_UNAVAILABLE'],
      [service(400, 'InvalidArgument'), 'BAD_USER_INPUT'],
    ];
    for (const [error, code] of cases) {
      const translated = translateError(error, { bucket: 'b1b', key: 'k' }) as NotFoundError;
      expect(translated.extensions).toMatchObject({ code, requestId: 'req-1' });
      expect(translated.message).not.toContain('10.0.0.1');
    }
  });

  it('an unknown version (404 NoSuchVersion) is NOT_FOUND naming the version; isNotFoundError knows it', () => {
    const error = service(404, 'NoSuchVersion');
    expect(isNotFoundError(error)).toBe(true);
    expect(isNotFoundError(service(400, 'NoSuchVersion'))).toBe(false);
    const translated = translateError(error, { bucket: 'b1b', key: 'k', versionId: 'v9' }) as NotFoundError;
    expect(translated).toBeInstanceOf(NotFoundError);
    expect(translated.message).toBe('version "v9" of object "k" in bucket "b1b" does not exist');
    expect(translated.extensions).toMatchObject({ code: 'NOT_FOUND', ossCode: 'NoSuchVersion', requestId: 'req-1' });
  });

  it('maps client-side failures and leaves unexpected errors alone (to be masked)', () => {
    expect((translateError(new OssRequestError('ECONNRESET', 'reset', { method: 'GET', url: 'u' })) as AccessDeniedError).code).toBe('UPSTREAM_UNAVAILABLE');
    expect((translateError(new OssIntegrityError('put', '1', '2')) as AccessDeniedError).code).toBe('INTEGRITY_CHECK_FAILED');
    const invalid = translateError(new OssInvalidArgumentError('bucket', 'too short', 'ab')) as BadUserInputError;
    expect([invalid.field, invalid.rule, invalid.value]).toEqual(['bucket', 'too short', '"ab"']);
    const bug = new TypeError('x is undefined');
    expect(translateError(bug)).toBe(bug);
    expect(translateError(service(301, 'PermanentRedirect'))).toBeInstanceOf(OssServiceError);
  });
});
