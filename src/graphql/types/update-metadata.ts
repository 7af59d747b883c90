/** `Mutation.updateMetadata`: set some user metadata keys, remove others, keep everything else. */
import { builder } from '../builder.js';
import {
  AccessDeniedError,
  BadUserInputError,
  ConflictError,
  IntegrityCheckFailedError,
  NotFoundError,
  PreconditionFailedError,
  UpstreamUnavailableError,
} from '../errors.js';
import { checkBucket, checkHeaderValue, checkKey, checkMetadata, checkMetadataNames } from '../validation.js';
import { EDIT_OUTCOME_DESCRIPTION, IF_MATCH_DESCRIPTION, runMetadataEdit } from './edit-metadata-result.js';
import type { EditMetadataSuccessShape } from './edit-metadata-result.js';
import { MetadataEntryInput } from './metadata-entry.js';
import { StorageObjectRef } from './storage-object.js';
import { checkSystemHeaderChanges, systemHeaderFields } from './system-headers.js';

const UpdateMetadataInput = builder.inputType('UpdateMetadataInput', {
  fields: (t) => ({
    bucket: t.string({ required: true }),
    key: t.string({ required: true }),
    set: t.field({ type: [MetadataEntryInput], description: 'Keys to add or change.' }),
    remove: t.stringList({ description: 'Keys to remove (case-insensitive); must not also be in `set`.' }),
    ...systemHeaderFields(t, 'edit'),
    ifMatch: t.string({ description: IF_MATCH_DESCRIPTION }),
  }),
});

const UpdateMetadataSuccess = builder.objectRef<EditMetadataSuccessShape>('UpdateMetadataSuccess').implement({
  description: 'The metadata was merged; everything not named was carried over.',
  fields: (t) => ({
    requestId: t.exposeString('requestId'),
    etag: t.exposeString('etag'),
    versionId: t.exposeString('versionId', { nullable: true }),
    previousEtag: t.exposeString('previousEtag'),
    object: t.field({ type: StorageObjectRef, resolve: (s) => s.object }),
  }),
});

builder.mutationField('updateMetadata', (t) =>
  t.field({
    type: UpdateMetadataSuccess,
    description:
      'Merges user metadata: `set` keys are added or changed, `remove` keys removed, the rest kept (HEAD and GetObjectAcl → merge → copy onto itself with REPLACE). ' +
      'System headers not given keep their value exactly; storage class, encryption and the object ACL are kept (the ACL is re-sent unless it is `default`).' +
      EDIT_OUTCOME_DESCRIPTION,
    errors: {
      types: [BadUserInputError, AccessDeniedError, NotFoundError, PreconditionFailedError, ConflictError, UpstreamUnavailableError, IntegrityCheckFailedError],
      directResult: true,
      union: { name: 'UpdateMetadataResult' },
    },
    args: { input: t.arg({ type: UpdateMetadataInput, required: true }) },
    resolve: (_root, { input }, ctx) => {
      checkBucket(ctx.settings, input.bucket, 'input.bucket');
      checkKey(input.key, 'input.key');
      const set = checkMetadata(input.set ?? [], 'input.set');
      const remove = checkMetadataNames(input.remove ?? [], 'input.remove');
      const overlap = remove.find((name) => name in set);
      if (overlap !== undefined) throw new BadUserInputError('input.remove', 'must not name a key that `set` also sets', overlap);
      const systemHeaders = checkSystemHeaderChanges(input);
      const ifMatch = checkHeaderValue(input.ifMatch, 'input.ifMatch');
      return runMetadataEdit(ctx, {
        bucket: input.bucket,
        key: input.key,
        mode: 'update',
        metadata: set,
        removeKeys: remove,
        systemHeaders,
        ...(ifMatch === undefined ? {} : { ifMatch }),
      });
    },
  }),
);
