/**
 * PostObject (browser form upload) policies and their signatures (reference wave 2 §9): the
 * policy JSON, its base64 form, the V4 and V1 signatures over it, and the ordered form fields a
 * browser sends before the file. Pure: the clock and the credentials are parameters.
 */
import type { Credentials } from '../credentials/credentials.js';
import { OssInvalidArgumentError } from '../errors.js';
import { computeSignatureV1 } from './sign-v1.js';
import { computeSignatureV4, formatV4Date, MAX_PRESIGN_EXPIRES_SECONDS, scopeV4, V4_ALGORITHM } from './sign-v4.js';

/** Largest object a PostObject may create (5 GiB, reference W1 §9.4). */
export const MAX_POST_OBJECT_BYTES = 5 * 1024 ** 3;

/**
 * One policy condition: an exact match written as a map (`{"bucket": "b"}`), `eq` /
 * `starts-with` on a form field (`["eq", "$key", "a.txt"]`), `in` / `not-in` a list, or the
 * size range of the file (`["content-length-range", min, max]`).
 */
export type PostPolicyCondition =
  | Readonly<Record<string, string>>
  | readonly ['eq' | 'starts-with', string, string]
  | readonly ['in' | 'not-in', string, readonly string[]]
  | readonly ['content-length-range', number, number];

/** The policy document: when it stops working and what the form must satisfy. */
export interface PostPolicy {
  /** ISO 8601 UTC with milliseconds, e.g. `2030-01-01T12:00:00.000Z`. */
  readonly expiration: string;
  readonly conditions: readonly PostPolicyCondition[];
}

// Why: OSS reads `$` as the start of a field reference and wants a literal `$` written `\$`
// (DR PostObject "Appendix: Policy"); JSON.stringify never emits `\$`, so the escape is added to
// literal values only, never to the `$field` references.
function literal(value: string): string {
  return JSON.stringify(value).replace(/\$/g, '\\$');
}

function renderCondition(condition: PostPolicyCondition): string {
  if (!Array.isArray(condition)) {
    const entries = Object.entries(condition as Record<string, string>);
    return `{${entries.map(([name, value]) => `${JSON.stringify(name)}:${literal(value)}`).join(',')}}`;
  }
  const [op, a, b] = condition as readonly [string, unknown, unknown];
  if (op === 'content-length-range') return `[${JSON.stringify(op)},${String(a)},${String(b)}]`;
  const values = Array.isArray(b) ? `[${(b as string[]).map(literal).join(',')}]` : literal(b as string);
  return `[${JSON.stringify(op)},${JSON.stringify(a)},${values}]`;
}

/** The policy as OSS reads it: JSON (UTF-8) with literal `$` escaped as `\$`. */
export function postPolicyJson(policy: PostPolicy): string {
  return `{"expiration":${JSON.stringify(policy.expiration)},"conditions":[${policy.conditions.map(renderCondition).join(',')}]}`;
}

/** The `policy` form field: base64 of {@link postPolicyJson}. This text is what gets signed. */
export function encodePostPolicy(policy: PostPolicy): string {
  return Buffer.from(postPolicyJson(policy), 'utf8').toString('base64');
}

/**
 * The V4 `x-oss-signature` of a base64 policy: lowercase hex HMAC-SHA256 of the policy text under
 * the V4 signing key for `date8` (`yyyymmdd`), region and product (the same key as header V4).
 */
export function signPostPolicyV4(policyBase64: string, secret: string, date8: string, region: string, product = 'oss'): string {
  return computeSignatureV4(secret, policyBase64, date8, region, product);
}

/** The V1 `Signature` of a base64 policy: base64 HMAC-SHA1 of the policy text under the secret. */
export function signPostPolicyV1(policyBase64: string, secret: string): string {
  return computeSignatureV1(secret, policyBase64);
}

/** One form field, in the order it must be sent. */
export interface PostFormField {
  readonly name: string;
  readonly value: string;
}

/** What the form binds the upload to; every field in `fields` gets an exact-match condition. */
export interface PostFormInput {
  readonly bucket: string;
  /** The object key: exactly this key (`eq`), or with `keyIsPrefix` any key starting with it (`starts-with`). */
  readonly key: string;
  readonly keyIsPrefix?: boolean;
  /** Form fields describing the object (`Content-Type`, `x-oss-meta-*`, …), sent in this order after `key`. */
  readonly fields: readonly PostFormField[];
  /** `success_action_status` to ask for (`200`, `201` or `204`); bound by the policy. */
  readonly successActionStatus?: '200' | '201' | '204';
  /** Smallest and largest file size in bytes (`content-length-range`). */
  readonly minBytes: number;
  readonly maxBytes: number;
  /** Lifetime from `now`, in seconds: an integer in 1‥604800. */
  readonly expiresInSeconds: number;
}

