/**
 * Honest outcomes for retried writes: when a write fails in a way its own earlier, unanswered
 * attempt could explain, the object is read back and compared with what the write intended.
 * One comparison ({@link differencesFromIntended}) serves the put helper, the copier, the
 * metadata editor and the copier's re-read of a source before CompleteMultipartUpload.
 */
import type { OssApi } from '../api.js';
import type { CallOptions } from '../client.js';
import { OssError, OssRequestError, OssServiceError } from '../errors.js';
import type { HeadObjectResult } from '../operations/head-object.js';
import type { ObjectProperties } from '../operations/shared/object-properties.js';
import { SYSTEM_HEADER_NAMES } from '../operations/shared/request-headers.js';
import type { SystemHeaders } from '../operations/shared/request-headers.js';
import { attemptMayHaveLanded } from '../retry/retryable.js';

/** The six system headers of an object or of write headers, without the absent ones. */
export function systemHeadersOf(from: SystemHeaders): SystemHeaders {
  const out: Record<string, string> = {};
  for (const field of Object.keys(SYSTEM_HEADER_NAMES) as Array<keyof SystemHeaders>) {
    const value = from[field];
    if (value !== undefined) out[field] = value;
  }
  return out as SystemHeaders;
}

/**
 * What an object must hold for a write to count as applied. Every field given is compared;
 * absent fields are not. In `systemHeaders` a header left out must be absent from the object,
 * except Content-Type, which the store fills in with a default when a write sends none.
 */
export interface IntendedObject {
  /** The six system headers the write set (the whole set). */
  readonly systemHeaders?: SystemHeaders;
  /** The whole user metadata (lowercase names). */
  readonly metadata?: Readonly<Record<string, string>>;
  readonly contentLength?: number;
  /** CRC-64/XZ as an unsigned decimal string; compared only when the object reports one. */
  readonly hashCrc64?: string;
  /** Quoted ETag. */
  readonly etag?: string;
  /** Compared at the store's one-second resolution. */
  readonly lastModified?: Date;
  readonly storageClass?: string;
}

/**
 * The ways `actual` differs from `intended`, as short human-readable entries (`metadata.k:
 * "a" ≠ "b"`); empty when the object holds exactly what was intended.
 */
export function differencesFromIntended(actual: ObjectProperties, intended: IntendedObject): string[] {
  const out: string[] = [];
  const differ = (what: string, want: unknown, got: unknown): void => {
    if (want !== got) out.push(`${what}: expected ${JSON.stringify(want)}, found ${JSON.stringify(got)}`);
  };
  if (intended.etag !== undefined) differ('etag', intended.etag, actual.etag);
  if (intended.lastModified !== undefined) {
    differ('lastModified', Math.floor(intended.lastModified.getTime() / 1000), Math.floor(actual.lastModified.getTime() / 1000));
  }
  if (intended.contentLength !== undefined) differ('contentLength', intended.contentLength, actual.contentLength);
  if (intended.hashCrc64 !== undefined && actual.hashCrc64 !== undefined) differ('hashCrc64', intended.hashCrc64, actual.hashCrc64);
  if (intended.storageClass !== undefined) differ('storageClass', intended.storageClass, actual.storageClass);
  if (intended.systemHeaders !== undefined) {
    for (const field of Object.keys(SYSTEM_HEADER_NAMES) as Array<keyof SystemHeaders>) {
      const want = intended.systemHeaders[field];
      if (field === 'contentType' && want === undefined) continue;
      differ(field, want, actual[field]);
    }
  }
  if (intended.metadata !== undefined) {
    const names = new Set([...Object.keys(intended.metadata), ...Object.keys(actual.metadata)]);
    for (const name of [...names].sort()) differ(`metadata.${name}`, intended.metadata[name], actual.metadata[name]);
  }
  return out;
}

/**
 * True when `error` leaves open whether the write was applied: the store refused it with 412,
 * `FileAlreadyExists` or `NoSuchUpload` after an earlier attempt may have landed (each of these
 * is what a retry of an applied write gets), or the last attempt itself may have landed (its
 * connection broke after sending, or a 5xx other than 503). A caller's abort is never unknown:
 * the caller asked to stop.
 */
export function writeOutcomeUnknown(error: unknown): boolean {
  if (!(error instanceof OssError)) return false;
  if (error instanceof OssRequestError && error.code === 'RequestAborted') return false;
  if (error.earlierAttemptMayHaveLanded && error instanceof OssServiceError) {
    if (error.status === 412) return true;
    if (error.status === 409 && error.code === 'FileAlreadyExists') return true;
    if (error.status === 404 && error.code === 'NoSuchUpload') return true;
  }
  return (error instanceof OssRequestError || error instanceof OssServiceError) && attemptMayHaveLanded(error);
}

/** Where the written object lives. */
export interface WriteTarget {
  readonly bucket: string;
  readonly key: string;
}

/**
 * Settles a failed write: when {@link writeOutcomeUnknown}, HEADs `target` and resolves with that
 * HEAD if the object holds exactly `intended` (the write landed; its answer was lost). Otherwise —
 * the outcome was known, the read-back failed, or the object differs — rejects with `error`, the
 * write's own failure. `intended === undefined` means the write cannot be recognised (e.g. a
 * body that cannot be read again) and also rejects with `error`.
 */
export async function confirmWriteByReadBack(
  api: Pick<OssApi, 'headObject'>,
  target: WriteTarget,
  intended: IntendedObject | undefined,
  error: unknown,
  options: CallOptions = {},
): Promise<HeadObjectResult> {
  if (intended === undefined || !writeOutcomeUnknown(error) || options.signal?.aborted === true) throw error;
  let head: HeadObjectResult;
  try {
    head = await api.headObject({ bucket: target.bucket, key: target.key }, options);
  } catch {
    throw error;
  }
  if (differencesFromIntended(head, intended).length > 0) throw error;
  return head;
}
