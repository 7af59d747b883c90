/** `Mutation.replaceMetadata`: the given user metadata becomes the whole set; system headers not given are kept. */
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
import { checkBucket, checkHeaderValue, checkKey, checkMetadata } from '../validation.js';
import { EDIT_OUTCOME_DESCRIPTION, IF_MATCH_DESCRIPTION, runMetadataEdit } from './edit-metadata-result.js';
import type { EditMetadataSuccessShape } from './edit-metadata-result.js';
import { MetadataEntryInput } from './metadata-entry.js';
import { StorageObjectRef } from './storage-object.js';
import { checkSystemHeaderChanges, systemHeaderFields } from './system-headers.js';

const ReplaceMetadataInput = builder.inputType('ReplaceMetadataInput', {
  fields: (t) => ({
    bucket: t.string({ required: true }),
    key: t.string({ required: true }),
    metadata: t.field({ type: [MetadataEntryInput], required: true, description: 'The complete new user metadata ([] removes all).' }),
    ...systemHeaderFields(t, 'edit'),
    ifMatch: t.string({ description: IF_MATCH_DESCRIPTION }),
  }),
});

const ReplaceMetadataSuccess = builder.objectRef<EditMetadataSuccessShape>('ReplaceMetadataSuccess').implement({
  description: 'The metadata was replaced; everything not named was carried over.',
  fields: (t) => ({
    requestId: t.exposeString('requestId'),
    etag: t.exposeString('etag'),
    versionId: t.exposeString('versionId', { nullable: true }),
    previousEtag: t.exposeString('previousEtag'),
    object: t.field({ type: StorageObjectRef, resolve: (s) => s.object }),
  }),
});

builder.mutationField('replaceMetadata', (t) =>
  t.field({
    type: ReplaceMetadataSuccess,
    description:
      'Replaces the user metadata of an object (HEAD and GetObjectAcl → copy onto itself with REPLACE, guarded by the ETag and Last-Modified read). ' +
      'System headers not given keep their value exactly; storage class, encryption and the object ACL are kept (the ACL is re-sent unless it is `default`).' +
      EDIT_OUTCOME_DESCRIPTION,
    errors: {
      types: [BadUserInputError, AccessDeniedError, NotFoundError, PreconditionFailedError, ConflictError, UpstreamUnavailableError, IntegrityCheckFailedError],
      directResult: true,
      union: { name: 'ReplaceMetadataResult' },
    },
    args: { input: t.arg({ type: ReplaceMetadataInput, required: true }) },
    resolve: (_root, { input }, ctx) => {
      checkBucket(ctx.settings, input.bucket, 'input.bucket');
      checkKey(input.key, 'input.key');
      const metadata = checkMetadata(input.metadata, 'input.metadata');
      const systemHeaders = checkSystemHeaderChanges(input);
      const ifMatch = checkHeaderValue(input.ifMatch, 'input.ifMatch');
      return runMetadataEdit(ctx, {
        bucket: input.bucket,
        key: input.key,
        mode: 'replace',
        metadata,
        systemHeaders,
        ...(ifMatch === undefined ? {} : { ifMatch }),
      });
    },
  }),
);
