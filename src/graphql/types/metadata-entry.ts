/** `MetadataEntry` (output) and `MetadataEntryInput`: one user metadata pair. */
import { builder } from '../builder.js';

/** One user metadata pair as stored: `key` lowercased, without `x-oss-meta-`. */
export interface MetadataEntryShape {
  readonly key: string;
  readonly value: string;
}

/** `type MetadataEntry { key value }`. */
export const MetadataEntryRef = builder.objectRef<MetadataEntryShape>('MetadataEntry').implement({
  description: 'One user metadata pair (`x-oss-meta-<key>`); keys are lowercase.',
  fields: (t) => ({
    key: t.exposeString('key'),
    value: t.exposeString('value'),
  }),
});

/** `input MetadataEntryInput { key value }`. */
export const MetadataEntryInput = builder.inputType('MetadataEntryInput', {
  description:
    'One user metadata pair. `key`: letters, digits and hyphens, without `x-oss-meta-`, folded to lowercase (two keys equal after folding are rejected). ' +
    '`value`: printable ASCII without leading or trailing spaces (non-ASCII is rejected, never converted). Total size at most 8 KB.',
  fields: (t) => ({
    key: t.string({ required: true }),
    value: t.string({ required: true }),
  }),
});

/** Sorted {@link MetadataEntryShape}s of a metadata record. */
export function toMetadataEntries(metadata: Readonly<Record<string, string>>): MetadataEntryShape[] {
  return Object.keys(metadata)
    .map((key) => ({ key: key.toLowerCase(), value: metadata[key] as string }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
