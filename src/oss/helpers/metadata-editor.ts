/**
 * The metadata editor: HEAD and GetObjectAcl → merge → copy onto itself with REPLACE, carrying
 * every system header not given and the object ACL, guarded against concurrent changes (DESIGN §6).
 */
import type { OssApi } from '../api.js';
import type { CallOptions } from '../client.js';
import { DEFAULT_EDIT_SETTLE_TIMEOUT_MS } from '../defaults.js';
import { OssConflictError, OssInvalidArgumentError, OssResponseParseError } from '../errors.js';
import type { GetObjectAclResult, ObjectAclGrant } from '../operations/get-object-acl.js';
import type { HeadObjectResult } from '../operations/head-object.js';
import { compact } from '../operations/shared/compact.js';
import { SYSTEM_HEADER_NAMES } from '../operations/shared/request-headers.js';
import type { ObjectAcl, ObjectWriteHeaders, SystemHeaders } from '../operations/shared/request-headers.js';
import { assertBucketName, assertHeaderValue, assertObjectKey, normalizeUserMetadata } from '../validation/index.js';
import { createCopier, headersFromSource } from './copier.js';
import type { CopierApi, CopierOptions } from './copier.js';
import { settleWaitMs } from './settle-rule.js';

/** The operations the editor uses: those of the copier, plus GetObjectAcl. */
export type MetadataEditorApi = CopierApi & Pick<OssApi, 'getObjectAcl'>;

/** A system header change: a string sets it, `null` removes it, absent keeps the current value. */
export type SystemHeaderChanges = { readonly [K in keyof SystemHeaders]?: string | null };

/** Input of {@link MetadataEditor.edit}. */
export interface EditMetadataRequest {
  readonly bucket: string;
  readonly key: string;
  /**
   * `replace`: `metadata` becomes the whole user metadata set. `update`: the keys of `metadata`
   * are set, `removeKeys` are removed, every other key is kept.
   */
  readonly mode: 'replace' | 'update';
  readonly metadata?: Readonly<Record<string, string>>;
  /** Only in `update` mode. */
  readonly removeKeys?: readonly string[];
  readonly systemHeaders?: SystemHeaderChanges;
  /**
   * The object must still have this ETag. Note that a metadata-only self-copy may keep the ETag,
   * so an ETag alone cannot tell two metadata edits apart; the editor also guards with the
   * Last-Modified it read. Caveat: under HTTP precedence (RFC 9110, S3, local-oss) a passing
   * if-match makes the server ignore if-unmodified-since, so a concurrent metadata-only edit
   * that kept the ETag can still slip through; whether OSS evaluates both is unverified.
   */
  readonly ifMatch?: string;
}

/** Result of {@link MetadataEditor.edit}. */
export interface EditMetadataResult {
  readonly etag: string;
  readonly versionId?: string;
  /** The user metadata the object now has (lowercase keys, sorted). */
  readonly metadata: Record<string, string>;
  /** The system headers the object now has. */
  readonly systemHeaders: SystemHeaders;
  readonly method: 'single' | 'multipart';
  readonly requestId: string;
  /** The HEAD the edit was based on. */
  readonly previous: HeadObjectResult;
  /** The object ACL read with that HEAD and kept by the edit (`default`: the bucket's applies). */
  readonly acl: ObjectAclGrant;
}

/** Edits object metadata without losing what was not mentioned. */
export interface MetadataEditor {
  /**
   * HEADs the object (with `If-Match: ifMatch` when given) and reads its ACL with GetObjectAcl
   * in parallel — again, after waiting, until the store's clock (`Date`) is in a later second
   * than the object's Last-Modified (see `settle-rule.ts`); when that does not happen within
   * `settleTimeoutMs` the edit fails with `OssConflictError` and nothing is written. Then it
   * merges, and copies the object onto itself with REPLACE,
   * `x-oss-copy-source-if-match` = the ETag read and `x-oss-copy-source-if-unmodified-since` =
   * the Last-Modified read. Every system header not changed, the storage class and SSE settings
   * are re-sent from the HEAD, and the object ACL (which HEAD does not report and REPLACE would
   * reset to `default`) as `x-oss-object-acl` unless it is `default`. Above the copy threshold
   * the multipart copy path is used, with the metadata on InitiateMultipartUpload and the ACL on
   * CompleteMultipartUpload, and the object re-read just before completing (a change since the
   * HEAD → `OssConflictError`, the upload aborted). A concurrent change of the object before
   * the copy rejects with 412 (`isPreconditionFailedError`); a missing object with 404. When the
   * copy's answer was lost and its retry refused (its own earlier attempt having landed), the
   * object is read back and the edit reported as done if it holds exactly the intended headers,
   * metadata, size and CRC-64. Caveat: a concurrent PutObjectAcl alone changes neither ETag nor
   * Last-Modified, so an ACL changed between the read and the copy is overwritten with the one
   * read. Re-sending an ACL needs the PutObjectAcl permission.
   */
  edit(request: EditMetadataRequest, options?: CallOptions): Promise<EditMetadataResult>;
}

