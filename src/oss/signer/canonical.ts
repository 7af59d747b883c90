/**
 * Canonicalisation for OSS signatures (V4 and V1), shared by the client signer and the local-oss
 * verifier. Pure: no clock, no I/O. The fixed SDK vectors in the unit tests are the oracle.
 */
import type { SignableRequest } from './signable-request.js';

const HEX = '0123456789ABCDEF';
/** `%XX` (uppercase) for every byte value; unreserved bytes map to themselves. */
const BYTE_ENCODING: readonly string[] = Array.from({ length: 256 }, (_, byte) => {
  const ch = String.fromCharCode(byte);
  return /^[A-Za-z0-9\-_.~]$/.test(ch) ? ch : `%${HEX[byte >> 4]}${HEX[byte & 15]}`;
});

/**
 * RFC 3986 strict percent-encoding over the UTF-8 bytes of `value`: unreserved characters
 * (`A-Za-z0-9-_.~`) stay literal, every other byte becomes `%XX` with uppercase hex. `/` stays
 * literal only when `keepSlash` is true. Unpaired surrogates encode as U+FFFD (as UTF-8 would).
 */
export function uriEncode(value: string, keepSlash: boolean): string {
  // Why: the common case (plain ASCII names, keys with `/` kept) needs no byte buffer.
  if ((keepSlash ? UNRESERVED_OR_SLASH : UNRESERVED).test(value)) return value;
  const bytes = Buffer.from(value, 'utf8');
  let out = '';
  for (const byte of bytes) {
    out += keepSlash && byte === 0x2f ? '/' : (BYTE_ENCODING[byte] as string);
  }
  return out;
}

const UNRESERVED = /^[A-Za-z0-9\-_.~]*$/;
const UNRESERVED_OR_SLASH = /^[A-Za-z0-9\-_.~/]*$/;

/**
 * The V4 CanonicalURI: `/bucket/key` (key encoded with `/` kept), `/bucket/` without a key, `/`
 * without a bucket. The bucket is always part of it, whatever the addressing style.
 */
export function canonicalUriV4(bucket?: string, key?: string): string {
  if (bucket === undefined || bucket === '') return '/';
  return uriEncode(`/${bucket}/${key ?? ''}`, true);
}

/**
 * The V4 CanonicalQueryString: every parameter (not only sub-resources), key and value
 * RFC 3986-encoded, sorted by encoded key then encoded value in byte order, joined with `&`; an
 * empty value is emitted as the bare key (so `?objectMeta` and `?objectMeta=` are the same).
 */
export function canonicalQueryV4(query: SignableRequest['query']): string {
  // Why the short cuts: most store requests carry no parameter or one (`?objectMeta`).
  if (query.length === 0) return '';
  if (query.length === 1) {
    const [name, value] = query[0] as readonly [string, string];
    return queryPair(uriEncode(name, false), uriEncode(value, false));
  }
  const encoded = query.map(([name, value]) => [uriEncode(name, false), uriEncode(value, false)] as const);
  // Why: encoded strings are ASCII, so UTF-16 code-unit comparison is byte order (not localeCompare).
  encoded.sort((a, b) => compare(a[0], b[0]) || compare(a[1], b[1]));
  let out = '';
  for (const [name, value] of encoded) out += (out === '' ? '' : '&') + queryPair(name, value);
  return out;
}

