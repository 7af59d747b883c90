/**
 * Request headers → {@link ObjectMetadata}, {@link ObjectRecord} → response headers, and the
 * checks shared by several object handlers (names, Content-MD5, conditional headers).
 */
import {
  STORED_SYSTEM_HEADERS,
  type DataDigest,
  type ObjectMetadata,
  type ObjectRecord,
  type ServerSideEncryption,
  type StoredSystemHeader,
} from '../backend/backend.js';
import { bareEtag, DigestAccumulator } from '../backend/backend-shared.js';
import { LocalOssError } from '../errors.js';
import { header, httpDate, type RequestContext } from './context.js';
import { taggingFromHeader } from './object-tagging.js';
import { restoreHeader } from './restore-object.js';

/** Longest object key in UTF-8 bytes. */
export const MAX_KEY_BYTES = 1023;
/** Largest total of user-metadata names and values, in bytes. */
export const MAX_USER_METADATA_BYTES = 8192;

const META_PREFIX = 'x-oss-meta-';
const STORAGE_CLASSES = new Set(['Standard', 'IA', 'Archive', 'ColdArchive', 'DeepColdArchive']);
const ACLS = new Set(['default', 'private', 'public-read', 'public-read-write']);
const SSE_ALGORITHMS = new Set(['AES256', 'KMS', 'SM4']);

/** Throws `InvalidObjectName` unless `key` has 1–1023 UTF-8 bytes and does not start with `/` or `\`. */
export function checkObjectKey(key: string): void {
  if (key.length === 0) throw new LocalOssError('InvalidObjectName', 'The Object name can not be empty.');
  if (Buffer.byteLength(key, 'utf8') > MAX_KEY_BYTES) {
    throw new LocalOssError('InvalidObjectName', 'The Length of Object name must be less than 1024.');
  }
  if (key.startsWith('/') || key.startsWith('\\')) {
    throw new LocalOssError('InvalidObjectName', 'The Object name must not start with "/" or "\\".');
  }
}

/** Throws `InvalidBucketName` unless `name` is 3–63 of `[a-z0-9-]` with alphanumeric ends. */
export function checkBucketName(name: string): void {
  if (!/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/.test(name)) {
    throw new LocalOssError('InvalidBucketName', `The specified bucket is not valid: ${JSON.stringify(name)}.`, {
      details: { BucketName: name },
    });
  }
}

const EXTENSION_TYPES: Readonly<Record<string, string>> = {
  txt: 'text/plain', html: 'text/html', htm: 'text/html', css: 'text/css', csv: 'text/csv',
  js: 'application/javascript', json: 'application/json', xml: 'application/xml',
  pdf: 'application/pdf', zip: 'application/zip', gz: 'application/gzip',
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', svg: 'image/svg+xml',
  webp: 'image/webp', mp4: 'video/mp4', mp3: 'audio/mpeg',
};

/** The Content-Type OSS assumes when none is sent: guessed from the key's extension. */
export function defaultContentType(key: string): string {
  const dot = key.lastIndexOf('.');
  const ext = dot >= 0 && key.indexOf('/', dot) < 0 ? key.slice(dot + 1).toLowerCase() : '';
  return EXTENSION_TYPES[ext] ?? 'application/octet-stream';
}

/**
 * The user metadata of a request: every `x-oss-meta-*` header, name lowercased without the
 * prefix, value as received. Throws `InvalidArgument` for a name outside letters, digits and
 * hyphens, or a total (names + values) above 8 KB.
 */
export function userMetadataFromHeaders(ctx: Pick<RequestContext, 'headers'>): Record<string, string> {
  const out: Record<string, string> = {};
  let total = 0;
  for (const name of Object.keys(ctx.headers)) {
    if (!name.startsWith(META_PREFIX)) continue;
    const metaName = name.slice(META_PREFIX.length).toLowerCase();
    if (!/^[a-z0-9-]+$/.test(metaName)) {
      throw new LocalOssError('InvalidArgument', `The user metadata name ${JSON.stringify(metaName)} is invalid: only letters, digits and hyphens are allowed.`);
    }
    const value = header(ctx, name) ?? '';
    out[metaName] = value;
    total += Buffer.byteLength(metaName, 'latin1') + Buffer.byteLength(value, 'latin1');
  }
  if (total > MAX_USER_METADATA_BYTES) {
    throw new LocalOssError('InvalidArgument', `Your metadata headers exceed the maximum allowed metadata size (${total} > ${MAX_USER_METADATA_BYTES} bytes).`);
  }
  return out;
}

