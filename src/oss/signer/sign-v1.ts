/**
 * OSS V1 signatures (`OSS <AK>:<sig>`, HMAC-SHA1): header authorization and presigned query
 * parameters. Kept for servers and clients (ali-oss defaults to it) that still speak V1.
 */
import { createHmac } from 'node:crypto';
import type { Credentials } from '../credentials/credentials.js';
import { stringToSignV1 } from './canonical.js';
import type { SignableRequest } from './signable-request.js';

/** Base64 HMAC-SHA1 of `stringToSign` keyed by the access key secret. */
export function computeSignatureV1(secret: string, stringToSign: string): string {
  return createHmac('sha1', secret).update(stringToSign, 'utf8').digest('base64');
}

/** What {@link signV1} produced. */
export interface SignV1Result {
  /** Headers the caller must add (lowercase names): `date`, `x-oss-security-token` (STS), `authorization`. */
  readonly headers: Record<string, string>;
  readonly stringToSign: string;
  readonly signature: string;
}

/**
 * Signs `request` with a V1 Authorization header. `date` (RFC 1123 of `now`) and, for STS
 * credentials, `x-oss-security-token` are added before the string to sign is built, so the token
 * is signed. An `x-oss-date` header already on the request supplies the Date line (as the Python
 * and Node SDKs do).
 */
export function signV1(request: SignableRequest, options: { credentials: Credentials; now: Date }): SignV1Result {
  const { credentials, now } = options;
  const added: Record<string, string> = { date: now.toUTCString() };
  if (credentials.securityToken) added['x-oss-security-token'] = credentials.securityToken;
  const headers = { ...request.headers, ...added };
  const stringToSign = stringToSignV1({ ...request, headers }, headers['x-oss-date'] ?? added['date'] ?? '');
  const signature = computeSignatureV1(credentials.accessKeySecret, stringToSign);
  added['authorization'] = `OSS ${credentials.accessKeyId}:${signature}`;
  return { headers: added, stringToSign, signature };
}

/** What {@link presignV1} produced. */
export interface PresignV1Result {
  /** Query parameters to append (decoded values). */
  readonly query: Array<[string, string]>;
  readonly stringToSign: string;
  readonly signature: string;
}

/**
 * Presigns `request` with V1 query parameters `OSSAccessKeyId`, `Expires` (unix seconds, also the
 * Date line), `Signature`, and for STS credentials `security-token` (a sub-resource, so signed).
 */
export function presignV1(
  request: SignableRequest,
  options: { credentials: Credentials; expires: number },
): PresignV1Result {
  const { credentials } = options;
  const expires = String(options.expires);
  const token: Array<[string, string]> = credentials.securityToken ? [['security-token', credentials.securityToken]] : [];
  const stringToSign = stringToSignV1({ ...request, query: [...request.query, ...token] }, expires);
  const signature = computeSignatureV1(credentials.accessKeySecret, stringToSign);
  return {
    query: [['OSSAccessKeyId', credentials.accessKeyId], ['Expires', expires], ['Signature', signature], ...token],
    stringToSign,
    signature,
  };
}
