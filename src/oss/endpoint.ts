/**
 * Where requests go: region → endpoint host (reference/oss-protocol.md §10.1) and the request URL
 * in virtual-hosted or path style (§10.2). Pure.
 */
import { isIP } from 'node:net';
import { OssInvalidArgumentError } from './errors.js';
import { uriEncode } from './signer/canonical.js';

/** Inputs of {@link resolveEndpoint}; a subset of the client configuration. */
export interface EndpointOptions {
  /** Region id, e.g. `cn-hangzhou` (an `oss-` prefix is accepted and dropped). */
  readonly region: string;
  /** Explicit endpoint, with or without scheme (`https://` assumed), optionally with a port. */
  readonly endpoint?: string | undefined;
  readonly internal?: boolean | undefined;
  readonly dualStack?: boolean | undefined;
  readonly accelerate?: boolean | undefined;
  /** Force path style (`/bucket/key`); IP and `localhost` endpoints always use it. */
  readonly pathStyle?: boolean | undefined;
}

/** A resolved endpoint: scheme, host (with port), addressing style and signing region. */
export interface ResolvedEndpoint {
  readonly protocol: 'http:' | 'https:';
  /** Host name with optional `:port`, IPv6 literals in brackets. */
  readonly host: string;
  readonly pathStyle: boolean;
  /** Region id without the `oss-` prefix, as the V4 scope needs it. */
  readonly region: string;
}

/**
 * The region id as signatures need it: lowercase letters, digits and hyphens, without a leading
 * `oss-`. Throws {@link OssInvalidArgumentError} for anything else.
 */
export function normalizeRegion(region: string): string {
  const plain = region.startsWith('oss-') ? region.slice(4) : region;
  if (!/^[a-z0-9-]+$/.test(plain)) {
    throw new OssInvalidArgumentError('region', 'must match ^[a-z0-9-]+$', region);
  }
  return plain;
}

/**
 * Resolves the endpoint. An explicit `endpoint` wins over region-derived hosts; otherwise
 * `accelerate` → `oss-accelerate.aliyuncs.com`, `dualStack` → `<region>.oss.aliyuncs.com`,
 * `internal` → `oss-<region>-internal.aliyuncs.com`, else `oss-<region>.aliyuncs.com`, all HTTPS.
 * Path style is used when asked for or when the host is an IP address or `localhost`.
 */
export function resolveEndpoint(options: EndpointOptions): ResolvedEndpoint {
  const region = normalizeRegion(options.region);
  let protocol: 'http:' | 'https:' = 'https:';
  let host: string;
  if (options.endpoint !== undefined && options.endpoint !== '') {
    const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(options.endpoint) ? options.endpoint : `https://${options.endpoint}`;
    let url: URL;
    try {
      url = new URL(withScheme);
    } catch (cause) {
      throw Object.assign(new OssInvalidArgumentError('endpoint', 'must be a host name or URL', options.endpoint), { cause });
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new OssInvalidArgumentError('endpoint', 'scheme must be http or https', options.endpoint);
    }
    if ((url.pathname !== '/' && url.pathname !== '') || url.search !== '') {
      throw new OssInvalidArgumentError('endpoint', 'must not carry a path or query', options.endpoint);
    }
    protocol = url.protocol;
    host = url.host;
  } else if (options.accelerate) {
    host = 'oss-accelerate.aliyuncs.com';
  } else if (options.dualStack) {
    host = `${region}.oss.aliyuncs.com`;
  } else if (options.internal) {
    host = `oss-${region}-internal.aliyuncs.com`;
  } else {
    host = `oss-${region}.aliyuncs.com`;
  }
  const pathStyle = options.pathStyle === true || isLiteralHost(hostname(host));
  return { protocol, host, pathStyle, region };
}

/** The host name of `host[:port]`, brackets of IPv6 literals removed. */
function hostname(host: string): string {
  if (host.startsWith('[')) return host.slice(1, host.indexOf(']'));
  const colon = host.lastIndexOf(':');
  return colon === -1 ? host : host.slice(0, colon);
}

/** A `.` or `..` path segment somewhere in a key. */
const DOT_SEGMENT = /(?:^|\/)\.\.?(?:\/|$)/;

/** True for IP literals and `localhost`, which cannot carry a bucket as a subdomain. */
function isLiteralHost(name: string): boolean {
  return isIP(name) !== 0 || name === 'localhost' || name.endsWith('.localhost');
}

/**
 * The encoded query string (without `?`) for decoded parameters: RFC 3986 names and values, an
 * empty value as the bare name. Order is kept.
 */
export function encodeQuery(query: ReadonlyArray<readonly [string, string]>): string {
  return query.map(([name, value]) => (value === '' ? uriEncode(name, false) : `${uriEncode(name, false)}=${uriEncode(value, false)}`)).join('&');
}

/**
 * The URL of a request: `<scheme>://<bucket>.<host>/<key>` in virtual-hosted style,
 * `<scheme>://<host>/<bucket>/<key>` in path style, `<scheme>://<host>/` without a bucket.
 * The key is RFC 3986-encoded with `/` kept (see {@link encodeKeyPath}).
 */
export function buildRequestUrl(
  endpoint: ResolvedEndpoint,
  bucket: string | undefined,
  key: string | undefined,
  query: ReadonlyArray<readonly [string, string]> = [],
): string {
  const encodedKey = key === undefined ? '' : encodeKeyPath(key);
  let base: string;
  if (bucket === undefined) base = `${endpoint.protocol}//${endpoint.host}/`;
  else if (endpoint.pathStyle) base = `${endpoint.protocol}//${endpoint.host}/${bucket}/${encodedKey}`;
  else base = `${endpoint.protocol}//${bucket}.${endpoint.host}/${encodedKey}`;
  const search = encodeQuery(query);
  return search === '' ? base : `${base}?${search}`;
}

/**
 * A key as a URL path: RFC 3986-encoded with `/` kept, and `.`/`..` segments written as
 * `%2E`/`%2E%2E`.
 * Why: URL parsers resolve dot segments, which would silently turn key `a/../b` into `b`.
 */
export function encodeKeyPath(key: string): string {
  if (!DOT_SEGMENT.test(key)) return uriEncode(key, true);
  return uriEncode(key, true)
    .split('/')
    .map((segment) => (segment === '.' ? '%2E' : segment === '..' ? '%2E%2E' : segment))
    .join('/');
}
