/** Validation of multipart identifiers. */
import { MAX_PARTS } from '../../defaults.js';
import { OssInvalidArgumentError } from '../../errors.js';
import { assertHeaderValue } from '../../validation/index.js';

/** Throws unless `partNumber` is an integer in 1‥10000. */
export function assertPartNumber(partNumber: number, field = 'partNumber'): void {
  if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > MAX_PARTS) {
    throw new OssInvalidArgumentError(field, `must be an integer from 1 to ${MAX_PARTS}`, partNumber);
  }
}

/** Throws unless `uploadId` is a non-empty string without control characters. */
export function assertUploadId(uploadId: string, field = 'uploadId'): void {
  if (typeof uploadId !== 'string' || uploadId === '') throw new OssInvalidArgumentError(field, 'must be a non-empty string', uploadId);
  assertHeaderValue(uploadId, field);
}
