/**
 * Opaque cursors of bucket listings. A page's end cursor carries the ListObjectsV2 continuation
 * token; an edge cursor carries its key (used as `start-after`).
 */
import { BadUserInputError } from './errors.js';

/** Where a listing continues: after a continuation token, or after a key. */
export type ListPosition = { readonly kind: 'token'; readonly value: string } | { readonly kind: 'key'; readonly value: string };

/** The cursor that continues a listing with a ListObjectsV2 continuation token. */
export function encodeTokenCursor(token: string): string {
  return Buffer.from(`t:${token}`, 'utf8').toString('base64url');
}

/** The cursor that continues a listing after `key`. */
export function encodeKeyCursor(key: string): string {
  return Buffer.from(`k:${key}`, 'utf8').toString('base64url');
}

/** The position a cursor names; throws {@link BadUserInputError} (naming `field`) for anything else. */
export function decodeListCursor(cursor: string, field: string): ListPosition {
  const text = /^[A-Za-z0-9_-]*$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const value = text.slice(2);
  if (text.startsWith('t:') && value !== '') return { kind: 'token', value };
  if (text.startsWith('k:') && value !== '') return { kind: 'key', value };
  throw new BadUserInputError(field, 'must be a cursor returned by this listing (edges.cursor or pageInfo.endCursor)', cursor);
}
