/** Conditions on the source of a copy (`x-oss-copy-source-if-*`). */
import { setDateHeader, setHeader } from './request-headers.js';

/** Conditions OSS checks on a copy's source: 412 (match/unmodified) or 304 (none-match/modified) on failure. */
export interface CopySourceConditions {
  /** The source's ETag must equal this (quotes optional). */
  readonly copySourceIfMatch?: string;
  readonly copySourceIfNoneMatch?: string;
  readonly copySourceIfModifiedSince?: Date;
  /** The source must not have changed after this time. */
  readonly copySourceIfUnmodifiedSince?: Date;
}

/** Validates and sets the copy-source condition headers present in `conditions`. */
export function setCopySourceConditions(headers: Record<string, string>, conditions: CopySourceConditions): void {
  setHeader(headers, 'x-oss-copy-source-if-match', conditions.copySourceIfMatch, 'copySourceIfMatch');
  setHeader(headers, 'x-oss-copy-source-if-none-match', conditions.copySourceIfNoneMatch, 'copySourceIfNoneMatch');
  setDateHeader(headers, 'x-oss-copy-source-if-modified-since', conditions.copySourceIfModifiedSince, 'copySourceIfModifiedSince');
  setDateHeader(
    headers,
    'x-oss-copy-source-if-unmodified-since',
    conditions.copySourceIfUnmodifiedSince,
    'copySourceIfUnmodifiedSince',
  );
}
