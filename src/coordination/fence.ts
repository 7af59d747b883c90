/**
 * The fencing check at the commit step. The coordinator runs each edit inside a scope that names
 * the object and its lease; a fenced store API checks that lease immediately before every commit
 * (CopyObject, CompleteMultipartUpload) onto that object, so an edit whose lease was lost never
 * commits. The editor and the copier do not know about it: they only see an `OssApi`.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { OssApi } from '../oss/api.js';
import type { Lease } from './lease.js';

/** The edit running in the current async context. */
export interface EditScope {
  readonly bucket: string;
  readonly key: string;
  readonly lease: Lease;
}

/** Where the coordinator records the edit in flight, per async context. */
export type EditScopeStore = AsyncLocalStorage<EditScope>;

/** A new scope store (one per coordinator). */
export function createEditScopeStore(): EditScopeStore {
  return new AsyncLocalStorage<EditScope>();
}

/** The operations a fenced API guards: the commit steps of a copy onto an object. */
export type CommitOperations = Pick<OssApi, 'copyObject' | 'completeMultipartUpload'>;

/**
 * `api` with its commit steps fenced: a CopyObject or CompleteMultipartUpload onto the object of
 * the edit in scope first awaits `lease.assertHeld()` (which rejects with `OssConflictError` when
 * the lease was lost). Calls outside an edit scope, and onto other objects, pass through. Every
 * other method is `api`'s own.
 */
export function fenceApi<A extends CommitOperations>(api: A, scopes: EditScopeStore): A {
  // Why own, bound properties: a caller may spread the API it gets (`{ ...api }`).
  const fenced: Record<string, unknown> = {};
  for (let proto: object | null = api; proto !== null && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      const value: unknown = (api as Record<string, unknown>)[name];
      if (name !== 'constructor' && !(name in fenced) && typeof value === 'function') fenced[name] = value.bind(api);
    }
  }
  const check = async (bucket: string, key: string): Promise<void> => {
    const scope = scopes.getStore();
    if (scope !== undefined && scope.bucket === bucket && scope.key === key) await scope.lease.assertHeld();
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
