/**
 * Identifies the caller before anything runs: no token → anonymous; a token that does not verify
 * → HTTP 401 with `WWW-Authenticate: Bearer error="invalid_token"` (RFC 6750 §3), and the
 * operation is never parsed or executed. When the keys cannot be fetched, 503.
 */
import type { Plugin } from 'graphql-yoga';
import type { Authenticator } from '../../auth/authenticator.js';

/** `extensions.code` of the 401 answer. */
export const UNAUTHENTICATED = 'UNAUTHENTICATED';
/** `extensions.code` of the 503 answer (the JWKS could not be fetched). */
export const AUTH_UNAVAILABLE = 'AUTH_UNAVAILABLE';

/** Options of {@link useBearerAuth}. */
export interface BearerAuthOptions {
  readonly authenticator: Authenticator;
  /** The GraphQL endpoint's path; other paths (health, readiness) are left alone. */
  readonly endpoint: string;
}

/** Quotes `text` for an HTTP auth-param (RFC 9110 quoted-string, printable ASCII only). */
function quoted(text: string): string {
  return `"${text.replace(/[^\x20-\x7e]/g, '?').replace(/["\\]/g, '\\$&')}"`;
}

/** Authenticates every request to `endpoint` with `authenticator` (remembered per request for the context). */
export function useBearerAuth(options: BearerAuthOptions): Plugin {
  const { authenticator, endpoint } = options;
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname !== endpoint || request.method === 'OPTIONS') return;
      const outcome = await authenticator.authenticate(request);
      if (outcome.ok) return;
      const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
      if (outcome.status === 401) {
        headers['www-authenticate'] = `Bearer error="${outcome.error}", error_description=${quoted(outcome.description)}`;
      } else {
        headers['retry-after'] = '5';
      }
      const code = outcome.status === 401 ? UNAUTHENTICATED : AUTH_UNAVAILABLE;
      endResponse(
        new fetchAPI.Response(JSON.stringify({ errors: [{ message: outcome.description, extensions: { code } }] }), {
          status: outcome.status,
          headers,
        }),
      );
    },
  };
}
