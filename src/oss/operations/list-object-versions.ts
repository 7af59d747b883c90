/** ListObjectVersions (GetBucketVersions): one page of every version and delete marker (wave 2 §2.5). */
import type { CallOptions, OssClient } from '../client.js';
import { OssInvalidArgumentError } from '../errors.js';
import type { OssResponse } from '../transport/types.js';
import { assertBucketName } from '../validation/index.js';
import { compact } from './shared/compact.js';
import {
  booleanText,
  elements,
  optionalText,
  parseResponseXml,
  requiredDate,
  requiredInt,
  requiredText,
  urlDecode,
  type XmlElement,
} from './shared/xml-fields.js';

/** Input of {@link listObjectVersions}. */
export interface ListObjectVersionsRequest {
  readonly bucket: string;
  /** Only keys starting with this. */
  readonly prefix?: string;
  /** Roll keys containing this (after `prefix`) into `commonPrefixes`. */
  readonly delimiter?: string;
  /** Start after this key (the previous page's `nextKeyMarker`). */
  readonly keyMarker?: string;
  /** With `keyMarker`: continue with that key's versions older than this one (`nextVersionIdMarker`). */
  readonly versionIdMarker?: string;
  /** 1‥1000; OSS defaults to 100. Versions, delete markers and common prefixes all count. */
  readonly maxKeys?: number;
}

/** One version or delete marker of a key. */
export interface ObjectVersion {
  /** Decoded key. */
  readonly key: string;
  /**
   * The version id; `'null'` for the null version (written while the bucket was unversioned or
   * suspended; an unversioned bucket's empty `<VersionId/>` is reported as `'null'` too, the id
   * that addresses it).
   */
  readonly versionId: string;
  /** True for the key's current version (which may be a delete marker). */
  readonly isLatest: boolean;
  /** True for a delete marker, which has no data: `etag`, `size`, `storageClass` and `objectType` are then absent. */
  readonly isDeleteMarker: boolean;
  readonly lastModified: Date;
  /** With the surrounding quotes. */
  readonly etag?: string;
  readonly size?: number;
  readonly storageClass?: string;
  /** `Normal`, `Multipart`, `Appendable` or `Symlink`. */
  readonly objectType?: string;
  /** The `x-oss-restore` text of a frozen object with a restore. */
  readonly restoreInfo?: string;
}

/** One page; keys, prefixes and key markers decoded. */
export interface ListObjectVersionsResult {
  readonly bucket: string;
  readonly prefix: string;
  readonly delimiter?: string;
  readonly keyMarker: string;
  readonly versionIdMarker: string;
  readonly maxKeys?: number;
  readonly isTruncated: boolean;
  /** Pass as `keyMarker` for the next page; present when `isTruncated`. */
  readonly nextKeyMarker?: string;
  /** Pass as `versionIdMarker` for the next page; present when `isTruncated` (may be empty after a common prefix). */
  readonly nextVersionIdMarker?: string;
  /** Versions and delete markers in listing order: keys ascending, each key's versions newest first. */
  readonly versions: ObjectVersion[];
  readonly commonPrefixes: string[];
  readonly requestId: string;
}

/**
 * `GET /?versions&encoding-type=url&…`; every encoded value of the answer is decoded. OSS lists
 * versions and delete markers as separate elements; the document order of the two is kept.
 */
export async function listObjectVersions(
  client: OssClient,
  request: ListObjectVersionsRequest,
  options?: CallOptions,
): Promise<ListObjectVersionsResult> {
  assertBucketName(request.bucket);
  const query: Array<[string, string]> = [['versions', ''], ['encoding-type', 'url']];
  if (request.prefix !== undefined) query.push(['prefix', request.prefix]);
  if (request.delimiter !== undefined) query.push(['delimiter', request.delimiter]);
  if (request.keyMarker !== undefined) query.push(['key-marker', request.keyMarker]);
  if (request.versionIdMarker !== undefined) {
    if (request.keyMarker === undefined) {
      throw new OssInvalidArgumentError('versionIdMarker', 'needs keyMarker (OSS refuses it alone)', request.versionIdMarker);
    }
    if (request.versionIdMarker === '') throw new OssInvalidArgumentError('versionIdMarker', 'must not be empty', '');
    query.push(['version-id-marker', request.versionIdMarker]);
  }
  if (request.maxKeys !== undefined) {
    if (!Number.isInteger(request.maxKeys) || request.maxKeys < 1 || request.maxKeys > 1000) {
      throw new OssInvalidArgumentError('maxKeys', 'must be an integer from 1 to 1000', request.maxKeys);
    }
    query.push(['max-keys', String(request.maxKeys)]);
  }
  const response = await client.invoke(
    { operation: 'ListObjectVersions', method: 'GET', bucket: request.bucket, query },
    options,
  );
  return parseListVersions(response);
}

