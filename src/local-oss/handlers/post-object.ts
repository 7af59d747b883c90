/**
 * PostObject: `POST /` on a bucket with a `multipart/form-data` body (reference wave 2 §9) — a
 * browser form upload authenticated by a signed policy (V4 or V1) instead of a request signature.
 *
 * Order of checks: the enclosure type; the bucket (404 before authentication, §11); the fields
 * up to the file (`key` present, one file); the access key, the signature and the dates; the
 * policy document, its expiry, its conditions and the rule that every field is covered; the
 * metadata the fields set; then the file streams into the backend's put path, refused as soon as
 * it leaves the policy's size range (nothing is stored, nothing is buffered).
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { signPostPolicyV1, signPostPolicyV4 } from '../../oss/signer/post-policy.js';
import { V4_ALGORITHM } from '../../oss/signer/sign-v4.js';
import type { DataDigest } from '../backend/backend.js';
import { LocalOssError } from '../errors.js';
import { checkPostPolicy, parsePostPolicy, policyNames, type PostPolicyDocument } from '../post-policy.js';
import {
  checkPreDataSize,
  DEFAULT_POST_FORM_LIMITS,
  readPostForm,
  type FormBody,
  type FormField,
  type PostFormLimits,
} from '../post-form.js';
import type { AcceptedCredentials } from '../verify-signature.js';
import { MAX_SKEW_MS, parseV4Date } from '../verify-signature.js';
import { header, requireBucket, type Handler, type RequestContext } from './context.js';
import { checkObjectKey, forbidOverwrite, metadataFromRequest } from './object-headers.js';
import { MAX_PUT_SIZE } from './put-object.js';
import { writtenVersionHeader } from './versioning.js';

/** What the PostObject handler needs besides the request. */
export interface PostObjectSettings {
  /** Accepted credentials by access key id. */
  readonly credentials: ReadonlyMap<string, AcceptedCredentials>;
  /** Accept forms without any signature (as a public-read-write bucket does). */
  readonly allowAnonymous: boolean;
  /** Bounds on the fields before the file; default {@link DEFAULT_POST_FORM_LIMITS}. */
  readonly limits?: PostFormLimits;
}

/** Longest a V4 form stays valid after its `x-oss-date` (7 days). */
export const MAX_POST_V4_VALIDITY_MS = 7 * 24 * 60 * 60 * 1000;

/** Form fields that become object headers, besides `x-oss-meta-*`. */
const HEADER_FIELDS = new Set([
  'cache-control',
  'content-disposition',
  'content-encoding',
  'content-language',
  'expires',
  'x-oss-object-acl',
  'x-oss-storage-class',
  'x-oss-server-side-encryption',
  'x-oss-server-side-data-encryption',
  'x-oss-server-side-encryption-key-id',
  'x-oss-tagging',
  'x-oss-forbid-overwrite',
]);

const V4_FIELDS = ['x-oss-signature-version', 'x-oss-credential', 'x-oss-date', 'x-oss-signature'] as const;

function safeEqual(a: string, b: string): boolean {
  const ba = Buffer.from(a);
  const bb = Buffer.from(b);
  return ba.length === bb.length && timingSafeEqual(ba, bb);
}

/** Fields by lowercase name; a repeated name is `InvalidArgument`. */
function fieldMap(fields: readonly FormField[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const { name, value } of fields) {
    const lower = name.toLowerCase();
    if (out.has(lower)) {
      throw new LocalOssError('InvalidArgument', `The form field ${JSON.stringify(name)} appears more than once.`, {
        details: { ArgumentName: name },
      });
    }
    out.set(lower, value);
  }
  return out;
}

function lookup(settings: PostObjectSettings, accessKeyId: string): AcceptedCredentials {
  const entry = settings.credentials.get(accessKeyId);
  if (entry === undefined) {
    throw new LocalOssError('InvalidAccessKeyId', 'The OSS Access Key Id you provided does not exist in our records.', {
      details: { OSSAccessKeyId: accessKeyId },
    });
  }
  return entry;
}

function checkToken(entry: AcceptedCredentials, token: string | undefined): void {
  if ((entry.securityToken ?? '') === (token ?? '')) return;
  throw new LocalOssError(
    'InvalidSecurityToken',
    entry.securityToken === undefined
      ? 'A security token was sent for long-term credentials.'
      : 'The security token you provided is missing or invalid.',
  );
}

function mismatch(accessKeyId: string, provided: string, policy: string): LocalOssError {
  return new LocalOssError(
    'SignatureDoesNotMatch',
    'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    { details: { StringToSign: policy, SignatureProvided: provided, OSSAccessKeyId: accessKeyId } },
  );
}

/** `InvalidArgument` when some of `required` are absent: a signed form needs all of them. */
function requireAll(form: ReadonlyMap<string, string>, required: readonly string[]): void {
  const absent = required.filter((name) => !form.has(name.toLowerCase()));
  if (absent.length === 0) return;
  throw new LocalOssError(
    'InvalidArgument',
    `A signed form must carry all of ${required.join(', ')}; missing: ${absent.join(', ')}.`,
  );
}

