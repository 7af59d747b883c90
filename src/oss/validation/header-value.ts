/** Rules for values that travel in HTTP headers. */
import { OssInvalidArgumentError } from '../errors.js';

function describe(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** True for the C0 controls U+0000–U+001F (CR, LF, NUL, tab, …) and DEL U+007F. */
function isControl(code: number): boolean {
  return code <= 0x1f || code === 0x7f;
}

/**
 * Throws {@link OssInvalidArgumentError} unless `value` can be sent as a header value exactly as
 * given: no control character (U+0000–U+001F, U+007F — CR/LF would inject headers, the others are
 * refused or altered by HTTP stacks), every character ≤ U+00FF (an HTTP ByteString), and no
 * leading or trailing space (HTTP strips them, so the stored value would differ; the value is
 * refused, never trimmed).
 */
export function assertHeaderValue(value: string, field: string): void {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (isControl(code)) {
      throw new OssInvalidArgumentError(
        field,
        `header value must not contain control characters (U+0000–U+001F, U+007F; found ${describe(code)} at index ${i})`,
        value,
      );
    }
    if (code > 0xff) {
      throw new OssInvalidArgumentError(
        field,
        `header value must contain only characters up to U+00FF (found ${describe(code)} at index ${i})`,
        value,
      );
    }
  }
  if (value.startsWith(' ') || value.endsWith(' ')) {
    throw new OssInvalidArgumentError(
      field,
      'header value must not start or end with a space (HTTP would strip it, so the stored value would differ; remove it yourself)',
      value,
    );
  }
}

/**
 * Throws {@link OssInvalidArgumentError} unless `value` passes {@link assertHeaderValue} and is
 * printable ASCII (0x20–0x7E): what survives every HTTP stack unchanged.
 */
export function assertAsciiHeaderValue(value: string, field: string): void {
  assertHeaderValue(value, field);
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code > 0x7e) {
      throw new OssInvalidArgumentError(field, `header value must be ASCII; non-ASCII character ${describe(code)} at index ${i}`, value);
    }
  }
}