/** Options of {@link createMetadataEditor}: the copier's, plus the settle rule's clock and bound. */
export interface MetadataEditorOptions extends CopierOptions {
  /** Waits `ms` milliseconds (rejecting when `signal` aborts); default a timer. Used by the settle rule. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Local clock in epoch milliseconds, for the settle rule's bound; default `Date.now`. */
  readonly now?: () => number;
  /** How long the editor waits at most for Last-Modified to be in the past before giving up with `OssConflictError`. */
  readonly settleTimeoutMs?: number;
}

/** One settled read: the HEAD and the ACL read with it. */
interface SettledRead {
  readonly head: HeadObjectResult;
  readonly acl: GetObjectAclResult;
}

/** Resolves after `ms`, or rejects with the signal's reason when it aborts. */
function timerSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** A metadata editor over `api`; `options` tune the copier it uses for large objects. */
export function createMetadataEditor(api: MetadataEditorApi, options: MetadataEditorOptions = {}): MetadataEditor {
  const copier = createCopier(api, options);
  const sleep = options.sleep ?? timerSleep;
  const now = options.now ?? Date.now;
  const settleTimeoutMs = options.settleTimeoutMs ?? DEFAULT_EDIT_SETTLE_TIMEOUT_MS;
  if (!(settleTimeoutMs >= 0)) throw new OssInvalidArgumentError('settleTimeoutMs', 'must be a number ≥ 0', settleTimeoutMs);

  /**
   * HEADs the object and reads its ACL, in parallel, until the store's clock at both reads was
   * in a later second than the Last-Modified read (`settle-rule.ts`), waiting in between; gives
   * up with {@link OssConflictError} when the next wait would end after `settleTimeoutMs`.
   *
   * Why the ACL read counts: it is not guarded by the copy, so a write between it and the HEAD
   * would go unseen — unless the ACL read too happened in a later second than Last-Modified, in
   * which case such a write would have moved Last-Modified past the ACL read.
   */
  async function readSettled(request: EditMetadataRequest, callOptions: CallOptions): Promise<SettledRead> {
    const deadline = now() + settleTimeoutMs;
    for (;;) {
      const target = { bucket: request.bucket, key: request.key };
      const aclRead = api.getObjectAcl(target, callOptions);
      // Why: when the HEAD fails its error is the one to report; this keeps the ACL's from being unhandled.
      aclRead.catch(() => undefined);
      const head = await api.headObject(compact({ ...target, ifMatch: request.ifMatch }), callOptions);
      const acl = await aclRead;
      const headDate = Date.parse(head.headers['date'] ?? '');
      if (Number.isNaN(headDate)) {
        throw new OssResponseParseError(
          `HeadObject of ${JSON.stringify(request.key)} answered without a valid Date header (${JSON.stringify(head.headers['date'] ?? null)}); ` +
            'the edit guard needs the store clock, so nothing was changed',
        );
      }
      const dates = acl.date === undefined ? [new Date(headDate)] : [new Date(headDate), acl.date];
      const wait = settleWaitMs(head.lastModified, dates);
      if (wait === 0) return { head, acl };
      if (now() + wait > deadline) {
        throw new OssConflictError(
          `object ${JSON.stringify(request.key)} in bucket ${JSON.stringify(request.bucket)} keeps changing: its Last-Modified ` +
            `${head.lastModified.toISOString()} was not in the past by the store's clock (Date ${new Date(headDate).toISOString()}) ` +
            `within ${settleTimeoutMs} ms, so the edit could not be guarded against a concurrent metadata change; nothing was changed, and it may be retried`,
        );
      }
      await sleep(wait, callOptions.signal);
    }
  }

  async function edit(request: EditMetadataRequest, callOptions: CallOptions = {}): Promise<EditMetadataResult> {
    const { metadata: given, removeKeys: removed } = checkEditRequest(request);
    const changes = request.systemHeaders ?? {};

    const { head, acl } = await readSettled(request, callOptions);
    let metadata: Record<string, string>;
    if (request.mode === 'replace') metadata = given;
    else {
      const merged: Record<string, string> = { ...head.metadata, ...given };
      for (const name of removed) delete merged[name];
      metadata = normalizeUserMetadata(merged);
    }
    const carried = headersFromSource(head);
    const systemHeaders = mergeSystemHeaders(carried, changes);
    const writeHeaders: ObjectWriteHeaders = compact<ObjectWriteHeaders>({
      ...systemHeaders,
      metadata,
      storageClass: carried.storageClass,
      serverSideEncryption: carried.serverSideEncryption,
      serverSideDataEncryption: carried.serverSideDataEncryption,
      serverSideEncryptionKeyId: carried.serverSideEncryptionKeyId,
      // Why: a grant OSS reported is re-sent verbatim, even one newer than ObjectAcl.
      acl: acl.acl === 'default' ? undefined : (acl.acl as ObjectAcl),
    });
    const result = await copier.copy(
      {
        bucket: request.bucket,
        key: request.key,
        sourceKey: request.key,
        ...writeHeaders,
        metadataDirective: 'REPLACE',
        // Why: tags are not metadata; keep them (multipart path refuses tagged objects instead).
        taggingDirective: 'Copy',
        copySourceIfMatch: head.etag,
        copySourceIfUnmodifiedSince: head.lastModified,
      },
      { ...callOptions, source: head },
    );
    return compact<EditMetadataResult>({
      etag: result.etag,
      versionId: result.versionId,
      metadata,
      systemHeaders,
      method: result.method,
      requestId: result.requestId,
      previous: head,
      acl: acl.acl,
    });
  }

  return { edit };
}

