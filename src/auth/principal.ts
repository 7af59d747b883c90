/** Who is calling: the identity a request carries into the policy. */

/** The claims of a verified bearer token (the JWT payload). */
export type Claims = Readonly<Record<string, unknown>>;

/** A caller without a token. */
export interface AnonymousPrincipal {
  readonly kind: 'anonymous';
}

/** A caller whose bearer token was verified; `claims` is its payload. */
export interface AuthenticatedPrincipal {
  readonly kind: 'authenticated';
  readonly claims: Claims;
}

/** The identity of one request: anonymous, or the claims of a verified token. */
export type Principal = AnonymousPrincipal | AuthenticatedPrincipal;

/** The anonymous principal (shared; it carries nothing). */
export const ANONYMOUS: AnonymousPrincipal = Object.freeze({ kind: 'anonymous' });

/** A principal for verified `claims` (frozen, so no resolver can change who the caller is). */
export function authenticated(claims: Claims): AuthenticatedPrincipal {
  return Object.freeze({ kind: 'authenticated', claims: Object.freeze({ ...claims }) });
}
