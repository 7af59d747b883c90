/**
 * Multipart upload handlers: InitiateMultipartUpload, UploadPart, UploadPartCopy,
 * CompleteMultipartUpload, AbortMultipartUpload, ListParts (reference §5.5).
 */
import { BackendError, type ByteRange, type CompletePart, type ObjectRead } from '../backend/backend.js';
import { uriEncode } from '../../oss/signer/canonical.js';
import { parseXml } from '../../oss/xml/parse-xml.js';
import { LocalOssError } from '../errors.js';
import {
  header,
  isoDate,
  readSmallBody,
  requireBucket,
  requireKey,
  type Handler,
  type RequestContext,
} from './context.js';
import { checkCopySourceConditions, copySourceOf, type CopySource } from './copy-object.js';
import { checkReadable } from './restore-object.js';
import {
  aclFromHeaders,
  checkObjectKey,
  contentMd5Verifier,
  forbidOverwrite,
  metadataFromRequest,
  verifyBodyContentMd5,
} from './object-headers.js';
import { writtenVersionHeader } from './versioning.js';

/** Highest part number. */
export const MAX_PART_NUMBER = 10_000;

function encoderFor(ctx: RequestContext): { encode: (v: string) => string; encodingType: Record<string, string> } {
  const url = ctx.params.get('encoding-type') === 'url';
  return {
    encode: url ? (v) => uriEncode(v, true) : (v) => v,
    encodingType: url ? { EncodingType: 'url' } : {},
  };
}

function uploadIdOf(ctx: RequestContext): string {
  const uploadId = ctx.params.get('uploadId') ?? '';
  if (uploadId === '') throw new LocalOssError('NoSuchUpload');
  return uploadId;
}

function partNumberOf(ctx: RequestContext): number {
  const value = ctx.params.get('partNumber') ?? '';
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > MAX_PART_NUMBER) {
    throw new LocalOssError('InvalidArgument', `Part number must be an integer between 1 and ${MAX_PART_NUMBER}, inclusive.`, {
      details: { ArgumentName: 'partNumber', ArgumentValue: value },
    });
  }
  return Number(value);
}

/** `POST /<key>?uploads` → `<InitiateMultipartUploadResult>`; the metadata is kept for Complete. */
export const initiateMultipartUpload: Handler = async (ctx) => {
  const bucket = requireBucket(ctx);
  const key = requireKey(ctx);
  checkObjectKey(key);
  // Why: OSS does not guess a multipart upload's type from its key (wave 2 §12).
  const metadata = metadataFromRequest(ctx, key, 'application/octet-stream');
  const forbid = forbidOverwrite(ctx);
  if (forbid && (await ctx.backend.getBucket(bucket))?.versioning === undefined && (await ctx.backend.headObject(bucket, key)) !== undefined) {
    throw new LocalOssError('FileAlreadyExists', 'The object you specified already exists and can not be overwritten.');
  }
  for await (const _chunk of ctx.body) void _chunk;
  const upload = await ctx.backend.createMultipartUpload(bucket, key, {
    metadata,
    now: ctx.now.getTime(),
    forbidOverwrite: forbid,
  });
  const { encode, encodingType } = encoderFor(ctx);
  return {
    xml: {
      root: 'InitiateMultipartUploadResult',
      value: { Bucket: bucket, Key: encode(key), UploadId: upload.uploadId, ...encodingType },
    },
  };
};

/** `PUT /<key>?partNumber=N&uploadId=ID` with data: answers `ETag`, `x-oss-hash-crc64ecma`, `Content-MD5`. */
export const uploadPart: Handler = async (ctx) => {
  const bucket = requireBucket(ctx);
  const key = requireKey(ctx);
  const partNumber = partNumberOf(ctx);
  const uploadId = uploadIdOf(ctx);
  const verify = contentMd5Verifier(ctx);
  const part = await ctx.backend.uploadPart(bucket, key, uploadId, partNumber, ctx.body, {
    now: ctx.clock,
    ...(verify !== undefined ? { verify } : {}),
  });
  const md5 = Buffer.from(part.etag.slice(1, -1), 'hex').toString('base64');
  return { headers: { etag: part.etag, 'x-oss-hash-crc64ecma': part.crc64, 'content-md5': md5 } };
};

