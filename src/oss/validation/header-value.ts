/** Rules for values that travel in HTTP headers. */
import { OssInvalidArgumentError } from '../errors.js';

function describe(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Throws {@link OssInvalidArgumentError} unless `value` can be sent as a header value as is: no
 * CR, LF or NUL (header injection), and every character ≤ U+00FF (an HTTP ByteString).
 */
export function assertHeaderValue(value: string, field: string): void {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code === 0x0d || code === 0x0a || code === 0x00) {
      throw new OssInvalidArgumentError(field, `header value must not contain CR, LF or NUL (found ${describe(code)} at index ${i})`, value);
    }
    if (code > 0xff) {
      throw new OssInvalidArgumentError(
        field,
        `header value must contain only characters up to U+00FF (found ${describe(code)} at index ${i})`,
        value,
      );
    }
  }
}

/**
 * Throws {@link OssInvalidArgumentError} unless `value` is printable ASCII (0x20–0x7E) plus tab:
 * what survives every HTTP stack unchanged.
 */
export function assertAsciiHeaderValue(value: string, field: string): void {
  assertHeaderValue(value, field);
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code > 0x7e) {
      throw new OssInvalidArgumentError(field, `header value must be ASCII; non-ASCII character ${describe(code)} at index ${i}`, value);
    }
    if (code < 0x20 && code !== 0x09) {
      throw new OssInvalidArgumentError(field, `header value must not contain control character ${describe(code)} (index ${i})`, value);
    }
  }
}
