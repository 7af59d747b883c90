/** `Mutation.setObjectAcl`: set the ACL of one object (PutObjectAcl). */
import { builder } from '../builder.js';
import { serializeObjectWork } from '../coordinated-edits.js';
import { AccessDeniedError, BadUserInputError, ConflictError, NotFoundError, UpstreamUnavailableError } from '../errors.js';
import type { StorageObjectSource } from '../object-source.js';
import { translateError } from '../translate-error.js';
import { checkObjectRef } from '../validation.js';
import { ObjectAclEnum } from './object-enums.js';
import { StorageObjectRef } from './storage-object.js';

/** What `SetObjectAclSuccess` carries. */
interface SetObjectAclSuccessShape {
  readonly requestId: string;
  readonly object: StorageObjectSource;
}

const SetObjectAclInput = builder.inputType('SetObjectAclInput', {
  fields: (t) => ({
    bucket: t.string({ required: true }),
    key: t.string({ required: true }),
    versionId: t.string({ description: 'Set the ACL of this version; absent: the current one.' }),
    acl: t.field({ type: ObjectAclEnum, required: true, description: 'DEFAULT: the bucket ACL applies.' }),
  }),
});

const SetObjectAclSuccess = builder.objectRef<SetObjectAclSuccessShape>('SetObjectAclSuccess').implement({
  description: 'The object ACL was set.',
  fields: (t) => ({
    requestId: t.exposeString('requestId'),
    object: t.field({ type: StorageObjectRef, resolve: (s) => s.object }),
  }),
});

builder.mutationField('setObjectAcl', (t) =>
  t.field({
    type: SetObjectAclSuccess,
    description:
      'Sets the ACL of an object (one PutObjectAcl), in the object’s edit queue: a metadata edit re-sends the ACL it read, so the two must not interleave.',
    errors: {
      // Why ConflictError: serialized with the object's edits; a lease not had in time is CONFLICT.
      types: [BadUserInputError, AccessDeniedError, NotFoundError, ConflictError, UpstreamUnavailableError],
      directResult: true,
      union: { name: 'SetObjectAclResult' },
    },
    args: { input: t.arg({ type: SetObjectAclInput, required: true }) },
    resolve: (_root, { input }, ctx) => {
      const ref = checkObjectRef(ctx.settings, input, 'input.');
      return serializeObjectWork(ctx.editCoordinator, ref, async () => {
        try {
          const result = await ctx.api.putObjectAcl({ ...ref, acl: input.acl });
          return { requestId: result.requestId, object: ref };
        } catch (error) {
          throw translateError(error, ref);
        } finally {
          ctx.loaders.objectMetadata.clear(ref);
        }
      });
    },
  }),
);
