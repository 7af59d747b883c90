/**
 * On-disk layout and record files of the file backend. Nothing here derives a path from a key
 * or bucket name except through a SHA-256 hex digest; ids in paths are ones the backend made.
 *
 * ```
 * <dataDir>/local-oss.json              format marker
 * <dataDir>/lock                        pid of the owning process
 * <dataDir>/tmp/<random>.tmp            writes in progress (cleared at startup)
 * <dataDir>/blobs/<id>                  immutable object and part data
 * <dataDir>/buckets/<sha256(name)>/bucket.json
 *                                 /objects/<sha256(key)>.json   the key's versions (see encodeChainFile)
 *                                 /uploads/<uploadId>/upload.json
 *                                 /uploads/<uploadId>/part-<n>.json   part record + blob id
 * ```
 */
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { BucketRecord, DeleteMarkerRecord, ObjectRecord, ObjectType, PartRecord, UploadRecord } from './backend.js';
import { isDeleteMarker } from './backend.js';
import type { VersionEntry } from './file-backend-index.js';

/** Version written in the marker and in every record file. */
export const FORMAT_VERSION = 1;

/** Name of the marker file that makes a directory a local-oss data directory. */
export const MARKER_FILE = 'local-oss.json';

/** Absolute paths of the fixed parts of a data directory. */
export interface Layout {
  readonly root: string;
  readonly marker: string;
  readonly lock: string;
  readonly tmp: string;
  readonly blobs: string;
  readonly buckets: string;
}

/** The layout of the data directory `root` (an absolute path). */
export function layoutOf(root: string): Layout {
  return {
    root,
    marker: join(root, MARKER_FILE),
    lock: join(root, 'lock'),
    tmp: join(root, 'tmp'),
    blobs: join(root, 'blobs'),
    buckets: join(root, 'buckets'),
  };
}

/**
 * Lowercase hex SHA-256 of a name (bucket or key), used as its file name.
 *
 * Why UTF-16LE: it encodes every JS string injectively, lone surrogates included; UTF-8 would map
 * `'\uD800'` and `'\uFFFD'` to the same bytes and so to the same file.
 */
export function nameHash(name: string): string {
  return createHash('sha256').update(Buffer.from(name, 'utf16le')).digest('hex');
}

/** Shape of blob ids (and of blob file names). */
export const BLOB_ID = /^[0-9a-f]{32}$/;

/** A new random blob id. */
export function newBlobId(): string {
  return randomBytes(16).toString('hex');
}

/** Shape of upload ids the backend creates (see `newUploadId`), safe as a directory name. */
export const UPLOAD_ID = /^[0-9A-Za-z]{1,64}$/;

/** Path of a blob. `id` must match {@link BLOB_ID}. */
export function blobPath(layout: Layout, id: string): string {
  return join(layout.blobs, id);
}

/** Directory of a bucket. */
export function bucketDir(layout: Layout, name: string): string {
  return join(layout.buckets, nameHash(name));
}

/** Paths inside a bucket directory. */
export function bucketPaths(dir: string): { bucketFile: string; objects: string; uploads: string } {
  return { bucketFile: join(dir, 'bucket.json'), objects: join(dir, 'objects'), uploads: join(dir, 'uploads') };
}

/** Record file of an object. */
export function objectPath(bucketDirectory: string, key: string): string {
  return join(bucketDirectory, 'objects', `${nameHash(key)}.json`);
}

/** Directory of an upload. `uploadId` must match {@link UPLOAD_ID}. */
export function uploadDir(bucketDirectory: string, uploadId: string): string {
  return join(bucketDirectory, 'uploads', uploadId);
}

/** Record file of an upload inside its directory. */
export function uploadFile(uploadDirectory: string): string {
  return join(uploadDirectory, 'upload.json');
}

/** Record file of a part inside its upload directory. */
export function partPath(uploadDirectory: string, partNumber: number): string {
  if (!Number.isSafeInteger(partNumber) || partNumber < 1) {
    throw new RangeError(`part number must be a positive integer, got ${String(partNumber)}`);
  }
  return join(uploadDirectory, `part-${partNumber}.json`);
}

/** File name pattern of part records. */
export const PART_FILE = /^part-([1-9][0-9]*)\.json$/;

/** What an object record file holds. */
export interface ObjectFile {
  readonly record: ObjectRecord;
  readonly blob: string;
  /** The upload this object completed, so a crash before the upload's removal is repaired. */
  readonly upload?: string;
}

/** What a part record file holds. */
export interface PartFile {
  readonly record: PartRecord;
  readonly blob: string;
}

/** Serialises an object record file. */
export function encodeObjectFile(file: ObjectFile): string {
  return JSON.stringify({ format: FORMAT_VERSION, ...file });
}

