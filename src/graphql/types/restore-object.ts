/** `Mutation.restoreObject`: make an archived object readable for a number of days (RestoreObject). */
import { OssServiceError } from '../../oss/errors.js';
import { builder } from '../builder.js';
import { AccessDeniedError, BadUserInputError, NotFoundError, UpstreamUnavailableError } from '../errors.js';
import type { StorageObjectSource } from '../object-source.js';
import { translateError } from '../translate-error.js';
import { checkObjectRef } from '../validation.js';
import { RestoreTierEnum } from './object-enums.js';
import { StorageObjectRef } from './storage-object.js';

/** What `RestoreObjectSuccess` carries. */
interface RestoreObjectSuccessShape {
  readonly requestId: string;
  readonly status: 'STARTED' | 'ALREADY_RESTORED' | 'IN_PROGRESS';
  readonly object: StorageObjectSource;
}

const RestoreRequestStatusEnum = builder.enumType('RestoreRequestStatus', {
  description: 'What the restore request did.',
  values: {
    STARTED: { description: 'A restore started (202); follow it with `StorageObject.restore`.' },
    ALREADY_RESTORED: { description: 'The object was already restored; its readable period was extended (200).' },
    IN_PROGRESS: { description: 'A restore was already running (409 RestoreAlreadyInProgress); nothing changed.' },
  } as const,
});

const RestoreObjectInput = builder.inputType('RestoreObjectInput', {
  fields: (t) => ({
    bucket: t.string({ required: true }),
    key: t.string({ required: true }),
    versionId: t.string(),
    days: t.int({ description: 'Days the restored copy stays readable (Archive 1-7, cold classes 1-365); absent: OSS default (1).' }),
    tier: t.field({ type: RestoreTierEnum, description: 'ColdArchive and DeepColdArchive only.' }),
  }),
});

const RestoreObjectSuccess = builder.objectRef<RestoreObjectSuccessShape>('RestoreObjectSuccess').implement({
  description: 'The restore was requested (or was already running or done).',
  fields: (t) => ({
    requestId: t.exposeString('requestId'),
    status: t.field({ type: RestoreRequestStatusEnum, resolve: (s) => s.status }),
    object: t.field({ type: StorageObjectRef, resolve: (s) => s.object }),
  }),
});

builder.mutationField('restoreObject', (t) =>
  t.field({
    type: RestoreObjectSuccess,
    description: 'Restores an Archive, ColdArchive or DeepColdArchive object (one RestoreObject). Another storage class is BAD_USER_INPUT.',
    errors: {
      types: [BadUserInputError, AccessDeniedError, NotFoundError, UpstreamUnavailableError],
      directResult: true,
      union: { name: 'RestoreObjectResult' },
    },
    args: { input: t.arg({ type: RestoreObjectInput, required: true }) },
    resolve: async (_root, { input }, ctx): Promise<RestoreObjectSuccessShape> => {
      const ref = checkObjectRef(ctx.settings, input, 'input.');
      const days = input.days ?? undefined;
      if (days !== undefined && (!Number.isInteger(days) || days < 1 || days > 365)) {
        throw new BadUserInputError('input.days', 'must be an integer from 1 to 365 (Archive: 1 to 7)', days);
      }
      try {
        const result = await ctx.api.restoreObject({
          ...ref,
          ...(days === undefined ? {} : { days }),
          ...(input.tier === undefined || input.tier === null ? {} : { tier: input.tier }),
        });
        return { requestId: result.requestId, status: result.status === 200 ? 'ALREADY_RESTORED' : 'STARTED', object: ref };
      } catch (error) {
        if (error instanceof OssServiceError && error.code === 'RestoreAlreadyInProgress') {
          return { requestId: error.requestId ?? '', status: 'IN_PROGRESS', object: ref };
        }
        if (error instanceof OssServiceError && (error.code === 'OperationNotSupported' || error.code === 'InvalidObjectState') && error.status === 400) {
          throw new BadUserInputError('input.key', 'must name an Archive, ColdArchive or DeepColdArchive object', input.key, {
            requestId: error.requestId,
            cause: error,
          });
        }
        throw translateError(error, ref);
      } finally {
        ctx.loaders.objectMetadata.clear(ref);
      }
    },
  }),
);
