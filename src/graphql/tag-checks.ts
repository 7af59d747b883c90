/** Checking tag inputs of mutations (OSS's limits, wave 2 §3) before anything is sent. */
import { OssInvalidArgumentError } from '../oss/errors.js';
import { assertTags } from '../oss/operations/shared/tags.js';
import type { ObjectTag } from '../oss/operations/shared/tags.js';
import { BadUserInputError } from './errors.js';

/** `tags` as {@link ObjectTag}s after checking OSS's limits; BAD_USER_INPUT naming `field[i].key` otherwise. */
export function checkTags(tags: ReadonlyArray<{ key: string; value: string }>, field: string): ObjectTag[] {
  const checked = tags.map((t) => ({ key: t.key, value: t.value }));
  try {
    assertTags(checked, field);
  } catch (error) {
    if (error instanceof OssInvalidArgumentError) throw new BadUserInputError(error.field, error.rule, error.value, { cause: error });
    throw error;
  }
  return checked;
}
