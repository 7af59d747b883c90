/**
 * The raw baseline: OSS requests sent directly with undici — V4-signed with the project's pure
 * signer (a client cannot do less), path-style, keep-alive, no retries, no parsing beyond the
 * status. What ossgraph adds on top of this is what the ratios measure.
 */
import { Readable } from 'node:stream';
import { Agent, request } from 'undici';
import type { Dispatcher } from 'undici';
import { encodeKeyPath } from '../../src/oss/endpoint.js';
import { signV4 } from '../../src/oss/signer/sign-v4.js';
import type { Credentials } from '../../src/oss/credentials/credentials.js';

/** Where local-oss is and how to sign for it. */
export interface RawOssTarget {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  readonly url: string;
  readonly region: string;
  readonly credentials: Credentials;
}

/** An object reference. */
export interface Ref {
  readonly bucket: string;
  readonly key: string;
}

/** A raw client over one keep-alive undici pool. */
export interface RawOss {
  /** HEAD the object; resolves with the status (the body is drained). */
  head(ref: Ref): Promise<number>;
  /** PUT `body` (a Buffer or an async iterable of chunks of `length` bytes in total); throws unless 200. */
  put(ref: Ref, body: Uint8Array | AsyncIterable<Uint8Array>, length: number, headers?: Record<string, string>): Promise<void>;
  /** Sends any signed request and returns status, headers and body text; for seeding and setup. */
  send(
    method: string,
    ref: { bucket: string; key?: string },
    query?: ReadonlyArray<readonly [string, string]>,
    body?: Uint8Array | string,
    headers?: Record<string, string>,
  ): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }>;
  close(): Promise<void>;
}

function encodeQuery(query: ReadonlyArray<readonly [string, string]>): string {
  return query
    .map(([n, v]) => (v === '' ? encodeURIComponent(n) : `${encodeURIComponent(n)}=${encodeURIComponent(v)}`))
    .join('&');
}

/** Creates a raw client with `connections` keep-alive connections to `target.url`. */
export function createRawOss(target: RawOssTarget, connections: number): RawOss {
  const dispatcher: Dispatcher = new Agent({ connections, keepAliveTimeout: 30_000, pipelining: 1 });
  const origin = new URL(target.url);

  function signed(
    method: string,
    ref: { bucket: string; key?: string },
    query: ReadonlyArray<readonly [string, string]>,
    headers: Record<string, string>,
  ): { url: string; headers: Record<string, string> } {
    const added = signV4(
      { method, bucket: ref.bucket, ...(ref.key !== undefined ? { key: ref.key } : {}), query, headers },
      { credentials: target.credentials, region: target.region, now: new Date() },
    ).headers;
    const path = `/${ref.bucket}/${ref.key === undefined ? '' : encodeKeyPath(ref.key)}`;
    const search = encodeQuery(query);
    return {
      url: `${origin.origin}${path}${search === '' ? '' : `?${search}`}`,
      headers: { ...headers, ...added },
    };
  }

  return {
    async head(ref) {
      const req = signed('HEAD', ref, [], {});
      // Why `reset: false`: undici closes the connection after every HEAD unless told otherwise (to
      // survive servers that wrongly send a body); local-oss sends none, and ossgraph does the same.
      const res = await request(req.url, { method: 'HEAD', headers: req.headers, dispatcher, reset: false });
      await res.body.dump();
      return res.statusCode;
    },
    async put(ref, body, length, headers = {}) {
      const req = signed('PUT', ref, [], { ...headers, 'content-length': String(length) });
      const payload = body instanceof Uint8Array ? body : Readable.from(body);
      const res = await request(req.url, { method: 'PUT', headers: req.headers, body: payload, dispatcher });
      const text = await res.body.text();
      if (res.statusCode !== 200) throw new Error(`raw PUT ${ref.bucket}/${ref.key}: ${res.statusCode} ${text}`);
    },
    async send(method, ref, query = [], body, headers = {}) {
      const all = { ...headers };
      if (body !== undefined) all['content-length'] = String(typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength);
      const req = signed(method, ref, query, all);
      const res = await request(req.url, {
        method: method as Dispatcher.HttpMethod,
        headers: req.headers,
        ...(body !== undefined ? { body } : {}),
        dispatcher,
      });
      const text = await res.body.text();
      return { status: res.statusCode, headers: res.headers, text };
    },
    close: () => dispatcher.close(),
  };
}
