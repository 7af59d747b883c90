/**
 * The one enforcement point of the policy for store requests: a per-request view of the OSS API
 * that decides before it calls. A denial throws `ACCESS_DENIED` and sends nothing to the store.
 */
import type { OssApi } from '../oss/api.js';
import type { Access } from './access.js';

/** What a store method may need to check: its request, and (for listings of buckets) its result. */
type Guard<K extends keyof OssApi> = (
  access: Access,
  request: Parameters<OssApi[K]>[0],
) => void | ((result: Awaited<ReturnType<OssApi[K]>>) => Awaited<ReturnType<OssApi[K]>>);

/**
 * The check of every OSS method, run before the call. Why a mapped type over `keyof OssApi`: a
 * method added to {@link OssApi} without a line here stops compiling, so no new operation can
 * bypass the policy.
 */
const GUARDS: { readonly [K in keyof OssApi]: Guard<K> } = {
  headObject: (access, r) => access.check('read', r.bucket, r.key),
  getObjectMeta: (access, r) => access.check('read', r.bucket, r.key),
  getObjectAcl: (access, r) => access.check('read', r.bucket, r.key),
  getObjectTagging: (access, r) => access.check('read', r.bucket, r.key),
  getImageInfo: (access, r) => access.check('read', r.bucket, r.key),
  getSymlink: (access, r) => access.check('read', r.bucket, r.key),
  // Why ACL, tags and restores are writes: they change the object (or what it costs) for everyone.
  putObjectAcl: (access, r) => access.check('write', r.bucket, r.key),
  putObjectTagging: (access, r) => access.check('write', r.bucket, r.key),
  deleteObjectTagging: (access, r) => access.check('write', r.bucket, r.key),
  restoreObject: (access, r) => access.check('write', r.bucket, r.key),
  appendObject: (access, r) => access.check('write', r.bucket, r.key),
  putSymlink: (access, r) => {
    // Why read on the target: reading a link serves its target, so a link is a way to read it.
    access.check('read', r.bucket, r.target);
    access.check('write', r.bucket, r.key);
  },
  listMultipartUploads: (access, r) => access.check('list', r.bucket, r.prefix ?? ''),
  getObject: (access, r) => access.check('read', r.bucket, r.key),
  putObject: (access, r) => access.check('write', r.bucket, r.key),
  deleteObject: (access, r) => access.check('delete', r.bucket, r.key),
  copyObject: (access, r) => {
    access.check('read', r.sourceBucket ?? r.bucket, r.sourceKey);
    access.check('write', r.bucket, r.key);
  },
  initiateMultipartUpload: (access, r) => access.check('write', r.bucket, r.key),
  uploadPart: (access, r) => access.check('write', r.bucket, r.key),
  uploadPartCopy: (access, r) => {
    access.check('read', r.sourceBucket ?? r.bucket, r.sourceKey);
    access.check('write', r.bucket, r.key);
  },
  completeMultipartUpload: (access, r) => access.check('write', r.bucket, r.key),
  abortMultipartUpload: (access, r) => access.check('write', r.bucket, r.key),
  listObjectsV2: (access, r) => access.check('list', r.bucket, r.prefix ?? ''),
  // Why whole-bucket checks: creating or deleting a bucket affects every key in it.
  putBucket: (access, r) => access.check('write', r.bucket, ''),
  deleteBucket: (access, r) => access.check('delete', r.bucket, ''),
  // Why whole-bucket: versioning decides what every later write and delete in the bucket does.
  putBucketVersioning: (access, r) => access.check('write', r.bucket, ''),
  // Why any read or list right in the bucket: the state is a bucket-level fact, not object data,
  // and a caller who may read one prefix needs it to know whether its deletes leave markers.
  getBucketVersioning: (access, r) => {
    if (!access.mayActInBucket('read', r.bucket) && !access.mayActInBucket('list', r.bucket)) {
      access.deny(`read the versioning state of bucket ${r.bucket}`);
    }
  },
  listObjectVersions: (access, r) => access.check('list', r.bucket, r.prefix ?? ''),
  deleteMultipleObjects: (access, r) => {
    for (const object of r.objects) access.check('delete', r.bucket, object.key);
  },
  listBuckets: (access) => {
    if (access.mayActInEveryBucket('list')) return undefined;
    if (!access.mayActAnywhere('list')) access.deny('list buckets');
    // Why filtered (unlike object listings): bucket names are not keys; the answer names only the
    // buckets this caller may list in, as OSSGRAPH_BUCKETS does for the allowlist.
    return (result) => ({ ...result, buckets: result.buckets.filter((b) => access.mayActInBucket('list', b.name)) });
  },
};

/** The names of every {@link OssApi} method (from the exhaustive table above). */
export const GUARDED_METHODS = Object.keys(GUARDS) as Array<keyof OssApi>;

/**
 * A view of `api` for one request: every method first asks `access` (throwing `ACCESS_DENIED`
 * without calling `api` when the policy does not allow it), then calls `api`.
 */
export function authorizeStoreApi(api: OssApi, access: Access): OssApi {
  const view: Record<string, unknown> = {};
  for (const name of GUARDED_METHODS) {
    const guard = GUARDS[name] as (access: Access, request: unknown) => void | ((result: unknown) => unknown);
    const method = api[name] as (...args: unknown[]) => Promise<unknown>;
    view[name] = async (...args: unknown[]): Promise<unknown> => {
      const filter = guard(access, args[0]);
      const result = await method.apply(api, args);
      return filter === undefined ? result : filter(result);
    };
  }
  return view as unknown as OssApi;
}
