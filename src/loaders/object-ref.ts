/** The identity of one stored object, and the cache key derived from it. */

/** Which object: a bucket, a key and optionally one version of it. */
export interface ObjectRef {
  readonly bucket: string;
  readonly key: string;
  /** A specific version; absent means the current version. */
  readonly versionId?: string;
}

/**
 * A string that is equal for two refs exactly when they name the same object version. NUL
 * separates the parts because it can appear in neither a bucket name nor (validated) header value.
 */
export function objectRefKey(ref: ObjectRef): string {
  return `${ref.bucket}\u0000${ref.key}\u0000${ref.versionId ?? ''}`;
}

/** `ref` as a request field set (`versionId` only when present, for exact optional properties). */
export function refFields(ref: ObjectRef): { bucket: string; key: string; versionId?: string } {
  return ref.versionId === undefined ? { bucket: ref.bucket, key: ref.key } : { bucket: ref.bucket, key: ref.key, versionId: ref.versionId };
}
