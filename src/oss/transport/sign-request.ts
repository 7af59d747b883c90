/** Picks the V4 or V1 signer for a request and for a presigned URL. */
import type { Credentials } from '../credentials/credentials.js';
import { buildPresignedUrl } from '../signer/presign.js';
import type { SignableRequest } from '../signer/signable-request.js';
import { presignV1, signV1 } from '../signer/sign-v1.js';
import { presignV4, signV4 } from '../signer/sign-v4.js';

/** What both signers need; `region` and `product` only matter to V4. */
export interface SigningContext {
  readonly version: 'v4' | 'v1';
  readonly credentials: Credentials;
  readonly region: string;
  readonly product: string;
  /** Signing time, already corrected for clock skew. */
  readonly now: Date;
}

/** The headers to add to `request` (date, authorization, x-oss-date, token, …) for `context.version`. */
export function signRequest(request: SignableRequest, context: SigningContext): Record<string, string> {
  if (context.version === 'v1') return signV1(request, { credentials: context.credentials, now: context.now }).headers;
  return signV4(request, {
    credentials: context.credentials,
    region: context.region,
    product: context.product,
    now: context.now,
  }).headers;
}

/** Input of {@link presignRequest}. */
export interface PresignRequestInput {
  readonly method: 'GET' | 'PUT' | 'HEAD' | 'DELETE' | 'POST';
  readonly bucket: string;
  readonly key: string;
  readonly query?: ReadonlyArray<readonly [string, string]>;
  readonly headers?: Readonly<Record<string, string>>;
  readonly expiresInSeconds: number;
}

/**
 * A presigned URL for `input` valid `expiresInSeconds` from `context.now`. `baseUrl` is the
 * request URL without query. V4 signs every given header; V1 signs content-type, content-md5 and
 * x-oss-* headers only. Throws `OssInvalidArgumentError` for a lifetime beyond what OSS accepts.
 */
export function presignRequest(
  input: PresignRequestInput,
  context: SigningContext & { readonly baseUrl: string },
): { url: string; method: PresignRequestInput['method']; headers: Record<string, string>; expiresAt: Date } {
  const headers = { ...input.headers };
  const existing: Array<[string, string]> = (input.query ?? []).map(([name, value]) => [name, value]);
  const signable: SignableRequest = { method: input.method, bucket: input.bucket, key: input.key, query: existing, headers };
  const expiresAt = new Date(context.now.getTime() + input.expiresInSeconds * 1000);
  const added =
    context.version === 'v1'
      ? presignV1(signable, { credentials: context.credentials, expires: Math.floor(expiresAt.getTime() / 1000) }).query
      : presignV4(signable, {
          credentials: context.credentials,
          region: context.region,
          product: context.product,
          now: context.now,
          expiresInSeconds: input.expiresInSeconds,
          // Why: headers beyond x-oss-*/content-type/content-md5 (cache-control, …) are signed only
          // when named, and the URL must bind every header its user is told to send.
          additionalHeaders: Object.keys(headers),
        }).query;
  return { url: buildPresignedUrl(new URL(context.baseUrl), existing, added), method: input.method, headers, expiresAt };
}
