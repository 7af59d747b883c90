import { parse, validate } from 'graphql';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPublicSchema } from '../../../src/graphql/schema.js';
import { GRAPHIQL_DEFAULT_QUERY } from '../../../src/server/graphiql.js';
import { externalReferences } from './external-references.js';
import { startAppFixture } from './app-fixture.js';
import type { AppFixture } from './app-fixture.js';

describe('GraphiQL', () => {
  let fixture: AppFixture;
  beforeAll(async () => {
    fixture = await startAppFixture({ OSSGRAPH_GRAPHIQL: 'true' });
  });
  afterAll(() => fixture.close());

  it('is served offline: the page references no other host', async () => {
    const response = await fixture.fetch('/graphql', { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    const html = await response.text();
    expect(html).toContain('ossgraph');
    expect(html.length).toBeGreaterThan(100_000);
    expect(externalReferences(html)).toEqual([]);
  });

  it('opens with a default query that is valid against the public schema', () => {
    expect(validate(buildPublicSchema(), parse(GRAPHIQL_DEFAULT_QUERY)).map((e) => e.message)).toEqual([]);
  });

  it('has an equivalent named operation for codegen', async () => {
    const operation = await readFile(new URL('../../../schema/operations/demo-bucket.graphql', import.meta.url), 'utf8');
    expect(validate(buildPublicSchema(), parse(operation)).map((e) => e.message)).toEqual([]);
  });

  it.each([{ OSSGRAPH_GRAPHIQL: 'false' }, {}])('is off with %j (the default of npm run serve)', async (env) => {
    const off = await startAppFixture(env);
    try {
      const response = await off.fetch('/graphql', { headers: { accept: 'text/html' } });
      expect(await response.text()).not.toContain('<html');
    } finally {
      await off.close();
    }
  });
});

describe('externalReferences', () => {
  it('finds hosts in src, href, url() and import positions, and ignores loopback and plain text', () => {
    const html = `
      <script src="https://unpkg.com/graphiql.js"></script>
      <link rel="stylesheet" href='//cdn.example.com/a.css'>
      <style>body { background: url(https://img.example.com/bg.png) }</style>
      <script type="module">import x from "https://esm.sh/x"; import("http://dyn.example.com/y.js")</script>
      <img src="http://127.0.0.1:4000/logo.svg"><a href="http://localhost:5173/">local</a>
      <p>see https://the-guild.dev for docs</p>`;
    expect(externalReferences(html)).toEqual([
      'https://unpkg.com/graphiql.js',
      '//cdn.example.com/a.css',
      'https://img.example.com/bg.png',
      'https://esm.sh/x',
      'http://dyn.example.com/y.js',
    ]);
  });
});
