/** `Mutation.deleteObjects`: delete up to 1000 keys of one bucket with one DeleteMultipleObjects request. */
import { MAX_DELETE_OBJECTS } from '../../oss/operations/delete-multiple-objects.js';
import type { DeletedObject, DeleteObjectFailure as DeleteObjectsFailure } from '../../oss/operations/delete-multiple-objects.js';
import { builder } from '../builder.js';
import { AccessDeniedError, BadUserInputError, NotFoundError, UpstreamUnavailableError } from '../errors.js';
import { translateError } from '../translate-error.js';
import { checkBucket, checkKey, checkVersionId } from '../validation.js';

/** What `DeleteObjectsSuccess` carries. */
interface DeleteObjectsSuccessShape {
  readonly requestId: string;
  readonly deleted: readonly DeletedObject[];
  readonly errors: readonly DeleteObjectsFailure[];
}

/** `input ObjectVersionInput { key versionId }`. */
export const ObjectVersionInput = builder.inputType('ObjectVersionInput', {
  description: 'A key of the bucket, and optionally one version of it.',
  fields: (t) => ({ key: t.string({ required: true }), versionId: t.string() }),
});

const DeleteObjectsInput = builder.inputType('DeleteObjectsInput', {
  fields: (t) => ({
    bucket: t.string({ required: true }),
    objects: t.field({ type: [ObjectVersionInput], required: true, description: `1 to ${MAX_DELETE_OBJECTS} keys, each exactly as stored.` }),
    quiet: t.boolean({ description: 'Quiet mode: `deleted` stays empty, only failures are reported.' }),
  }),
});

const DeletedObjectRef = builder.objectRef<DeletedObject>('DeletedObject').implement({
  description: 'A key the store reports as deleted (keys that did not exist are reported too, as OSS does).',
  fields: (t) => ({
    key: t.exposeString('key'),
    versionId: t.string({ nullable: true, resolve: (d) => d.versionId ?? null }),
    deleteMarker: t.exposeBoolean('deleteMarker'),
    deleteMarkerVersionId: t.string({ nullable: true, resolve: (d) => d.deleteMarkerVersionId ?? null }),
  }),
});

const DeleteObjectErrorRef = builder.objectRef<DeleteObjectsFailure>('DeleteObjectError').implement({
  description: 'A key the store could not delete.',
  fields: (t) => ({
    key: t.exposeString('key'),
    versionId: t.string({ nullable: true, resolve: (d) => d.versionId ?? null }),
    code: t.exposeString('code', { description: 'The OSS error code.' }),
    message: t.exposeString('message'),
  }),
});

const DeleteObjectsSuccess = builder.objectRef<DeleteObjectsSuccessShape>('DeleteObjectsSuccess').implement({
  description: 'The store answered the batch delete; check `errors` for keys it could not delete.',
  fields: (t) => ({
    requestId: t.exposeString('requestId'),
    deleted: t.field({ type: [DeletedObjectRef], resolve: (s) => [...s.deleted] }),
    errors: t.field({ type: [DeleteObjectErrorRef], resolve: (s) => [...s.errors] }),
  }),
});

builder.mutationField('deleteObjects', (t) =>
  t.field({
    type: DeleteObjectsSuccess,
    description:
      `Deletes 1 to ${MAX_DELETE_OBJECTS} keys of one bucket with one DeleteMultipleObjects request. Keys are sent exactly (XML-escaped, control characters as ` +
      'character references, never URL-encoded). Every key is checked against the policy first: one denied key refuses the whole batch and nothing is sent.',
    errors: {
      types: [BadUserInputError, AccessDeniedError, NotFoundError, UpstreamUnavailableError],
      directResult: true,
      union: { name: 'DeleteObjectsResult' },
    },
    args: { input: t.arg({ type: DeleteObjectsInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      checkBucket(ctx.settings, input.bucket, 'input.bucket');
      if (input.objects.length === 0 || input.objects.length > MAX_DELETE_OBJECTS) {
        throw new BadUserInputError('input.objects', `must hold 1 to ${MAX_DELETE_OBJECTS} entries`, input.objects.length);
      }
      const objects = input.objects.map((o, i) => {
        checkKey(o.key, `input.objects[${i}].key`);
        if (o.versionId === undefined || o.versionId === null) return { key: o.key };
        checkVersionId(o.versionId, `input.objects[${i}].versionId`);
        return { key: o.key, versionId: o.versionId };
      });
      try {
        const result = await ctx.api.deleteMultipleObjects({ bucket: input.bucket, objects, ...(input.quiet === true ? { quiet: true } : {}) });
        return { requestId: result.requestId, deleted: result.deleted, errors: result.errors };
      } catch (error) {
        throw translateError(error, { bucket: input.bucket });
      } finally {
        for (const o of objects) {
          ctx.loaders.objectMetadata.clear({ bucket: input.bucket, ...o });
          ctx.loaders.objectMetadata.clear({ bucket: input.bucket, key: o.key });
        }
      }
    },
  }),
);
