/** Cursors of version listings: where ListObjectVersions resumes (key marker and version id marker). */
import { BadUserInputError } from './errors.js';

/** Where a version listing resumes. */
export interface VersionPosition {
  readonly keyMarker: string;
  readonly versionIdMarker: string;
}

const PREFIX = 'v1:';

/** The opaque cursor of `position` within the listing of `scope` (the prefix or key it lists). */
export function encodeVersionCursor(position: VersionPosition, scope: string): string {
  return Buffer.from(PREFIX + JSON.stringify([scope, position.keyMarker, position.versionIdMarker]), 'utf8').toString('base64url');
}

/**
 * The position of `cursor`; BAD_USER_INPUT naming `field` when it was not issued by a listing of
 * the same `scope`.
 */
export function decodeVersionCursor(cursor: string, field: string, scope: string): VersionPosition {
  const text = /^[A-Za-z0-9_-]+$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  if (text.startsWith(PREFIX)) {
    try {
      const parts: unknown = JSON.parse(text.slice(PREFIX.length));
      if (Array.isArray(parts) && parts.length === 3 && parts.every((p) => typeof p === 'string') && parts[0] === scope) {
        return { keyMarker: parts[1] as string, versionIdMarker: parts[2] as string };
      }
    } catch {
      // reported below
    }
  }
  throw new BadUserInputError(field, 'must be a cursor returned by the same version listing (same prefix or object)', cursor);
}
