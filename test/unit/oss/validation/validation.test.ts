import { describe, expect, it } from 'vitest';
import { OssInvalidArgumentError } from '../../../../src/oss/errors.js';
import {
  assertAsciiHeaderValue,
  assertBucketName,
  assertHeaderValue,
  assertObjectKey,
  MAX_USER_METADATA_BYTES,
  normalizeUserMetadata,
} from '../../../../src/oss/validation/index.js';

/** Runs `fn`, expects an OssInvalidArgumentError, and returns it. */
function invalid(fn: () => unknown): OssInvalidArgumentError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(OssInvalidArgumentError);
    return error as OssInvalidArgumentError;
  }
  throw new Error('expected an OssInvalidArgumentError');
}

/** The message names the field, the rule (a fragment of it) and the received value. */
function expectMessage(error: OssInvalidArgumentError, field: string, rule: RegExp, value: string): void {
  expect(error.field).toBe(field);
  expect(error.message).toContain(`${field}: `);
  expect(error.rule).toMatch(rule);
  expect(error.message).toContain(error.rule);
  expect(error.message).toContain(JSON.stringify(value));
}

describe('assertBucketName', () => {
  it.each(['abc', 'a'.repeat(63), 'my-bucket-01', '0-0'])('accepts %j', (name) => {
    expect(() => assertBucketName(name)).not.toThrow();
  });

  it.each([
    ['ab', /3 to 63 characters/],
    ['a'.repeat(64), /3 to 63 characters/],
    ['MyBucket', /lowercase letters, digits and hyphens/],
    ['my_bucket', /lowercase letters, digits and hyphens/],
    ['-bucket', /start and end/],
    ['bucket-', /start and end/],
  ])('rejects %j', (name, rule) => {
    expectMessage(invalid(() => assertBucketName(name)), 'bucket', rule, name);
  });

  it('uses the given field name', () => {
    expect(invalid(() => assertBucketName('X', 'destination.bucket')).message).toMatch(/^destination\.bucket: /);
  });
});

describe('assertObjectKey', () => {
  it.each([
    ['a'],
    ['中'.repeat(341)], // 1023 UTF-8 bytes
    ['x'.repeat(1023)],
    ['../../x'],
    ['line\r\nbreak'],
    ['a/\\b'],
  ])('accepts %j', (key) => {
    expect(() => assertObjectKey(key)).not.toThrow();
  });

  it.each([
    ['', /must not be empty/],
    ['中'.repeat(341) + 'x', /at most 1023 UTF-8 bytes \(got 1024\)/],
    ['x'.repeat(1024), /at most 1023 UTF-8 bytes/],
    ['/leading-slash', /must not start with/],
    ['\\leading-backslash', /must not start with/],
    ['bad\uD800surrogate', /unpaired surrogate/],
  ])('rejects %j', (key, rule) => {
    expectMessage(invalid(() => assertObjectKey(key)), 'key', rule, key);
  });
});