function queryPair(name: string, value: string): string {
  return value === '' ? name : `${name}=${value}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** True for headers that V4 always signs when present: `x-oss-*`, `content-type`, `content-md5`. */
function isDefaultSignedV4(name: string): boolean {
  return name.startsWith('x-oss-') || name === 'content-type' || name === 'content-md5';
}

/**
 * The V4 CanonicalHeaders block and the additional headers that are actually signed.
 *
 * `canonicalHeaders` holds one `name:value\n` line (lowercase name, trimmed value) per header that
 * is `x-oss-*`, `content-type`, `content-md5`, or named in `additionalHeaders`, sorted by name.
 * `signedAdditional` is `additionalHeaders` lowercased, deduplicated, sorted, without the
 * default-signed ones and without headers absent from `headers`.
 */
export function canonicalHeadersV4(
  headers: Readonly<Record<string, string>>,
  additionalHeaders: readonly string[],
): { canonicalHeaders: string; signedAdditional: string[] } {
  return canonicalHeadersOf(headers, undefined, additionalHeaders);
}

/**
 * {@link canonicalHeadersV4} of `headers` and `extra` together (`extra` wins on a name clash),
 * without merging them first. Why: the signer adds its own headers (`x-oss-date`, …) to every
 * request; this reads both records once instead of copying them into a third.
 */
export function canonicalHeadersOf(
  headers: Readonly<Record<string, string>>,
  extra: Readonly<Record<string, string>> | undefined,
  additionalHeaders: readonly string[],
): { canonicalHeaders: string; signedAdditional: string[] } {
  let additional: Set<string> | undefined;
  for (const name of additionalHeaders) {
    const lower = name.toLowerCase();
    if (!isDefaultSignedV4(lower)) (additional ??= new Set()).add(lower);
  }
  // Names kept sorted as they are found (a request has a handful): no Map, no spread, no sort.
  const names: string[] = [];
  const values: string[] = [];
  for (const record of extra === undefined ? [headers] : [headers, extra]) {
    for (const name of Object.keys(record)) {
      const lower = name.toLowerCase();
      if (!isDefaultSignedV4(lower) && additional?.has(lower) !== true) continue;
      const value = record[name] as string;
      let at = names.length;
      while (at > 0 && compare(names[at - 1] as string, lower) > 0) at--;
      if (at > 0 && names[at - 1] === lower) {
        values[at - 1] = value; // A later record, or the same name in another case, wins.
      } else {
        names.splice(at, 0, lower);
        values.splice(at, 0, value);
      }
    }
  }
  let canonicalHeaders = '';
  for (let i = 0; i < names.length; i++) canonicalHeaders += `${names[i] as string}:${(values[i] as string).trim()}\n`;
  const signedAdditional = additional === undefined ? [] : names.filter((name) => additional.has(name));
  return { canonicalHeaders, signedAdditional };
}

/**
 * The V4 canonical request text (§7.1 step 4). `payloadHash` defaults to the request's
 * `x-oss-content-sha256` header, else `UNSIGNED-PAYLOAD`.
 */
export function canonicalRequestV4(
  request: SignableRequest,
  additionalHeaders: readonly string[],
  payloadHash?: string,
): string {
  const { canonicalHeaders, signedAdditional } = canonicalHeadersV4(request.headers, additionalHeaders);
  return canonicalRequestText(request, canonicalHeaders, signedAdditional, payloadHash ?? request.headers['x-oss-content-sha256'] ?? 'UNSIGNED-PAYLOAD');
}

/** The canonical request text from its already canonical header parts. */
export function canonicalRequestText(
  request: Pick<SignableRequest, 'method' | 'bucket' | 'key' | 'query'>,
  canonicalHeaders: string,
  signedAdditional: readonly string[],
  payloadHash: string,
): string {
  return (
    `${request.method.toUpperCase()}\n${canonicalUriV4(request.bucket, request.key)}\n${canonicalQueryV4(request.query)}\n` +
    `${canonicalHeaders}\n${signedAdditional.join(';')}\n${payloadHash}`
  );
}

/**
 * Query keys that V1 signs as sub-resources: the union of the Python SDK V2 list (with its
 * per-operation extras), the Go SDK V2 list and the 2021 API documentation list. Any query key
 * starting with `x-oss-` is signed as well (see {@link canonicalResourceV1}).
 */
export const V1_SUB_RESOURCES: ReadonlySet<string> = new Set([
  // Python SDK V2 `_subresource_key_set` (Go: the same minus resourceGroup).
  'acl', 'bucketInfo', 'location', 'stat', 'delete', 'append', 'tagging', 'objectMeta', 'uploads',
  'uploadId', 'partNumber', 'security-token', 'position', 'response-content-type',
  'response-content-language', 'response-expires', 'response-cache-control',
  'response-content-disposition', 'response-content-encoding', 'restore', 'callback',
  'callback-var', 'versions', 'versioning', 'versionId', 'sequential', 'continuation-token',
  'regionList', 'cloudboxes', 'symlink', 'resourceGroup',
  // Python per-operation extras.
  'policy', 'inventory', 'inventoryId',
  // 2021 documentation list.
  'cors', 'logging', 'website', 'referer', 'lifecycle', 'img', 'style', 'styleName', 'replication',
  'replicationProgress', 'replicationLocation', 'cname', 'comp', 'qos', 'live', 'status', 'vod',
  'startTime', 'endTime', 'x-oss-process',
]);

/**
 * The V1 CanonicalizedResource: `/bucket/<raw key>` (`/bucket/` without a key, `/` without a
 * bucket), then `?` and the sub-resources present in `query` (whitelisted or `x-oss-*`), sorted,
 * as `k` or `k=v` with decoded values, joined by `&`.
 */
export function canonicalResourceV1(
  bucket: string | undefined,
  key: string | undefined,
  query: SignableRequest['query'],
): string {
  const path = bucket === undefined || bucket === '' ? '/' : `/${bucket}/${key ?? ''}`;
  const subResources = query
    .filter(([name]) => V1_SUB_RESOURCES.has(name) || name.startsWith('x-oss-'))
    .map(([name, value]) => [name, value] as const)
    .sort((a, b) => compare(a[0], b[0]) || compare(a[1], b[1]));
  if (subResources.length === 0) return path;
  return `${path}?${subResources.map(([name, value]) => (value === '' ? name : `${name}=${value}`)).join('&')}`;
}

/**
 * The V1 string to sign: `VERB\nContent-MD5\nContent-Type\n<dateOrExpires>\n` + one
 * `name:value\n` line per `x-oss-*` header (lowercase, sorted) + the canonical resource.
 * `dateOrExpires` is the Date line: the `Date`/`x-oss-date` value, or `Expires` for presigning.
 */
export function stringToSignV1(request: SignableRequest, dateOrExpires: string): string {
  const lowered = new Map<string, string>();
  for (const [name, value] of Object.entries(request.headers)) lowered.set(name.toLowerCase(), value);
  const ossHeaders = [...lowered.keys()]
    .filter((h) => h.startsWith('x-oss-'))
    .sort(compare)
    .map((h) => `${h}:${(lowered.get(h) ?? '').trim()}\n`)
    .join('');
  return (
    `${request.method.toUpperCase()}\n${lowered.get('content-md5') ?? ''}\n${lowered.get('content-type') ?? ''}\n` +
    `${dateOrExpires}\n${ossHeaders}${canonicalResourceV1(request.bucket, request.key, request.query)}`
  );
}
