/** Assembling a presigned URL from its parts. Pure. */
import { uriEncode } from './canonical.js';

/**
 * Returns `base` (scheme, host and already-encoded path; its own search and hash are ignored)
 * followed by `?` and `existingQuery` then `added`, in that order, each key and value encoded
 * RFC 3986-strictly (so a V1 signature's `+`, `/`, `=` become `%2B`, `%2F`, `%3D`). An empty
 * value is emitted as the bare key.
 */
export function buildPresignedUrl(
  base: URL,
  existingQuery: Array<[string, string]>,
  added: Array<[string, string]>,
): string {
  const query = [...existingQuery, ...added]
    .map(([name, value]) => (value === '' ? uriEncode(name, false) : `${uriEncode(name, false)}=${uriEncode(value, false)}`))
    .join('&');
  const root = `${base.protocol}//${base.host}${base.pathname}`;
  return query === '' ? root : `${root}?${query}`;
}
