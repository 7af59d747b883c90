/**
 * The composition rule of group commit (pure): `updateMetadata` merges of one object, applied in
 * arrival order, equal one merge.
 */
import type { EditMetadataRequest, SystemHeaderChanges } from '../oss/helpers/metadata-editor.js';
import type { PreparedEdit } from './prepare-edit.js';

/**
 * The single `update` request equal to applying `edits` one after the other, in order: a key's
 * last `set` or `remove` wins (a later set overrides an earlier remove of the same key and vice
 * versa), and a system header's last change (a value, or `null` to remove) wins. Every edit must
 * be composable (an `update` without `ifMatch`) and name the same object; throws `RangeError`
 * otherwise, and for an empty list.
 */
export function composeEdits(edits: readonly PreparedEdit[]): EditMetadataRequest {
  const first = edits[0];
  if (first === undefined) throw new RangeError('composeEdits: needs at least one edit');
  const metadata = new Map<string, string | null>();
  const systemHeaders: Record<string, string | null> = {};
  for (const edit of edits) {
    if (!edit.composable) throw new RangeError('composeEdits: only updates without ifMatch compose');
    if (edit.request.bucket !== first.request.bucket || edit.request.key !== first.request.key) {
      throw new RangeError('composeEdits: every edit must name the same object');
    }
    for (const [name, value] of Object.entries(edit.metadata)) setLast(metadata, name, value);
    for (const name of edit.removeKeys) setLast(metadata, name, null);
    for (const [field, value] of Object.entries(edit.request.systemHeaders ?? {})) {
      if (value !== undefined) systemHeaders[field] = value;
    }
  }
  const set: Record<string, string> = {};
  const removeKeys: string[] = [];
  for (const [name, value] of metadata) {
    if (value === null) removeKeys.push(name);
    else set[name] = value;
  }
  return {
    bucket: first.request.bucket,
    key: first.request.key,
    mode: 'update',
    metadata: set,
    removeKeys,
    systemHeaders: systemHeaders as SystemHeaderChanges,
  };
}

/** Sets `name` so that it iterates in the order of its last change. */
function setLast(map: Map<string, string | null>, name: string, value: string | null): void {
  map.delete(name);
  map.set(name, value);
}