describe('normalizeUserMetadata', () => {
  it('folds names to lowercase and sorts them, from entries or a record', () => {
    expect(normalizeUserMetadata({ Zeta: '1', 'Author-Name': 'alice', b2: '' })).toEqual({
      'author-name': 'alice',
      b2: '',
      zeta: '1',
    });
    expect(Object.keys(normalizeUserMetadata(new Map([['B', 'x'], ['a', 'y']])))).toEqual(['a', 'b']);
  });

  it.each([['my_key'], ['my key'], [''], ['ключ']])('rejects the name %j', (name) => {
    expectMessage(invalid(() => normalizeUserMetadata([[name, 'v']])), 'metadata', /letters, digits and hyphens/, name);
  });

  it('rejects names that collide after case folding, naming both', () => {
    const error = invalid(() => normalizeUserMetadata([['Author', 'a'], ['author', 'b']]));
    expectMessage(error, 'metadata', /"Author" and "author"/, 'author');
  });

  it.each([['a\r\nb'], ['a\nb'], ['a\rb']])('rejects the value %j (CR/LF)', (value) => {
    expectMessage(invalid(() => normalizeUserMetadata({ note: value })), 'metadata.note', /CR or LF/, value);
  });

  it('rejects a non-ASCII value with a message that says so, without changing it', () => {
    const error = invalid(() => normalizeUserMetadata({ city: 'Zürich' }));
    expectMessage(error, 'metadata.city', /non-ASCII character U\+00FC/, 'Zürich');
    expect(error.value).toBe('Zürich');
    expect(error.message).toContain('non-ASCII');
  });

  it.each([['a\tb'], ['a\u0000b'], ['a\u007fb']])('rejects control characters in %j', (value) => {
    expectMessage(invalid(() => normalizeUserMetadata({ v: value })), 'metadata.v', /printable ASCII/, value);
  });

  it('rejects a value HTTP would trim', () => {
    expectMessage(invalid(() => normalizeUserMetadata({ v: ' padded ' })), 'metadata.v', /start or end with a space/, ' padded ');
  });

  it('accepts exactly 8192 bytes and rejects 8193', () => {
    const atLimit = { k: 'x'.repeat(MAX_USER_METADATA_BYTES - 1) };
    expect(() => normalizeUserMetadata(atLimit)).not.toThrow();
    const error = invalid(() => normalizeUserMetadata({ k: 'x'.repeat(4096), l: 'y'.repeat(4096) }));
    expect(error.field).toBe('metadata');
    expect(error.rule).toMatch(/at most 8192 bytes \(got 8194\)/);
    expect(error.message).toContain('8194 bytes');
  });

  it('uses the given field name', () => {
    expect(invalid(() => normalizeUserMetadata({ a_b: '1' }, 'input.metadata')).message).toMatch(/^input\.metadata: /);
  });
});

describe('assertHeaderValue / assertAsciiHeaderValue', () => {
  it('accepts ByteStrings and rejects every control character and characters above U+00FF', () => {
    expect(() => assertHeaderValue('text/plain; charset=utf-8', 'contentType')).not.toThrow();
    expect(() => assertHeaderValue('caf\u00e9', 'contentDisposition')).not.toThrow();
    expect(() => assertHeaderValue('a b', 'contentDisposition')).not.toThrow();
    expect(() => assertHeaderValue('', 'contentDisposition')).not.toThrow();
    const controls = [...Array.from({ length: 0x20 }, (_, code) => code), 0x7f];
    for (const code of controls) {
      const value = `a${String.fromCharCode(code)}b`;
      const error = invalid(() => assertHeaderValue(value, 'cacheControl'));
      expectMessage(error, 'cacheControl', /control characters \(U\+0000–U\+001F, U\+007F/, value);
      expect(error.rule).toContain(`U+${code.toString(16).toUpperCase().padStart(4, '0')} at index 1`);
    }
    expectMessage(invalid(() => assertHeaderValue('中', 'contentDisposition')), 'contentDisposition', /U\+00FF/, '中');
  });

  it('refuses leading and trailing spaces instead of stripping them', () => {
    for (const value of [' text/plain', 'text/plain ', ' ', '  x  ']) {
      expectMessage(invalid(() => assertHeaderValue(value, 'contentType')), 'contentType', /must not start or end with a space/, value);
    }
  });

  it('assertAsciiHeaderValue also rejects Latin-1 and control characters', () => {
    expect(() => assertAsciiHeaderValue('max-age=60', 'cacheControl')).not.toThrow();
    expectMessage(invalid(() => assertAsciiHeaderValue('caf\u00e9', 'x')), 'x', /non-ASCII/, 'caf\u00e9');
    expectMessage(invalid(() => assertAsciiHeaderValue('a\u0001', 'x')), 'x', /control character/, 'a\u0001');
    expectMessage(invalid(() => assertAsciiHeaderValue('a\tb', 'x')), 'x', /control character/, 'a\tb');
  });
});
