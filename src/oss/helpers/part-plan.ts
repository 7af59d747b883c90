/** Splitting an object of known size into parts. Pure. */
import { MAX_PARTS, MAX_PART_SIZE } from '../defaults.js';
import { OssInvalidArgumentError } from '../errors.js';

/** One part of a plan: number (1-based) and inclusive byte range. */
export interface PlannedPart {
  readonly partNumber: number;
  readonly start: number;
  /** Inclusive. */
  readonly end: number;
}

/**
 * The part size to use for `total` bytes: the smallest multiple of `partSize` that fits the object
 * in {@link MAX_PARTS} parts (the size the SDK V2 copier and uploader reach by growing in steps of
 * `partSize`). Throws {@link OssInvalidArgumentError} when that exceeds {@link MAX_PART_SIZE}.
 */
export function growPartSize(total: number, partSize: number): number {
  const size = Math.max(1, Math.ceil(total / MAX_PARTS / partSize)) * partSize;
  if (size > MAX_PART_SIZE) {
    throw new OssInvalidArgumentError('size', `must fit in ${MAX_PARTS} parts of at most ${MAX_PART_SIZE} bytes`, total);
  }
  return size;
}

/** The parts of `total` bytes (≥ 1) in `partSize` pieces, the last one possibly shorter. */
export function planParts(total: number, partSize: number): PlannedPart[] {
  const parts: PlannedPart[] = [];
  for (let start = 0, partNumber = 1; start < total; start += partSize, partNumber++) {
    parts.push({ partNumber, start, end: Math.min(start + partSize, total) - 1 });
  }
  return parts;
}
