import { describe, expect, it } from 'vitest';
import { createRouter } from '../../../src/server/router.js';
import type { RoutedServer } from '../../../src/server/router.js';

/** A server that answers with its name and records what it was given. */
function fakeServer(name: string): RoutedServer & { seen: Array<RequestInit | undefined> } {
  const seen: Array<RequestInit | undefined> = [];
  return {
    seen,
    fetch(_input, init) {
      seen.push(init);
      // Like Yoga's Request ponyfill: writes into a plain-object `init.headers`.
      if (init?.headers !== undefined && !(init.headers instanceof Headers) && !Array.isArray(init.headers)) {
        (init.headers as Record<string, string>)['content-type'] = 'multipart/form-data; boundary=stale';
      }
      return new Response(name);
    },
    requestListener() {
      throw new Error('not used');
    },
  };
}

describe('createRouter', () => {
  const fallback = fakeServer('public');
  const subgraph = fakeServer('subgraph');
  const router = createRouter(fallback, [{ prefix: '/subgraph', server: subgraph }]);
  const answer = async (path: string): Promise<string> => (await router.fetch(`http://x${path}`)).text();

  it('routes by path prefix, segment-wise', async () => {
    expect(await answer('/subgraph')).toBe('subgraph');
    expect(await answer('/subgraph/healthz')).toBe('subgraph');
    expect(await answer('/subgraph?query=x')).toBe('subgraph');
    expect(await answer('/subgraphs')).toBe('public');
    expect(await answer('/graphql')).toBe('public');
    expect(await answer('/')).toBe('public');
  });

  it('accepts Request objects', async () => {
    expect(await (await router.fetch(new Request('http://x/subgraph', { method: 'POST', body: '{}' }))).text()).toBe('subgraph');
  });

  it('never lets a server write into the caller’s headers object', async () => {
    const headers = { 'x-graphql-yoga-csrf': '1' };
    await router.fetch('http://x/graphql', { method: 'POST', headers });
    expect(headers).toEqual({ 'x-graphql-yoga-csrf': '1' });
    expect(fallback.seen.at(-1)?.headers).toMatchObject({ 'x-graphql-yoga-csrf': '1' });
  });
});
