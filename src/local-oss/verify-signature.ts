/**
 * Request authentication for local-oss: V4 and V1 Authorization headers and V4/V1 presigned
 * URLs, checked with the same canonicalisation code the client signs with (reference §7).
 * Pure: the clock is a parameter.
 */
import { timingSafeEqual } from 'node:crypto';
import {
  canonicalRequestV4,
  stringToSignV1,
  uriEncode,
  V1_SUB_RESOURCES,
} from '../oss/signer/canonical.js';
import type { SignableRequest } from '../oss/signer/signable-request.js';
import { computeSignatureV1 } from '../oss/signer/sign-v1.js';
import { computeSignatureV4, scopeV4, stringToSignV4, V4_ALGORITHM } from '../oss/signer/sign-v4.js';
import { LocalOssError } from './errors.js';

/** An access key pair local-oss accepts; with `securityToken`, requests must carry that token. */
export interface AcceptedCredentials {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly securityToken?: string;
}

/** Inputs of {@link verifyRequest} besides the request. */
export interface VerifyOptions {
  /** Accepted credentials by access key id. */
  readonly credentials: ReadonlyMap<string, AcceptedCredentials>;
  /** Accept requests without any signature. */
  readonly allowAnonymous: boolean;
  readonly now: Date;
  /** Largest accepted distance between request time and `now`; default 15 minutes. */
  readonly maxSkewMs?: number;
}

/** How a request was authenticated. */
export type AuthKind = 'anonymous' | 'v1-header' | 'v4-header' | 'v1-query' | 'v4-query';

/** Result of a successful {@link verifyRequest}. */
export interface AuthResult {
  readonly kind: AuthKind;
  readonly accessKeyId?: string;
}

/** Default {@link VerifyOptions.maxSkewMs}: 15 minutes. */
export const MAX_SKEW_MS = 15 * 60 * 1000;

/** Longest lifetime of a presigned URL: 7 days, OSS's limit for V4 `x-oss-expires` (reference/oss-protocol-wave2.md §14). */
export const MAX_PRESIGN_SECONDS = 7 * 24 * 60 * 60;

function param(request: SignableRequest, name: string): string | undefined {
  for (const [k, v] of request.query) if (k === name) return v;
  return undefined;
}

function safeEqual(a: string, b: string): boolean {
  const ba = Buffer.from(a);
  const bb = Buffer.from(b);
  return ba.length === bb.length && timingSafeEqual(ba, bb);
}

function lookup(options: VerifyOptions, accessKeyId: string): AcceptedCredentials {
  const entry = options.credentials.get(accessKeyId);
  if (entry === undefined) {
    throw new LocalOssError('InvalidAccessKeyId', 'The OSS Access Key Id you provided does not exist in our records.', {
      details: { OSSAccessKeyId: accessKeyId },
    });
  }
  return entry;
}

function checkToken(entry: AcceptedCredentials, token: string | undefined): void {
  if ((entry.securityToken ?? undefined) === (token === '' ? undefined : token)) return;
  throw new LocalOssError(
    'InvalidSecurityToken',
    entry.securityToken === undefined
      ? 'A security token was sent for long-term credentials.'
      : 'The security token you provided is missing or invalid.',
  );
}

function checkSkew(options: VerifyOptions, requestTime: number, raw: string): void {
  const max = options.maxSkewMs ?? MAX_SKEW_MS;
  if (Number.isNaN(requestTime)) {
    throw new LocalOssError('AccessDenied', `The request time ${JSON.stringify(raw)} is not a valid date.`);
  }
  if (Math.abs(options.now.getTime() - requestTime) > max) {
    throw new LocalOssError('RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.', {
      details: {
        RequestTime: raw,
        ServerTime: options.now.toISOString(),
        MaxAllowedSkewMilliseconds: String(max),
      },
    });
  }
}

/** Parses `YYYYMMDDTHHMMSSZ` to milliseconds (NaN when malformed). */
export function parseV4Date(value: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (m === null) return Number.NaN;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}

