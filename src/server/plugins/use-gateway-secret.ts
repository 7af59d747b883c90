/**
 * Admits only the company gateway to the subgraph: every request to the endpoint must carry
 * `x-gateway-secret` equal to the configured secret (compared in constant time). Missing → 401,
 * wrong → 403, before anything runs.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';

/** The header the gateway sends the shared secret in. */
export const GATEWAY_SECRET_HEADER = 'x-gateway-secret';

/** Options of {@link useGatewaySecret}. */
export interface GatewaySecretOptions {
  readonly secret: string;
  /** The subgraph endpoint's path; other paths (its health check) are left alone. */
  readonly endpoint: string;
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/**
 * Whether `given` equals `secret`, in time independent of where they differ. Why digests: both
 * sides then have the same length, so neither the comparison nor a length check leaks the
 * secret's length.
 */
export function secretMatches(given: string, secret: string): boolean {
  return timingSafeEqual(digest(given), digest(secret));
}

/** Refuses requests to `endpoint` without the right {@link GATEWAY_SECRET_HEADER}. */
export function useGatewaySecret(options: GatewaySecretOptions): Plugin {
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname !== options.endpoint) return;
      const given = request.headers.get(GATEWAY_SECRET_HEADER);
      if (given !== null && secretMatches(given, options.secret)) return;
      const status = given === null ? 401 : 403;
      const message = given === null ? `the subgraph requires the ${GATEWAY_SECRET_HEADER} header` : `the ${GATEWAY_SECRET_HEADER} header is wrong`;
      endResponse(
        new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { code: status === 401 ? 'UNAUTHENTICATED' : 'FORBIDDEN' } }] }), {
          status,
          headers: { 'content-type': 'application/json; charset=utf-8' },
        }),
      );
    },
  };
}
