/** Splitting an object of known size into parts. Pure. */
import { MAX_PARTS } from '../defaults.js';

/** One part of a plan: number (1-based) and inclusive byte range. */
export interface PlannedPart {
  readonly partNumber: number;
  readonly start: number;
  /** Inclusive. */
  readonly end: number;
}

/**
 * The part size to use for `total` bytes: `partSize`, grown by steps of `partSize` until the
 * object fits in {@link MAX_PARTS} parts (as the SDK V2 copier and uploader do).
 */
export function growPartSize(total: number, partSize: number): number {
  let size = partSize;
  while (Math.ceil(total / size) > MAX_PARTS) size += partSize;
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