/**
 * Parses `x-oss-copy-source-range: bytes=first-last` (inclusive) against the source size.
 * Absent or unparseable → the whole object; a range outside the object → `InvalidRange`.
 */
export function parseCopyRange(value: string | undefined, size: number): ByteRange | undefined {
  if (value === undefined) return undefined;
  const match = /^bytes=(\d+)-(\d+)$/.exec(value.trim());
  if (match === null) return undefined;
  const first = Number(match[1]);
  const last = Number(match[2]);
  if (first > last) return undefined;
  if (last >= size) {
    throw new LocalOssError('InvalidRange', 'The requested range is not satisfiable.', {
      details: { RangeRequested: value, ActualObjectSize: String(size) },
    });
  }
  return { offset: first, length: last - first + 1 };
}

/**
 * Opens the copy source with its range as one snapshot: the range is computed from the size of
 * the very record whose bytes are read, so the conditions checked on `record` describe the data.
 * Retries when the source changes between the size lookup and the read.
 */
async function readCopySource(ctx: RequestContext, source: CopySource): Promise<ObjectRead> {
  for (let attempt = 0; ; attempt++) {
    const head = await ctx.backend.headObject(source.bucket, source.key, source.versionId);
    if (head === undefined) throw missingSource(source);
    const range = parseCopyRange(header(ctx, 'x-oss-copy-source-range'), head.size);
    let read: ObjectRead | undefined;
    try {
      read = await ctx.backend.getObject(source.bucket, source.key, range, source.versionId);
    } catch (error) {
      if (attempt < 5 && error instanceof BackendError && error.code === 'InvalidRange') continue;
      throw error;
    }
    if (read === undefined) throw missingSource(source);
    const same = read.record.etag === head.etag && read.record.lastModified === head.lastModified && read.record.size === head.size;
    if (same || attempt >= 5) {
      if (!same) {
        await read.body[Symbol.asyncIterator]().return?.();
        throw new LocalOssError('InternalError', 'The copy source kept changing while it was read; retry.');
      }
      return read;
    }
    await read.body[Symbol.asyncIterator]().return?.();
  }
}

/** `NoSuchVersion` for a named source version that is gone, else `NoSuchKey`. */
function missingSource(source: CopySource): LocalOssError {
  return source.versionId !== undefined
    ? new LocalOssError('NoSuchVersion', 'The specified version does not exist.', { details: { Key: source.key, VersionId: source.versionId } })
    : new LocalOssError('NoSuchKey', undefined, { details: { Key: source.key } });
}

/** `PUT /<key>?partNumber=N&uploadId=ID` with `x-oss-copy-source` (+ range) → `<CopyPartResult>`. */
export const uploadPartCopy: Handler = async (ctx) => {
  const bucket = requireBucket(ctx);
  const key = requireKey(ctx);
  const partNumber = partNumberOf(ctx);
  const uploadId = uploadIdOf(ctx);
  const source = copySourceOf(ctx);
  if ((await ctx.backend.getMultipartUpload(bucket, key, uploadId)) === undefined) {
    throw new LocalOssError('NoSuchUpload');
  }
  const read = await readCopySource(ctx, source);
  try {
    checkCopySourceConditions(ctx, read.record);
    checkReadable(read.record, ctx.clock());
  } catch (error) {
    await read.body[Symbol.asyncIterator]().return?.();
    throw error;
  }
  const part = await ctx.backend.uploadPart(bucket, key, uploadId, partNumber, read.body, { now: ctx.clock });
  return {
    headers: {
      'x-oss-hash-crc64ecma': part.crc64,
      ...(read.record.versionId !== undefined ? { 'x-oss-copy-source-version-id': read.record.versionId } : {}),
    },
    xml: { root: 'CopyPartResult', value: { LastModified: isoDate(part.lastModified), ETag: part.etag } },
  };
};

