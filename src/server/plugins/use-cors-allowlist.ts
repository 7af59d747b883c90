/** CORS from an explicit origin allowlist, replacing Yoga's reflect-any-origin default. */
import type { Plugin } from 'graphql-yoga';

/** Options of {@link useCorsAllowlist}. */
export interface CorsAllowlistOptions {
  /** Exact origins (`https://app.example.com`) allowed to call the server from a browser. */
  readonly origins: readonly string[];
  /** Request headers a browser may send (the preflight's `Access-Control-Allow-Headers`). */
  readonly allowedHeaders: readonly string[];
  readonly methods: readonly string[];
  /** Response headers scripts may read. */
  readonly exposedHeaders?: readonly string[];
  /** How long a browser may cache a preflight answer, in seconds. */
  readonly maxAgeSeconds: number;
}

/**
 * Answers preflights (`OPTIONS` → 204) and adds CORS headers only for a listed `Origin`; any other
 * origin gets no CORS header at all, and an empty list disables CORS headers entirely. Never sends
 * `Access-Control-Allow-Credentials`. Use with Yoga's `cors: false`.
 *
 * Why not Yoga's `cors` option: with several origins it answers an unlisted one with
 * `Access-Control-Allow-Origin: null` plus the allowed methods and headers, and with none it
 * reflects any origin with credentials (reference/graphql-stack.md §4.3).
 */
export function useCorsAllowlist(options: CorsAllowlistOptions): Plugin {
  const allowed = new Set(options.origins);
  const allowedOrigin = (request: Request): string | undefined => {
    const origin = request.headers.get('origin');
    return origin !== null && allowed.has(origin) ? origin : undefined;
  };
  const setVary = (headers: Headers): void => {
    const vary = headers.get('vary');
    if (vary === null) headers.set('vary', 'Origin');
    else if (!/(^|,)\s*origin\s*(,|$)/i.test(vary)) headers.set('vary', `${vary}, Origin`);
  };
  return {
    onRequest({ request, fetchAPI, endResponse }) {
      if (request.method !== 'OPTIONS') return;
      const headers = new fetchAPI.Headers({ 'content-length': '0' });
      const origin = allowedOrigin(request);
      if (origin !== undefined) {
        headers.set('access-control-allow-origin', origin);
        headers.set('access-control-allow-methods', options.methods.join(', '));
        headers.set('access-control-allow-headers', options.allowedHeaders.join(', '));
        headers.set('access-control-max-age', String(options.maxAgeSeconds));
      }
      if (allowed.size > 0) setVary(headers);
      endResponse(new fetchAPI.Response(null, { status: 204, headers }));
    },
    onResponse({ request, response }) {
      if (request.method === 'OPTIONS' || allowed.size === 0) return;
      setVary(response.headers);
      const origin = allowedOrigin(request);
      if (origin === undefined) return;
      response.headers.set('access-control-allow-origin', origin);
      if (options.exposedHeaders !== undefined && options.exposedHeaders.length > 0) {
        response.headers.set('access-control-expose-headers', options.exposedHeaders.join(', '));
      }
    },
  };
}
