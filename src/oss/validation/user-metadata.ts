/** User metadata (`x-oss-meta-*`) rules (DESIGN §7, reference §9.3). */
import { OssInvalidArgumentError } from '../errors.js';

/** Largest total size of user metadata: Σ UTF-8 bytes of names (without `x-oss-meta-`) and values. */
export const MAX_USER_METADATA_BYTES = 8192;

const NAME = /^[A-Za-z0-9-]+$/;

function describe(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

function assertValue(value: string, field: string): void {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code === 0x0d || code === 0x0a) {
      throw new OssInvalidArgumentError(field, `metadata value must not contain CR or LF (found at index ${i})`, value);
    }
  }
  for (let i = 0; i < value.length; i++) {
    const code = value.codePointAt(i) as number;
    if (code > 0x7e && code !== 0x7f) {
      throw new OssInvalidArgumentError(
        field,
        `metadata value must be printable ASCII; non-ASCII character ${describe(code)} at index ${i} is rejected, ` +
          'not converted (encode it, e.g. percent- or base64-encode, before storing)',
        value,
      );
    }
    if (code < 0x20 || code === 0x7f) {
      throw new OssInvalidArgumentError(
        field,
        `metadata value must be printable ASCII (0x20–0x7E); control character ${describe(code)} at index ${i}`,
        value,
      );
    }
  }
  // Why: HTTP strips leading and trailing whitespace from header values, so such a value would
  // come back different from what was stored; refuse it instead of letting it change silently.
  if (value !== value.trim()) {
    throw new OssInvalidArgumentError(field, 'metadata value must not start or end with a space (HTTP would strip it)', value);
  }
}

/**
 * Validates user metadata and returns it normalised: a new object whose keys are the names folded
 * to lowercase, in sorted order. Names are given without the `x-oss-meta-` prefix and must be
 * non-empty letters, digits and hyphens; two names equal after folding are rejected (both named).
 * Values must be printable ASCII (0x20–0x7E), without CR/LF and without leading or trailing
 * spaces; non-ASCII values are rejected with a message saying so, never mangled. The total size
 * (see {@link MAX_USER_METADATA_BYTES}) must not exceed 8192 bytes. Throws
 * {@link OssInvalidArgumentError} naming `field` (and the entry), the rule and the value.
 */
export function normalizeUserMetadata(
  entries: Iterable<readonly [string, string]> | Readonly<Record<string, string>>,
  field = 'metadata',
): Record<string, string> {
  const list: Iterable<readonly [string, string]> =
    Symbol.iterator in entries ? (entries as Iterable<readonly [string, string]>) : Object.entries(entries);
  const byLowerName = new Map<string, { name: string; value: string }>();
  let total = 0;
  for (const [name, value] of list) {
    if (!NAME.test(name)) {
      throw new OssInvalidArgumentError(
        field,
        'metadata name must be non-empty and contain only letters, digits and hyphens',
        name,
      );
    }
    const lower = name.toLowerCase();
    const previous = byLowerName.get(lower);
    if (previous !== undefined) {
      throw new OssInvalidArgumentError(
        field,
        `metadata names "${previous.name}" and "${name}" are the same after lowercasing; give each name once`,
        name,
      );
    }
    assertValue(value, `${field}.${name}`);
    byLowerName.set(lower, { name, value });
    total += Buffer.byteLength(lower, 'utf8') + Buffer.byteLength(value, 'utf8');
  }
  if (total > MAX_USER_METADATA_BYTES) {
    throw new OssInvalidArgumentError(
      field,
      `total user metadata size (names + values) must be at most ${MAX_USER_METADATA_BYTES} bytes (got ${total})`,
      `${byLowerName.size} entries, ${total} bytes`,
    );
  }
  const out: Record<string, string> = {};
  for (const lower of [...byLowerName.keys()].sort()) out[lower] = (byLowerName.get(lower) as { value: string }).value;
  return out;
}
