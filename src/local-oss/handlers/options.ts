/** CORS preflight: `OPTIONS` on any bucket or object path (unauthenticated). */
import { corsResponseHeaders, CORS_METHODS, type CorsPolicy } from '../cors.js';
import { LocalOssError } from '../errors.js';
import { header, type Handler } from './context.js';

/**
 * Builds the preflight handler: 200 with the CORS headers when `Origin` is allowed and
 * `Access-Control-Request-Method` is one of {@link CORS_METHODS}; otherwise 403
 * `AccessForbidden`.
 */
export function optionsHandler(policy: CorsPolicy): Handler {
  return async (ctx) => {
    const origin = header(ctx, 'origin');
    const method = header(ctx, 'access-control-request-method');
    if (origin === undefined || method === undefined) {
      throw new LocalOssError('AccessForbidden', 'Insufficient information. Origin request header needed.');
    }
    const headers = corsResponseHeaders(policy, origin, header(ctx, 'access-control-request-headers'));
    if (headers === undefined || !CORS_METHODS.split(', ').includes(method.toUpperCase())) {
      throw new LocalOssError('AccessForbidden', 'CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Requet-Headers are not whitelisted by the resource\'s CORS spec.');
    }
    return { headers };
  };
}
