/**
 * OSS V4 signatures (`OSS4-HMAC-SHA256`): header authorization and presigned query parameters.
 * Pure: the clock is the `now` option.
 */
import { createHmac, hash as cryptoHash } from 'node:crypto';
import type { Credentials } from '../credentials/credentials.js';
import { OssInvalidArgumentError } from '../errors.js';
import { canonicalHeadersOf, canonicalHeadersV4, canonicalRequestText, canonicalRequestV4 } from './canonical.js';
import type { SignableRequest } from './signable-request.js';

/** The V4 algorithm name, as it appears in the string to sign, Authorization and presigned URLs. */
export const V4_ALGORITHM = 'OSS4-HMAC-SHA256';
/** The only payload hash OSS accepts. */
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
/** Longest lifetime of a V4 presigned URL, in seconds (7 days). */
export const MAX_PRESIGN_EXPIRES_SECONDS = 604_800;

/** Formats `d` (UTC) as the V4 timestamp `YYYYMMDD'T'HHMMSS'Z'`, e.g. `20231216T162057Z`. */
export function formatV4Date(d: Date): string {
  // Why cached: every store request signs with the current second; the string changes once a second.
  const second = Math.floor(d.getTime() / 1000);
  if (second === lastSecond) return lastFormatted;
  const formatted = d.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
  lastSecond = second;
  lastFormatted = formatted;
  return formatted;
}

let lastSecond = Number.NaN;
let lastFormatted = '';

/** `d` as an RFC 1123 date (`Date.prototype.toUTCString`), cached for the current second like {@link formatV4Date}. */
function httpDate(d: Date): string {
  const second = Math.floor(d.getTime() / 1000);
  if (second !== lastHttpSecond) {
    lastHttpSecond = second;
    lastHttpDate = d.toUTCString();
  }
  return lastHttpDate;
}

let lastHttpSecond = Number.NaN;
let lastHttpDate = '';

/** The credential scope `<YYYYMMDD>/<region>/<product>/aliyun_v4_request`. */
export function scopeV4(date8: string, region: string, product: string): string {
  return `${date8}/${region}/${product}/aliyun_v4_request`;
}

/** The V4 signing key: HMAC-SHA256 chain over date, region, product and `aliyun_v4_request`. */
export function signingKeyV4(secret: string, date: string, region: string, product: string): Buffer {
  // Why a last-key check first: a process signs with one secret, region and product all day, and
  // comparing four strings is cheaper than building the map key for every request.
  const last = lastKey;
  if (last !== undefined && last.secret === secret && last.date === date && last.region === region && last.product === product) {
    return last.key;
  }
  const key = derivedKey(secret, date, region, product);
  lastKey = { secret, date, region, product, key };
  return key;
}

let lastKey: { secret: string; date: string; region: string; product: string; key: Buffer } | undefined;

function derivedKey(secret: string, date: string, region: string, product: string): Buffer {
  const id = `${date}\n${region}\n${product}\n${secret}`;
  const cached = derivedKeys.get(id);
  if (cached !== undefined) return cached;
  const k1 = createHmac('sha256', `aliyun_v4${secret}`).update(date).digest();
  const k2 = createHmac('sha256', k1).update(region).digest();
  const k3 = createHmac('sha256', k2).update(product).digest();
  const key = createHmac('sha256', k3).update('aliyun_v4_request').digest();
  if (derivedKeys.size >= MAX_DERIVED_KEYS) derivedKeys.delete(derivedKeys.keys().next().value as string);
  derivedKeys.set(id, key);
  return key;
}

/**
 * Signing keys already derived, oldest first. Why: the key depends only on (secret, day, region,
 * product), yet deriving it costs four HMACs — a noticeable share of every request's CPU. The
 * memo keeps the function pure (same inputs, same output); its bound keeps rotated secrets and
 * past days from accumulating.
 */
const derivedKeys = new Map<string, Buffer>();
const MAX_DERIVED_KEYS = 16;

/** Lowercase hex HMAC-SHA256 of `stringToSign` under the signing key for date, region and product. */
export function computeSignatureV4(
  secret: string,
  stringToSign: string,
  date8: string,
  region: string,
  product: string,
): string {
  return createHmac('sha256', signingKeyV4(secret, date8, region, product)).update(stringToSign).digest('hex');
}

/** `OSS4-HMAC-SHA256\n<x-oss-date>\n<scope>\n<hex sha256 of the canonical request>`. */
export function stringToSignV4(xOssDate: string, scope: string, canonicalRequest: string): string {
  // Why `hash`: the one-shot form (Node ≥ 20.12; engines ask ≥ 20.18.1) skips a Hash object per request.
  const hash = cryptoHash('sha256', canonicalRequest, 'hex');
  return `${V4_ALGORITHM}\n${xOssDate}\n${scope}\n${hash}`;
}

