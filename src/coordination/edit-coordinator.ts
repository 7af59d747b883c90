/**
 * The edit coordinator (process-wide): every metadata edit of an object made through it runs in
 * the object's queue, one at a time, in arrival order, under the object's lease (in-process, or
 * Redis across processes), and its commit step is fenced by that lease. Composable merges queued
 * behind an edit in flight are group-committed: applied as one metadata edit (one copy) and every
 * one of them gets its result.
 */
import type { CallOptions } from '../oss/client.js';
import { OssConflictError, OssInvalidArgumentError } from '../oss/errors.js';
import type { EditMetadataRequest, EditMetadataResult, MetadataEditor } from '../oss/helpers/metadata-editor.js';
import { composeEdits } from './compose-edits.js';
import { createEditsInFlight, fenceApi } from './fence.js';
import type { CommitOperations } from './fence.js';
import { createKeyedQueue } from './keyed-queue.js';
import type { LeaseProvider } from './lease.js';
import { leaseName } from './lease.js';
import { prepareEdit } from './prepare-edit.js';
import type { PreparedEdit } from './prepare-edit.js';

/** Default of {@link EditCoordinatorOptions.maxGroupSize}. */
export const DEFAULT_MAX_GROUP_SIZE = 100;

/** An object. */
export interface ObjectTarget {
  readonly bucket: string;
  readonly key: string;
}

/** Options of {@link createEditCoordinator}. */
export interface EditCoordinatorOptions {
  /** Where object leases come from; closed by {@link EditCoordinator.close}. */
  readonly leases: LeaseProvider;
  /** Most merges applied as one edit. */
  readonly maxGroupSize?: number;
}

/** What the coordinator has done so far. */
export interface EditCoordinatorStats {
  /** Edits and exclusive tasks accepted. */
  readonly accepted: number;
  /** Editor runs and exclusive tasks started (a group of merges is one run). */
  readonly runs: number;
  /** The largest group committed as one edit. */
  readonly largestGroup: number;
  /** Objects with queued or running edits now. */
  readonly activeObjects: number;
}

/** Serializes and group-commits the metadata edits of each object. */
export interface EditCoordinator {
  /** Which leases guard the edits: `in-process` (this process only) or `redis` (every process sharing the Redis). */
  readonly leaseKind: LeaseProvider['kind'];
  /**
   * Runs `request` with `editor` (the caller's own editor, e.g. one per GraphQL request over an
   * authorized, counted store API fenced with {@link EditCoordinator.fence}). The request is
   * validated first (`OssInvalidArgumentError`, nothing queued). An `update` without `ifMatch`
   * may be applied together with the composable edits queued next to it, by the editor of the
   * first of them, and resolves with the result of that combined edit (the object after it). A
   * `replace`, or any edit with `ifMatch`, runs alone with its own editor. Rejects with the
   * editor's error (every member of a group alike; a group that fails because of its combined
   * input is retried one edit at a time), with `OssConflictError` when the object's lease stayed
   * held elsewhere too long or was lost before the commit, with `LeaseStoreUnavailableError`
   * when Redis cannot be reached, and with the signal's reason when `options.signal` aborts while
   * the edit is still queued.
   */
  edit(request: EditMetadataRequest, editor: MetadataEditor, options?: CallOptions): Promise<EditMetadataResult>;
  /**
   * Runs `work` alone in the queue of `target`, under its lease (e.g. a copy onto itself: its
   * read and its commit must not interleave with an edit). Its commits through a fenced API are
   * checked against the lease. Rejects as {@link EditCoordinator.edit} for the lease, else with
   * what `work` rejects with.
   */
  exclusive<T>(target: ObjectTarget, work: () => Promise<T>, options?: CallOptions): Promise<T>;
  /** `api` with its commit steps checked against the lease of the edit in flight (see `fenceApi`). */
  fence<A extends CommitOperations>(api: A): A;
  stats(): EditCoordinatorStats;
  /** Refuses new edits, waits for the queued ones, then closes the lease provider. Idempotent. */
  close(): Promise<void>;
}

/** A queued unit of work. */
type Task =
  | {
      readonly kind: 'edit';
      readonly prepared: PreparedEdit;
      readonly editor: MetadataEditor;
      readonly options: CallOptions;
      readonly resolve: (result: EditMetadataResult) => void;
      readonly reject: (error: unknown) => void;
    }
  | {
      readonly kind: 'exclusive';
      readonly target: ObjectTarget;
      readonly work: () => Promise<unknown>;
      readonly resolve: (result: unknown) => void;
      readonly reject: (error: unknown) => void;
    };

type EditTask = Extract<Task, { kind: 'edit' }>;

