/**
 * The parts of an HTTP request that OSS signatures cover, in decoded form.
 *
 * The client builds one from what it is about to send; local-oss builds one from what it
 * received. Both then run the same canonicalisation, and the fixed SDK vectors keep that shared
 * code honest.
 */
export interface SignableRequest {
  readonly method: string;
  /** Bucket name; absent for service-level requests such as ListBuckets. */
  readonly bucket?: string | undefined;
  /** Object key, decoded (raw UTF-8 string); absent for bucket-level requests. */
  readonly key?: string | undefined;
  /**
   * Query parameters, decoded, in any order. An empty value (`?objectMeta` or `?objectMeta=`) is
   * the empty string.
   */
  readonly query: ReadonlyArray<readonly [name: string, value: string]>;
  /** Headers with lowercase names. Repeated headers are joined with `,`. */
  readonly headers: Readonly<Record<string, string>>;
}
