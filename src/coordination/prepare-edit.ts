/**
 * Checking one metadata edit before it joins a group: the same input rules the metadata editor
 * applies, so a group can never fail because of one member's input.
 */
import type { EditMetadataRequest } from '../oss/helpers/metadata-editor.js';
import { OssInvalidArgumentError } from '../oss/errors.js';
import { SYSTEM_HEADER_NAMES } from '../oss/operations/shared/request-headers.js';
import { assertBucketName, assertHeaderValue, assertObjectKey, normalizeUserMetadata } from '../oss/validation/index.js';

/** A validated edit: metadata names lowercased, `removeKeys` lowercased, nothing else changed. */
export interface PreparedEdit {
  /** The caller's request as given (a lone edit is run with it). */
  readonly request: EditMetadataRequest;
  /** `metadata` normalised (lowercase names). */
  readonly metadata: Readonly<Record<string, string>>;
  /** `removeKeys` lowercased. */
  readonly removeKeys: readonly string[];
  /** Whether it may be group-committed with neighbours: an `update` without `ifMatch`. */
  readonly composable: boolean;
}

/**
 * Validates `request` as the editor would (bucket, key, mode, metadata names and values and their
 * 8 KB total, `removeKeys` names and no overlap with `metadata`, system header fields and values)
 * and returns it prepared. Throws `OssInvalidArgumentError` naming the field, the rule and the value.
 */
export function prepareEdit(request: EditMetadataRequest): PreparedEdit {
  assertBucketName(request.bucket);
  assertObjectKey(request.key);
  if (request.mode !== 'replace' && request.mode !== 'update') {
    throw new OssInvalidArgumentError('mode', 'must be replace or update', request.mode);
  }
  if (request.mode === 'replace' && request.removeKeys !== undefined && request.removeKeys.length > 0) {
    throw new OssInvalidArgumentError('removeKeys', 'only allowed in update mode (replace sets the whole set)', request.removeKeys);
  }
  const metadata = normalizeUserMetadata(request.metadata ?? {});
  const removeKeys = Object.keys(normalizeUserMetadata((request.removeKeys ?? []).map((name) => [name, 'x'] as const), 'removeKeys'));
  for (const name of removeKeys) {
    if (name in metadata) throw new OssInvalidArgumentError('removeKeys', 'must not name a key that metadata sets', name);
  }
  for (const [field, value] of Object.entries(request.systemHeaders ?? {})) {
    if (!(field in SYSTEM_HEADER_NAMES)) throw new OssInvalidArgumentError('systemHeaders', 'unknown system header field', field);
    if (typeof value === 'string') assertHeaderValue(value, `systemHeaders.${field}`);
  }
  if (request.ifMatch !== undefined) assertHeaderValue(request.ifMatch, 'ifMatch');
  return { request, metadata, removeKeys, composable: request.mode === 'update' && request.ifMatch === undefined };
}
