/**
 * CORS for local-oss: one bucket-independent rule set, so a browser on another origin can use
 * presigned URLs (preflight via OPTIONS, and CORS headers on every response including errors).
 */

/** The CORS rule applied to every bucket. */
export interface CorsPolicy {
  /** Allowed origins; `*` allows any. */
  readonly allowedOrigins: readonly string[];
  /** `Access-Control-Max-Age` in seconds. */
  readonly maxAgeSeconds: number;
}

/** Methods a browser may use. */
export const CORS_METHODS = 'GET, PUT, POST, DELETE, HEAD';

/** Response headers a browser script may read. */
export const CORS_EXPOSE_HEADERS = [
  'ETag',
  'Content-Length',
  'Content-MD5',
  'Last-Modified',
  'x-oss-request-id',
  'x-oss-hash-crc64ecma',
  'x-oss-version-id',
  'x-oss-object-type',
  'x-oss-storage-class',
  'x-oss-last-access-time',
].join(', ');

/** True when `origin` is allowed by `policy`. */
export function isOriginAllowed(policy: CorsPolicy, origin: string): boolean {
  return policy.allowedOrigins.includes('*') || policy.allowedOrigins.includes(origin);
}

/**
 * The CORS response headers for a request from `origin`, or undefined when the origin is not
 * allowed. `requestHeaders` (from `Access-Control-Request-Headers`) are echoed as allowed;
 * without them `Access-Control-Allow-Headers` is `*`.
 */
export function corsResponseHeaders(
  policy: CorsPolicy,
  origin: string,
  requestHeaders?: string,
): Record<string, string> | undefined {
  if (!isOriginAllowed(policy, origin)) return undefined;
  return {
    'access-control-allow-origin': policy.allowedOrigins.includes('*') ? '*' : origin,
    'access-control-allow-methods': CORS_METHODS,
    'access-control-allow-headers': requestHeaders !== undefined && requestHeaders.trim() !== '' ? requestHeaders : '*',
    'access-control-expose-headers': CORS_EXPOSE_HEADERS,
    'access-control-max-age': String(policy.maxAgeSeconds),
    vary: 'Origin',
  };
}