/**
 * Serialises the record file of a key from its versions, newest first. A key of an unversioned
 * bucket (one version without id) keeps the single-object shape {@link ObjectFile}, so data
 * directories written before versioning existed read the same; otherwise
 * `{format, key, versions: [{record, blob, upload?, seq} | {marker, seq}]}`. The whole chain is
 * one file, replaced atomically, so a crash leaves the old or the new chain.
 */
export function encodeChainFile(key: string, chain: readonly VersionEntry[]): string {
  const only = chain[0];
  if (chain.length === 1 && only !== undefined && !isDeleteMarker(only.version) && only.version.versionId === undefined && only.blob !== undefined) {
    return encodeObjectFile({ record: only.version, blob: only.blob, ...(only.upload !== undefined ? { upload: only.upload } : {}) });
  }
  return JSON.stringify({
    format: FORMAT_VERSION,
    key,
    versions: chain.map((e) =>
      isDeleteMarker(e.version)
        ? { marker: e.version, seq: e.seq }
        : { record: e.version, blob: e.blob, ...(e.upload !== undefined ? { upload: e.upload } : {}), seq: e.seq },
    ),
  });
}

/** Serialises a part record file. */
export function encodePartFile(file: PartFile): string {
  return JSON.stringify({ format: FORMAT_VERSION, ...file });
}

/** Serialises a bucket record file. */
export function encodeBucketFile(record: BucketRecord): string {
  return JSON.stringify({ format: FORMAT_VERSION, bucket: record });
}

/** Serialises an upload record file. */
export function encodeUploadFile(record: UploadRecord): string {
  return JSON.stringify({ format: FORMAT_VERSION, upload: record });
}

/** A record file that cannot be used; the message says why. */
export class RecordFileError extends Error {
  override readonly name = 'RecordFileError';
}

type Json = Record<string, unknown>;

