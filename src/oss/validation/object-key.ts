/** Object key rule (reference §9.2). */
import { OssInvalidArgumentError } from '../errors.js';

/** Longest object key, in UTF-8 bytes. */
export const MAX_OBJECT_KEY_BYTES = 1023;

const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Throws {@link OssInvalidArgumentError} unless `value` is a valid object key: 1–1023 UTF-8 bytes,
 * valid Unicode (no unpaired surrogates), not starting with `/` or `\`. CR and LF are allowed:
 * keys travel in the URL path, percent-encoded, never in a header.
 */
export function assertObjectKey(value: string, field = 'key'): void {
  if (value.length === 0) {
    throw new OssInvalidArgumentError(field, 'object key must not be empty', value);
  }
  if (UNPAIRED_SURROGATE.test(value)) {
    throw new OssInvalidArgumentError(field, 'object key must be valid Unicode (it has an unpaired surrogate)', value);
  }
  const bytes = Buffer.byteLength(value, 'utf8');
  if (bytes > MAX_OBJECT_KEY_BYTES) {
    throw new OssInvalidArgumentError(
      field,
      `object key must be at most ${MAX_OBJECT_KEY_BYTES} UTF-8 bytes (got ${bytes})`,
      value,
    );
  }
  if (value.startsWith('/') || value.startsWith('\\')) {
    throw new OssInvalidArgumentError(field, 'object key must not start with "/" or "\\"', value);
  }
}