/**
 * Authenticates the form: nothing (anonymous, when allowed), V1 (`OSSAccessKeyId`, `policy`,
 * `Signature`) or V4 (`x-oss-signature-version`, `x-oss-credential`, `x-oss-date`,
 * `x-oss-signature`, `policy`). Returns the raw base64 policy, or undefined for an anonymous form.
 */
function authenticate(form: ReadonlyMap<string, string>, settings: PostObjectSettings, now: Date): { policy: string; v4: boolean } | undefined {
  const v4 = V4_FIELDS.some((name) => form.has(name));
  const v1 = form.has('ossaccesskeyid') || form.has('signature');
  const policy = form.get('policy');
  if (!v4 && !v1 && policy === undefined) {
    if (settings.allowAnonymous) return undefined;
    throw new LocalOssError('AccessDenied', 'Anonymous access is forbidden for this operation.');
  }
  if (v4 && v1) throw new LocalOssError('InvalidArgument', 'The form mixes V1 (OSSAccessKeyId, Signature) and V4 (x-oss-*) signature fields.');
  if (!v4) {
    requireAll(form, ['OSSAccessKeyId', 'policy', 'Signature']);
    const signed = policy ?? '';
    const accessKeyId = form.get('ossaccesskeyid') ?? '';
    const signature = form.get('signature') ?? '';
    const entry = lookup(settings, accessKeyId);
    if (!safeEqual(signPostPolicyV1(signed, entry.accessKeySecret), signature)) throw mismatch(accessKeyId, signature, signed);
    checkToken(entry, form.get('x-oss-security-token'));
    return { policy: signed, v4: false };
  }
  requireAll(form, [...V4_FIELDS, 'policy']);
  const signed = policy ?? '';
  const version = form.get('x-oss-signature-version') ?? '';
  if (version !== V4_ALGORITHM) {
    throw new LocalOssError('InvalidArgument', `x-oss-signature-version must be ${V4_ALGORITHM}; received ${JSON.stringify(version)}.`);
  }
  const credential = form.get('x-oss-credential') ?? '';
  const parts = credential.split('/');
  const [accessKeyId = '', date8 = '', region = '', product = ''] = parts;
  if (parts.length !== 5 || parts[4] !== 'aliyun_v4_request' || !/^\d{8}$/.test(date8) || region === '' || product === '') {
    throw new LocalOssError('InvalidArgument', `x-oss-credential ${JSON.stringify(credential)} is malformed; expected <AccessKeyId>/<yyyymmdd>/<region>/oss/aliyun_v4_request.`);
  }
  const entry = lookup(settings, accessKeyId);
  const signature = form.get('x-oss-signature') ?? '';
  if (!safeEqual(signPostPolicyV4(signed, entry.accessKeySecret, date8, region, product), signature)) {
    throw mismatch(accessKeyId, signature, signed);
  }
  checkToken(entry, form.get('x-oss-security-token'));
  const xOssDate = form.get('x-oss-date') ?? '';
  const signedAt = parseV4Date(xOssDate);
  if (Number.isNaN(signedAt) || xOssDate.slice(0, 8) !== date8) {
    throw new LocalOssError('InvalidArgument', `x-oss-date ${JSON.stringify(xOssDate)} must be yyyymmddTHHMMSSZ on the date of x-oss-credential (${date8}).`);
  }
  if (signedAt - now.getTime() > MAX_SKEW_MS) {
    throw new LocalOssError('AccessDenied', `Invalid according to Policy: x-oss-date ${xOssDate} is more than 15 minutes in the future.`);
  }
  if (now.getTime() > signedAt + MAX_POST_V4_VALIDITY_MS) {
    throw new LocalOssError('AccessDenied', `Invalid according to Policy: the form signed at ${xOssDate} is older than 7 days.`);
  }
  return { policy: signed, v4: true };
}

/** The Content-Type the object gets: `x-oss-content-type`, else the `Content-Type` field, else the file part's type. */
function effectiveContentType(form: ReadonlyMap<string, string>, fileType: string): string {
  return form.get('x-oss-content-type') ?? form.get('content-type') ?? fileType;
}

/** Node delivers header values as latin1 strings of the raw bytes; form values are UTF-8 text. */
function asHeaderValue(value: string): string {
  return Buffer.from(value, 'utf8').toString('latin1');
}

/** The fields that describe the object, as request headers (so PutObject's rules apply unchanged). */
function headersOf(form: ReadonlyMap<string, string>, contentType: string): IncomingHttpHeaders {
  const headers: IncomingHttpHeaders = { 'content-type': asHeaderValue(contentType) };
  for (const [name, value] of form) {
    if (name.startsWith('x-oss-meta-') || HEADER_FIELDS.has(name)) headers[name] = asHeaderValue(value);
  }
  return headers;
}

function successStatus(value: string | undefined): 200 | 201 | 204 {
  return value === '200' ? 200 : value === '201' ? 201 : 204;
}

