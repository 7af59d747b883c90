/**
 * `Mutation.setTags` (replace the tag set) and `Mutation.updateTags` (merge). Both run in the
 * object's edit queue, so concurrent `updateTags` never lose each other's tags and a metadata
 * edit (which carries the tags) never interleaves with a tag change.
 */
import type { ObjectTag } from '../../oss/operations/shared/tags.js';
import { builder } from '../builder.js';
import type { GraphQLContext } from '../context.js';
import { serializeObjectWork } from '../coordinated-edits.js';
import { AccessDeniedError, BadUserInputError, ConflictError, NotFoundError, UpstreamUnavailableError } from '../errors.js';
import type { StorageObjectSource } from '../object-source.js';
import { checkTags } from '../tag-checks.js';
import { translateError } from '../translate-error.js';
import { checkObjectRef } from '../validation.js';
import { TagInput, TagRef } from './object-details.js';
import { StorageObjectRef } from './storage-object.js';

/** What `SetTagsSuccess` and `UpdateTagsSuccess` carry. */
export interface TagsSuccessShape {
  readonly requestId: string;
  /** The tag set now on the object. */
  readonly tags: readonly ObjectTag[];
  readonly object: StorageObjectSource;
}

const SetTagsInput = builder.inputType('SetTagsInput', {
  fields: (t) => ({
    bucket: t.string({ required: true }),
    key: t.string({ required: true }),
    versionId: t.string({ description: 'Tag this version; absent: the current one.' }),
    tags: t.field({ type: [TagInput], required: true, description: 'The whole new tag set (at most 10); empty removes every tag.' }),
  }),
});

const UpdateTagsInput = builder.inputType('UpdateTagsInput', {
  fields: (t) => ({
    bucket: t.string({ required: true }),
    key: t.string({ required: true }),
    versionId: t.string({ description: 'Tag this version; absent: the current one.' }),
    set: t.field({ type: [TagInput], description: 'Tags to add or change.' }),
    remove: t.stringList({ description: 'Tag keys to remove (exact, case-sensitive); must not also be in `set`.' }),
  }),
});

function successType(name: string, description: string) {
  return builder.objectRef<TagsSuccessShape>(name).implement({
    description,
    fields: (t) => ({
      requestId: t.exposeString('requestId'),
      tags: t.field({ type: [TagRef], description: 'The tag set now on the object.', resolve: (s) => [...s.tags] }),
      object: t.field({ type: StorageObjectRef, resolve: (s) => s.object }),
    }),
  });
}

const SetTagsSuccess = successType('SetTagsSuccess', 'The tag set was replaced.');
const UpdateTagsSuccess = successType('UpdateTagsSuccess', 'The tags were merged; tags not named were kept.');

// Why ConflictError: tag writes are serialized with the object's edits; a lease that cannot be had in time is CONFLICT.
const TAG_ERRORS = [BadUserInputError, AccessDeniedError, NotFoundError, ConflictError, UpstreamUnavailableError] as const;

/** Writes `tags` onto `ref` and returns the success shape (clearing the request's loaders for it). */
async function writeTags(ctx: GraphQLContext, ref: StorageObjectSource, tags: ObjectTag[]): Promise<TagsSuccessShape> {
  try {
    const result = await ctx.api.putObjectTagging({ ...ref, tags });
    return { requestId: result.requestId, tags, object: ref };
  } finally {
    ctx.loaders.objectMetadata.clear(ref);
  }
}

builder.mutationField('setTags', (t) =>
  t.field({
    type: SetTagsSuccess,
    description: 'Replaces the tag set of an object (one PutObjectTagging). Tag changes keep the ETag and Last-Modified.',
    errors: { types: [...TAG_ERRORS], directResult: true, union: { name: 'SetTagsResult' } },
    args: { input: t.arg({ type: SetTagsInput, required: true }) },
    resolve: (_root, { input }, ctx) => {
      const ref = checkObjectRef(ctx.settings, input, 'input.');
      const tags = checkTags(input.tags, 'input.tags');
      return serializeObjectWork(ctx.editCoordinator, ref, async () => {
        try {
          return await writeTags(ctx, ref, tags);
        } catch (error) {
          throw translateError(error, ref);
        }
      });
    },
  }),
);

builder.mutationField('updateTags', (t) =>
  t.field({
    type: UpdateTagsSuccess,
    description:
      'Merges tags: `set` tags are added or changed, `remove` keys removed, the rest kept (GetObjectTagging → merge → PutObjectTagging, ' +
      'in the object’s edit queue so concurrent updates do not lose each other’s tags). At most 10 tags may result.',
    errors: { types: [...TAG_ERRORS], directResult: true, union: { name: 'UpdateTagsResult' } },
    args: { input: t.arg({ type: UpdateTagsInput, required: true }) },
    resolve: (_root, { input }, ctx) => {
      const ref = checkObjectRef(ctx.settings, input, 'input.');
      const set = checkTags(input.set ?? [], 'input.set');
      const remove = input.remove ?? [];
      const overlap = remove.find((key) => set.some((tag) => tag.key === key));
      if (overlap !== undefined) throw new BadUserInputError('input.remove', 'must not name a key that `set` also sets', overlap);
      return serializeObjectWork(ctx.editCoordinator, ref, async () => {
        try {
          const current = await ctx.api.getObjectTagging(ref);
          const merged = new Map(current.tags.map((tag) => [tag.key, tag.value]));
          for (const key of remove) merged.delete(key);
          for (const tag of set) merged.set(tag.key, tag.value);
          // Why `input.set`: only adding tags can push the merged set over OSS's 10.
          const tags = checkTags([...merged].map(([key, value]) => ({ key, value })), 'input.set');
          return await writeTags(ctx, ref, tags);
        } catch (error) {
          throw translateError(error, ref);
        }
      });
    },
  }),
);
