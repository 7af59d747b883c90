/**
 * Helpers for tests that talk to local-oss over real sockets.
 */
import { Readable } from 'node:stream';
import { Agent, buildConnector, getGlobalDispatcher, type Dispatcher } from 'undici';
import { uriEncode } from '../../src/oss/signer/canonical.js';
import type { SignableRequest } from '../../src/oss/signer/signable-request.js';
import { signV1 } from '../../src/oss/signer/sign-v1.js';
import { signV4 } from '../../src/oss/signer/sign-v4.js';

/**
 * An undici dispatcher that connects every request to 127.0.0.1 while keeping the URL's host in
 * the `Host` header, so virtual-hosted URLs such as `http://bucket.localhost:PORT/key` (which
 * ali-oss presigns for a non-IP endpoint) reach local-oss without DNS.
 */
export function loopbackDispatcher(): Agent {
  const connect = buildConnector({});
  return new Agent({
    connect: (options, callback) => connect({ ...options, hostname: '127.0.0.1' }, callback),
  });
}

/** A request to send to local-oss, signed with its first key pair unless `sign` is false. */
export interface RawRequest {
  readonly method: string;
  readonly bucket?: string;
  readonly key?: string;
  /** Decoded query parameters; `''` renders as a bare `?k`. */
  readonly query?: ReadonlyArray<readonly [string, string]>;
  readonly headers?: Record<string, string>;
  /** A buffer, a string, or a stream sent with chunked encoding (for slow bodies). */
  readonly body?: Buffer | string | AsyncIterable<Uint8Array>;
  /** `v4` (default), `v1` or `none`. */
  readonly sign?: 'v4' | 'v1' | 'none';
  /** Credentials to sign with (default the store's first pair). */
  readonly credentials?: { accessKeyId: string; accessKeySecret: string; securityToken?: string };
  /** Signing time (default now). */
  readonly now?: Date;
  /** Address virtual-hosted (`Host: bucket.<domain>`) instead of path style. */
  readonly virtualHosted?: boolean;
}

/** A response read completely. */
export interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
  readonly text: string;
}

/**
 * Encodes a key for a URL path: RFC 3986 with `/` kept, and every `.` as `%2E` so that dot
 * segments (`..`) reach the server instead of being normalised away by URL handling.
 */
export function encodeKeyPath(key: string): string {
  return uriEncode(key, true).replace(/\./g, '%2E');
}

/** Sends one request to `store` with undici (no URL normalisation) and reads the whole answer. */
export async function rawRequest(
  store: { url: string; endpointHost: string; region: string; credentials: { accessKeyId: string; accessKeySecret: string; securityToken?: string } },
  input: RawRequest,
): Promise<RawResponse> {
  const query = input.query ?? [];
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(input.headers ?? {})) headers[k.toLowerCase()] = v;
  const signable: SignableRequest = {
    method: input.method,
    ...(input.bucket !== undefined ? { bucket: input.bucket } : {}),
    ...(input.key !== undefined ? { key: input.key } : {}),
    query,
    headers,
  };
  const credentials = input.credentials ?? store.credentials;
  const now = input.now ?? new Date();
  const sign = input.sign ?? 'v4';
  if (sign === 'v4') Object.assign(headers, signV4(signable, { credentials, region: store.region, now }).headers);
  if (sign === 'v1') Object.assign(headers, signV1(signable, { credentials, now }).headers);

  const keyPath = input.key !== undefined ? encodeKeyPath(input.key) : '';
  let path: string;
  if (input.virtualHosted === true && input.bucket !== undefined) {
    headers['host'] = `${input.bucket}.${store.endpointHost}`;
    path = `/${keyPath}`;
  } else {
    path = input.bucket !== undefined ? `/${input.bucket}/${keyPath}` : '/';
  }
  const qs = query.map(([k, v]) => (v === '' ? uriEncode(k, false) : `${uriEncode(k, false)}=${uriEncode(v, false)}`)).join('&');
  // Why: dispatcher.request takes the path verbatim; a URL string would go through WHATWG URL
  // parsing, which removes `..` segments even when spelled `%2E%2E`.
  const response = await getGlobalDispatcher().request({
    origin: store.url,
    path: `${path}${qs !== '' ? `?${qs}` : ''}`,
    method: input.method as Dispatcher.HttpMethod,
    headers,
    ...(input.body === undefined
      ? {}
      : { body: typeof input.body === 'string' || Buffer.isBuffer(input.body) ? input.body : Readable.from(input.body) }),
  });
  const body = Buffer.from(await response.body.arrayBuffer());
  const flat: Record<string, string> = {};
  for (const [k, v] of Object.entries(response.headers)) if (v !== undefined) flat[k] = Array.isArray(v) ? v.join(',') : v;
  return { status: response.statusCode, headers: flat, body, text: body.toString('utf8') };
}

/** The `<Code>` of an error body, or of the base64 `x-oss-err` header for HEAD. */
export function errorCode(response: RawResponse): string | undefined {
  const xml = response.text !== '' ? response.text : Buffer.from(response.headers['x-oss-err'] ?? '', 'base64').toString('utf8');
  return /<Code>([^<]*)<\/Code>/.exec(xml)?.[1];
}

/** The OSS settings of an ossgraph environment that point at `store` (region, endpoint, first key pair). */
export function storeEnv(store: {
  readonly region: string;
  readonly url: string;
  readonly credentials: { readonly accessKeyId: string; readonly accessKeySecret: string };
}): Record<string, string> {
  return {
    OSS_REGION: store.region,
    OSS_ENDPOINT: store.url,
    OSS_ACCESS_KEY_ID: store.credentials.accessKeyId,
    OSS_ACCESS_KEY_SECRET: store.credentials.accessKeySecret,
  };
}
