import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppFixture } from './app-fixture.js';
import type { AppFixture } from './app-fixture.js';

/** A GraphQL multipart request body (operations + map + one file). */
function multipartBody(): FormData {
  const form = new FormData();
  const query = 'mutation ($file: File!) { putObject(input: { bucket: "demo", key: "csrf.txt", file: $file }) { __typename } }';
  form.set('operations', JSON.stringify({ query, variables: { file: null } }));
  form.set('map', JSON.stringify({ 0: ['variables.file'] }));
  form.set('0', new Blob(['hello'], { type: 'text/plain' }), 'hello.txt');
  return form;
}

describe('CSRF prevention', () => {
  let fixture: AppFixture;
  beforeAll(async () => {
    fixture = await startAppFixture();
  });
  afterAll(() => fixture.close());

  it('refuses a multipart request without x-graphql-yoga-csrf with 403', async () => {
    const response = await fixture.fetch('/graphql', { method: 'POST', body: multipartBody() });
    expect(response.status).toBe(403);
    expect(fixture.store.stats.total()).toBe(0);
    const body = (await response.json()) as { errors: Array<{ message: string }> };
    expect(body.errors[0]?.message).toMatch(/CSRF/);
  });

  it('accepts the same request with the header', async () => {
    const response = await fixture.fetch('/graphql', { method: 'POST', body: multipartBody(), headers: { 'x-graphql-yoga-csrf': '1' } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { putObject: { __typename: 'PutObjectSuccess' } } });
  });

  it('refuses a GET query without the header, accepts it with one', async () => {
    const url = `/graphql?query=${encodeURIComponent('{ __typename }')}`;
    expect((await fixture.fetch(url, { headers: { accept: 'application/json' } })).status).toBe(403);
    const ok = await fixture.fetch(url, { headers: { accept: 'application/json', 'x-graphql-yoga-csrf': '1' } });
    expect(ok.status).toBe(200);
  });

  it('lets JSON POSTs through (they are preflighted by browsers)', async () => {
    const response = await fixture.graphql('{ __typename }');
    expect(response.status).toBe(200);
  });
});
