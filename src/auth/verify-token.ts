/**
 * Bearer JWT verification with `jose`: keys from a JWKS URL (cached; refetched when a token names
 * an unknown `kid`, at most once per cooldown) or from one PEM public key; issuer and audience
 * checked when configured; `exp` required; `exp`/`nbf` checked with a clock tolerance.
 */
import { createPublicKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { createRemoteJWKSet, errors, jwtVerify } from 'jose';
import type { JWTVerifyGetKey, JWTVerifyOptions } from 'jose';
import { authenticated } from './principal.js';
import type { AuthenticatedPrincipal } from './principal.js';

/** Asymmetric JWS algorithms accepted by default (never `none`, never HMAC with a public key). */
export const DEFAULT_JWT_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'] as const;

/** Where the verification keys come from. */
export type KeySource = { readonly jwksUrl: URL } | { readonly publicKey: KeyObject };

/** Options of {@link createTokenVerifier}. */
export interface TokenVerifierOptions {
  readonly keys: KeySource;
  /** Required `iss`, when set. */
  readonly issuer?: string;
  /** Required `aud` (the token's audience must contain one of these), when set. */
  readonly audience?: readonly string[];
  /** Seconds of clock skew tolerated on `exp` and `nbf`. */
  readonly clockToleranceSeconds: number;
  /** Accepted `alg` values; default {@link DEFAULT_JWT_ALGORITHMS}. */
  readonly algorithms?: readonly string[];
  /** JWKS: least time between two refetches caused by unknown `kid`s (ms); jose's default 30 s. */
  readonly jwksCooldownMs?: number;
  /** JWKS: how long a fetched set is used before it is refetched (ms); jose's default 10 min. */
  readonly jwksCacheMaxAgeMs?: number;
  /** JWKS: fetch timeout (ms); default 5 s. */
  readonly jwksTimeoutMs?: number;
  /** Wall-clock epoch ms (for `exp`/`nbf`); default `Date.now`. */
  readonly now?: () => number;
}

/** The token is not acceptable (malformed, bad signature, expired, not yet valid, wrong issuer or audience, unknown key). */
export class InvalidTokenError extends Error {
  override readonly name = 'InvalidTokenError';
  readonly code = 'INVALID_TOKEN';
}

/** The keys could not be obtained (JWKS unreachable, timed out, or not a key set): not the token's fault. */
export class KeySourceUnavailableError extends Error {
  override readonly name = 'KeySourceUnavailableError';
  readonly code = 'AUTH_UNAVAILABLE';
}

/** Verifies bearer tokens. */
export interface TokenVerifier {
  /** The principal of `token`; rejects with {@link InvalidTokenError} or {@link KeySourceUnavailableError}. */
  verify(token: string): Promise<AuthenticatedPrincipal>;
}

/**
 * Reads a PEM public key (SPKI or PKCS#1, `\n` escapes allowed, as env files often hold them).
 * Throws a plain `Error` naming the rule; a private key is refused (it does not belong in this
 * process).
 */
export function readPublicKeyPem(pem: string): KeyObject {
  const text = pem.includes('\\n') ? pem.replace(/\\n/g, '\n') : pem;
  if (/PRIVATE KEY/.test(text)) throw new Error('must be a PEM public key, not a private key');
  try {
    return createPublicKey(text);
  } catch (error) {
    throw new Error(`must be a PEM public key (-----BEGIN PUBLIC KEY-----): ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Why a token failed, in words for `error_description`. */
function describe(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'the token has expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'nbf') return 'the token is not valid yet (nbf)';
    if (error.claim === 'iss') return 'the token has the wrong issuer';
    if (error.claim === 'aud') return 'the token has the wrong audience';
    if (error.claim === 'exp') return 'the token has no valid expiry (exp)';
    return `the token's ${error.claim} claim is invalid`;
  }
  if (error instanceof errors.JWKSNoMatchingKey) return 'no known key matches the token (kid)';
  if (error instanceof errors.JWKSMultipleMatchingKeys) return 'several keys match the token; it must name its kid';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'the token signature is invalid';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'the token is signed with an algorithm that is not accepted';
  return 'the token is malformed or cannot be verified';
}

/** The token faults a key lookup may raise; anything else from a JWKS lookup means the key source failed. */
function isTokenFault(error: unknown): boolean {
  return (
    error instanceof errors.JWKSNoMatchingKey ||
    error instanceof errors.JWKSMultipleMatchingKeys ||
    error instanceof errors.JOSENotSupported ||
    error instanceof errors.JOSEAlgNotAllowed ||
    error instanceof errors.JWSInvalid
  );
}

/** A verifier for `options`; a JWKS is fetched on first use, not here. */
export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  let key: KeyObject | JWTVerifyGetKey;
  if ('jwksUrl' in options.keys) {
    const remote = createRemoteJWKSet(options.keys.jwksUrl, {
      ...(options.jwksCooldownMs === undefined ? {} : { cooldownDuration: options.jwksCooldownMs }),
      ...(options.jwksCacheMaxAgeMs === undefined ? {} : { cacheMaxAge: options.jwksCacheMaxAgeMs }),
      timeoutDuration: options.jwksTimeoutMs ?? 5000,
    });
    key = async (header, token) => {
      try {
        return await remote(header, token);
      } catch (error) {
        if (isTokenFault(error)) throw error;
        throw new KeySourceUnavailableError('the JSON Web Key Set could not be fetched', { cause: error });
      }
    };
  } else {
    key = options.keys.publicKey;
  }
  const now = options.now ?? Date.now;
  const verifyOptions = (): JWTVerifyOptions => ({
    algorithms: [...(options.algorithms ?? DEFAULT_JWT_ALGORITHMS)],
    clockTolerance: options.clockToleranceSeconds,
    requiredClaims: ['exp'],
    currentDate: new Date(now()),
    ...(options.issuer === undefined ? {} : { issuer: options.issuer }),
    ...(options.audience === undefined ? {} : { audience: [...options.audience] }),
  });
  return {
    async verify(token) {
      try {
        const { payload } =
          typeof key === 'function' ? await jwtVerify(token, key, verifyOptions()) : await jwtVerify(token, key, verifyOptions());
        return authenticated(payload);
      } catch (error) {
        if (error instanceof KeySourceUnavailableError) throw error;
        throw new InvalidTokenError(describe(error), { cause: error });
      }
    },
  };
}
