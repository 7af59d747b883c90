/** `Mutation.deleteObject`: delete one object, or one version of it (DeleteObject). */
import { builder } from '../builder.js';
import { AccessDeniedError, BadUserInputError, NotFoundError, UpstreamUnavailableError } from '../errors.js';
import { translateError } from '../translate-error.js';
import { checkObjectRef } from '../validation.js';

/** What `DeleteObjectSuccess` carries. */
interface DeleteObjectSuccessShape {
  readonly requestId: string;
  readonly versionId?: string | undefined;
  readonly deleteMarker: boolean;
}

const DeleteObjectInput = builder.inputType('DeleteObjectInput', {
  fields: (t) => ({
    bucket: t.string({ required: true }),
    key: t.string({ required: true }),
    versionId: t.string({ description: 'Delete this version for good; absent: in a versioned bucket a delete marker is added.' }),
  }),
});

const DeleteObjectSuccess = builder.objectRef<DeleteObjectSuccessShape>('DeleteObjectSuccess').implement({
  description: 'The object (or version) is gone. Deleting a key that does not exist succeeds too, as in OSS.',
  fields: (t) => ({
    requestId: t.exposeString('requestId'),
    versionId: t.exposeString('versionId', { nullable: true, description: 'The version deleted, or the id of the delete marker created.' }),
    deleteMarker: t.exposeBoolean('deleteMarker', { description: 'True when a delete marker was created or removed.' }),
  }),
});

builder.mutationField('deleteObject', (t) =>
  t.field({
    type: DeleteObjectSuccess,
    description: 'Deletes an object (one DeleteObject). A missing key succeeds; a missing bucket is NOT_FOUND.',
    errors: {
      types: [BadUserInputError, AccessDeniedError, NotFoundError, UpstreamUnavailableError],
      directResult: true,
      union: { name: 'DeleteObjectResult' },
    },
    args: { input: t.arg({ type: DeleteObjectInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const ref = checkObjectRef(ctx.settings, input, 'input.');
      try {
        const result = await ctx.api.deleteObject(ref);
        return { requestId: result.requestId, versionId: result.versionId, deleteMarker: result.deleteMarker };
      } catch (error) {
        throw translateError(error, ref);
      } finally {
        ctx.loaders.objectMetadata.clear(ref);
        ctx.loaders.objectMetadata.clear({ bucket: ref.bucket, key: ref.key });
      }
    },
  }),
);
