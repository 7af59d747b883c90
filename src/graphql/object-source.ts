/** The parent value of `StorageObject` and how its fields reach the metadata loader. */
import type { FullObjectMetadata, MetadataLevel, ObjectMetadata } from '../loaders/object-metadata.js';
import type { ObjectRef } from '../loaders/object-ref.js';
import type { ListedObject } from '../oss/operations/list-objects-v2.js';
import type { GraphQLContext } from './context.js';
import { NotFoundError } from './errors.js';
import { translateError } from './translate-error.js';

/**
 * A `StorageObject` before any of its fields resolve: only which object it is, plus what a
 * listing said about it when it came from one.
 */
export interface StorageObjectSource extends ObjectRef {
  readonly listing?: ListedObject;
}

/** What a listing said about `source`, from the source itself or from the loader's listing cache. */
export function listingOf(context: GraphQLContext, source: StorageObjectSource): ListedObject | undefined {
  if (source.listing !== undefined) return source.listing;
  return source.versionId === undefined ? context.loaders.objectMetadata.listing(source) : undefined;
}

/**
 * Loads `source` at `level` through the request's loader. Call it before any `await` so sibling
 * fields share one batch. Rejects with {@link NotFoundError} when the object is gone, and with
 * the translated error otherwise.
 */
export function loadMetadata(context: GraphQLContext, source: ObjectRef, level: 'full'): Promise<FullObjectMetadata>;
export function loadMetadata(context: GraphQLContext, source: ObjectRef, level: MetadataLevel): Promise<ObjectMetadata>;
export function loadMetadata(context: GraphQLContext, source: ObjectRef, level: MetadataLevel): Promise<ObjectMetadata> {
  return context.loaders.objectMetadata.load(source, level).then(
    (metadata) => {
      if (metadata === null) {
        throw new NotFoundError(`object ${JSON.stringify(source.key)} in bucket ${JSON.stringify(source.bucket)} does not exist`, source);
      }
      return metadata;
    },
    (error: unknown) => {
      throw translateError(error, source);
    },
  );
}

/** Loads `ref` at `level`, resolving `null` when it does not exist (the existence check of root fields). */
export function loadExisting(context: GraphQLContext, ref: ObjectRef, level: MetadataLevel): Promise<ObjectMetadata | null> {
  return context.loaders.objectMetadata.load(ref, level).catch((error: unknown) => {
    throw translateError(error, ref);
  });
}