function parseCompleteBody(xml: string): CompletePart[] {
  let parsed: Record<string, unknown>;
  try {
    parsed = parseXml(xml, { arrays: ['CompleteMultipartUpload.Part'] });
  } catch {
    throw new LocalOssError('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema.');
  }
  const root = parsed['CompleteMultipartUpload'];
  if (root === undefined || root === null || typeof root !== 'object') {
    throw new LocalOssError('MalformedXML', 'The root element must be CompleteMultipartUpload.');
  }
  const parts = (root as { Part?: unknown[] }).Part ?? [];
  return parts.map((p) => {
    const part = p as { PartNumber?: unknown; ETag?: unknown };
    const number = typeof part.PartNumber === 'string' ? part.PartNumber.trim() : '';
    if (!/^\d+$/.test(number) || typeof part.ETag !== 'string') {
      throw new LocalOssError('MalformedXML', 'Every Part needs a PartNumber and an ETag.');
    }
    return { partNumber: Number(number), etag: part.ETag };
  });
}

/**
 * `POST /<key>?uploadId=ID` with the part list (or `x-oss-complete-all: yes`) →
 * `<CompleteMultipartUploadResult>` and the whole-object `x-oss-hash-crc64ecma`.
 */
export const completeMultipartUpload: Handler = async (ctx) => {
  const bucket = requireBucket(ctx);
  const key = requireKey(ctx);
  const uploadId = uploadIdOf(ctx);
  const body = await readSmallBody(ctx);
  verifyBodyContentMd5(ctx, body);
  let parts: CompletePart[];
  if ((header(ctx, 'x-oss-complete-all') ?? '').toLowerCase() === 'yes') {
    if (body.length > 0) {
      throw new LocalOssError('InvalidArgument', 'The body must be empty when x-oss-complete-all is yes.');
    }
    parts = (await ctx.backend.listParts(bucket, key, uploadId)).map((p) => ({ partNumber: p.partNumber, etag: p.etag }));
  } else {
    parts = parseCompleteBody(body.toString('utf8'));
  }
  const acl = aclFromHeaders(ctx);
  const record = await ctx.backend.completeMultipartUpload(bucket, key, uploadId, parts, {
    now: ctx.clock,
    forbidOverwrite: forbidOverwrite(ctx),
    ...(acl !== undefined ? { acl } : {}),
  });
  const { encode, encodingType } = encoderFor(ctx);
  return {
    headers: { 'x-oss-hash-crc64ecma': record.crc64, etag: record.etag, ...writtenVersionHeader(record) },
    xml: {
      root: 'CompleteMultipartUploadResult',
      value: {
        ...encodingType,
        Location: `http://${bucket}.${ctx.config.virtualHostDomain}/${uriEncode(key, true)}`,
        Bucket: bucket,
        Key: encode(key),
        ETag: record.etag,
      },
    },
  };
};

/** `DELETE /<key>?uploadId=ID` → 204; `NoSuchUpload` when unknown. */
export const abortMultipartUpload: Handler = async (ctx) => {
  await ctx.backend.abortMultipartUpload(requireBucket(ctx), requireKey(ctx), uploadIdOf(ctx));
  return { status: 204 };
};

/** `GET /<key>?uploadId=ID` → `<ListPartsResult>` (`part-number-marker`, `max-parts`). */
export const listParts: Handler = async (ctx) => {
  const bucket = requireBucket(ctx);
  const key = requireKey(ctx);
  const uploadId = uploadIdOf(ctx);
  const marker = Number(ctx.params.get('part-number-marker') ?? '0') || 0;
  const maxParts = Math.min(Number(ctx.params.get('max-parts') ?? '1000') || 1000, 1000);
  const upload = await ctx.backend.getMultipartUpload(bucket, key, uploadId);
  if (upload === undefined) throw new LocalOssError('NoSuchUpload');
  const all = (await ctx.backend.listParts(bucket, key, uploadId)).filter((p) => p.partNumber > marker);
  const page = all.slice(0, maxParts);
  const truncated = all.length > page.length;
  const { encode, encodingType } = encoderFor(ctx);
  return {
    xml: {
      root: 'ListPartsResult',
      value: {
        ...encodingType,
        Bucket: bucket,
        Key: encode(key),
        UploadId: uploadId,
        StorageClass: upload.metadata.storageClass,
        PartNumberMarker: String(marker),
        NextPartNumberMarker: String(page.at(-1)?.partNumber ?? marker),
        MaxParts: String(maxParts),
        IsTruncated: String(truncated),
        Part: page.map((p) => ({
          PartNumber: String(p.partNumber),
          LastModified: isoDate(p.lastModified),
          ETag: p.etag,
          HashCrc64ecma: p.crc64,
          Size: String(p.size),
        })),
      },
    },
  };
};
