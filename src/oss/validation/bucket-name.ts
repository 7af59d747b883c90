/** Bucket naming rule (reference §9.1). */
import { OssInvalidArgumentError } from '../errors.js';

/**
 * Throws {@link OssInvalidArgumentError} unless `value` is a valid bucket name: 3–63 characters
 * of lowercase letters, digits and hyphens, starting and ending with a letter or digit.
 */
export function assertBucketName(value: string, field = 'bucket'): void {
  if (value.length < 3 || value.length > 63) {
    throw new OssInvalidArgumentError(field, `bucket name must be 3 to 63 characters long (got ${value.length})`, value);
  }
  if (!/^[a-z0-9-]+$/.test(value)) {
    throw new OssInvalidArgumentError(field, 'bucket name may contain only lowercase letters, digits and hyphens', value);
  }
  if (value.startsWith('-') || value.endsWith('-')) {
    throw new OssInvalidArgumentError(field, 'bucket name must start and end with a lowercase letter or digit', value);
  }
}