function mismatch(accessKeyId: string, provided: string, stringToSign: string, canonicalRequest?: string): LocalOssError {
  return new LocalOssError(
    'SignatureDoesNotMatch',
    'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    {
      details: {
        ...(canonicalRequest !== undefined ? { CanonicalRequest: canonicalRequest } : {}),
        StringToSign: stringToSign,
        SignatureProvided: provided,
        OSSAccessKeyId: accessKeyId,
      },
    },
  );
}

/**
 * Alternative canonical query strings as ali-oss 6.x builds them (reference §15): keys sorted
 * with `localeCompare` on the raw names, and empty values rendered bare (sub-resources) or as
 * `k=` (plain query values).
 */
function aliOssQueryVariants(query: SignableRequest['query']): string[] {
  const sorted = [...query].sort((a, b) => a[0].localeCompare(b[0]));
  const render = (emptyAsBare: (name: string) => boolean): string =>
    sorted
      .map(([k, v]) => {
        const name = uriEncode(k, false);
        return v === '' && emptyAsBare(k) ? name : `${name}=${uriEncode(v, false)}`;
      })
      .join('&');
  return [
    render(() => true),
    render((k) => V1_SUB_RESOURCES.has(k)),
    render(() => false),
  ];
}

/** Canonical requests to try: the byte-order rule first, then the ali-oss variants. */
function canonicalCandidates(request: SignableRequest, additional: readonly string[], payloadHash: string): string[] {
  const primary = canonicalRequestV4(request, additional, payloadHash);
  const lines = primary.split('\n');
  const out = [primary];
  for (const variant of aliOssQueryVariants(request.query)) {
    if (variant === lines[2]) continue;
    const copy = [...lines];
    copy[2] = variant;
    const candidate = copy.join('\n');
    if (!out.includes(candidate)) out.push(candidate);
  }
  return out;
}

function verifyV4(
  request: SignableRequest,
  options: VerifyOptions,
  fields: {
    accessKeyId: string;
    date8: string;
    region: string;
    product: string;
    xOssDate: string;
    additional: readonly string[];
    signature: string;
  },
): AcceptedCredentials {
  const entry = lookup(options, fields.accessKeyId);
  const payloadHash = request.headers['x-oss-content-sha256'] ?? 'UNSIGNED-PAYLOAD';
  const scope = scopeV4(fields.date8, fields.region, fields.product);
  let firstStringToSign = '';
  let firstCanonical = '';
  for (const canonical of canonicalCandidates(request, fields.additional, payloadHash)) {
    const stringToSign = stringToSignV4(fields.xOssDate, scope, canonical);
    if (firstStringToSign === '') {
      firstStringToSign = stringToSign;
      firstCanonical = canonical;
    }
    const expected = computeSignatureV4(entry.accessKeySecret, stringToSign, fields.date8, fields.region, fields.product);
    if (safeEqual(expected, fields.signature)) return entry;
  }
  throw mismatch(fields.accessKeyId, fields.signature, firstStringToSign, firstCanonical);
}

function parseCredential(credential: string): { accessKeyId: string; date8: string; region: string; product: string } {
  const parts = credential.split('/');
  if (parts.length !== 5 || parts[4] !== 'aliyun_v4_request' || !/^\d{8}$/.test(parts[1] ?? '')) {
    throw new LocalOssError('InvalidArgument', `The credential ${JSON.stringify(credential)} is malformed; expected <AccessKeyId>/<date>/<region>/<product>/aliyun_v4_request.`);
  }
  const [accessKeyId = '', date8 = '', region = '', product = ''] = parts;
  return { accessKeyId, date8, region, product };
}

function parseAdditional(value: string | undefined): string[] {
  if (value === undefined) return [];
  if (value === '' || value.split(';').some((h) => h.trim() === '')) {
    throw new LocalOssError('InvalidArgument', 'AdditionalHeaders must be a non-empty ";"-separated list of header names.');
  }
  return value.split(';').map((h) => h.trim().toLowerCase());
}

