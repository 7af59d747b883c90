import { describe, expect, it } from 'vitest';
import { AccessDeniedError, BadUserInputError } from '../../../src/graphql/errors.js';
import { decodeListCursor, encodeKeyCursor, encodeTokenCursor } from '../../../src/graphql/list-cursor.js';
import { checkBucket, checkExpiresIn, checkMetadata, checkObjectRef, checkPageSize } from '../../../src/graphql/validation.js';
import { testSettings } from './execute.js';

function thrown(fn: () => unknown): BadUserInputError {
  try {
    fn();
  } catch (error) {
    if (error instanceof BadUserInputError) return error;
    throw error;
  }
  throw new Error('expected a BadUserInputError');
}

describe('argument checks', () => {
  it('name the field, the rule and the value', () => {
    const bucket = thrown(() => checkObjectRef(testSettings(), { bucket: 'AB', key: 'k' }, 'refs[3].'));
    expect(bucket.field).toBe('refs[3].bucket');
    expect(bucket.rule).toMatch(/3 to 63/);
    expect(bucket.value).toBe('"AB"');
    const meta = thrown(() => checkMetadata([{ key: 'a', value: 'x' }, { key: 'A', value: 'y' }], 'input.metadata'));
    expect(meta.rule).toMatch(/same after lowercasing/);
    expect(thrown(() => checkMetadata([{ key: 'v', value: 'a\nb' }])).field).toBe('metadata.v');
  });

  it('allowlist: ACCESS_DENIED outside it, a bad name is still BAD_USER_INPUT', () => {
    const settings = testSettings({ allowedBuckets: ['allowed'] });
    expect(() => checkBucket(settings, 'allowed')).not.toThrow();
    expect(() => checkBucket(settings, 'other')).toThrow(AccessDeniedError);
    expect(() => checkBucket(settings, 'Bad!')).toThrow(BadUserInputError);
  });

  it('page sizes and expiry default and stay in range', () => {
    const settings = testSettings({ defaultPageSize: 50 });
    expect(checkPageSize(settings, undefined)).toBe(50);
    expect(checkPageSize(settings, 1000)).toBe(1000);
    expect(thrown(() => checkPageSize(settings, 1001)).field).toBe('first');
    expect(thrown(() => checkPageSize(settings, 0)).field).toBe('first');
    expect(checkExpiresIn(settings, null)).toBe(900);
    expect(thrown(() => checkExpiresIn(settings, 3601)).rule).toMatch(/1 to 3600/);
  });

  it('cursors round-trip and forged ones are refused', () => {
    expect(decodeListCursor(encodeTokenCursor('tok/+==', ''), 'after')).toEqual({ kind: 'token', value: 'tok/+==' });
    expect(decodeListCursor(encodeKeyCursor('dir/é.txt'), 'after')).toEqual({ kind: 'key', value: 'dir/é.txt' });
    expect(thrown(() => decodeListCursor('!!', 'after')).field).toBe('after');
    expect(thrown(() => decodeListCursor(Buffer.from('x:1').toString('base64url'), 'after')).field).toBe('after');
  });
});
