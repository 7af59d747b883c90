/**
 * Opaque cursors of bucket listings. A page's end cursor carries the ListObjectsV2 continuation
 * token and the prefix it was issued for; an edge cursor carries its key (used as `start-after`),
 * which lies under the listing's prefix. A cursor is checked completely before any store request:
 * its length, its encoding and that it belongs to the listing it is used with.
 */
import { OssInvalidArgumentError } from '../oss/errors.js';
import { assertObjectKey } from '../oss/validation/index.js';
import { BadUserInputError } from './errors.js';

/** Where a listing continues: after a continuation token, or after a key. */
export type ListPosition = { readonly kind: 'token'; readonly value: string } | { readonly kind: 'key'; readonly value: string };

/**
 * Longest cursor accepted, in characters. Why this bound: a key cursor is at most 1,367
 * characters (a 1,023-byte key) and a token cursor carries a prefix of at most 1,023 bytes plus
 * the store's continuation token (which encodes a key); 8,192 leaves room for both and refuses
 * a forged megabyte before it is decoded.
 */
export const MAX_CURSOR_LENGTH = 8192;

const BASE64URL = /^[A-Za-z0-9_-]+$/;
const UTF8 = new TextDecoder('utf-8', { fatal: true });
const TOKEN_CURSOR = /^t:(\d{1,5}):/s;

/** The cursor that continues a listing of `prefix` with a ListObjectsV2 continuation token. */
export function encodeTokenCursor(token: string, prefix: string): string {
  return Buffer.from(`t:${prefix.length}:${prefix}${token}`, 'utf8').toString('base64url');
}

/** The cursor that continues a listing after `key`. */
export function encodeKeyCursor(key: string): string {
  return Buffer.from(`k:${key}`, 'utf8').toString('base64url');
}

/** The cursor's text, or `undefined` when it is not canonical base64url of valid UTF-8. */
function decodeText(cursor: string): string | undefined {
  if (!BASE64URL.test(cursor)) return undefined;
  const bytes = Buffer.from(cursor, 'base64url');
  // Why the round trip: Node ignores stray trailing bits, so several strings decode alike; only
  // the one this module produced is accepted.
  if (bytes.toString('base64url') !== cursor) return undefined;
  try {
    return UTF8.decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * The position `cursor` names in a listing of `prefix`. Throws {@link BadUserInputError} naming
 * `field`, the rule and the cursor when it is longer than {@link MAX_CURSOR_LENGTH}, not a cursor
 * this module produced (encoding, form, an invalid key), or from a listing of another prefix (a
 * token cursor issued for another prefix, a key cursor whose key is outside `prefix`).
 */
export function decodeListCursor(cursor: string, field: string, prefix = ''): ListPosition {
  const refuse = (rule: string): BadUserInputError =>
    new BadUserInputError(field, rule, cursor.length > 200 ? `${cursor.slice(0, 200)}… (${cursor.length} characters)` : cursor);
  if (cursor.length > MAX_CURSOR_LENGTH) {
    throw refuse(`must be at most ${MAX_CURSOR_LENGTH} characters (a cursor returned by a listing is shorter)`);
  }
  const text = decodeText(cursor);
  if (text === undefined) throw refuse('must be a cursor returned by this listing (edges.cursor or pageInfo.endCursor); it is not base64url of UTF-8 text');
  if (text.startsWith('k:')) {
    const key = text.slice(2);
    try {
      assertObjectKey(key, field);
    } catch (error) {
      if (error instanceof OssInvalidArgumentError) throw refuse(`must be a cursor returned by this listing; it names an invalid key (${error.rule})`);
      throw error;
    }
    if (!key.startsWith(prefix)) {
      throw refuse(`must be a cursor of this listing; it names key ${JSON.stringify(key)}, outside the listed prefix ${JSON.stringify(prefix)}`);
    }
    return { kind: 'key', value: key };
  }
  const token = TOKEN_CURSOR.exec(text);
  if (token !== null) {
    const start = token[0].length;
    const length = Number(token[1]);
    const issuedFor = text.slice(start, start + length);
    const value = text.slice(start + length);
    if (issuedFor.length === length && value !== '') {
      if (issuedFor !== prefix) {
        throw refuse(`must be a cursor of this listing; it was issued for prefix ${JSON.stringify(issuedFor)}, not ${JSON.stringify(prefix)}`);
      }
      return { kind: 'token', value };
    }
  }
  throw refuse('must be a cursor returned by this listing (edges.cursor or pageInfo.endCursor)');
}
