import { describe, expect, it } from 'vitest';
import { BadUserInputError } from '../../../src/graphql/errors.js';
import { MAX_CURSOR_LENGTH, decodeListCursor, encodeKeyCursor, encodeTokenCursor } from '../../../src/graphql/list-cursor.js';

function refused(cursor: string, prefix = ''): BadUserInputError {
  try {
    decodeListCursor(cursor, 'after', prefix);
  } catch (error) {
    expect(error).toBeInstanceOf(BadUserInputError);
    const e = error as BadUserInputError;
    expect(e.field).toBe('after');
    expect(e.message).toMatch(/^after: /);
    expect(e.message).toContain(e.rule);
    return e;
  }
  throw new Error(`expected ${JSON.stringify(cursor)} to be refused`);
}

const b64 = (text: string | Buffer): string => Buffer.from(text).toString('base64url');

describe('list cursors', () => {
  it('round-trip tokens (with the prefix they were issued for) and keys, including odd characters', () => {
    for (const prefix of ['', 'a/', 'é/12:3/', 'p\u0000q']) {
      for (const token of ['tok/+==', '1', 'x'.repeat(2000), 'é:\u0000']) {
        expect(decodeListCursor(encodeTokenCursor(token, prefix), 'after', prefix)).toEqual({ kind: 'token', value: token });
      }
    }
    expect(decodeListCursor(encodeKeyCursor('dir/é.txt'), 'after', 'dir/')).toEqual({ kind: 'key', value: 'dir/é.txt' });
    const longest = 'k'.repeat(1023);
    expect(encodeKeyCursor(longest).length).toBeLessThanOrEqual(MAX_CURSOR_LENGTH);
    expect(decodeListCursor(encodeKeyCursor(longest), 'after')).toEqual({ kind: 'key', value: longest });
  });

  it('refuses a wrong encoding: not base64url, non-canonical, padded, invalid UTF-8, empty', () => {
    expect(refused('not-a-cursor!').rule).toMatch(/not base64url/);
    expect(refused(`${encodeKeyCursor('a')}=`).rule).toMatch(/not base64url/);
    // 'azphYg' and 'azphYh' both decode to "k:ab" in Node; only the canonical one is accepted.
    expect(encodeKeyCursor('ab')).toBe('azphYg');
    expect(Buffer.from('azphYh', 'base64url').toString()).toBe('k:ab');
    expect(refused('azphYh').rule).toMatch(/not base64url/);
    expect(refused(b64(Buffer.from([0x6b, 0x3a, 0xff, 0xfe]))).rule).toMatch(/UTF-8/);
    expect(refused('').rule).toMatch(/cursor/);
    expect(refused(b64(encodeKeyCursor('a'))).rule).toMatch(/returned by this listing/);
  });

  it('refuses forms it never produces', () => {
    for (const text of ['x:1', 'k:', 't:', 't:0:', 't:5:ab', 't:abc:x', 't:999999:x', 'K:a']) {
      expect(refused(b64(text), '').rule).toMatch(/returned by this listing/);
    }
    expect(refused(b64('k:/etc/passwd')).rule).toMatch(/invalid key/);
    expect(refused(b64(`k:${'k'.repeat(1024)}`)).rule).toMatch(/invalid key.*1023/);
  });

  it('refuses over-long cursors before decoding them, quoting only their start', () => {
    const error = refused('A'.repeat(MAX_CURSOR_LENGTH + 1));
    expect(error.rule).toMatch(new RegExp(`at most ${MAX_CURSOR_LENGTH} characters`));
    expect(error.value.length).toBeLessThan(300);
    expect(error.value).toContain(`${MAX_CURSOR_LENGTH + 1} characters`);
  });

  it('refuses cursors of another prefix', () => {
    expect(refused(encodeKeyCursor('b/x.txt'), 'a/').rule).toMatch(/outside the listed prefix "a\/"/);
    expect(refused(encodeKeyCursor('a'), 'a/').rule).toMatch(/outside the listed prefix/);
    expect(refused(encodeTokenCursor('tok', 'b/'), 'a/').rule).toMatch(/issued for prefix "b\/", not "a\/"/);
    expect(refused(encodeTokenCursor('tok', ''), 'a/').rule).toMatch(/issued for prefix ""/);
    expect(refused(encodeTokenCursor('tok', 'a/'), '').rule).toMatch(/issued for prefix "a\/", not ""/);
  });
});