function verifyV4Header(request: SignableRequest, authorization: string, options: VerifyOptions): AuthResult {
  const fields = new Map<string, string>();
  for (const part of authorization.slice(V4_ALGORITHM.length).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const credential = fields.get('Credential');
  const signature = fields.get('Signature');
  if (credential === undefined || signature === undefined) {
    throw new LocalOssError('InvalidArgument', 'The V4 Authorization header needs Credential and Signature.');
  }
  const scope = parseCredential(credential);
  const xOssDate = request.headers['x-oss-date'];
  if (xOssDate === undefined) {
    throw new LocalOssError('AccessDenied', 'V4 header authorization requires the x-oss-date header.');
  }
  checkSkew(options, parseV4Date(xOssDate), xOssDate);
  const contentSha = request.headers['x-oss-content-sha256'];
  if (contentSha !== undefined && contentSha !== 'UNSIGNED-PAYLOAD') {
    throw new LocalOssError('InvalidArgument', 'x-oss-content-sha256 must be UNSIGNED-PAYLOAD.');
  }
  const entry = verifyV4(request, options, {
    ...scope,
    xOssDate,
    additional: parseAdditional(fields.get('AdditionalHeaders')),
    signature,
  });
  checkToken(entry, request.headers['x-oss-security-token']);
  return { kind: 'v4-header', accessKeyId: entry.accessKeyId };
}

function verifyV4Query(request: SignableRequest, options: VerifyOptions): AuthResult {
  const credential = param(request, 'x-oss-credential') ?? '';
  const xOssDate = param(request, 'x-oss-date') ?? '';
  const expires = param(request, 'x-oss-expires') ?? '';
  const signature = param(request, 'x-oss-signature') ?? '';
  const scope = parseCredential(credential);
  const signedAt = parseV4Date(xOssDate);
  if (Number.isNaN(signedAt) || !/^\d+$/.test(expires)) {
    throw new LocalOssError('AccessDenied', 'The presigned URL needs a valid x-oss-date and x-oss-expires.');
  }
  const lifetime = Number(expires);
  if (lifetime < 1 || lifetime > MAX_PRESIGN_SECONDS) {
    throw new LocalOssError('AccessDenied', `x-oss-expires must be from 1 to ${MAX_PRESIGN_SECONDS} seconds (7 days).`, {
      details: { XOssExpires: expires, MaxExpiresSeconds: String(MAX_PRESIGN_SECONDS) },
    });
  }
  if (signedAt - options.now.getTime() > (options.maxSkewMs ?? MAX_SKEW_MS)) {
    throw new LocalOssError('AccessDenied', 'Request is not valid yet: x-oss-date is later than the server time by more than the allowed skew.', {
      details: { XOssDate: xOssDate, ServerTime: options.now.toISOString(), MaxAllowedSkewMilliseconds: String(options.maxSkewMs ?? MAX_SKEW_MS) },
    });
  }
  if (options.now.getTime() > signedAt + Number(expires) * 1000) {
    throw new LocalOssError('AccessDenied', 'Request has expired.', {
      details: { Expires: new Date(signedAt + Number(expires) * 1000).toISOString(), ServerTime: options.now.toISOString() },
    });
  }
  const unsigned: SignableRequest = { ...request, query: request.query.filter(([k]) => k !== 'x-oss-signature') };
  const entry = verifyV4(unsigned, options, {
    ...scope,
    xOssDate,
    additional: parseAdditional(param(request, 'x-oss-additional-headers')),
    signature,
  });
  checkToken(entry, param(request, 'x-oss-security-token'));
  return { kind: 'v4-query', accessKeyId: entry.accessKeyId };
}

function verifyV1Header(request: SignableRequest, authorization: string, options: VerifyOptions): AuthResult {
  const body = authorization.slice(4).trim();
  const colon = body.lastIndexOf(':');
  if (colon <= 0) throw new LocalOssError('InvalidArgument', 'The V1 Authorization header must be "OSS <AccessKeyId>:<Signature>".');
  const accessKeyId = body.slice(0, colon);
  const signature = body.slice(colon + 1);
  const entry = lookup(options, accessKeyId);
  const dateLine = request.headers['x-oss-date'] ?? request.headers['date'];
  if (dateLine === undefined) throw new LocalOssError('AccessDenied', 'V1 header authorization requires a Date or x-oss-date header.');
  checkSkew(options, Date.parse(dateLine), dateLine);
  const stringToSign = stringToSignV1(request, dateLine);
  if (!safeEqual(computeSignatureV1(entry.accessKeySecret, stringToSign), signature)) {
    throw mismatch(accessKeyId, signature, stringToSign);
  }
  checkToken(entry, request.headers['x-oss-security-token']);
  return { kind: 'v1-header', accessKeyId };
}

function verifyV1Query(request: SignableRequest, options: VerifyOptions): AuthResult {
  const accessKeyId = param(request, 'OSSAccessKeyId') ?? '';
  const expires = param(request, 'Expires') ?? '';
  const signature = param(request, 'Signature') ?? '';
  const entry = lookup(options, accessKeyId);
  if (!/^\d+$/.test(expires)) throw new LocalOssError('AccessDenied', 'The presigned URL needs a numeric Expires.');
  if (options.now.getTime() > Number(expires) * 1000) {
    throw new LocalOssError('AccessDenied', 'Request has expired.', {
      details: { Expires: new Date(Number(expires) * 1000).toISOString(), ServerTime: options.now.toISOString() },
    });
  }
  // Why: a V1 URL carries only its end, so "valid for more than 7 days" means an end more than 7
  // days (plus the skew) from now. OSS documents no V1 maximum (unverified); local-oss holds V1
  // to the V4 limit so that no URL it accepts outlives what OSS promises for V4.
  const latest = options.now.getTime() + MAX_PRESIGN_SECONDS * 1000 + (options.maxSkewMs ?? MAX_SKEW_MS);
  if (Number(expires) * 1000 > latest) {
    throw new LocalOssError('AccessDenied', 'Expires must be at most 7 days after the request time.', {
      details: { Expires: new Date(Number(expires) * 1000).toISOString(), ServerTime: options.now.toISOString(), MaxExpiresSeconds: String(MAX_PRESIGN_SECONDS) },
    });
  }
  const stringToSign = stringToSignV1(request, expires);
  if (!safeEqual(computeSignatureV1(entry.accessKeySecret, stringToSign), signature)) {
    throw mismatch(accessKeyId, signature, stringToSign);
  }
  checkToken(entry, param(request, 'security-token'));
  return { kind: 'v1-query', accessKeyId };
}

/**
 * Authenticates a received request (decoded bucket, key and query; lowercase headers). Throws
 * {@link LocalOssError}: `InvalidAccessKeyId` (unknown key), `SignatureDoesNotMatch` (with
 * `StringToSign` in the details), `RequestTimeTooSkewed` (header auth more than 15 minutes off),
 * `AccessDenied` (presigned URL expired, valid for more than 7 days, or signed more than the skew
 * in the future; or anonymous when not allowed), `InvalidSecurityToken`
 * (STS token missing or wrong), `InvalidArgument` (malformed authorization).
 */
export function verifyRequest(request: SignableRequest, options: VerifyOptions): AuthResult {
  const authorization = request.headers['authorization'];
  if (authorization !== undefined && authorization !== '') {
    if (authorization.startsWith(`${V4_ALGORITHM} `)) return verifyV4Header(request, authorization, options);
    if (authorization.startsWith('OSS ')) return verifyV1Header(request, authorization, options);
    throw new LocalOssError('InvalidArgument', 'The Authorization header must start with "OSS4-HMAC-SHA256 " or "OSS ".');
  }
  if (param(request, 'x-oss-signature-version') !== undefined) {
    if (param(request, 'x-oss-signature-version') !== V4_ALGORITHM) {
      throw new LocalOssError('InvalidArgument', `x-oss-signature-version must be ${V4_ALGORITHM}.`);
    }
    return verifyV4Query(request, options);
  }
  if (param(request, 'OSSAccessKeyId') !== undefined || param(request, 'Signature') !== undefined) {
    return verifyV1Query(request, options);
  }
  if (options.allowAnonymous) return { kind: 'anonymous' };
  throw new LocalOssError('AccessDenied', 'Anonymous access is forbidden for this operation.');
}