/** Signing inputs of {@link buildPostForm}. */
export interface PostFormSigning {
  readonly version: 'v4' | 'v1';
  readonly credentials: Credentials;
  /** Plain region id (V4 only). */
  readonly region: string;
  /** Signed product (V4 only); default `oss`. */
  readonly product?: string;
  readonly now: Date;
}

/** A signed form: its fields in order (the file goes after them, last) and its policy. */
export interface PostForm {
  readonly fields: readonly PostFormField[];
  readonly policy: PostPolicy;
  readonly expiresAt: Date;
}

function checkSize(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0 || value > MAX_POST_OBJECT_BYTES) {
    throw new OssInvalidArgumentError(name, `must be an integer number of bytes from 0 to ${MAX_POST_OBJECT_BYTES} (5 GiB)`, value);
  }
}

/**
 * Builds and signs a PostObject form. The policy binds the bucket, the key (exact or prefix),
 * every given field exactly, `success_action_status`, the size range, the expiry and (V4) the
 * signing fields; the fields come back in sending order: `key`, the given fields,
 * `success_action_status`, the auth fields, `policy`, the signature. Throws
 * {@link OssInvalidArgumentError} for a size range or lifetime OSS would not accept.
 */
export function buildPostForm(input: PostFormInput, signing: PostFormSigning): PostForm {
  checkSize('minBytes', input.minBytes);
  checkSize('maxBytes', input.maxBytes);
  if (input.minBytes > input.maxBytes) {
    throw new OssInvalidArgumentError('minBytes', `must not exceed maxBytes (${input.maxBytes})`, input.minBytes);
  }
  const { expiresInSeconds } = input;
  if (!Number.isInteger(expiresInSeconds) || expiresInSeconds <= 0 || expiresInSeconds > MAX_PRESIGN_EXPIRES_SECONDS) {
    throw new OssInvalidArgumentError(
      'expiresInSeconds',
      `must be an integer number of seconds from 1 to ${MAX_PRESIGN_EXPIRES_SECONDS} (7 days)`,
      expiresInSeconds,
    );
  }
  const expiresAt = new Date(signing.now.getTime() + expiresInSeconds * 1000);
  const fields: PostFormField[] = [{ name: 'key', value: input.key }, ...input.fields];
  const conditions: PostPolicyCondition[] = [
    { bucket: input.bucket },
    [input.keyIsPrefix === true ? 'starts-with' : 'eq', '$key', input.key],
    ...input.fields.map((f): PostPolicyCondition => ['eq', `$${f.name}`, f.value]),
  ];
  if (input.successActionStatus !== undefined) {
    fields.push({ name: 'success_action_status', value: input.successActionStatus });
    conditions.push(['eq', '$success_action_status', input.successActionStatus]);
  }
  conditions.push(['content-length-range', input.minBytes, input.maxBytes]);

  const token = signing.credentials.securityToken;
  const auth: PostFormField[] = [];
  if (signing.version === 'v4') {
    const xOssDate = formatV4Date(signing.now);
    const date8 = xOssDate.slice(0, 8);
    const product = signing.product ?? 'oss';
    const credential = `${signing.credentials.accessKeyId}/${scopeV4(date8, signing.region, product)}`;
    auth.push(
      { name: 'x-oss-signature-version', value: V4_ALGORITHM },
      { name: 'x-oss-credential', value: credential },
      { name: 'x-oss-date', value: xOssDate },
    );
    if (token) auth.push({ name: 'x-oss-security-token', value: token });
    for (const f of auth) conditions.push({ [f.name]: f.value });
    const policy: PostPolicy = { expiration: expiresAt.toISOString(), conditions };
    const encoded = encodePostPolicy(policy);
    const signature = signPostPolicyV4(encoded, signing.credentials.accessKeySecret, date8, signing.region, product);
    return {
      fields: [...fields, ...auth, { name: 'policy', value: encoded }, { name: 'x-oss-signature', value: signature }],
      policy,
      expiresAt,
    };
  }
  if (token) {
    auth.push({ name: 'x-oss-security-token', value: token });
    conditions.push({ 'x-oss-security-token': token });
  }
  const policy: PostPolicy = { expiration: expiresAt.toISOString(), conditions };
  const encoded = encodePostPolicy(policy);
  const signature = signPostPolicyV1(encoded, signing.credentials.accessKeySecret);
  return {
    fields: [
      ...fields,
      ...auth,
      { name: 'OSSAccessKeyId', value: signing.credentials.accessKeyId },
      { name: 'policy', value: encoded },
      { name: 'Signature', value: signature },
    ],
    policy,
    expiresAt,
  };
}
