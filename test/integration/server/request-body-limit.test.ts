import { describe, expect, it } from 'vitest';
import { MULTIPART_OVERHEAD_BYTES } from '../../../src/server/create-yoga.js';
import { PAYLOAD_TOO_LARGE } from '../../../src/server/plugins/use-upload-limit.js';
import { useListeningAppFixture } from './app-fixture.js';

const LIMIT = 1024;
const BODY_LIMIT = LIMIT + MULTIPART_OVERHEAD_BYTES;
const HEADERS = { 'content-type': 'application/json', 'x-graphql-yoga-csrf': '1' };

/** A JSON GraphQL body of exactly `size` bytes (padded with spaces, which JSON ignores). */
function jsonBody(size: number): string {
  const core = JSON.stringify({ query: '{ __typename }' });
  return core.slice(0, -1) + ' '.repeat(Math.max(0, size - core.length)) + '}';
}

/** A body stream without a length, so undici sends it chunked (no Content-Length). */
function chunked(text: string, chunk = 64 * 1024): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) {
        controller.close();
        return;
      }
      controller.enqueue(bytes.subarray(at, at + chunk));
      at += chunk;
    },
  });
}

describe('whole-body limit (Content-Length checked up front, chunked bodies counted)', () => {
  const h = useListeningAppFixture({ OSSGRAPH_MAX_UPLOAD_BYTES: String(LIMIT) });

  async function expect413(response: Response): Promise<void> {
    expect(response.status).toBe(413);
    const body = (await response.json()) as { errors: Array<{ extensions?: Record<string, unknown> }> };
    expect(body.errors[0]?.extensions?.['code']).toBe(PAYLOAD_TOO_LARGE);
  }

  it('answers a body at the limit with Content-Length normally', async () => {
    const response = await fetch(`${h.server.origin}/graphql`, { method: 'POST', headers: HEADERS, body: jsonBody(BODY_LIMIT) });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('refuses a body one byte over the limit by its Content-Length', async () => {
    await expect413(await fetch(`${h.server.origin}/graphql`, { method: 'POST', headers: HEADERS, body: jsonBody(BODY_LIMIT + 1) }));
    expect(h.fixture.store.stats.total()).toBe(0);
  });

  it('answers a small chunked body (no Content-Length) normally', async () => {
    const response = await fetch(`${h.server.origin}/graphql`, {
      method: 'POST',
      headers: HEADERS,
      body: chunked(jsonBody(5000), 1000),
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('refuses a chunked body over the limit while reading it', async () => {
    await expect413(
      await fetch(`${h.server.origin}/graphql`, { method: 'POST', headers: HEADERS, body: chunked(jsonBody(BODY_LIMIT + 100_000)), duplex: 'half' } as RequestInit),
    );
  });
});
