/** The object description shared by HeadObject and GetObject results (reference §1.3). */
import type { OssResponse } from '../../transport/types.js';
import { compact } from './compact.js';
import {
  optionalHeader,
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

/** Reads {@link ObjectProperties} from a HeadObject/GetObject response. */
export function readObjectProperties(response: OssResponse): ObjectProperties {
  return compact<ObjectProperties>({
    contentLength: requiredIntHeader(response, 'content-length'),
    contentType: optionalHeader(response, 'content-type'),
    etag: requiredHeader(response, 'etag'),
    lastModified: requiredDateHeader(response, 'last-modified'),
    contentMd5: optionalHeader(response, 'content-md5'),
    cacheControl: optionalHeader(response, 'cache-control'),
    contentDisposition: optionalHeader(response, 'content-disposition'),
    contentEncoding: optionalHeader(response, 'content-encoding'),
    contentLanguage: optionalHeader(response, 'content-language'),
    expires: optionalHeader(response, 'expires'),
    hashCrc64: optionalHeader(response, 'x-oss-hash-crc64ecma'),
    storageClass: optionalHeader(response, 'x-oss-storage-class'),
    objectType: optionalHeader(response, 'x-oss-object-type'),
    versionId: optionalHeader(response, 'x-oss-version-id'),
    taggingCount: optionalIntHeader(response, 'x-oss-tagging-count'),
    serverSideEncryption: optionalHeader(response, 'x-oss-server-side-encryption'),
    serverSideDataEncryption: optionalHeader(response, 'x-oss-server-side-data-encryption'),
    serverSideEncryptionKeyId: optionalHeader(response, 'x-oss-server-side-encryption-key-id'),
    nextAppendPosition: optionalIntHeader(response, 'x-oss-next-append-position'),
    expiration: optionalHeader(response, 'x-oss-expiration'),
    restore: optionalHeader(response, 'x-oss-restore'),
    processStatus: optionalHeader(response, 'x-oss-process-status'),
    requestCharged: optionalHeader(response, 'x-oss-request-charged'),
    transitionTime: optionalHeader(response, 'x-oss-transition-time'),
    metadata: readUserMetadata(response),
  });
}
