/**
 * ListMultipartUploads (`GET /?uploads`): the bucket's in-progress multipart uploads, by key then
 * upload id, with `prefix`, `delimiter`, `key-marker`, `upload-id-marker`, `max-uploads` and
 * `encoding-type=url` (oss-protocol-wave2.md §10.1).
 */
import type { UploadRecord } from '../backend/backend.js';
import { compareKeys } from '../backend/backend-shared.js';
import { uriEncode } from '../../oss/signer/canonical.js';
import { LocalOssError } from '../errors.js';
import { isoDate, requireBucket, type Handler } from './context.js';

/** `max-uploads` when none is given, and its largest value. */
export const MAX_UPLOADS = 1000;

/** What one page holds: uploads and common prefixes, in listing order. */
export interface UploadsPage {
  readonly uploads: readonly UploadRecord[];
  readonly commonPrefixes: readonly string[];
  readonly isTruncated: boolean;
  /** Key (or common prefix) and upload id to resume after, when truncated. */
  readonly nextKeyMarker: string;
  readonly nextUploadIdMarker: string;
}

/** Options of {@link pageOfUploads}. */
export interface UploadsQuery {
  readonly prefix: string;
  readonly delimiter: string;
  readonly keyMarker: string;
  /** Only meaningful with `keyMarker` (ignored without it, as OSS does). */
  readonly uploadIdMarker: string;
  readonly maxUploads: number;
}

function after(upload: UploadRecord, keyMarker: string, uploadIdMarker: string): boolean {
  if (keyMarker === '') return true;
  const c = compareKeys(upload.key, keyMarker);
  if (c !== 0) return c > 0;
  return uploadIdMarker !== '' && upload.uploadId > uploadIdMarker;
}

/**
 * One page of `all` (sorted by key, then upload id): uploads after the markers whose key starts
 * with `prefix`; keys with `delimiter` after the prefix are rolled into one common prefix each,
 * which counts once toward `maxUploads` and is not repeated when the listing resumes from it.
 */
export function pageOfUploads(all: readonly UploadRecord[], query: UploadsQuery): UploadsPage {
  const uploads: UploadRecord[] = [];
  const commonPrefixes: string[] = [];
  let nextKeyMarker = '';
  let nextUploadIdMarker = '';
  let count = 0;
  for (const upload of all) {
    if (!upload.key.startsWith(query.prefix) || !after(upload, query.keyMarker, query.uploadIdMarker)) continue;
    let common: string | undefined;
    if (query.delimiter !== '') {
      const index = upload.key.indexOf(query.delimiter, query.prefix.length);
      if (index >= 0) common = upload.key.slice(0, index + query.delimiter.length);
    }
    // Why: a common prefix is returned once; a key-marker inside it (the NextKeyMarker of the
    // page that returned it) means it was already returned.
    if (common !== undefined && (common === commonPrefixes.at(-1) || query.keyMarker.startsWith(common))) continue;
    if (count === query.maxUploads) {
      return { uploads, commonPrefixes, isTruncated: true, nextKeyMarker, nextUploadIdMarker };
    }
    count++;
    if (common !== undefined) {
      commonPrefixes.push(common);
      nextKeyMarker = common;
      nextUploadIdMarker = '';
    } else {
      uploads.push(upload);
      nextKeyMarker = upload.key;
      nextUploadIdMarker = upload.uploadId;
    }
  }
  return { uploads, commonPrefixes, isTruncated: false, nextKeyMarker: '', nextUploadIdMarker: '' };
}

function maxUploadsOf(value: string | undefined): number {
  if (value === undefined || value === '') return MAX_UPLOADS;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > MAX_UPLOADS) {
    throw new LocalOssError('InvalidArgument', `max-uploads must be an integer between 1 and ${MAX_UPLOADS}, inclusive.`, {
      details: { ArgumentName: 'max-uploads', ArgumentValue: value },
    });
  }
  return Number(value);
}

/** `GET /?uploads` → `<ListMultipartUploadsResult>`. */
export const listMultipartUploads: Handler = async (ctx) => {
  const bucket = requireBucket(ctx);
  const query: UploadsQuery = {
    prefix: ctx.params.get('prefix') ?? '',
    delimiter: ctx.params.get('delimiter') ?? '',
    keyMarker: ctx.params.get('key-marker') ?? '',
    uploadIdMarker: ctx.params.get('upload-id-marker') ?? '',
    maxUploads: maxUploadsOf(ctx.params.get('max-uploads')),
  };
  const encodingType = ctx.params.get('encoding-type');
  if (encodingType !== undefined && encodingType !== '' && encodingType !== 'url') {
    throw new LocalOssError('InvalidArgument', `The encoding-type must be url, got ${JSON.stringify(encodingType)}.`, {
      details: { ArgumentName: 'encoding-type', ArgumentValue: encodingType },
    });
  }
  // Why: `/` is encoded too (%2F), as in OSS's own answers; never `+` for a space.
  const encode = encodingType === 'url' ? (v: string) => uriEncode(v, false) : (v: string) => v;
  const page = pageOfUploads(await ctx.backend.listMultipartUploads(bucket), query);
  return {
    xml: {
      root: 'ListMultipartUploadsResult',
      value: {
        ...(encodingType === 'url' ? { EncodingType: 'url' } : {}),
        Bucket: bucket,
        KeyMarker: encode(query.keyMarker),
        UploadIdMarker: query.keyMarker === '' ? '' : query.uploadIdMarker,
        NextKeyMarker: encode(page.nextKeyMarker),
        NextUploadIdMarker: page.nextUploadIdMarker,
        Delimiter: encode(query.delimiter),
        Prefix: encode(query.prefix),
        MaxUploads: String(query.maxUploads),
        IsTruncated: String(page.isTruncated),
        Upload: page.uploads.map((u) => ({
          Key: encode(u.key),
          UploadId: u.uploadId,
          StorageClass: u.metadata.storageClass,
          Initiated: isoDate(u.initiated),
        })),
        CommonPrefixes: page.commonPrefixes.map((p) => ({ Prefix: encode(p) })),
      },
    },
  };
};
