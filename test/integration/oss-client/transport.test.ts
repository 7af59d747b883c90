/**
 * The client's transport for answers it reads whole (`send-buffered.ts`), against a hand-written
 * HTTP server that misbehaves on purpose: repeated headers, error bodies far above the read limit,
 * bodies that stall or break part-way, HEAD answers on one kept-alive connection.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOssApi } from '../../../src/oss/api.js';
import { createOssClient } from '../../../src/oss/client.js';
import type { OssClientConfig } from '../../../src/oss/client.js';
import { MAX_ERROR_BODY_BYTES } from '../../../src/oss/defaults.js';
import { OssRequestError, OssServiceError } from '../../../src/oss/errors.js';
import type { StoreAttemptOutcome } from '../../../src/oss/observer.js';

type Route = (req: IncomingMessage, res: ServerResponse) => void;

let server: Server;
let url: string;
let route: Route = (_, res) => res.end();
const sockets = new Set<Socket>();
let connections = 0;

beforeAll(async () => {
  server = createServer((req, res) => route(req, res));
  server.on('connection', (socket) => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
});

function objectHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return {
    'content-length': '5',
    etag: '"abc"',
    'last-modified': 'Sat, 16 Dec 2023 16:20:57 GMT',
    'x-oss-request-id': 'REQ-1',
    ...extra,
  };
}

function clientFor(config: Partial<OssClientConfig> = {}) {
  const outcomes: StoreAttemptOutcome[] = [];
  const client = createOssClient({
    region: 'cn-hangzhou',
    endpoint: url,
    credentials: { accessKeyId: 'ak', accessKeySecret: 'sk' },
    sleep: () => Promise.resolve(),
    observer: { attemptStarted: () => (outcome) => void outcomes.push(outcome) },
    ...config,
  });
  return { client, api: createOssApi(client), outcomes };
}

describe('answers read whole', () => {
  it('keeps one connection for many HEADs (reset: false) and parses headers once, lowercase', async () => {
    route = (_, res) => {
      res.writeHead(200, [
        ['Content-Length', '5'],
        ['ETag', '"abc"'],
        ['Last-Modified', 'Sat, 16 Dec 2023 16:20:57 GMT'],
        ['X-Oss-Request-Id', 'REQ-1'],
        ['X-Oss-Meta-Zeta', 'z'],
        ['X-Oss-Meta-Alpha', 'a'],
        ['Cache-Control', 'no-cache'],
        ['Cache-Control', 'private'],
      ] as unknown as Record<string, string>);
      res.end();
    };
    const { client, api } = clientFor({ connections: 1 });
    const before = connections;
    for (let i = 0; i < 20; i++) {
      const head = await api.headObject({ bucket: 'bkt', key: `k${i}` });
      expect(head).toMatchObject({ contentLength: 5, etag: '"abc"', requestId: 'REQ-1', cacheControl: 'no-cache, private' });
      expect(Object.keys(head.metadata)).toEqual(['alpha', 'zeta']);
      expect(head.headers['x-oss-meta-zeta']).toBe('z');
    }
    expect(connections - before).toBe(1);
    await client.close();
  });

  it('cuts an error body at MAX_ERROR_BODY_BYTES and still parses the service error', async () => {
    const xml = `<?xml version="1.0"?><Error><Code>NoSuchKey</Code><Message>gone</Message><RequestId>E1</RequestId></Error>`;
    route = (_, res) => {
      res.writeHead(404, { 'content-type': 'application/xml', 'x-oss-request-id': 'E1' });
      res.end(xml + ' '.repeat(4 * MAX_ERROR_BODY_BYTES));
    };
    const { client, api } = clientFor();
    const error = await api.deleteObject({ bucket: 'bkt', key: 'k' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OssServiceError);
    expect(error).toMatchObject({ status: 404, code: 'NoSuchKey', requestId: 'E1' });
    await client.close();
  });

  it('answers a 2xx body that breaks part-way with RequestError, after retries, reporting the status seen', async () => {
    route = (_, res) => {
      res.writeHead(200, { 'content-type': 'application/xml', 'content-length': '1000', 'x-oss-request-id': 'R2' });
      res.write('<ListAllMyBucketsResult>');
      setTimeout(() => res.socket?.destroy(), 20);
    };
    const { client, api, outcomes } = clientFor();
    const error = await api.listBuckets({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OssRequestError);
    expect(error).toMatchObject({ code: 'RequestError' });
    expect(outcomes).toHaveLength(3);
    expect(outcomes.map((o) => [o.status, o.requestId])).toEqual([
      [200, 'R2'],
      [200, 'R2'],
      [200, 'R2'],
    ]);
    await client.close();
  });

  it('answers a stalled body with RequestTimeout (the dispatcher body timeout)', async () => {
    route = (_, res) => {
      res.writeHead(200, { 'content-type': 'application/xml', 'content-length': '1000' });
      res.write('<ListAllMyBucketsResult>');
    };
    const { client, api } = clientFor({ timeouts: { bodyMs: 150 }, maxAttempts: 1 });
    await expect(api.listBuckets({})).rejects.toMatchObject({ code: 'RequestTimeout' });
    await client.close();
  });

  it('answers stalled headers with RequestTimeout', async () => {
    route = () => undefined;
    const { client, api } = clientFor({ timeouts: { headersMs: 150 }, maxAttempts: 1 });
    await expect(api.headObject({ bucket: 'bkt', key: 'k' })).rejects.toMatchObject({ code: 'RequestTimeout' });
    await client.close();
  });

  it('aborts a request whose body is in flight, and one aborted before it was sent', async () => {
    route = (_, res) => {
      res.writeHead(200, { 'content-type': 'application/xml', 'content-length': '1000' });
      res.write('<ListAllMyBucketsResult>');
    };
    const { client, api } = clientFor();
    const controller = new AbortController();
    const pending = api.listBuckets({}, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('caller gave up')), 50);
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OssRequestError);
    expect(error).toMatchObject({ code: 'RequestAborted' });

    route = (_, res) => res.writeHead(200, objectHeaders()).end();
    const before = new AbortController();
    before.abort();
    await expect(api.headObject({ bucket: 'bkt', key: 'k' }, { signal: before.signal })).rejects.toMatchObject({ code: 'RequestAborted' });
    await client.close();
  });

  it('reads a body sent in many chunks whole', async () => {
    const names = Array.from({ length: 300 }, (_, i) => `bucket-${String(i).padStart(4, '0')}`);
    route = (_, res) => {
      res.writeHead(200, { 'content-type': 'application/xml', 'x-oss-request-id': 'R3' });
      res.write('<?xml version="1.0"?><ListAllMyBucketsResult><Buckets>');
      let i = 0;
      const next = (): void => {
        if (i === names.length) {
          res.end('</Buckets></ListAllMyBucketsResult>');
          return;
        }
        res.write(`<Bucket><Name>${names[i++]}</Name><CreationDate>2023-12-16T16:20:57.000Z</CreationDate></Bucket>`);
        setImmediate(next);
      };
      next();
    };
    const { client, api } = clientFor();
    const listed = await api.listBuckets({});
    expect(listed.buckets.map((b) => b.name)).toEqual(names);
    await client.close();
  });
});
