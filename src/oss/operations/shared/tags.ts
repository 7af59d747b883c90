/** Object tags as the tagging operations take and return them, and OSS's limits on them (wave 2 §3). */
import { OssInvalidArgumentError } from '../../errors.js';

/** One object tag. */
export interface ObjectTag {
  readonly key: string;
  readonly value: string;
}

const TAG_CHARS = /^[\p{L}\p{N} +\-=._:/]*$/u;

/**
 * Throws `OssInvalidArgumentError` unless `tags` holds at most 10 tags with unique, non-empty keys
 * of at most 128 characters and values of at most 256, each made of letters, digits, space and
 * `+ - = . _ : /`.
 */
export function assertTags(tags: readonly ObjectTag[], field = 'tags'): void {
  if (tags.length > 10) throw new OssInvalidArgumentError(field, 'must hold at most 10 tags', tags.length);
  const seen = new Set<string>();
  tags.forEach((tag, index) => {
    if (tag.key === '' || [...tag.key].length > 128 || !TAG_CHARS.test(tag.key)) {
      throw new OssInvalidArgumentError(`${field}[${index}].key`, 'must be 1-128 letters, digits, spaces or + - = . _ : /', tag.key);
    }
    if (seen.has(tag.key)) throw new OssInvalidArgumentError(`${field}[${index}].key`, 'must be unique', tag.key);
    seen.add(tag.key);
    if ([...tag.value].length > 256 || !TAG_CHARS.test(tag.value)) {
      throw new OssInvalidArgumentError(`${field}[${index}].value`, 'must be at most 256 letters, digits, spaces or + - = . _ : /', tag.value);
    }
  });
}

/** `tags` as the `x-oss-tagging` header value: `k1=v1&k2=v2`, keys and values URL-encoded (space as `%20`, never `+`). */
export function encodeTagging(tags: readonly ObjectTag[]): string {
  return tags.map((t) => `${encodeURIComponent(t.key)}=${encodeURIComponent(t.value)}`).join('&');
}
