/**
 * Building request headers from request fields, validating every value on the way so that
 * nothing with CR/LF or beyond a ByteString is ever sent.
 */
import { OssInvalidArgumentError } from '../../errors.js';
import { assertHeaderValue, normalizeUserMetadata } from '../../validation/index.js';
import { USER_METADATA_PREFIX } from './response-headers.js';

/** The six standard headers that describe an object's content (carried by copies and edits). */
export interface SystemHeaders {
  readonly contentType?: string;
  readonly contentLanguage?: string;
  readonly contentEncoding?: string;
  readonly contentDisposition?: string;
  readonly cacheControl?: string;
  /** Sent verbatim (an HTTP date string, as OSS stores it). */
  readonly expires?: string;
}

/** Field name → header name of the six {@link SystemHeaders}. */
export const SYSTEM_HEADER_NAMES = {
  contentType: 'content-type',
  contentLanguage: 'content-language',
  contentEncoding: 'content-encoding',
  contentDisposition: 'content-disposition',
  cacheControl: 'cache-control',
  expires: 'expires',
} as const satisfies Record<keyof SystemHeaders, string>;

/** Object ACLs OSS accepts in `x-oss-object-acl`. */
export type ObjectAcl = 'private' | 'public-read' | 'public-read-write' | 'default';

/** Storage classes of OSS. */
export type StorageClass = 'Standard' | 'IA' | 'Archive' | 'ColdArchive' | 'DeepColdArchive';

/** Server-side encryption algorithms. */
export type ServerSideEncryption = 'AES256' | 'KMS' | 'SM4';

/** Everything a write (PutObject, CopyObject REPLACE, InitiateMultipartUpload) may set on the object. */
export interface ObjectWriteHeaders extends SystemHeaders {
  /** User metadata, names without `x-oss-meta-`; validated and lowercased before sending. */
  readonly metadata?: Readonly<Record<string, string>>;
  readonly acl?: ObjectAcl;
  readonly storageClass?: StorageClass;
  readonly serverSideEncryption?: ServerSideEncryption;
  readonly serverSideDataEncryption?: string;
  readonly serverSideEncryptionKeyId?: string;
  /** Object tags as `k1=v1&k2=v2`, keys and values URL-encoded by the caller. */
  readonly tagging?: string;
  /** Refuse to overwrite an existing object (409 FileAlreadyExists). */
  readonly forbidOverwrite?: boolean;
}

/** Sets `headers[name] = value` after checking it is a valid header value; skips `undefined`. */
export function setHeader(headers: Record<string, string>, name: string, value: string | undefined, field: string): void {
  if (value === undefined) return;
  assertHeaderValue(value, field);
  headers[name] = value;
}

/** Sets an HTTP-date header from a `Date` (RFC 1123); skips `undefined`. */
export function setDateHeader(headers: Record<string, string>, name: string, value: Date | undefined, field: string): void {
  if (value === undefined) return;
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new OssInvalidArgumentError(field, 'must be a valid Date', String(value));
  }
  headers[name] = value.toUTCString();
}

/** Sets the six system headers present in `source`. */
export function setSystemHeaders(headers: Record<string, string>, source: SystemHeaders): void {
  for (const [field, name] of Object.entries(SYSTEM_HEADER_NAMES) as Array<[keyof SystemHeaders, string]>) {
    setHeader(headers, name, source[field], field);
  }
}

/** Sets `x-oss-meta-*` headers from user metadata after validating it (names, values, 8 KB). */
export function setUserMetadata(headers: Record<string, string>, metadata: Readonly<Record<string, string>> | undefined): void {
  if (metadata === undefined) return;
  for (const [name, value] of Object.entries(normalizeUserMetadata(metadata))) headers[`${USER_METADATA_PREFIX}${name}`] = value;
}

/** Sets every header of {@link ObjectWriteHeaders} present in `source`. */
export function setObjectWriteHeaders(headers: Record<string, string>, source: ObjectWriteHeaders): void {
  setSystemHeaders(headers, source);
  setUserMetadata(headers, source.metadata);
  setHeader(headers, 'x-oss-object-acl', source.acl, 'acl');
  setHeader(headers, 'x-oss-storage-class', source.storageClass, 'storageClass');
  setHeader(headers, 'x-oss-server-side-encryption', source.serverSideEncryption, 'serverSideEncryption');
  setHeader(headers, 'x-oss-server-side-data-encryption', source.serverSideDataEncryption, 'serverSideDataEncryption');
  setHeader(headers, 'x-oss-server-side-encryption-key-id', source.serverSideEncryptionKeyId, 'serverSideEncryptionKeyId');
  setHeader(headers, 'x-oss-tagging', source.tagging, 'tagging');
  if (source.forbidOverwrite !== undefined) headers['x-oss-forbid-overwrite'] = String(source.forbidOverwrite);
}
