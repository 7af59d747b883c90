/**
 * Rules every {@link Backend} applies the same way (gofakes3's `CheckPutConditions` idea): key
 * order, digests while streaming, ETag shapes, CompleteMultipartUpload part checks, upload ids.
 */
import { createHash, randomBytes, type Hash } from 'node:crypto';
import { Crc64, crc64Combine, formatCrc64 } from '../../oss/checksum/crc64.js';
import {
  BackendError,
  MIN_PART_SIZE,
  type CommitTime,
  type CompletePart,
  type DataDigest,
  type ObjectMetadata,
  type ObjectRecord,
  type PartRecord,
  type PutObjectInput,
  type UploadRecord,
} from './backend.js';

/**
 * Compares two keys in UTF-8 byte order (the order OSS lists in). Equivalent to comparing code
 * points, which differs from JS string order only around surrogate pairs.
 */
export function compareKeys(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    if (ca === cb) continue;
    // Why: a surrogate (0xD800–0xDFFF) stands for a code point ≥ 0x10000, which sorts after
    // every BMP code point, although its code unit is smaller than 0xE000–0xFFFF.
    const sa = ca >= 0xd800 && ca <= 0xdfff;
    const sb = cb >= 0xd800 && cb <= 0xdfff;
    if (sa !== sb) return sa ? 1 : -1;
    return ca - cb;
  }
  return a.length - b.length;
}

/** Accumulates size, MD5 and CRC-64 of a stream of chunks. */
export class DigestAccumulator {
  readonly #md5: Hash = createHash('md5');
  readonly #crc = new Crc64();
  #size = 0;

  /** Feeds one chunk. */
  update(chunk: Uint8Array): void {
    this.#md5.update(chunk);
    this.#crc.update(chunk);
    this.#size += chunk.length;
  }