/** Parses a `<ListVersionsResult>` answer (exported for tests of odd documents). */
export function parseListVersions(response: OssResponse): ListObjectVersionsResult {
  const xml = parseResponseXml(response, 'ListVersionsResult', [
    'ListVersionsResult.Version',
    'ListVersionsResult.DeleteMarker',
    'ListVersionsResult.CommonPrefixes',
  ]);
  const encoded = optionalText(xml, 'EncodingType') === 'url';
  const decode = (value: string): string => (encoded ? urlDecode(value) : value);
  const entry = (item: XmlElement, isDeleteMarker: boolean): ObjectVersion => {
    const versionId = optionalText(item, 'VersionId') ?? '';
    return compact<ObjectVersion>({
      key: decode(requiredText(item, 'Key')),
      versionId: versionId === '' ? 'null' : versionId,
      isLatest: booleanText(item, 'IsLatest'),
      isDeleteMarker,
      lastModified: requiredDate(item, 'LastModified'),
      etag: isDeleteMarker ? undefined : optionalText(item, 'ETag'),
      size: isDeleteMarker || optionalText(item, 'Size') === undefined ? undefined : requiredInt(item, 'Size'),
      storageClass: isDeleteMarker ? undefined : optionalText(item, 'StorageClass'),
      objectType: isDeleteMarker ? undefined : optionalText(item, 'Type'),
      restoreInfo: isDeleteMarker ? undefined : optionalText(item, 'RestoreInfo'),
    });
  };
  const versions = elements(xml, 'Version').map((item) => entry(item, false));
  const markers = elements(xml, 'DeleteMarker').map((item) => entry(item, true));
  const delimiter = optionalText(xml, 'Delimiter');
  const maxKeys = optionalText(xml, 'MaxKeys');
  const isTruncated = booleanText(xml, 'IsTruncated');
  return compact<ListObjectVersionsResult>({
    bucket: requiredText(xml, 'Name'),
    prefix: decode(optionalText(xml, 'Prefix') ?? ''),
    delimiter: delimiter === undefined || delimiter === '' ? undefined : decode(delimiter),
    keyMarker: decode(optionalText(xml, 'KeyMarker') ?? ''),
    versionIdMarker: optionalText(xml, 'VersionIdMarker') ?? '',
    maxKeys: maxKeys === undefined || !/^\d+$/.test(maxKeys.trim()) ? undefined : Number(maxKeys),
    isTruncated,
    nextKeyMarker: isTruncated ? decode(optionalText(xml, 'NextKeyMarker') ?? '') : undefined,
    nextVersionIdMarker: isTruncated ? optionalText(xml, 'NextVersionIdMarker') ?? '' : undefined,
    versions: interleave(Buffer.from(response.body).toString('utf8'), versions, markers),
    commonPrefixes: elements(xml, 'CommonPrefixes').map((item) => decode(requiredText(item, 'Prefix'))),
    requestId: response.requestId,
  });
}

/**
 * Merges versions and delete markers back into document order. Why from the raw text: the parser
 * groups children by element name, and a key's delete marker may sit between two of its versions.
 * Element names cannot appear unescaped inside text, so the start tags give the order.
 */
function interleave(text: string, versions: readonly ObjectVersion[], markers: readonly ObjectVersion[]): ObjectVersion[] {
  const out: ObjectVersion[] = [];
  let v = 0;
  let m = 0;
  for (const match of text.matchAll(/<(Version|DeleteMarker)>/g)) {
    const next = match[1] === 'Version' ? versions[v++] : markers[m++];
    if (next !== undefined) out.push(next);
  }
  // Why: only reachable with a document whose tags carry attributes; keep everything either way.
  out.push(...versions.slice(v), ...markers.slice(m));
  return out;
}
