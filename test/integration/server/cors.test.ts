import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppFixture } from './app-fixture.js';
import type { AppFixture } from './app-fixture.js';

const ALLOWED = 'https://app.example.com';
const ALSO_ALLOWED = 'https://admin.example.com';
const OTHER = 'https://evil.example.net';
const QUERY = '{ __typename }';

/** The `access-control-*` headers of `response`. */
function corsHeaders(response: Response): Record<string, string> {
  return Object.fromEntries([...response.headers].filter(([name]) => name.startsWith('access-control-')));
}

describe('CORS with an allowlist', () => {
  let fixture: AppFixture;
  beforeAll(async () => {
    fixture = await startAppFixture({ OSSGRAPH_CORS_ORIGINS: `${ALLOWED},${ALSO_ALLOWED}` });
  });
  afterAll(() => fixture.close());

  it.each([ALLOWED, ALSO_ALLOWED])('answers %s with its own origin and no credentials', async (origin) => {
    const response = await fixture.graphql(QUERY, undefined, { origin });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(origin);
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect(response.headers.get('vary')).toMatch(/\bOrigin\b/);
  });

  it('sends no CORS header at all to another origin', async () => {
    const response = await fixture.graphql(QUERY, undefined, { origin: OTHER });
    expect(response.status).toBe(200);
    expect(corsHeaders(response)).toEqual({});
    expect(response.headers.get('vary')).toMatch(/\bOrigin\b/);
  });

  it('answers a preflight from an allowed origin with methods, headers and max age', async () => {
    const response = await fixture.fetch('/graphql', {
      method: 'OPTIONS',
      headers: { origin: ALLOWED, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-graphql-yoga-csrf' },
    });
    expect(response.status).toBe(204);
    const headers = corsHeaders(response);
    expect(headers['access-control-allow-origin']).toBe(ALLOWED);
    expect(headers['access-control-allow-methods']).toBe('GET, POST, OPTIONS');
    expect(headers['access-control-allow-headers']?.split(', ')).toEqual(expect.arrayContaining(['content-type', 'x-graphql-yoga-csrf']));
    expect(headers['access-control-max-age']).toBe('600');
    expect(headers['access-control-allow-credentials']).toBeUndefined();
  });

  it('answers a preflight from another origin without CORS headers', async () => {
    const response = await fixture.fetch('/graphql', {
      method: 'OPTIONS',
      headers: { origin: OTHER, 'access-control-request-method': 'POST' },
    });
    expect(response.status).toBe(204);
    expect(corsHeaders(response)).toEqual({});
  });
});

describe('CORS with an empty allowlist', () => {
  let fixture: AppFixture;
  beforeAll(async () => {
    fixture = await startAppFixture();
  });
  afterAll(() => fixture.close());

  it('never reflects an origin (unlike Yoga’s default)', async () => {
    const response = await fixture.graphql(QUERY, undefined, { origin: OTHER });
    expect(response.status).toBe(200);
    expect(corsHeaders(response)).toEqual({});
    expect(response.headers.get('vary')).toBeNull();
  });

  it('answers preflights without CORS headers', async () => {
    const response = await fixture.fetch('/graphql', {
      method: 'OPTIONS',
      headers: { origin: OTHER, 'access-control-request-method': 'POST' },
    });
    expect(corsHeaders(response)).toEqual({});
  });
});
