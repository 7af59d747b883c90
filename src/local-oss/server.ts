/**
 * The HTTP side of local-oss and the one place that writes statuses, headers and bodies:
 * address parsing (path style and virtual-hosted), routing, statistics, fault injection,
 * authentication, handler dispatch, CORS, and OSS-shaped success and error responses.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildXml } from '../oss/xml/build-xml.js';
import type { SignableRequest } from '../oss/signer/signable-request.js';
import { BackendError, type Backend } from './backend/backend.js';
import { corsResponseHeaders, type CorsPolicy } from './cors.js';
import { errorHeaderValue, errorXml, LocalOssError } from './errors.js';
import type { FaultInjector } from './faults.js';
import type { Handler, HandlerConfig, HandlerResult, RequestContext } from './handlers/context.js';
import { optionsHandler } from './handlers/options.js';
import { postObjectHandler } from './handlers/post-object.js';
import { HANDLERS, route, type OperationName } from './router.js';
import { verifyRequest, type AcceptedCredentials } from './verify-signature.js';

/** Request counts by OSS operation name. */
export interface LocalOssStats {
  /** Requests routed to `operation` since start or the last reset. */
  count(operation: string): number;
  /** All non-zero counts by operation. */
  snapshot(): Record<string, number>;
  /** Sum of all counts. */
  total(): number;
  /** Sets every count to zero. */
  reset(): void;
}

/** Creates an empty {@link LocalOssStats} with a `record` method for the server. */
export function createStats(): LocalOssStats & { record(operation: string): void } {
  const counts = new Map<string, number>();
  return {
    record(operation) {
      counts.set(operation, (counts.get(operation) ?? 0) + 1);
    },
    count: (operation) => counts.get(operation) ?? 0,
    snapshot: () => Object.fromEntries(counts),
    total: () => [...counts.values()].reduce((a, b) => a + b, 0),
    reset: () => counts.clear(),
  };
}

/** Everything the request listener needs. */
export interface ServerSettings extends HandlerConfig {
  readonly backend: Backend;
  readonly credentials: ReadonlyMap<string, AcceptedCredentials>;
  readonly allowAnonymous: boolean;
  readonly cors: CorsPolicy;
  readonly faults: FaultInjector;
  readonly stats: { record(operation: string): void };
  readonly now: () => Date;
}

/** Where a request points, decoded. */
export interface RequestTarget {
  readonly bucket: string | undefined;
  readonly key: string | undefined;
  readonly query: Array<[string, string]>;
}

function decode(raw: string, plusIsSpace: boolean): string {
  try {
    return decodeURIComponent(plusIsSpace ? raw.replace(/\+/g, ' ') : raw);
  } catch {
    throw new LocalOssError('InvalidURI', `Couldn't parse the specified URI: ${JSON.stringify(raw)}.`);
  }
}

/** The host name without port, lowercase (`[::1]` keeps its brackets removed). */
export function hostName(host: string | undefined): string {
  if (host === undefined) return '';
  const h = host.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(1, h.indexOf(']') > 0 ? h.indexOf(']') : undefined);
  const colon = h.lastIndexOf(':');
  return colon >= 0 && h.indexOf(':') === colon ? h.slice(0, colon) : h;
}

/**
 * Parses Host + request target (reference §15): an IP literal, `localhost`, no Host, or the bare
 * virtual-host domain means path style (`/bucket/key`); any other host is virtual-hosted with the
 * bucket as its first label (an empty first label, as ali-oss sends for ListBuckets, means no
 * bucket). The key is percent-decoded exactly once; `..` and `//` are kept as they are. Query
 * values are decoded (`+` is a space); `?k` and `?k=` both give `''`.
 */