function parseEnvelope(text: string): Json {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new RecordFileError('not valid JSON', { cause: error });
  }
  if (!isObject(value)) throw new RecordFileError('not a JSON object');
  if (value['format'] !== FORMAT_VERSION) {
    throw new RecordFileError(`unsupported format ${JSON.stringify(value['format'])}, expected ${FORMAT_VERSION}`);
  }
  return value;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringMap(value: unknown): boolean {
  return isObject(value) && Object.values(value).every((v) => typeof v === 'string');
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

const OBJECT_TYPES: readonly ObjectType[] = ['Normal', 'Multipart', 'Appendable', 'Symlink'];

function ensure(condition: boolean, what: string): void {
  if (!condition) throw new RecordFileError(`invalid or missing ${what}`);
}

function checkMetadata(m: Json): void {
  ensure(typeof m['contentType'] === 'string', 'contentType');
  ensure(isStringMap(m['headers']), 'headers');
  ensure(isStringMap(m['userMetadata']), 'userMetadata');
  ensure(typeof m['storageClass'] === 'string', 'storageClass');
  ensure(typeof m['acl'] === 'string', 'acl');
  ensure(m['tagging'] === undefined || typeof m['tagging'] === 'string', 'tagging');
  ensure(m['sse'] === undefined || (isObject(m['sse']) && typeof m['sse']['algorithm'] === 'string'), 'sse');
  ensure(m['symlinkTarget'] === undefined || typeof m['symlinkTarget'] === 'string', 'symlinkTarget');
  const restore = m['restore'];
  ensure(
    restore === undefined ||
      (isObject(restore) && typeof restore['readyAt'] === 'number' && typeof restore['expiresAt'] === 'number' &&
        (restore['tier'] === undefined || typeof restore['tier'] === 'string')),
    'restore',
  );
}

function checkBlob(value: unknown): string {
  ensure(typeof value === 'string' && BLOB_ID.test(value), 'blob id');
  return value as string;
}

/** Parses an object record file; throws {@link RecordFileError} when it is unusable. */
export function decodeObjectFile(text: string): ObjectFile {
  const file = parseEnvelope(text);
  const record = checkObjectRecord(file['record']);
  const upload = file['upload'];
  ensure(upload === undefined || typeof upload === 'string', 'upload');
  const blob = checkBlob(file['blob']);
  return {
    record,
    blob,
    ...(typeof upload === 'string' ? { upload } : {}),
  };
}

/** One object record (of an unversioned key, or one version of a chain), checked field by field. */
function checkObjectRecord(r: unknown): ObjectRecord {
  ensure(isObject(r), 'record');
  const record = r as Json;
  checkMetadata(record);
  ensure(typeof record['key'] === 'string', 'key');
  ensure(isCount(record['size']), 'size');
  ensure(typeof record['etag'] === 'string', 'etag');
  ensure(record['contentMd5'] === undefined || typeof record['contentMd5'] === 'string', 'contentMd5');
  ensure(typeof record['crc64'] === 'string' && /^[0-9]+$/.test(record['crc64']), 'crc64');
  ensure(typeof record['lastModified'] === 'number', 'lastModified');
  ensure(typeof record['lastAccessTime'] === 'number', 'lastAccessTime');
  ensure(OBJECT_TYPES.includes(record['objectType'] as ObjectType), 'objectType');
  ensure(record['versionId'] === undefined || (typeof record['versionId'] === 'string' && record['versionId'] !== ''), 'versionId');
  return record as unknown as ObjectRecord;
}

/**
 * Parses the record file of a key (either shape of {@link encodeChainFile}) into its key and
 * versions, newest first; throws {@link RecordFileError} when it is unusable (also when the
 * versions disagree on the key or repeat a version id).
 */
export function decodeChainFile(text: string): { key: string; chain: VersionEntry[] } {
  const file = parseEnvelope(text);
  if (file['versions'] === undefined) {
    const single = decodeObjectFile(text);
    return { key: single.record.key, chain: [{ version: single.record, seq: 0, blob: single.blob, ...(single.upload !== undefined ? { upload: single.upload } : {}) }] };
  }
  const key = file['key'];
  ensure(typeof key === 'string', 'key');
  const versions = file['versions'];
  ensure(Array.isArray(versions) && versions.length > 0, 'versions');
  const ids = new Set<string>();
  const chain = (versions as unknown[]).map((v): VersionEntry => {
    ensure(isObject(v), 'version');
    const item = v as Json;
    ensure(isCount(item['seq']), 'seq');
    const seq = item['seq'] as number;
    let entry: VersionEntry;
    if (item['marker'] !== undefined) {
      ensure(isObject(item['marker']), 'marker');
      const m = item['marker'] as Json;
      ensure(m['deleteMarker'] === true && typeof m['versionId'] === 'string' && m['versionId'] !== '' && typeof m['lastModified'] === 'number' && m['key'] === key, 'marker');
      entry = { version: m as unknown as DeleteMarkerRecord, seq };
    } else {
      const record = checkObjectRecord(item['record']);
      ensure(record.key === key, 'record key');
      const upload = item['upload'];
      ensure(upload === undefined || typeof upload === 'string', 'upload');
      entry = { version: record, seq, blob: checkBlob(item['blob']), ...(typeof upload === 'string' ? { upload } : {}) };
    }
    const id = entry.version.versionId ?? 'null';
    ensure(!ids.has(id), `unique version id (${id} repeats)`);
    ids.add(id);
    return entry;
  });
  return { key: key as string, chain };
}

/** Parses a part record file; throws {@link RecordFileError} when it is unusable. */
export function decodePartFile(text: string): PartFile {
  const file = parseEnvelope(text);
  const r = file['record'];
  ensure(isObject(r), 'record');
  const record = r as Json;
  ensure(isCount(record['partNumber']) && (record['partNumber'] as number) >= 1, 'partNumber');
  ensure(typeof record['etag'] === 'string', 'etag');
  ensure(isCount(record['size']), 'size');
  ensure(typeof record['crc64'] === 'string' && /^[0-9]+$/.test(record['crc64']), 'crc64');
  ensure(typeof record['lastModified'] === 'number', 'lastModified');
  return { record: record as unknown as PartRecord, blob: checkBlob(file['blob']) };
}

/** Parses a bucket record file; throws {@link RecordFileError} when it is unusable. */
export function decodeBucketFile(text: string): BucketRecord {
  const b = parseEnvelope(text)['bucket'];
  ensure(isObject(b), 'bucket');
  const record = b as Json;
  ensure(typeof record['name'] === 'string', 'name');
  ensure(typeof record['creationDate'] === 'number', 'creationDate');
  ensure(record['storageClass'] === undefined || typeof record['storageClass'] === 'string', 'storageClass');
  ensure(record['acl'] === undefined || typeof record['acl'] === 'string', 'acl');
  ensure(record['versioning'] === undefined || record['versioning'] === 'Enabled' || record['versioning'] === 'Suspended', 'versioning');
  return record as unknown as BucketRecord;
}

/** Parses an upload record file; throws {@link RecordFileError} when it is unusable. */
export function decodeUploadFile(text: string): UploadRecord {
  const u = parseEnvelope(text)['upload'];
  ensure(isObject(u), 'upload');
  const record = u as Json;
  ensure(typeof record['uploadId'] === 'string' && UPLOAD_ID.test(record['uploadId']), 'uploadId');
  ensure(typeof record['bucket'] === 'string', 'bucket');
  ensure(typeof record['key'] === 'string', 'key');
  ensure(typeof record['initiated'] === 'number', 'initiated');
  ensure(typeof record['forbidOverwrite'] === 'boolean', 'forbidOverwrite');
  ensure(isObject(record['metadata']), 'metadata');
  checkMetadata(record['metadata'] as Json);
  return record as unknown as UploadRecord;
}
