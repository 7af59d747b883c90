/**
 * Per-request loaders of the object "aspects" that have a store request of their own: tags
 * (GetObjectTagging), ACL (GetObjectAcl), image info (`x-oss-process=image/info`) and symlink
 * targets (GetSymlink). Each is one DataLoader keyed by the object ref: one request per distinct
 * object per aspect per GraphQL request, whatever the aliases, fragments or duplicates.
 */
import DataLoader from 'dataloader';
import type { OssApi } from '../oss/api.js';
import { OssServiceError, isNotFoundError } from '../oss/errors.js';
import type { ObjectAclGrant } from '../oss/operations/get-object-acl.js';
import type { GetImageInfoResult } from '../oss/operations/get-image-info.js';
import type { ObjectTag } from '../oss/operations/shared/tags.js';
import { objectRefKey, refFields } from './object-ref.js';
import type { ObjectRef } from './object-ref.js';

/** What an aspect loader answers for an object that exists; `null` means the object does not. */
export type AspectAnswer<T> = { readonly value: T } | null;

/** A per-request aspect loader. */
export type AspectLoader<T> = DataLoader<ObjectRef, AspectAnswer<T>, string>;

/** The aspect loaders of one GraphQL request. */
export interface AspectLoaders {
  /** The tag set (empty when untagged). */
  readonly tags: AspectLoader<ObjectTag[]>;
  /** The object ACL as OSS reports it (`default`: the bucket's ACL applies). */
  readonly acl: AspectLoader<ObjectAclGrant>;
  /** Image info, `value: null` for an object that is not an image (or is archived and not restored). */
  readonly image: AspectLoader<GetImageInfoResult | null>;
  /** The symlink target, `value: null` for an object that is not a symlink. */
  readonly symlinkTarget: AspectLoader<string | null>;
}

/**
 * OSS codes that mean "no image info for this object": not an image (the exact code is
 * unverified, wave 2 §8), or an archived object that is not restored (`InvalidObjectState`, 403,
 * which would otherwise read as ACCESS_DENIED).
 */
const NOT_AN_IMAGE = new Set(['BadRequest', 'ImageDamage', 'InvalidObjectState']);

/**
 * A DataLoader over `fetch`: a missing object answers `null`, `absent(error)` (when it returns
 * a value) turns an expected refusal into a value, anything else rejects that object's loads.
 */
function aspectLoader<T>(fetch: (ref: ObjectRef) => Promise<T>, absent?: (error: unknown) => { value: T } | undefined): AspectLoader<T> {
  return new DataLoader<ObjectRef, AspectAnswer<T>, string>(
    (refs) =>
      Promise.all(
        refs.map(async (ref) => {
          try {
            return { value: await fetch(ref) };
          } catch (error) {
            if (isNotFoundError(error)) return null;
            const answer = absent?.(error);
            if (answer !== undefined) return answer;
            return error instanceof Error ? error : new Error(String(error));
          }
        }),
      ),
    { cacheKeyFn: objectRefKey },
  );
}

/** Creates the aspect loaders over `api` (the request's counted, bounded, authorized view). */
export function createAspectLoaders(api: Pick<OssApi, 'getObjectTagging' | 'getObjectAcl' | 'getImageInfo' | 'getSymlink'>): AspectLoaders {
  return {
    tags: aspectLoader((ref) => api.getObjectTagging(refFields(ref)).then((r) => r.tags)),
    acl: aspectLoader((ref) => api.getObjectAcl(refFields(ref)).then((r) => r.acl)),
    image: aspectLoader<GetImageInfoResult | null>(
      (ref) => api.getImageInfo(refFields(ref)),
      (error) => (error instanceof OssServiceError && error.status < 500 && NOT_AN_IMAGE.has(error.code) ? { value: null } : undefined),
    ),
    symlinkTarget: aspectLoader<string | null>(
      (ref) => api.getSymlink(refFields(ref)).then((r) => r.target),
      (error) => (error instanceof OssServiceError && error.code === 'NotSymlink' ? { value: null } : undefined),
    ),
  };
}

/** Forgets every aspect of `ref` (after a write changed it). */
export function clearAspects(loaders: AspectLoaders, ref: ObjectRef): void {
  loaders.tags.clear(ref);
  loaders.acl.clear(ref);
  loaders.image.clear(ref);
  loaders.symlinkTarget.clear(ref);
}