export function parseTarget(host: string | undefined, url: string, virtualHostDomain: string): RequestTarget {
  let target = url;
  if (/^https?:\/\//i.test(target)) {
    const slash = target.indexOf('/', target.indexOf('//') + 2);
    target = slash >= 0 ? target.slice(slash) : '/';
  }
  const q = target.indexOf('?');
  const rawPath = q >= 0 ? target.slice(0, q) : target;
  const rawQuery = q >= 0 ? target.slice(q + 1) : '';
  const query: Array<[string, string]> = [];
  for (const piece of rawQuery.split('&')) {
    if (piece === '') continue;
    const eq = piece.indexOf('=');
    query.push(eq >= 0 ? [decode(piece.slice(0, eq), true), decode(piece.slice(eq + 1), true)] : [decode(piece, true), '']);
  }
  const name = hostName(host);
  const pathStyle = name === '' || name === 'localhost' || isIP(name) !== 0 || name === virtualHostDomain;
  const path = rawPath.startsWith('/') ? rawPath.slice(1) : rawPath;
  if (pathStyle) {
    if (path === '') return { bucket: undefined, key: undefined, query };
    const slash = path.indexOf('/');
    if (slash < 0) return { bucket: decode(path, false), key: undefined, query };
    const rawKey = path.slice(slash + 1);
    return { bucket: decode(path.slice(0, slash), false), key: rawKey === '' ? undefined : decode(rawKey, false), query };
  }
  const label = name.split('.')[0] ?? '';
  return {
    bucket: label === '' ? undefined : label,
    key: path === '' ? undefined : decode(path, false),
    query,
  };
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(',') : value;
  }
  return out;
}

function toLocalOssError(error: unknown): LocalOssError {
  if (error instanceof LocalOssError) return error;
  if (error instanceof BackendError) return new LocalOssError(error.code, error.message, { cause: error });
  return new LocalOssError('InternalError', undefined, { cause: error });
}

async function requireBucketExists(backend: Backend, bucket: string): Promise<void> {
  if ((await backend.getBucket(bucket)) === undefined) {
    throw new LocalOssError('NoSuchBucket', 'The specified bucket does not exist.', { details: { BucketName: bucket } });
  }
}

function requestIds(): () => string {
  const prefix = randomBytes(4).toString('hex').toUpperCase();
  let counter = 0;
  return () => prefix + (counter++).toString(16).toUpperCase().padStart(16, '0');
}

// Why: XML 1.0 parsers turn a literal CR (and CR LF) into LF; a character reference survives, so
// keys containing `\r` round-trip through listings even without `encoding-type=url`.
function xmlBody(root: string, value: Record<string, unknown>): Buffer {
  return Buffer.from(buildXml(root, value).replace(/\r/g, '&#13;'), 'utf8');
}