function oneOf(ctx: Pick<RequestContext, 'headers'>, name: string, allowed: ReadonlySet<string>): string | undefined {
  const value = header(ctx, name);
  if (value !== undefined && !allowed.has(value)) {
    throw new LocalOssError('InvalidArgument', `The value of ${name} is invalid: ${JSON.stringify(value)}.`, {
      details: { ArgumentName: name, ArgumentValue: value },
    });
  }
  return value;
}

/** Server-side encryption headers of a request, if any (validated). */
export function sseFromHeaders(ctx: Pick<RequestContext, 'headers'>): ServerSideEncryption | undefined {
  const algorithm = oneOf(ctx, 'x-oss-server-side-encryption', SSE_ALGORITHMS);
  if (algorithm === undefined) return undefined;
  const dataAlgorithm = header(ctx, 'x-oss-server-side-data-encryption');
  const keyId = header(ctx, 'x-oss-server-side-encryption-key-id');
  return {
    algorithm,
    ...(dataAlgorithm !== undefined ? { dataAlgorithm } : {}),
    ...(keyId !== undefined ? { keyId } : {}),
  };
}

/** The stored system headers present on the request. */
export function systemHeadersFromRequest(ctx: Pick<RequestContext, 'headers'>): Partial<Record<StoredSystemHeader, string>> {
  const out: Partial<Record<StoredSystemHeader, string>> = {};
  for (const name of STORED_SYSTEM_HEADERS) {
    const value = header(ctx, name);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

/** The storage class of a request, validated, or undefined when absent. */
export function storageClassFromHeaders(ctx: Pick<RequestContext, 'headers'>): string | undefined {
  return oneOf(ctx, 'x-oss-storage-class', STORAGE_CLASSES);
}

/** The object ACL of a request, validated, or undefined when absent. */
export function aclFromHeaders(ctx: Pick<RequestContext, 'headers'>): string | undefined {
  return oneOf(ctx, 'x-oss-object-acl', ACLS);
}

/**
 * The full metadata a request sets (PutObject, REPLACE copy, InitiateMultipartUpload): absent
 * Content-Type → `contentTypeDefault` (PutObject: guessed from the key), absent storage class →
 * `Standard`, absent ACL → `default`.
 */
export function metadataFromRequest(
  ctx: Pick<RequestContext, 'headers'>,
  key: string,
  contentTypeDefault: string = defaultContentType(key),
): ObjectMetadata {
  const sse = sseFromHeaders(ctx);
  const tagging = taggingFromHeader(ctx);
  return {
    contentType: header(ctx, 'content-type') ?? contentTypeDefault,
    headers: systemHeadersFromRequest(ctx),
    userMetadata: userMetadataFromHeaders(ctx),
    storageClass: storageClassFromHeaders(ctx) ?? 'Standard',
    acl: aclFromHeaders(ctx) ?? 'default',
    ...(sse !== undefined ? { sse } : {}),
    ...(tagging !== undefined ? { tagging } : {}),
  };
}

/** `x-oss-forbid-overwrite: true` (case-insensitive). */
export function forbidOverwrite(ctx: Pick<RequestContext, 'headers'>): boolean {
  return (header(ctx, 'x-oss-forbid-overwrite') ?? '').toLowerCase() === 'true';
}

/**
 * A `verify` callback checking `Content-MD5` when the request has one: `InvalidDigest` on a
 * mismatch or a value that is not base64 of 16 bytes.
 */
export function contentMd5Verifier(ctx: Pick<RequestContext, 'headers'>): ((digest: DataDigest) => void) | undefined {
  const expected = header(ctx, 'content-md5');
  if (expected === undefined) return undefined;
  return (digest) => {
    const actual = Buffer.from(digest.md5).toString('base64');
    if (actual !== expected.trim()) {
      throw new LocalOssError('InvalidDigest', 'The Content-MD5 you specified was invalid.', {
        details: { 'Content-MD5': expected },
      });
    }
  };
}

/** Checks `Content-MD5` against a body already read whole (XML request bodies); see {@link contentMd5Verifier}. */
export function verifyBodyContentMd5(ctx: Pick<RequestContext, 'headers'>, body: Uint8Array): void {
  const verify = contentMd5Verifier(ctx);
  if (verify === undefined) return;
  const digest = new DigestAccumulator();
  digest.update(body);
  verify(digest.digest());
}

/** Headers common to HeadObject and GetObject for a record; `now` adds `x-oss-restore` for a restore. */
export function objectResponseHeaders(record: ObjectRecord, now?: number): Record<string, string> {
  const out: Record<string, string> = {
    'content-type': record.contentType,
    etag: record.etag,
    'last-modified': httpDate(record.lastModified),
    'accept-ranges': 'bytes',
    'x-oss-object-type': record.objectType,
    'x-oss-storage-class': record.storageClass,
    'x-oss-hash-crc64ecma': record.crc64,
  };
  if (record.contentMd5 !== undefined) out['content-md5'] = record.contentMd5;
  if (record.objectType === 'Appendable') out['x-oss-next-append-position'] = String(record.size);
  for (const name of STORED_SYSTEM_HEADERS) {
    const value = record.headers[name];
    if (value !== undefined) out[name] = value;
  }
  for (const [name, value] of Object.entries(record.userMetadata)) out[META_PREFIX + name] = value;
  if (record.sse !== undefined) {
    out['x-oss-server-side-encryption'] = record.sse.algorithm;
    if (record.sse.dataAlgorithm !== undefined) out['x-oss-server-side-data-encryption'] = record.sse.dataAlgorithm;
    if (record.sse.keyId !== undefined) out['x-oss-server-side-encryption-key-id'] = record.sse.keyId;
  }
  if (record.tagging !== undefined && record.tagging !== '') {
    out['x-oss-tagging-count'] = String(record.tagging.split('&').length);
  }
  if (record.versionId !== undefined) out['x-oss-version-id'] = record.versionId;
  const restore = now === undefined ? undefined : restoreHeader(record, now);
  if (restore !== undefined) out['x-oss-restore'] = restore;
  return out;
}

/** Parses an HTTP date or an ISO-8601 date; undefined when unparseable (OSS then ignores it). */
export function parseDateHeader(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** The four conditional values, from whichever headers an operation uses. */
export interface Conditions {
  readonly ifMatch?: string | undefined;
  readonly ifNoneMatch?: string | undefined;
  readonly ifModifiedSince?: string | undefined;
  readonly ifUnmodifiedSince?: string | undefined;
}

function etagMatches(list: string, etag: string): boolean {
  const target = bareEtag(etag);
  return list.split(',').some((candidate) => {
    const c = candidate.trim();
    return c === '*' || bareEtag(c) === target;
  });
}

/**
 * Evaluates conditions against a record (reference §1.2, §4.1): If-Match mismatch or
 * If-Unmodified-Since violated → 412 `PreconditionFailed`; If-None-Match match or not modified
 * since → 304 `NotModified` (with ETag and Last-Modified). Times compare at second resolution;
 * unparseable dates are ignored.
 *
 * With `independent`, every condition given is checked on its own (the copy-source headers);
 * otherwise HTTP precedence applies (RFC 9110: a passing If-Match makes If-Unmodified-Since
 * irrelevant, If-None-Match makes If-Modified-Since irrelevant).
 */
export function checkConditions(record: ObjectRecord, conditions: Conditions, independent = false): void {
  const lastModifiedSeconds = Math.floor(record.lastModified / 1000);
  const notModified = (): LocalOssError =>
    new LocalOssError('NotModified', undefined, {
      headers: { etag: record.etag, 'last-modified': httpDate(record.lastModified) },
    });
  if (conditions.ifMatch !== undefined) {
    if (!etagMatches(conditions.ifMatch, record.etag)) throw new LocalOssError('PreconditionFailed');
  }
  if (conditions.ifMatch === undefined || independent) {
    const ius = parseDateHeader(conditions.ifUnmodifiedSince);
    if (ius !== undefined && lastModifiedSeconds > Math.floor(ius / 1000)) {
      throw new LocalOssError('PreconditionFailed');
    }
  }
  if (conditions.ifNoneMatch !== undefined) {
    if (etagMatches(conditions.ifNoneMatch, record.etag)) throw notModified();
  }
  if (conditions.ifNoneMatch === undefined || independent) {
    const ims = parseDateHeader(conditions.ifModifiedSince);
    if (ims !== undefined && lastModifiedSeconds <= Math.floor(ims / 1000)) throw notModified();
  }
}
