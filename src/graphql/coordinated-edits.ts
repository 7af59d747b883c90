/**
 * The GraphQL side of edit coordination: a per-request metadata editor that goes through the
 * process-wide coordinator, and the serialization of copies onto themselves.
 */
import { LeaseStoreUnavailableError } from '../coordination/lease.js';
import type { EditCoordinator } from '../coordination/edit-coordinator.js';
import type { EditMetadataRequest, MetadataEditor } from '../oss/helpers/metadata-editor.js';
import { UpstreamUnavailableError } from './errors.js';
import { translateError } from './translate-error.js';

/**
 * Checks that the caller may make `request` (throws when not). Group commit runs a group with the
 * editor of its first member, over that member's store API, so a later member's own store view
 * never sees the copy: its permission must be checked here, before it is queued.
 */
export type EditAuthorizer = (request: EditMetadataRequest) => void | Promise<void>;

/**
 * `editor` (this request's own, over its store API) behind `coordinator`: edits of one object are
 * serialized across requests (and replicas with Redis) and composable merges group-committed.
 * Authorization seam: `authorize` (when given) runs for every edit before it is queued; without
 * it, the caller must have authorized the edit before calling `edit`.
 */
export function coordinatedEditor(coordinator: EditCoordinator, editor: MetadataEditor, authorize?: EditAuthorizer): MetadataEditor {
  return {
    edit: async (request, options) => {
      await authorize?.(request);
      try {
        return await coordinator.edit(request, editor, options);
      } catch (error) {
        throw leaseStoreError(error);
      }
    },
  };
}

/** The parts of a copy's input that say whether it is a copy onto itself. */
export interface CopyTarget {
  readonly sourceBucket: string;
  readonly sourceKey: string;
  readonly bucket: string;
  readonly key: string;
}

/**
 * Runs `work` (a copy resolver) in the edit queue of the object when `input` copies the object
 * onto itself (a metadata edit: its read and its commit must not interleave with another edit),
 * else at once. Coordination errors are translated to API errors.
 */
export async function serializeSelfCopy<T>(coordinator: EditCoordinator, input: CopyTarget, work: () => Promise<T>): Promise<T> {
  if (input.sourceBucket !== input.bucket || input.sourceKey !== input.key) return work();
  return serializeObjectWork(coordinator, { bucket: input.bucket, key: input.key }, work);
}

/**
 * Runs `work` in the edit queue of `target` (tag and ACL changes: a read-modify-write of tags,
 * or an ACL change that a metadata edit in flight would otherwise overwrite with the ACL it read).
 * Coordination errors are translated to API errors.
 */
export async function serializeObjectWork<T>(coordinator: EditCoordinator, target: { bucket: string; key: string }, work: () => Promise<T>): Promise<T> {
  try {
    return await coordinator.exclusive(target, work);
  } catch (error) {
    throw translateError(leaseStoreError(error), target);
  }
}

/** {@link LeaseStoreUnavailableError} as `UPSTREAM_UNAVAILABLE`; anything else unchanged. */
function leaseStoreError(error: unknown): unknown {
  if (!(error instanceof LeaseStoreUnavailableError)) return error;
  return new UpstreamUnavailableError(
    'the edit lease store (Redis) could not be reached, so the edit was not made (it would not be guarded against other ossgraph replicas); retry later',
    { cause: error, extensions: { leaseStore: 'redis' } },
  );
}
