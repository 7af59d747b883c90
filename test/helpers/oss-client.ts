/**
 * A fake OSS for unit tests: an undici MockAgent whose single persistent interceptor hands every
 * request to a handler, records it, and replies with what the handler returns (or throws what it
 * throws, as a transport failure). No sockets.
 */
import { MockAgent } from 'undici';
import { createOssClient } from '../../src/oss/client.js';
import type { OssClient, OssClientConfig } from '../../src/oss/client.js';

/** One request as the fake received it. */
export interface FakeRequest {
  readonly method: string;
  /** Path with query, as sent. */
  readonly path: string;
  readonly origin: string;
  readonly headers: Record<string, string>;
  readonly body: Buffer | undefined;
}

/** What the handler answers. */
export interface FakeReply {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: string | Buffer;
}

/** A client wired to a fake, with the requests it sent and the sleeps it asked for. */
export interface FakeOss {
  readonly client: OssClient;
  readonly requests: FakeRequest[];
  readonly sleeps: number[];
  readonly agent: MockAgent;
}

/** Fixed test time: 2023-12-16T16:20:57Z (the V4 vector time). */
export const FIXED_NOW = 1702743657000;

/**
 * A client whose transport is a MockAgent answering with `handler`; `now`, `random` and `sleep`
 * are fixed (random 0.5, sleeps recorded and instant). `config` overrides anything.
 */
export function fakeOss(
  handler: (request: FakeRequest, index: number) => FakeReply,
  config: Partial<OssClientConfig> = {},
): FakeOss {
  const agent = new MockAgent();
  agent.disableNetConnect();
  const requests: FakeRequest[] = [];
  const sleeps: number[] = [];
  agent
    .get(() => true)
    .intercept({ path: () => true, method: () => true })
    .reply((options) => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries((options.headers ?? {}) as Record<string, string | string[]>)) {
        headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
      }
      const raw = (options as { body?: unknown }).body;
      const body = raw === undefined || raw === null ? undefined : Buffer.isBuffer(raw) ? raw : Buffer.from(String(raw));
      const request: FakeRequest = {
        method: options.method,
        path: options.path,
        origin: String((options as { origin?: unknown }).origin ?? ''),
        headers,
        body,
      };
      requests.push(request);
      const reply = handler(request, requests.length - 1);
      return { statusCode: reply.status, data: reply.body ?? '', responseOptions: { headers: reply.headers ?? {} } };
    })
    .persist();
  const client = createOssClient({
    region: 'cn-hangzhou',
    credentials: { accessKeyId: 'ak', accessKeySecret: 'sk' },
    dispatcher: agent,
    now: () => FIXED_NOW,
    random: () => 0.5,
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    ...config,
  });
  return { client, requests, sleeps, agent };
}

/** A reply with the usual OSS response headers. */
export function ok(headers: Record<string, string> = {}, body: string | Buffer = ''): FakeReply {
  return { status: 200, headers: { 'x-oss-request-id': 'REQ1', date: new Date(FIXED_NOW).toUTCString(), ...headers }, body };
}

/** An OSS error reply with the `<Error>` XML body. */
export function errorReply(status: number, code: string, extra: Record<string, string> = {}): FakeReply {
  const xml =
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>m</Message>` +
    `<RequestId>ERRREQ</RequestId><HostId>h</HostId><EC>0000-00000000</EC></Error>`;
  return { status, headers: { 'content-type': 'application/xml', 'x-oss-request-id': 'ERRREQ', date: new Date(FIXED_NOW).toUTCString(), ...extra }, body: xml };
}