function objectLocation(ctx: RequestContext, bucket: string, key: string): string {
  const host = header(ctx, 'host') ?? ctx.config.virtualHostDomain;
  const path = key.split('/').map(encodeURIComponent).join('/');
  return host.startsWith(`${bucket}.`) ? `http://${host}/${path}` : `http://${host}/${bucket}/${path}`;
}

/**
 * Counts the file's bytes as the backend consumes them: `EntityTooLarge` the moment the count
 * passes the maximum, so an oversized file is never read to its end; after the last byte, waits
 * for the rest of the form (`done`), so a second file or a malformed ending aborts the put.
 */
async function* bounded(file: AsyncIterable<Uint8Array>, max: number, done: Promise<void>): AsyncGenerator<Uint8Array> {
  let size = 0;
  for await (const chunk of file) {
    size += chunk.length;
    if (size > max) {
      throw new LocalOssError('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size.', {
        details: { MaxSizeAllowed: String(max) },
      });
    }
    yield chunk;
  }
  await done;
}

/** Builds the PostObject handler over `settings` (credentials are needed: the form carries its own signature). */
export function postObjectHandler(settings: PostObjectSettings): Handler {
  const limits = settings.limits ?? DEFAULT_POST_FORM_LIMITS;
  return async (ctx) => {
    const bucket = requireBucket(ctx);
    const reader = readPostForm(ctx.body as FormBody, ctx.headers, limits);
    try {
      if ((await ctx.backend.getBucket(bucket)) === undefined) {
        throw new LocalOssError('NoSuchBucket', undefined, { details: { BucketName: bucket } });
      }
      const head = await reader.head;
      checkPreDataSize(head.fields, limits.maxPreDataBytes);
      const form = fieldMap(head.fields);
      const key = form.get('key');
      if (key === undefined) {
        throw new LocalOssError(
          'InvalidArgument',
          "The bucket POST must contain the specified 'key'. If it is specified, please check the order of the fields",
        );
      }
      if (head.file === undefined) {
        throw new LocalOssError('IncorrectNumberOfFilesInPOSTRequest', 'POST requires exactly one file upload per request.');
      }
      const signed = authenticate(form, settings, ctx.now);
      const contentType = effectiveContentType(form, head.file.contentType);
      let policy: PostPolicyDocument | undefined;
      if (signed !== undefined) {
        policy = parsePostPolicy(signed.policy);
        if (signed.v4) {
          for (const name of ['x-oss-signature-version', 'x-oss-credential', 'x-oss-date']) {
            if (!policyNames(policy, name)) {
              throw new LocalOssError('AccessDenied', `Invalid according to Policy: a V4 policy must have a condition on ${name}.`);
            }
          }
        }
        const values = new Map(form);
        values.set('content-type', contentType);
        values.set('bucket', bucket);
        checkPostPolicy(policy, values, [...form.keys()], ctx.now);
      }
      checkObjectKey(key);
      const pseudo = { headers: headersOf(form, contentType) };
      const metadata = metadataFromRequest(pseudo, key);
      const noOverwrite = forbidOverwrite(pseudo);
      if (noOverwrite && (await ctx.backend.getBucket(bucket))?.versioning === undefined && (await ctx.backend.headObject(bucket, key)) !== undefined) {
        throw new LocalOssError('FileAlreadyExists', 'The object you specified already exists and can not be overwritten.');
      }
      const range = policy?.sizeRange ?? { min: 0, max: MAX_PUT_SIZE };
      const max = Math.min(range.max, MAX_PUT_SIZE);
      const record = await ctx.backend.putObject(bucket, key, bounded(head.file.stream, max, reader.done), {
        metadata,
        now: ctx.now.getTime(),
        forbidOverwrite: noOverwrite,
        verify: (digest: DataDigest) => {
          if (digest.size < range.min) {
            throw new LocalOssError('EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed size.', {
              details: { MinSizeAllowed: String(range.min) },
            });
          }
        },
      });
      const headers = {
        etag: record.etag,
        'content-md5': record.contentMd5 ?? '',
        'x-oss-hash-crc64ecma': record.crc64,
        ...writtenVersionHeader(record),
      };
      const redirect = form.get('success_action_redirect');
      if (redirect !== undefined && /^https?:\/\//i.test(redirect)) {
        const target = new URL(redirect);
        target.searchParams.set('bucket', bucket);
        target.searchParams.set('key', key);
        target.searchParams.set('etag', record.etag);
        return { status: 303, headers: { ...headers, location: target.toString() } };
      }
      const status = successStatus(form.get('success_action_status'));
      if (status === 201) {
        return {
          status,
          headers,
          xml: { root: 'PostResponse', value: { Bucket: bucket, Location: objectLocation(ctx, bucket, key), Key: key, ETag: record.etag } },
        };
      }
      return { status, headers };
    } catch (error) {
      // Why: the error response must reach a browser that is still sending the file.
      reader.abandon();
      throw error;
    }
  };
}
