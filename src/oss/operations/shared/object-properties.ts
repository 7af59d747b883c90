/** The object description shared by HeadObject and GetObject results (reference §1.3). */
import type { OssResponse } from '../../transport/types.js';
import {
  optionalIntHeader,
  readUserMetadata,
  requiredDateHeader,
  requiredHeader,
  requiredIntHeader,
} from './response-headers.js';

/** What HeadObject and GetObject say about an object; header strings as received. */
export interface ObjectProperties {
  readonly contentLength: number;
  readonly contentType?: string;
  /** With the surrounding quotes, as OSS sends it. */
  readonly etag: string;
  readonly lastModified: Date;
  /** Base64 MD5; only for objects uploaded in one piece. */
  readonly contentMd5?: string;
  readonly cacheControl?: string;
  readonly contentDisposition?: string;
  readonly contentEncoding?: string;
  readonly contentLanguage?: string;
  /** The `Expires` header, verbatim. */
  readonly expires?: string;
  /** CRC-64/XZ as an unsigned decimal string. */
  readonly hashCrc64?: string;
  readonly storageClass?: string;
  /** `Normal`, `Multipart`, `Appendable` or `Symlink`. */
  readonly objectType?: string;
  readonly versionId?: string;
  readonly taggingCount?: number;
  readonly serverSideEncryption?: string;
  readonly serverSideDataEncryption?: string;
  readonly serverSideEncryptionKeyId?: string;
  readonly nextAppendPosition?: number;
  /** `x-oss-expiration`: `expiry-date="…", rule-id="…"`. */
  readonly expiration?: string;
  /** `x-oss-restore`: `ongoing-request="…"[, expiry-date="…"]`. */
  readonly restore?: string;
  readonly processStatus?: string;
  readonly requestCharged?: string;
  readonly transitionTime?: string;
  /** User metadata: lowercase names without `x-oss-meta-`, sorted. */
  readonly metadata: Record<string, string>;
}

/** Optional string fields of {@link ObjectProperties} and the header each comes from. */
const STRING_FIELDS: ReadonlyArray<readonly [keyof ObjectProperties, string]> = [
  ['contentType', 'content-type'],
  ['contentMd5', 'content-md5'],
  ['cacheControl', 'cache-control'],
  ['contentDisposition', 'content-disposition'],
  ['contentEncoding', 'content-encoding'],
  ['contentLanguage', 'content-language'],
  ['expires', 'expires'],
  ['hashCrc64', 'x-oss-hash-crc64ecma'],
  ['storageClass', 'x-oss-storage-class'],
  ['objectType', 'x-oss-object-type'],
  ['versionId', 'x-oss-version-id'],
  ['serverSideEncryption', 'x-oss-server-side-encryption'],
  ['serverSideDataEncryption', 'x-oss-server-side-data-encryption'],
  ['serverSideEncryptionKeyId', 'x-oss-server-side-encryption-key-id'],
  ['expiration', 'x-oss-expiration'],
  ['restore', 'x-oss-restore'],
  ['processStatus', 'x-oss-process-status'],
  ['requestCharged', 'x-oss-request-charged'],
  ['transitionTime', 'x-oss-transition-time'],
];

/** Optional integer fields of {@link ObjectProperties} and the header each comes from. */
const INT_FIELDS: ReadonlyArray<readonly [keyof ObjectProperties, string]> = [
  ['taggingCount', 'x-oss-tagging-count'],
  ['nextAppendPosition', 'x-oss-next-append-position'],
];

/**
 * Reads {@link ObjectProperties} from a HeadObject/GetObject response. The result is a fresh
 * object the caller may extend (HeadObject adds its CORS fields and the headers to it).
 * Why tables and no `compact`: this runs once per object on the hot path; filling one object
 * directly skips a second object of ~25 mostly `undefined` fields and its copy.
 */
export function readObjectProperties(response: OssResponse): ObjectProperties {
  const { headers } = response;
  const out: Record<string, unknown> = {
    contentLength: requiredIntHeader(response, 'content-length'),
    etag: requiredHeader(response, 'etag'),
    lastModified: requiredDateHeader(response, 'last-modified'),
  };
  for (const [field, name] of STRING_FIELDS) {
    const value = headers[name];
    if (value !== undefined) out[field] = value;
  }
  for (const [field, name] of INT_FIELDS) {
    const value = optionalIntHeader(response, name);
    if (value !== undefined) out[field] = value;
  }
  out['metadata'] = readUserMetadata(response);
  return out as unknown as ObjectProperties;
}