  /** The digest of everything fed; call once. */
  digest(): DataDigest {
    return { size: this.#size, md5: this.#md5.digest(), crc64: this.#crc.digest() };
  }
}

/** `"` + uppercase hex + `"`: the ETag of data with this MD5. */
export function md5Etag(md5: Uint8Array): string {
  return `"${Buffer.from(md5).toString('hex').toUpperCase()}"`;
}

/** The record fields derived from a digest of a single PutObject or UploadPart. */
export function digestFields(digest: DataDigest): { etag: string; contentMd5: string; crc64: string; size: number } {
  return {
    etag: md5Etag(digest.md5),
    contentMd5: Buffer.from(digest.md5).toString('base64'),
    crc64: formatCrc64(digest.crc64),
    size: digest.size,
  };
}

/** An ETag without surrounding quotes, uppercase, for comparisons. */
export function bareEtag(etag: string): string {
  const t = etag.trim();
  return (t.startsWith('"') && t.endsWith('"') && t.length >= 2 ? t.slice(1, -1) : t).toUpperCase();
}

/**
 * The multipart ETag `"<HEX>-<N>"`: uppercase hex MD5 of the concatenated binary part MD5s (the
 * S3 convention; OSS's derivation is undocumented, clients treat it as opaque).
 */
export function multipartEtag(parts: readonly PartRecord[]): string {
  const hash = createHash('md5');
  for (const part of parts) hash.update(Buffer.from(bareEtag(part.etag), 'hex'));
  return `"${hash.digest('hex').toUpperCase()}-${parts.length}"`;
}

/** CRC-64 (decimal) of the parts' data concatenated in order, from the part CRCs and sizes. */
export function combinedCrc64(parts: readonly PartRecord[]): string {
  let crc = 0n;
  for (const part of parts) crc = crc64Combine(crc, BigInt(part.crc64), part.size);
  return formatCrc64(crc);
}

/**
 * Checks a CompleteMultipartUpload part list against the stored parts and returns the stored
 * parts to assemble, in order. Throws `InvalidPartOrder` (numbers not strictly ascending),
 * `InvalidPart` (unknown number, ETag mismatch, or an empty list) and `EntityTooSmall` (a part
 * other than the last smaller than {@link MIN_PART_SIZE}).
 */
export function checkCompleteParts(
  requested: readonly CompletePart[],
  stored: readonly PartRecord[],
): PartRecord[] {
  if (requested.length === 0) {
    throw new BackendError('InvalidPart', 'You must specify at least one part.');
  }
  const byNumber = new Map<number, PartRecord>();
  for (const p of stored) byNumber.set(p.partNumber, p);
  const chosen: PartRecord[] = [];
  let previous = 0;
  for (const part of requested) {
    if (part.partNumber <= previous) {
      throw new BackendError(
        'InvalidPartOrder',
        'The list of parts was not in ascending order. Parts list must be specified in order by part number.',
      );
    }
    previous = part.partNumber;
    const storedPart = byNumber.get(part.partNumber);
    if (storedPart === undefined || bareEtag(storedPart.etag) !== bareEtag(part.etag)) {
      throw new BackendError(
        'InvalidPart',
        `One or more of the specified parts could not be found or the specified entity tag might not have matched the part's entity tag (part ${part.partNumber}).`,
      );
    }
    chosen.push(storedPart);
  }
  for (let i = 0; i < chosen.length - 1; i++) {
    const p = chosen[i] as PartRecord;
    if (p.size < MIN_PART_SIZE) {
      throw new BackendError(
        'EntityTooSmall',
        `Your proposed upload is smaller than the minimum allowed size (part ${p.partNumber} is ${p.size} bytes; minimum ${MIN_PART_SIZE}).`,
      );
    }
  }
  return chosen;
}

/** A new upload id: 32 uppercase hex characters (URL-safe, unique). */
export function newUploadId(): string {
  return randomBytes(16).toString('hex').toUpperCase();
}

/** Normalises any chunk to a Buffer without copying. */
export function asBuffer(chunk: Uint8Array): Buffer {
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/** The instant a {@link CommitTime} stands for, read now: call it exactly at the commit point. */
export function commitTime(now: CommitTime): number {
  return typeof now === 'number' ? now : now();
}

/**
 * The record a PutObject commits: `input`'s metadata, the digest of the body, and the commit time
 * (read now, at the commit, so Last-Modified is when the object became visible).
 */
export function putObjectRecord(key: string, input: PutObjectInput, digest: DataDigest): ObjectRecord {
  const now = commitTime(input.now);
  return {
    ...input.metadata,
    ...digestFields(digest),
    key,
    lastModified: now,
    lastAccessTime: now,
    objectType: input.objectType ?? 'Normal',
  };
}

/** Sorts uploads by key (UTF-8 byte order), then upload id: the ListMultipartUploads order. */
export function sortUploads(uploads: Iterable<UploadRecord>): UploadRecord[] {
  return [...uploads].sort((a, b) => compareKeys(a.key, b.key) || (a.uploadId < b.uploadId ? -1 : a.uploadId > b.uploadId ? 1 : 0));
}

/**
 * The ETag of an appendable object after appending a chunk with MD5 `chunkMd5`: uppercase hex MD5
 * of the previous ETag's text and the chunk MD5 (OSS's derivation is undocumented; clients treat
 * it as opaque, and it changes with every append).
 */
export function appendEtag(previousEtag: string | undefined, chunkMd5: Uint8Array): string {
  const hash = createHash('md5');
  if (previousEtag !== undefined) hash.update(previousEtag);
  hash.update(chunkMd5);
  return `"${hash.digest('hex').toUpperCase()}"`;
}

/**
 * Checks an append against the current record (`undefined` when absent) and returns the
 * existing record to extend: `ObjectNotAppendable` for a Normal or Multipart object,
 * `PositionNotEqualToLength` when `position` is not its length.
 */
export function checkAppend(current: ObjectRecord | undefined, position: number): ObjectRecord | undefined {
  if (current !== undefined && current.objectType !== 'Appendable') {
    throw new BackendError('ObjectNotAppendable', 'The object is not appendable.');
  }
  const length = current?.size ?? 0;
  if (position !== length) {
    throw new BackendError('PositionNotEqualToLength', `Position is not equal to file length (${length}).`, { nextAppendPosition: length });
  }
  return current;
}

/** The record of an appendable object after appending a chunk with `digest` to `current`. */
export function appendedRecord(key: string, current: ObjectRecord | undefined, metadata: ObjectMetadata, digest: DataDigest, now: number): ObjectRecord {
  const base: ObjectMetadata = current ?? metadata;
  return {
    contentType: base.contentType,
    headers: base.headers,
    userMetadata: base.userMetadata,
    storageClass: base.storageClass,
    acl: base.acl,
    ...(base.sse !== undefined ? { sse: base.sse } : {}),
    ...(base.tagging !== undefined ? { tagging: base.tagging } : {}),
    key,
    size: (current?.size ?? 0) + digest.size,
    etag: appendEtag(current?.etag, digest.md5),
    crc64: formatCrc64(crc64Combine(BigInt(current?.crc64 ?? '0'), digest.crc64, digest.size)),
    objectType: 'Appendable',
    lastModified: now,
    lastAccessTime: now,
  };
}
