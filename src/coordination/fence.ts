/**
 * The fencing check at the commit step. The coordinator records the lease of each edit it runs,
 * by object, for as long as the edit runs; a fenced store API checks that lease immediately
 * before every commit (CopyObject, CompleteMultipartUpload) onto that object, so an edit whose
 * lease was lost never commits. The editor and the copier do not know about it: they only see an
 * `OssApi`.
 *
 * Why a table by object rather than the async context of the edit (AsyncLocalStorage): on Node 20
 * one AsyncLocalStorage turns on promise hooks for every later promise of the process (≈ 10 % of
 * a request's CPU), and the coordinator runs at most one edit per object at a time, so the object
 * names the edit. A commit onto that object from outside the edit while it runs (an unserialized
 * write racing it) is checked against the edit's lease too: it passes while the lease is held, and
 * is refused, before it is sent, once another replica may be editing the object.
 */
import type { OssApi } from '../oss/api.js';
import type { Lease } from './lease.js';
import { leaseName } from './lease.js';

/** An edit being run: its object and its lease. */
export interface EditScope {
  readonly bucket: string;
  readonly key: string;
  readonly lease: Lease;
}

/** The edits a coordinator is running now, by `leaseName(bucket, key)` (at most one per object). */
export type EditsInFlight = Map<string, EditScope>;

/** A new, empty table of edits in flight (one per coordinator). */
export function createEditsInFlight(): EditsInFlight {
  return new Map<string, EditScope>();
}

/** The operations a fenced API guards: the commit steps of a copy onto an object. */
export type CommitOperations = Pick<OssApi, 'copyObject' | 'completeMultipartUpload'>;

/**
 * `api` with its commit steps fenced: a CopyObject or CompleteMultipartUpload onto an object with
 * an edit in `inFlight` first awaits that edit's `lease.assertHeld()` (which rejects with
 * `OssConflictError` when the lease was lost). Commits onto objects with no edit running pass
 * through. Every other method is `api`'s own.
 */
export function fenceApi<A extends CommitOperations>(api: A, inFlight: EditsInFlight): A {
  // Why own, bound properties: a caller may spread the API it gets (`{ ...api }`).
  const fenced: Record<string, unknown> = {};
  for (let proto: object | null = api; proto !== null && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      const value: unknown = (api as Record<string, unknown>)[name];
      if (name !== 'constructor' && !(name in fenced) && typeof value === 'function') fenced[name] = value.bind(api);
    }
  }
  const check = async (bucket: string, key: string): Promise<void> => {
    const edit = inFlight.get(leaseName(bucket, key));
    if (edit !== undefined) await edit.lease.assertHeld();
  };
  const copyObject: CommitOperations['copyObject'] = async (request, options) => {
    await check(request.bucket, request.key);
    return api.copyObject(request, options);
  };
  const completeMultipartUpload: CommitOperations['completeMultipartUpload'] = async (request, options) => {
    await check(request.bucket, request.key);
    return api.completeMultipartUpload(request, options);
  };
  Object.assign(fenced, { copyObject, completeMultipartUpload });
  return fenced as A;
}