/** What {@link checkEditRequest} returns: the request's names normalised. */
export interface CheckedEditRequest {
  /** `metadata` with lowercase names. */
  readonly metadata: Record<string, string>;
  /** `removeKeys` lowercased. */
  readonly removeKeys: readonly string[];
}

/**
 * The input rules of a metadata edit, checked before anything is sent: bucket, key, mode,
 * metadata names and values and their 8 KB total, `removeKeys` names (only in update mode, none
 * also set by `metadata`), system header fields and values, `ifMatch`. Throws
 * `OssInvalidArgumentError` naming the field, the rule and the value. The editor and the edit
 * coordinator (which must refuse a bad edit before it joins a group) share it.
 */
export function checkEditRequest(request: EditMetadataRequest): CheckedEditRequest {
  assertBucketName(request.bucket);
  assertObjectKey(request.key);
  if (request.mode !== 'replace' && request.mode !== 'update') {
    throw new OssInvalidArgumentError('mode', 'must be replace or update', request.mode);
  }
  if (request.mode === 'replace' && request.removeKeys !== undefined && request.removeKeys.length > 0) {
    throw new OssInvalidArgumentError('removeKeys', 'only allowed in update mode (replace sets the whole set)', request.removeKeys);
  }
  const metadata = normalizeUserMetadata(request.metadata ?? {});
  const removeKeys = Object.keys(normalizeUserMetadata((request.removeKeys ?? []).map((name) => [name, 'x'] as const), 'removeKeys'));
  for (const name of removeKeys) {
    if (name in metadata) throw new OssInvalidArgumentError('removeKeys', 'must not name a key that metadata sets', name);
  }
  for (const [field, value] of Object.entries(request.systemHeaders ?? {})) {
    if (!(field in SYSTEM_HEADER_NAMES)) throw new OssInvalidArgumentError('systemHeaders', 'unknown system header field', field);
    if (typeof value === 'string') assertHeaderValue(value, `systemHeaders.${field}`);
  }
  if (request.ifMatch !== undefined) assertHeaderValue(request.ifMatch, 'ifMatch');
  return { metadata, removeKeys };
}

/** The six system headers after applying `changes` to `current`. */
function mergeSystemHeaders(current: SystemHeaders, changes: SystemHeaderChanges): SystemHeaders {
  const out: Record<string, string> = {};
  for (const field of Object.keys(SYSTEM_HEADER_NAMES) as Array<keyof SystemHeaders>) {
    const change = changes[field];
    const value = change === undefined ? current[field] : change;
    if (value !== null && value !== undefined) out[field] = value;
  }
  return out as SystemHeaders;
}
