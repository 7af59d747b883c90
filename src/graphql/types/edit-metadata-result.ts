/** Running a metadata edit and the success shape shared by `replaceMetadata` and `updateMetadata`. */
import type { EditMetadataRequest } from '../../oss/helpers/metadata-editor.js';
import type { GraphQLContext } from '../context.js';
import type { StorageObjectSource } from '../object-source.js';
import { translateError } from '../translate-error.js';

/** What `<Replace|Update>MetadataSuccess` carries. */
export interface EditMetadataSuccessShape {
  readonly requestId: string;
  readonly etag: string;
  readonly versionId?: string | undefined;
  /** The ETag the edit was based on (the HEAD before the copy). */
  readonly previousEtag: string;
  /** `single` (CopyObject) or `multipart` (above the copy threshold). */
  readonly method: 'single' | 'multipart';
  readonly object: StorageObjectSource;
}

/** Runs `request` through the context's metadata editor and returns the success shape. */
export async function runMetadataEdit(context: GraphQLContext, request: EditMetadataRequest): Promise<EditMetadataSuccessShape> {
  const target = { bucket: request.bucket, key: request.key };
  try {
    const result = await context.metadataEditor.edit(request);
    context.loaders.objectMetadata.clear(target);
    return {
      requestId: result.requestId,
      etag: result.etag,
      versionId: result.versionId,
      previousEtag: result.previous.etag,
      method: result.method,
      object: result.versionId === undefined ? target : { ...target, versionId: result.versionId },
    };
  } catch (error) {
    throw translateError(error, target);
  }
}

/** The ETag note every edit documents (DESIGN §6). */
export const IF_MATCH_DESCRIPTION =
  'Edit only if the object still has this ETag. A metadata-only edit may keep the ETag, so an ETag alone cannot tell two concurrent metadata edits apart; ' +
  'the edit is additionally guarded by the Last-Modified time it read.';

/** How an edit ends when others write the object at the same time or an answer is lost (README "Edits, other writers and lost answers"). */
export const EDIT_OUTCOME_DESCRIPTION =
  ' An object changed since it was read fails with PRECONDITION_FAILED; one that keeps changing (or changes during a multipart edit) with CONFLICT; ' +
  'both change nothing and may be retried. An edit whose answer from the store was lost is read back and reported as done when it landed.';
