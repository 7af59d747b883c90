/**
 * Sweeps a bucket of multipart uploads left behind (a crashed writer, an edit that could not
 * abort): lists every in-progress upload and aborts those initiated longer ago than a limit. The
 * one-shot, any-store counterpart of OSS's lifecycle rule `AbortMultipartUpload`, for operators
 * of buckets without that rule.
 */
import type { CallOptions, OssApi } from '../api.js';
import { OssInvalidArgumentError, OssResponseParseError, OssServiceError } from '../errors.js';
import type { ListedUpload } from '../operations/list-multipart-uploads.js';

/** Input of {@link abortStaleUploads}. */
export interface AbortStaleUploadsRequest {
  readonly bucket: string;
  /** Uploads initiated more than this many milliseconds before `now` are aborted (> 0). */
  readonly olderThanMs: number;
  /** Only uploads whose key starts with this. */
  readonly prefix?: string;
  /** The current time; default `new Date()`. Compare with the store's clock in mind (skew). */
  readonly now?: Date;
  /** Report what would be aborted without aborting anything. */
  readonly dryRun?: boolean;
}

/** Result of {@link abortStaleUploads}. */
export interface AbortStaleUploadsResult {
  /** Uploads aborted (or, with `dryRun`, that would be), in listing order. */
  readonly aborted: ListedUpload[];
  /** Uploads young enough to keep. */
  readonly kept: number;
}

/**
 * Pages through ListMultipartUploads and aborts every upload with
 * `now - initiated > olderThanMs`, one at a time. An upload that is gone when aborted (completed
 * or aborted meanwhile: 404 `NoSuchUpload`) is not counted. Other errors reject, after the
 * uploads already aborted stay aborted.
 */
export async function abortStaleUploads(
  api: Pick<OssApi, 'listMultipartUploads' | 'abortMultipartUpload'>,
  request: AbortStaleUploadsRequest,
  options?: CallOptions,
): Promise<AbortStaleUploadsResult> {
  if (!(request.olderThanMs > 0) || !Number.isFinite(request.olderThanMs)) {
    throw new OssInvalidArgumentError('olderThanMs', 'must be a positive number of milliseconds', request.olderThanMs);
  }
  const cutoff = (request.now ?? new Date()).getTime() - request.olderThanMs;
  const aborted: ListedUpload[] = [];
  let kept = 0;
  let keyMarker: string | undefined;
  let uploadIdMarker: string | undefined;
  // Why: markers name the last upload listed, so aborting the uploads of a page never shifts the
  // next page; the loop ends when a page is not truncated.
  for (;;) {
    const page = await api.listMultipartUploads(
      {
        bucket: request.bucket,
        ...(request.prefix !== undefined ? { prefix: request.prefix } : {}),
        ...(keyMarker !== undefined ? { keyMarker } : {}),
        ...(keyMarker !== undefined && uploadIdMarker !== undefined ? { uploadIdMarker } : {}),
      },
      options,
    );
    for (const upload of page.uploads) {
      if (upload.initiated.getTime() >= cutoff) {
        kept++;
        continue;
      }
      if (request.dryRun !== true) {
        try {
          await api.abortMultipartUpload({ bucket: request.bucket, key: upload.key, uploadId: upload.uploadId }, options);
        } catch (error) {
          if (error instanceof OssServiceError && error.code === 'NoSuchUpload') continue;
          throw error;
        }
      }
      aborted.push(upload);
    }
    if (!page.isTruncated || page.nextKeyMarker === undefined) break;
    if (page.nextKeyMarker === keyMarker && page.nextUploadIdMarker === uploadIdMarker) {
      throw new OssResponseParseError(`ListMultipartUploads repeated the page after key-marker ${JSON.stringify(keyMarker)}`);
    }
    keyMarker = page.nextKeyMarker;
    uploadIdMarker = page.nextUploadIdMarker;
  }
  return { aborted, kept };
}
