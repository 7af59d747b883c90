/**
 * Argument checks run by resolvers before any store request. Every failure is a
 * {@link BadUserInputError} naming the field, the rule and the value, or an
 * {@link AccessDeniedError} for a bucket outside the allowlist.
 */
import { OssInvalidArgumentError } from '../oss/errors.js';
import { assertBucketName, assertHeaderValue, assertObjectKey, normalizeUserMetadata } from '../oss/validation/index.js';
import type { ObjectRef } from '../loaders/object-ref.js';
import { AccessDeniedError, BadUserInputError } from './errors.js';
import type { ApiSettings } from './settings.js';

/** A `{ key, value }` metadata entry as clients send it. */
export interface MetadataEntryInputShape {
  readonly key: string;
  readonly value: string;
}

/** Runs `check`, turning an {@link OssInvalidArgumentError} into a {@link BadUserInputError}. */
export function asUserInput<T>(check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof OssInvalidArgumentError) throw new BadUserInputError(error.field, error.rule, error.value);
    throw error;
  }
}

/** Checks a bucket name, then the allowlist (`ACCESS_DENIED` outside it). */
export function checkBucket(settings: ApiSettings, bucket: string, field = 'bucket'): void {
  asUserInput(() => assertBucketName(bucket, field));
  if (settings.allowedBuckets !== undefined && !settings.allowedBuckets.includes(bucket)) {
    throw new AccessDeniedError(`${field}: bucket ${JSON.stringify(bucket)} is not allowed by this API`);
  }
}

/** Checks an object key. */
export function checkKey(key: string, field = 'key'): void {
  asUserInput(() => assertObjectKey(key, field));
}

/** Checks a version id (a header-safe, non-empty string). */
export function checkVersionId(versionId: string, field = 'versionId'): void {
  if (versionId === '') throw new BadUserInputError(field, 'version id must not be empty', versionId);
  asUserInput(() => assertHeaderValue(versionId, field));
}

/** Checks bucket, key and version of a ref and returns it as an {@link ObjectRef}. */
export function checkObjectRef(
  settings: ApiSettings,
  input: { bucket: string; key: string; versionId?: string | null | undefined },
  path = '',
): ObjectRef {
  checkBucket(settings, input.bucket, `${path}bucket`);
  checkKey(input.key, `${path}key`);
  if (input.versionId !== undefined && input.versionId !== null) {
    checkVersionId(input.versionId, `${path}versionId`);
    return { bucket: input.bucket, key: input.key, versionId: input.versionId };
  }
  return { bucket: input.bucket, key: input.key };
}

/** Validates metadata entries (names, values, duplicates after lowercasing, 8 KB) and returns them normalised. */
export function checkMetadata(entries: readonly MetadataEntryInputShape[], field = 'metadata'): Record<string, string> {
  return asUserInput(() => normalizeUserMetadata(entries.map((e) => [e.key, e.value] as const), field));
}

/** Validates metadata names (for removal) and returns them lowercased. */
export function checkMetadataNames(names: readonly string[], field: string): string[] {
  return Object.keys(checkMetadata(names.map((key) => ({ key, value: 'x' })), field));
}

/** Validates an optional header value (system headers, `ifMatch`). */
export function checkHeaderValue(value: string | null | undefined, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  asUserInput(() => assertHeaderValue(value, field));
  return value;
}

/** `first` of a listing, defaulted, within 1..maxPageSize. */
export function checkPageSize(settings: ApiSettings, first: number | null | undefined, field = 'first'): number {
  if (first === undefined || first === null) return settings.defaultPageSize;
  if (!Number.isInteger(first) || first < 1 || first > settings.maxPageSize) {
    throw new BadUserInputError(field, `must be an integer from 1 to ${settings.maxPageSize}`, first);
  }
  return first;
}

/** The number of refs of `Query.objects`, at most `maxRefs`. */
export function checkRefCount(settings: ApiSettings, count: number, field = 'refs'): void {
  if (count > settings.maxRefs) {
    throw new BadUserInputError(field, `at most ${settings.maxRefs} refs per call`, `${count} refs`);
  }
}

/** `expiresIn` of a presigned URL, defaulted, within 1..maxExpiresIn seconds. */
export function checkExpiresIn(settings: ApiSettings, expiresIn: number | null | undefined, field = 'expiresIn'): number {
  const { defaultExpiresIn, maxExpiresIn } = settings.presign;
  if (expiresIn === undefined || expiresIn === null) return defaultExpiresIn;
  if (!Number.isInteger(expiresIn) || expiresIn < 1 || expiresIn > maxExpiresIn) {
    throw new BadUserInputError(field, `must be a number of seconds from 1 to ${maxExpiresIn}`, expiresIn);
  }
  return expiresIn;
}
