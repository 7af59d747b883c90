/**
 * Checking one metadata edit before it joins a group: the same input rules the metadata editor
 * applies, so a group can never fail because of one member's input.
 */
import { checkEditRequest } from '../oss/helpers/metadata-editor.js';
import type { EditMetadataRequest } from '../oss/helpers/metadata-editor.js';

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
 * Checks `request` with the editor's own rules (`checkEditRequest`) and returns it prepared.
 * Throws `OssInvalidArgumentError` naming the field, the rule and the value.
 */
export function prepareEdit(request: EditMetadataRequest): PreparedEdit {
  const { metadata, removeKeys } = checkEditRequest(request);
  return { request, metadata, removeKeys, composable: request.mode === 'update' && request.ifMatch === undefined };
}
