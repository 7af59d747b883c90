/** ListMultipartUploads: one page of a bucket's in-progress multipart uploads (wave 2 §10.1). */
import type { CallOptions, OssClient } from '../client.js';
import { OssInvalidArgumentError } from '../errors.js';
import { assertBucketName } from '../validation/index.js';
import { compact } from './shared/compact.js';
import {
  booleanText,
  elements,
  optionalText,
  parseResponseXml,
  requiredDate,
  requiredText,
  urlDecode,
} from './shared/xml-fields.js';

/** Input of {@link listMultipartUploads}. */
export interface ListMultipartUploadsRequest {
  readonly bucket: string;
  /** Only uploads whose key starts with this. */
  readonly prefix?: string;
  /** Roll keys containing this (after `prefix`) into `commonPrefixes`. */
  readonly delimiter?: string;
  /** Start after this key (the previous page's `nextKeyMarker`). */
  readonly keyMarker?: string;
  /** With `keyMarker`: start after this upload of that key (the previous page's `nextUploadIdMarker`). */
  readonly uploadIdMarker?: string;
  /** 1‥1000; OSS defaults to 1000. */
  readonly maxUploads?: number;
}

/** One in-progress multipart upload. */
export interface ListedUpload {
  /** Decoded key. */
  readonly key: string;
  readonly uploadId: string;
  readonly initiated: Date;
  readonly storageClass?: string;
}

/** One page of uploads; keys, prefixes and markers decoded. */
export interface ListMultipartUploadsResult {
  readonly bucket: string;
  readonly prefix: string;
  readonly delimiter?: string;
  readonly keyMarker: string;
  readonly uploadIdMarker: string;
  readonly maxUploads?: number;
  readonly isTruncated: boolean;
  /** Pass as `keyMarker` for the next page; present when `isTruncated`. */
  readonly nextKeyMarker?: string;
  /** Pass as `uploadIdMarker` for the next page (may be empty after a common prefix). */
  readonly nextUploadIdMarker?: string;
  /** By key, then upload id. */
  readonly uploads: ListedUpload[];
  readonly commonPrefixes: string[];
  readonly requestId: string;
}

/** `GET /?uploads&encoding-type=url&…`; every encoded value of the answer is decoded. */
export async function listMultipartUploads(
  client: OssClient,
  request: ListMultipartUploadsRequest,
  options?: CallOptions,
): Promise<ListMultipartUploadsResult> {
  assertBucketName(request.bucket);
  const query: Array<[string, string]> = [['uploads', ''], ['encoding-type', 'url']];
  if (request.prefix !== undefined) query.push(['prefix', request.prefix]);
  if (request.delimiter !== undefined) query.push(['delimiter', request.delimiter]);
  if (request.keyMarker !== undefined) query.push(['key-marker', request.keyMarker]);
  if (request.uploadIdMarker !== undefined) {
    if (request.keyMarker === undefined) {
      throw new OssInvalidArgumentError('uploadIdMarker', 'needs keyMarker (OSS ignores it alone)', request.uploadIdMarker);
    }
    query.push(['upload-id-marker', request.uploadIdMarker]);
  }
  if (request.maxUploads !== undefined) {
    if (!Number.isInteger(request.maxUploads) || request.maxUploads < 1 || request.maxUploads > 1000) {
      throw new OssInvalidArgumentError('maxUploads', 'must be an integer from 1 to 1000', request.maxUploads);
    }
    query.push(['max-uploads', String(request.maxUploads)]);
  }
  const response = await client.invoke(
    { operation: 'ListMultipartUploads', method: 'GET', bucket: request.bucket, query },
    options,
  );
  const xml = parseResponseXml(response, 'ListMultipartUploadsResult', [
    'ListMultipartUploadsResult.Upload',
    'ListMultipartUploadsResult.CommonPrefixes',
  ]);
  const encoded = optionalText(xml, 'EncodingType') === 'url';
  const decode = (value: string | undefined): string | undefined =>
    value === undefined ? undefined : encoded ? urlDecode(value) : value;
  const uploads = elements(xml, 'Upload').map((item) =>
    compact<ListedUpload>({
      key: decode(requiredText(item, 'Key')) as string,
      uploadId: requiredText(item, 'UploadId'),
      initiated: requiredDate(item, 'Initiated'),
      storageClass: optionalText(item, 'StorageClass'),
    }),
  );
  const commonPrefixes = elements(xml, 'CommonPrefixes').map((item) => decode(requiredText(item, 'Prefix')) as string);
  const delimiter = optionalText(xml, 'Delimiter');
  const maxUploads = optionalText(xml, 'MaxUploads');
  const isTruncated = booleanText(xml, 'IsTruncated');
  return compact<ListMultipartUploadsResult>({
    bucket: requiredText(xml, 'Bucket'),
    prefix: decode(optionalText(xml, 'Prefix')) ?? '',
    delimiter: delimiter === undefined || delimiter === '' ? undefined : decode(delimiter),
    keyMarker: decode(optionalText(xml, 'KeyMarker')) ?? '',
    uploadIdMarker: optionalText(xml, 'UploadIdMarker') ?? '',
    maxUploads: maxUploads === undefined || !/^\d+$/.test(maxUploads.trim()) ? undefined : Number(maxUploads),
    isTruncated,
    nextKeyMarker: isTruncated ? decode(optionalText(xml, 'NextKeyMarker') ?? '') : undefined,
    nextUploadIdMarker: isTruncated ? optionalText(xml, 'NextUploadIdMarker') ?? '' : undefined,
    uploads,
    commonPrefixes,
    requestId: response.requestId,
  });
}