/** A coordinator over `options.leases`. */
export function createEditCoordinator(options: EditCoordinatorOptions): EditCoordinator {
  const { leases } = options;
  const maxGroupSize = options.maxGroupSize ?? DEFAULT_MAX_GROUP_SIZE;
  if (!Number.isSafeInteger(maxGroupSize) || maxGroupSize < 1) {
    throw new OssInvalidArgumentError('maxGroupSize', 'must be an integer ≥ 1', maxGroupSize);
  }
  const inFlight = createEditsInFlight();
  let accepted = 0;
  let runs = 0;
  let largestGroup = 0;
  let closing: Promise<void> | undefined;

  /** The tasks to run now: a run of composable edits from the front (at most maxGroupSize), else the first task. */
  function takeGroup(queue: Task[]): Task[] {
    let count = 0;
    while (count < queue.length && count < maxGroupSize) {
      const task = queue[count];
      if (task === undefined || task.kind !== 'edit' || !task.prepared.composable) break;
      count++;
    }
    return queue.splice(0, Math.max(count, 1));
  }

  function targetOf(task: Task): ObjectTarget {
    return task.kind === 'edit' ? task.prepared.request : task.target;
  }

  async function runAlone(task: EditTask): Promise<void> {
    runs++;
    try {
      task.resolve(await task.editor.edit(task.prepared.request, task.options));
    } catch (error) {
      task.reject(error);
    }
  }

  async function runGroup(group: Task[]): Promise<void> {
    const first = group[0];
    if (first === undefined) return;
    if (first.kind === 'exclusive') {
      runs++;
      try {
        first.resolve(await first.work());
      } catch (error) {
        first.reject(error);
      }
      return;
    }
    const edits = group as EditTask[];
    largestGroup = Math.max(largestGroup, edits.length);
    if (edits.length === 1) return runAlone(first);
    runs++;
    try {
      // Why not a member's signal: the edit belongs to every member; one caller leaving must not cancel it.
      const result = await first.editor.edit(composeEdits(edits.map((e) => e.prepared)));
      for (const edit of edits) edit.resolve(result);
    } catch (error) {
      if (!(error instanceof OssInvalidArgumentError)) {
        for (const edit of edits) edit.reject(error);
        return;
      }
      // Why: each member was valid alone, so the combination broke a rule (e.g. the 8 KB metadata
      // total) before anything was sent; each member gets the outcome it would have had alone.
      for (const edit of edits) await runAlone(edit);
    }
  }

  const queue = createKeyedQueue<Task>(async (name, waiting) => {
    const head = waiting[0];
    if (head === undefined) return;
    const target = targetOf(head);
    let lease;
    try {
      lease = await leases.acquire(leaseName(target.bucket, target.key));
    } catch (error) {
      for (const task of takeGroup(waiting)) task.reject(error);
      return;
    }
    try {
      // Why take the group only now: edits that arrived while the lease was awaited join it.
      const group = takeGroup(waiting);
      // Why no clash: the queue runs one group per object at a time, so `name` is this group's alone.
      inFlight.set(name, { bucket: target.bucket, key: target.key, lease });
      try {
        await runGroup(group);
      } finally {
        inFlight.delete(name);
      }
    } finally {
      await lease.release();
    }
  });

  function enqueue<T>(target: ObjectTarget, make: (resolve: (value: T) => void, reject: (error: unknown) => void) => Task, signal?: AbortSignal): Promise<T> {
    if (closing !== undefined) return Promise.reject(new OssConflictError('the edit coordinator is closing; the edit was not made'));
    if (signal?.aborted === true) return Promise.reject(signal.reason);
    const name = leaseName(target.bucket, target.key);
    return new Promise<T>((resolve, reject) => {
      const onAbort = (): void => {
        if (queue.remove(name, task)) reject(signal?.reason);
      };
      const task = make(
        (value) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(value);
        },
        (error) => {
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
      );
      signal?.addEventListener('abort', onAbort, { once: true });
      accepted++;
      queue.push(name, task);
    });
  }

  return {
    leaseKind: leases.kind,
    async edit(request, editor, callOptions = {}) {
      const prepared = prepareEdit(request);
      return enqueue<EditMetadataResult>(
        request,
        (resolve, reject) => ({ kind: 'edit', prepared, editor, options: callOptions, resolve, reject }),
        callOptions.signal,
      );
    },
    exclusive<T>(target: ObjectTarget, work: () => Promise<T>, callOptions: CallOptions = {}) {
      return enqueue<T>(
        target,
        (resolve, reject) => ({ kind: 'exclusive', target, work, resolve: resolve as (value: unknown) => void, reject }),
        callOptions.signal,
      );
    },
    fence: (api) => fenceApi(api, inFlight),
    stats: () => ({ accepted, runs, largestGroup, activeObjects: queue.activeKeys() }),
    close() {
      closing ??= (async () => {
        await queue.idle();
        await leases.close();
      })();
      return closing;
    },
  };
}
