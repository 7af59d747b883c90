/**
 * RestoreObject (`POST /<key>?restore`, wave 2 §7) and the frozen-object rules: an Archive,
 * ColdArchive or DeepColdArchive object can be read (GET, copy source, image info) only while a
 * restore is complete and not expired; `x-oss-restore` on HEAD/GET says where the restore is.
 * The restore takes `restoreDelayMs` of the server clock (a local-oss option), whatever the tier.
 */
import type { ObjectRecord, RestoreState } from '../backend/backend.js';
import { BackendError } from '../backend/backend.js';
import { parseXml } from '../../oss/xml/parse-xml.js';
import { LocalOssError } from '../errors.js';
import { httpDate, readSmallBody, requireBucket, requireKey, type Handler } from './context.js';
import { requireRecord } from './get-object.js';
import { metadataOf } from './object-acl.js';

const DAY = 86_400_000;

/** How long a restore takes when `restoreDelayMs` is not configured. */
export const DEFAULT_RESTORE_DELAY_MS = 3000;
const FROZEN = new Set(['Archive', 'ColdArchive', 'DeepColdArchive']);
const TIERS = new Set(['Expedited', 'Standard', 'Bulk']);

/** True when `record` is frozen and not readable at `now` (no restore, still restoring, or expired). */
export function isFrozen(record: ObjectRecord, now: number): boolean {
  if (!FROZEN.has(record.storageClass)) return false;
  const restore = record.restore;
  return restore === undefined || now < restore.readyAt || now >= restore.expiresAt;
}

/** Throws 403 `InvalidObjectState` when `record` cannot be read at `now` (see {@link isFrozen}). */
export function checkReadable(record: ObjectRecord, now: number): void {
  if (isFrozen(record, now)) {
    throw new LocalOssError('InvalidObjectState', "The operation is not valid for the object's state.", { details: { Key: record.key } });
  }
}

/** The `x-oss-restore` value at `now`, or undefined (never restored, or the restore expired). */
export function restoreHeader(record: ObjectRecord, now: number): string | undefined {
  const restore = record.restore;
  if (restore === undefined || now >= restore.expiresAt) return undefined;
  if (now < restore.readyAt) return 'ongoing-request="true"';
  return `ongoing-request="false", expiry-date="${httpDate(restore.expiresAt)}"`;
}

interface RestoreRequest {
  readonly days?: number;
  readonly tier?: string;
}

function parseRestoreBody(xml: string, storageClass: string): RestoreRequest {
  if (xml.trim() === '') return {};
  let parsed: Record<string, unknown>;
  try {
    parsed = parseXml(xml);
  } catch {
    throw new LocalOssError('MalformedXML', 'The XML you provided was not well-formed.');
  }
  const root = parsed['RestoreRequest'];
  if (root === '' ) return {};
  if (root === undefined || root === null || typeof root !== 'object') throw new LocalOssError('MalformedXML', 'The root element must be RestoreRequest.');
  const { Days: daysText, JobParameters: job } = root as { Days?: unknown; JobParameters?: unknown };
  let days: number | undefined;
  if (daysText !== undefined) {
    if (typeof daysText !== 'string' || !/^\d+$/.test(daysText.trim())) {
      throw new LocalOssError('MalformedXML', 'Days must be a positive integer.');
    }
    days = Number(daysText);
  }
  let tier: string | undefined;
  if (job !== undefined) {
    if (storageClass === 'Archive') throw new LocalOssError('MalformedXML', 'JobParameters is not allowed for an Archive object.');
    const t = job !== null && typeof job === 'object' ? (job as { Tier?: unknown }).Tier : undefined;
    if (typeof t !== 'string' || !TIERS.has(t.trim())) {
      throw new LocalOssError('MalformedXML', 'JobParameters/Tier must be Expedited, Standard or Bulk.');
    }
    tier = t.trim();
  }
  const maxDays = storageClass === 'Archive' ? 7 : 365;
  if (days !== undefined && (days < 1 || days > maxDays)) {
    throw new LocalOssError('InvalidArgument', `Days must be between 1 and ${maxDays} for ${storageClass} objects.`, {
      details: { ArgumentName: 'Days', ArgumentValue: String(days) },
    });
  }
  return { ...(days !== undefined ? { days } : {}), ...(tier !== undefined ? { tier } : {}) };
}

/**
 * `POST /<key>?restore` with an optional `<RestoreRequest><Days>…</Days>[<JobParameters><Tier>…`:
 * 202 when a restore starts (ColdArchive/DeepColdArchive: `x-oss-object-restore-priority`), 409
 * `RestoreAlreadyInProgress` while one runs, 200 when already restored (the restored period is
 * extended by `Days`, Archive at most 7 days from now), 400 `OperationNotSupported` for an
 * object that is not frozen. Last-Modified does not change.
 */
export const restoreObject: Handler = async (ctx) => {
  const restoreDelayMs = ctx.config.restoreDelayMs ?? DEFAULT_RESTORE_DELAY_MS;
  const record = await requireRecord(ctx);
  if (!FROZEN.has(record.storageClass)) {
    throw new LocalOssError('OperationNotSupported', 'The operation is not supported for this resource: only Archive, ColdArchive and DeepColdArchive objects are restored.');
  }
  const request = parseRestoreBody((await readSmallBody(ctx)).toString('utf8'), record.storageClass);
  const days = request.days ?? 1;
  let status = 202;
  let tier: string | undefined;
  try {
    // Why: the state is decided inside resolve, atomically with the write, so two concurrent
    // requests never both start a restore.
    const versionId = ctx.params.get('versionId');
    await ctx.backend.replaceMetadata(requireBucket(ctx), requireKey(ctx), {
      now: ctx.clock,
      keepLastModified: true,
      ...(versionId !== undefined ? { versionId } : {}),
      resolve: (latest) => {
        const now = ctx.clock();
        const current = latest.restore !== undefined && now < latest.restore.expiresAt ? latest.restore : undefined;
        let restore: RestoreState;
        if (current !== undefined && now < current.readyAt) {
          throw new LocalOssError('RestoreAlreadyInProgress', 'The restore operation is in progress.');
        } else if (current !== undefined) {
          const limit = latest.storageClass === 'Archive' ? now + 7 * DAY : Number.POSITIVE_INFINITY;
          restore = { ...current, expiresAt: Math.min(current.expiresAt + days * DAY, limit) };
          status = 200;
        } else {
          const readyAt = now + restoreDelayMs;
          restore = { readyAt, expiresAt: readyAt + days * DAY, ...(request.tier !== undefined ? { tier: request.tier } : {}) };
        }
        tier = restore.tier;
        return { ...metadataOf(latest), restore };
      },
    });
  } catch (error) {
    if (error instanceof BackendError && error.code === 'NoSuchKey') {
      throw new LocalOssError('NoSuchKey', undefined, { details: { Key: requireKey(ctx) }, cause: error });
    }
    throw error;
  }
  const priority = record.storageClass === 'Archive' ? {} : { 'x-oss-object-restore-priority': tier ?? 'Standard' };
  return { status, headers: priority };
};
