/**
 * The write side of the metadata cache: a view of the process-wide OSS API that invalidates what
 * each write changes once it has ended. Every path that writes (mutations, the copier, the
 * metadata editor, anything holding `app.api`) goes through it, since they all wrap this API.
 */
import type { OssApi } from '../oss/api.js';

/** What a write changed: one object (every version of it), or a whole bucket (`key` absent). */
export interface WriteTarget {
  readonly bucket: string;
  readonly key?: string;
}

/** Drops what a write changed, here and in every replica; resolves once it is done (or has failed and been reported). */
export type Invalidate = (targets: readonly WriteTarget[]) => Promise<void>;

type Targets<K extends keyof OssApi> = ((request: Parameters<OssApi[K]>[0]) => readonly WriteTarget[]) | null;

const object = (r: { bucket: string; key: string }): readonly WriteTarget[] => [{ bucket: r.bucket, key: r.key }];
const bucket = (r: { bucket: string }): readonly WriteTarget[] => [{ bucket: r.bucket }];

/**
 * What every method changes (`null`: nothing a HeadObject or GetObjectMeta answers). Why a mapped
 * type over `keyof OssApi`: a method added to {@link OssApi} stops compiling until it is sorted
 * here, so no new write can skip invalidation.
 */
const WRITES: { readonly [K in keyof OssApi]: Targets<K> } = {
  headObject: null,
  getObjectMeta: null,
  getObjectAcl: null,
  getObjectTagging: null,
  getImageInfo: null,
  getSymlink: null,
  getObject: null,
  listObjectsV2: null,
  listObjectVersions: null,
  listMultipartUploads: null,
  listBuckets: null,
  getBucketVersioning: null,
  // Why: parts are invisible until completion, and the bucket's versioning state is in no answer.
  initiateMultipartUpload: null,
  uploadPart: null,
  uploadPartCopy: null,
  abortMultipartUpload: null,
  putBucketVersioning: null,
  putObject: object,
  copyObject: object,
  completeMultipartUpload: object,
  appendObject: object,
  deleteObject: object,
  putSymlink: object,
  restoreObject: object,
  // Why tags: `taggingCount` is in the HeadObject answer.
  putObjectTagging: object,
  deleteObjectTagging: object,
  // Why the ACL, though no cached field holds it: cheap, rare, and no answer can then outlive it.
  putObjectAcl: object,
  deleteMultipleObjects: (r) => r.objects.map((o) => ({ bucket: r.bucket, key: o.key })),
  putBucket: bucket,
  deleteBucket: bucket,
};

/**
 * A view of `api` whose writes, when they end (succeeded or failed: a failed write may still have
 * happened at the store), call `invalidate` with what they changed and wait for it before
 * answering, so a caller that sees the write done sees no older answer from any cache that heard.
 */
export function invalidateOnWrite(api: OssApi, invalidate: Invalidate): OssApi {
  const view: Record<string, unknown> = {};
  for (const name of Object.keys(WRITES) as Array<keyof OssApi>) {
    const method = api[name] as (...args: unknown[]) => Promise<unknown>;
    const targets = WRITES[name] as ((request: unknown) => readonly WriteTarget[]) | null;
    view[name] =
      targets === null
        ? method.bind(api)
        : async (...args: unknown[]): Promise<unknown> => {
            try {
              return await method.apply(api, args);
            } finally {
              await invalidate(targets(args[0]));
            }
          };
  }
  return view as unknown as OssApi;
}
