/** ListObjectsV2: one page of a bucket listing (reference §11). */
import type { CallOptions, OssClient } from '../client.js';
import { OssInvalidArgumentError } from '../errors.js';
import { assertBucketName } from '../validation/index.js';
import { compact, setDefined } from './shared/compact.js';
import type { Mutable } from './shared/compact.js';
import {
  booleanText,
  elements,
  optionalText,
  parseResponseXml,
  requiredDate,
  requiredInt,
  requiredText,
  urlDecode,
} from './shared/xml-fields.js';

/** Input of {@link listObjectsV2}. */
export interface ListObjectsV2Request {
  readonly bucket: string;
  readonly prefix?: string;
  readonly delimiter?: string;
  readonly startAfter?: string;
  /** The previous page's `nextContinuationToken`. */
  readonly continuationToken?: string;
  /** 1‥1000; OSS defaults to 100. */
  readonly maxKeys?: number;
  readonly fetchOwner?: boolean;
}

/** One object of a listing. */
export interface ListedObject {
  /** Decoded key. */
  readonly key: string;
  readonly size: number;
  /** With quotes. */
  readonly etag: string;
  readonly lastModified: Date;
  readonly storageClass: string;
  /** `Normal`, `Multipart`, `Appendable`, `Symlink`. */
  readonly type: string;
  readonly restoreInfo?: string;
  readonly transitionTime?: string;
  readonly owner?: { readonly id: string; readonly displayName: string };
}

/** One page of a listing; keys, prefixes and tokens decoded. */
export interface ListObjectsV2Result {
  readonly name: string;
  readonly prefix: string;
  readonly delimiter?: string;
  readonly startAfter?: string;
  readonly continuationToken?: string;
  readonly maxKeys: number;
  readonly keyCount: number;
  readonly isTruncated: boolean;
  /** Pass as `continuationToken` for the next page; present when `isTruncated`. */
  readonly nextContinuationToken?: string;
  readonly contents: ListedObject[];
  /** The "folders" under `prefix` up to `delimiter`. */
  readonly commonPrefixes: string[];
  readonly requestId: string;
}

/** `GET /?list-type=2&encoding-type=url&…`; every encoded value of the answer is decoded. */
export async function listObjectsV2(
  client: OssClient,
  request: ListObjectsV2Request,
  options?: CallOptions,
): Promise<ListObjectsV2Result> {
  assertBucketName(request.bucket);
  const query: Array<[string, string]> = [['list-type', '2'], ['encoding-type', 'url']];
  if (request.prefix !== undefined) query.push(['prefix', request.prefix]);
  if (request.delimiter !== undefined) query.push(['delimiter', request.delimiter]);
  if (request.startAfter !== undefined) query.push(['start-after', request.startAfter]);
  if (request.continuationToken !== undefined) query.push(['continuation-token', request.continuationToken]);
  if (request.maxKeys !== undefined) {
    if (!Number.isInteger(request.maxKeys) || request.maxKeys < 1 || request.maxKeys > 1000) {
      throw new OssInvalidArgumentError('maxKeys', 'must be an integer from 1 to 1000', request.maxKeys);
    }
    query.push(['max-keys', String(request.maxKeys)]);
  }
  if (request.fetchOwner !== undefined) query.push(['fetch-owner', String(request.fetchOwner)]);
  const response = await client.invoke(
    { operation: 'ListObjectsV2', method: 'GET', bucket: request.bucket, query },
    options,
  );
  const xml = parseResponseXml(response, 'ListBucketResult', ['ListBucketResult.Contents', 'ListBucketResult.CommonPrefixes']);
  const encoded = optionalText(xml, 'EncodingType') === 'url';
  const decode = (value: string | undefined): string | undefined =>
    value === undefined ? undefined : encoded ? urlDecode(value) : value;
  // Why built in place rather than through `compact`: a page has up to 1000 entries, and the
  // listing is a hot path; this skips an intermediate object per entry.
  const contents = elements(xml, 'Contents').map((item) => {
    const listed: Mutable<ListedObject> = {
      key: decode(requiredText(item, 'Key')) as string,
      size: requiredInt(item, 'Size'),
      etag: requiredText(item, 'ETag'),
      lastModified: requiredDate(item, 'LastModified'),
      storageClass: optionalText(item, 'StorageClass') ?? 'Standard',
      type: optionalText(item, 'Type') ?? 'Normal',
    };
    setDefined(listed, 'restoreInfo', optionalText(item, 'RestoreInfo'));
    setDefined(listed, 'transitionTime', optionalText(item, 'TransitionTime'));
    const owner = item['Owner'] === undefined ? undefined : elements(item, 'Owner')[0];
    if (owner !== undefined) listed.owner = { id: optionalText(owner, 'ID') ?? '', displayName: optionalText(owner, 'DisplayName') ?? '' };
    return listed as ListedObject;
  });
  const commonPrefixes = elements(xml, 'CommonPrefixes').map((item) => decode(requiredText(item, 'Prefix')) as string);
  const delimiter = optionalText(xml, 'Delimiter');
  return compact<ListObjectsV2Result>({
    name: requiredText(xml, 'Name'),
    prefix: decode(optionalText(xml, 'Prefix')) ?? '',
    delimiter: delimiter === '' ? undefined : decode(delimiter),
    startAfter: decode(optionalText(xml, 'StartAfter')),
    continuationToken: decode(optionalText(xml, 'ContinuationToken')),
    maxKeys: requiredInt(xml, 'MaxKeys'),
    keyCount: optionalText(xml, 'KeyCount') === undefined ? contents.length + commonPrefixes.length : requiredInt(xml, 'KeyCount'),
    isTruncated: booleanText(xml, 'IsTruncated'),
    nextContinuationToken: decode(optionalText(xml, 'NextContinuationToken') || undefined),
    contents,
    commonPrefixes,
    requestId: response.requestId,
  });
}