/** Options shared by {@link signV4} and {@link presignV4}. */
export interface SignV4Options {
  readonly credentials: Credentials;
  /** Plain region id (`cn-hangzhou`), or the CloudBox id for `oss-cloudbox`. */
  readonly region: string;
  /** Signed product; `oss` unless CloudBox (`oss-cloudbox`). */
  readonly product?: string;
  readonly now: Date;
  /** Extra headers to sign; absent and default-signed ones are dropped. */
  readonly additionalHeaders?: readonly string[];
}

/** What {@link signV4} produced. */
export interface SignV4Result {
  /** Headers the caller must add to the request (lowercase names), `authorization` included. */
  readonly headers: Record<string, string>;
  readonly canonicalRequest: string;
  readonly stringToSign: string;
  readonly signature: string;
}

/**
 * Signs `request` with a V4 Authorization header. Returns the headers to add: `x-oss-date`,
 * `x-oss-content-sha256: UNSIGNED-PAYLOAD`, `x-oss-security-token` (STS only), `date` (RFC 1123)
 * and `authorization`. The signature covers the added `x-oss-*` headers.
 */
export function signV4(request: SignableRequest, options: SignV4Options): SignV4Result {
  const { credentials, region, now } = options;
  const product = options.product ?? 'oss';
  const additionalHeaders = options.additionalHeaders ?? [];
  const xOssDate = formatV4Date(now);
  const date8 = xOssDate.slice(0, 8);

  const added: Record<string, string> = {
    'x-oss-date': xOssDate,
    'x-oss-content-sha256': UNSIGNED_PAYLOAD,
  };
  if (credentials.securityToken) added['x-oss-security-token'] = credentials.securityToken;
  added['date'] = httpDate(now);

  const { canonicalHeaders, signedAdditional } = canonicalHeadersOf(request.headers, added, additionalHeaders);
  const canonicalRequest = canonicalRequestText(request, canonicalHeaders, signedAdditional, UNSIGNED_PAYLOAD);
  const scope = scopeV4(date8, region, product);
  const stringToSign = stringToSignV4(xOssDate, scope, canonicalRequest);
  const signature = computeSignatureV4(credentials.accessKeySecret, stringToSign, date8, region, product);

  const additionalPart = signedAdditional.length > 0 ? `,AdditionalHeaders=${signedAdditional.join(';')}` : '';
  added['authorization'] =
    `${V4_ALGORITHM} Credential=${credentials.accessKeyId}/${scope}${additionalPart},Signature=${signature}`;
  return { headers: added, canonicalRequest, stringToSign, signature };
}

/** Options of {@link presignV4}. */
export interface PresignV4Options extends SignV4Options {
  /** Lifetime from `now`, in seconds: an integer in 1‥604800. */
  readonly expiresInSeconds: number;
}

/** What {@link presignV4} produced. */
export interface PresignV4Result {
  /** Query parameters to append (decoded values), `x-oss-signature` last. */
  readonly query: Array<[string, string]>;
  readonly canonicalRequest: string;
  readonly stringToSign: string;
  readonly signature: string;
}

/**
 * Presigns `request` with V4 query parameters. Headers present on `request` (`x-oss-*`,
 * content-type, content-md5, additional) are signed and must be sent by the URL's user.
 * Throws {@link OssInvalidArgumentError} when `expiresInSeconds` is not an integer in 1‥604800.
 */
export function presignV4(request: SignableRequest, options: PresignV4Options): PresignV4Result {
  const { credentials, region, now, expiresInSeconds } = options;
  if (!Number.isInteger(expiresInSeconds) || expiresInSeconds <= 0 || expiresInSeconds > MAX_PRESIGN_EXPIRES_SECONDS) {
    throw new OssInvalidArgumentError(
      'expiresInSeconds',
      `must be an integer number of seconds from 1 to ${MAX_PRESIGN_EXPIRES_SECONDS} (7 days)`,
      expiresInSeconds,
    );
  }
  const product = options.product ?? 'oss';
  const additionalHeaders = options.additionalHeaders ?? [];
  const xOssDate = formatV4Date(now);
  const date8 = xOssDate.slice(0, 8);
  const scope = scopeV4(date8, region, product);
  const { signedAdditional } = canonicalHeadersV4(request.headers, additionalHeaders);

  const query: Array<[string, string]> = [
    ['x-oss-signature-version', V4_ALGORITHM],
    ['x-oss-date', xOssDate],
    ['x-oss-expires', String(expiresInSeconds)],
    ['x-oss-credential', `${credentials.accessKeyId}/${scope}`],
  ];
  if (credentials.securityToken) query.push(['x-oss-security-token', credentials.securityToken]);
  if (signedAdditional.length > 0) query.push(['x-oss-additional-headers', signedAdditional.join(';')]);

  const canonicalRequest = canonicalRequestV4(
    { ...request, query: [...request.query, ...query] },
    additionalHeaders,
    UNSIGNED_PAYLOAD,
  );
  const stringToSign = stringToSignV4(xOssDate, scope, canonicalRequest);
  const signature = computeSignatureV4(credentials.accessKeySecret, stringToSign, date8, region, product);
  query.push(['x-oss-signature', signature]);
  return { query, canonicalRequest, stringToSign, signature };
}