/** Builds the `node:http` request listener. */
export function createRequestListener(settings: ServerSettings): (req: IncomingMessage, res: ServerResponse) => void {
  const nextId = requestIds();
  const options: Handler = optionsHandler(settings.cors);
  const postObject: Handler = postObjectHandler({ credentials: settings.credentials, allowAnonymous: settings.allowAnonymous });
  const handlerOf = (operation: OperationName): Handler =>
    operation === 'Options' ? options : operation === 'PostObject' ? postObject : HANDLERS[operation];

  return (req, res) => {
    const requestId = nextId();
    const now = settings.now();
    const method = (req.method ?? 'GET').toUpperCase();
    let bucket: string | undefined;

    const commonHeaders = (): Record<string, string> => {
      const headers: Record<string, string> = {
        'x-oss-request-id': requestId,
        date: now.toUTCString(),
        server: 'AliyunOSS',
      };
      const origin = req.headers.origin;
      if (origin !== undefined && method !== 'OPTIONS') {
        Object.assign(headers, corsResponseHeaders(settings.cors, origin) ?? {});
      }
      return headers;
    };

    const sendError = (error: unknown): void => {
      const err = toLocalOssError(error);
      if (err.code === 'InternalError') console.error(`local-oss ${requestId} ${method} ${req.url}:`, err.cause ?? err);
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const hostId = bucket !== undefined ? `${bucket}.${settings.virtualHostDomain}` : settings.virtualHostDomain;
      const headers: Record<string, string> = { ...commonHeaders(), ...err.headers };
      if (err.status === 304) {
        res.writeHead(304, headers);
        res.end();
        return;
      }
      const xml = errorXml(err, requestId, hostId);
      headers['x-oss-ec'] = err.ec;
      if (method === 'HEAD') {
        headers['x-oss-err'] = errorHeaderValue(xml);
        headers['content-length'] = '0';
        res.writeHead(err.status, headers);
        res.end();
        return;
      }
      const body = Buffer.from(xml, 'utf8');
      headers['content-type'] = 'application/xml';
      headers['content-length'] = String(body.length);
      res.writeHead(err.status, headers);
      res.end(body);
    };

    const send = async (result: HandlerResult): Promise<void> => {
      const status = result.status ?? 200;
      const headers: Record<string, string> = { ...commonHeaders(), ...result.headers };
      let body: Buffer | AsyncIterable<Uint8Array> | undefined = result.body;
      if (result.xml !== undefined) {
        body = xmlBody(result.xml.root, result.xml.value);
        headers['content-type'] = 'application/xml';
      }
      if (Buffer.isBuffer(body)) headers['content-length'] = String(body.length);
      else if (result.contentLength !== undefined) headers['content-length'] = String(result.contentLength);
      else if (status !== 204 && status !== 304) headers['content-length'] = '0';
      res.writeHead(status, headers);
      if (method === 'HEAD' || body === undefined) {
        if (body !== undefined && !Buffer.isBuffer(body)) await body[Symbol.asyncIterator]().return?.();
        res.end();
        return;
      }
      if (Buffer.isBuffer(body)) {
        res.end(body);
        return;
      }
      await pipeline(Readable.from(body, { objectMode: false }), res);
    };

    const handle = async (): Promise<void> => {
      const target = parseTarget(req.headers.host, req.url ?? '/', settings.virtualHostDomain);
      bucket = target.bucket;
      const params = new Map<string, string>();
      for (const [k, v] of target.query) if (!params.has(k)) params.set(k, v);
      let operation: OperationName | undefined;
      let routeError: unknown;
      try {
        operation = route({
          method,
          bucket: target.bucket,
          key: target.key,
          params,
          hasCopySource: req.headers['x-oss-copy-source'] !== undefined,
        });
      } catch (error) {
        routeError = error;
      }
      if (operation !== undefined) settings.stats.record(operation);

      let dropAfterApply = false;
      if (operation !== undefined && settings.faults.enabled) {
        const decision = settings.faults.next({ operation, method });
        if (decision.latencyMs > 0) await sleep(decision.latencyMs);
        dropAfterApply = decision.kind === 'drop-after-apply';
        if (decision.kind === 'reset') {
          req.socket.resetAndDestroy();
          return;
        }
        if (decision.kind === 'error') {
          throw new LocalOssError('ServiceUnavailable', 'Injected fault (local-oss fault injection).', {
            status: decision.status,
            codeText: decision.code,
          });
        }
      }

      // Why: OSS resolves the bucket before the access key and the signature (wave 2 §11): a
      // missing bucket is 404 NoSuchBucket even for an unknown key, and an unimplemented
      // sub-resource (routeError) is answered only after the bucket and signature checks.
      if (target.bucket !== undefined && operation !== 'PutBucket' && operation !== 'Options') {
        await requireBucketExists(settings.backend, target.bucket);
      }
      const headers = flatHeaders(req);
      // Why PostObject is exempt: OSS ignores request signatures on it; the form's policy is signed.
      if (operation !== 'Options' && operation !== 'PostObject') {
        const signable: SignableRequest = {
          method,
          ...(target.bucket !== undefined ? { bucket: target.bucket } : {}),
          ...(target.key !== undefined ? { key: target.key } : {}),
          query: target.query,
          headers,
        };
        verifyRequest(signable, { credentials: settings.credentials, allowAnonymous: settings.allowAnonymous, now });
      }

      if (operation === undefined) throw routeError;
      const ctx: RequestContext = {
        requestId,
        method,
        bucket: target.bucket,
        key: target.key,
        query: target.query,
        params,
        headers: req.headers,
        body: req,
        now,
        clock: () => settings.now().getTime(),
        backend: settings.backend,
        config: settings,
      };
      let result: HandlerResult;
      try {
        result = await handlerOf(operation)(ctx);
      } catch (error) {
        if (!dropAfterApply) throw error;
        req.socket.destroy();
        return;
      }
      if (dropAfterApply) {
        // The request was applied; its answer is lost with the connection.
        if (result.body !== undefined && !Buffer.isBuffer(result.body)) await result.body[Symbol.asyncIterator]().return?.();
        req.socket.destroy();
        return;
      }
      await send(result);
    };

    handle().catch(sendError);
  };
}
