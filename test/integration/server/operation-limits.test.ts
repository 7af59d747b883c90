/**
 * Operation limits (depth, aliases, tokens, directives, document bytes) and the introspection
 * switch, through the real app: the schema's own deepest useful queries pass the defaults, and
 * each limit refuses with LIMIT_EXCEEDED naming the limit, its value and the value found, before
 * any store request.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { getIntrospectionQuery, parse, print } from 'graphql';
import type { OperationDefinitionNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppFixture } from './app-fixture.js';
import type { AppFixture } from './app-fixture.js';

interface Body {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

const OPERATIONS_DIR = new URL('../../../schema/operations/', import.meta.url);

/** Every named operation of `schema/operations/*.graphql`, as a standalone document with the fragments it uses. */
function schemaOperations(): Array<{ name: string; document: string }> {
  const out: Array<{ name: string; document: string }> = [];
  for (const file of readdirSync(OPERATIONS_DIR).filter((f) => f.endsWith('.graphql'))) {
    const doc = parse(readFileSync(new URL(file, OPERATIONS_DIR), 'utf8'));
    const fragments = doc.definitions.filter((d) => d.kind === 'FragmentDefinition');
    for (const op of doc.definitions.filter((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')) {
      out.push({ name: op.name?.value ?? file, document: [op, ...fragments].map((d) => print(d)).join('\n') });
    }
  }
  return out;
}

/** The deepest and widest query the public schema offers: a listing with every object field, CORS and metadata. */
const DEEPEST_QUERY = `
query Deepest($bucket: String!, $key: String!) {
  bucket(name: $bucket) {
    name
    objects(first: 10, prefix: "", delimiter: "/") {
      folders
      pageInfo { hasNextPage endCursor }
      edges {
        cursor
        node {
          ...Everything
          cors(origin: "https://app.example", method: "GET") { allowOrigin allowMethods allowHeaders exposeHeaders maxAge }
        }
      }
    }
  }
  one: object(bucket: $bucket, key: $key) { ...Everything downloadUrl(expiresIn: 60) }
  several: objects(refs: [{ bucket: $bucket, key: $key }]) { key metadataValue(key: "a") }
}
fragment Everything on StorageObject {
  bucket key versionId contentLength etag lastModified contentType cacheControl contentDisposition
  contentEncoding contentLanguage storageClass objectType hashCrc64
  metadata { key value }
}`;

async function post(fixture: AppFixture, query: string, path = '/graphql', variables?: Record<string, unknown>): Promise<{ status: number; body: Body }> {
  const response = await fixture.fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query, ...(variables === undefined ? {} : { variables }) }),
  });
  return { status: response.status, body: (await response.json()) as Body };
}

/** The extensions of the LIMIT_EXCEEDED errors, without the per-request `httpRequestId` every error carries. */
function limitErrors(body: Body): Array<Record<string, unknown> | undefined> {
  return (body.errors ?? [])
    .filter((e) => e.extensions?.['code'] === 'LIMIT_EXCEEDED')
    .map((e) => {
      if (e.extensions === undefined) return undefined;
      const { httpRequestId, ...rest } = e.extensions;
      expect(httpRequestId).toEqual(expect.any(String));
      return rest;
    });
}

describe('operation limits with their defaults', () => {
  let fixture: AppFixture;
  beforeAll(async () => {
    fixture = await startAppFixture({ OSSGRAPH_INTROSPECTION: 'true' });
  });
  afterAll(() => fixture.close());

  it('let every operation of schema/operations and the deepest useful query through', async () => {
    const operations = [...schemaOperations(), { name: 'Deepest', document: DEEPEST_QUERY }];
    expect(operations.length).toBeGreaterThan(5);
    for (const { name, document } of operations) {
      const { body } = await post(fixture, document, '/graphql', { bucket: 'demo', key: 'a.txt', input: {} });
      const codes = (body.errors ?? []).map((e) => e.extensions?.['code']);
      expect(codes, `${name}: ${JSON.stringify(body.errors)}`).not.toContain('LIMIT_EXCEEDED');
      expect(codes, `${name}: ${JSON.stringify(body.errors)}`).not.toContain("GRAPHQL_VALIDATION_FAILED");
    }
  });

  it("let GraphiQL's introspection query through when introspection is on", async () => {
    // The options GraphiQL 3/4 passes to getIntrospectionQuery.
    const query = getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true, oneOf: true });
    const { status, body } = await post(fixture, query);
    expect(body.errors).toBeUndefined();
    expect(status).toBe(200);
    expect(JSON.stringify(body.data)).toContain('"StorageObject"');
  });

  it('refuse a selection nested 500 deep (the tokens limit stops the parser first)', async () => {
    fixture.store.stats.reset();
    const query = `{ __type(name: "StorageObject") { ${'ofType { '.repeat(499)}name${' }'.repeat(499)} } }`;
    const { body } = await post(fixture, query);
    expect(limitErrors(body), JSON.stringify(body)).toEqual([expect.objectContaining({ limit: "maxTokens", max: 1000, found: 1508 })]);
    expect(body.errors?.[0]?.message).toBe('The operation has 1508 tokens; the most this server accepts is 1000 (OSSGRAPH_MAX_TOKENS).');
    expect(fixture.store.stats.total()).toBe(0);
  });

  it('refuse too many aliases, naming the limit, its value and the count', async () => {
    const aliases = Array.from({ length: 21 }, (_, i) => `a${i}: object(bucket: "demo", key: "k${i}") { key }`).join(' ');
    const { status, body } = await post(fixture, `{ ${aliases} }`);
    expect(status).toBe(400);
    expect(limitErrors(body)).toEqual([{ code: 'LIMIT_EXCEEDED', limit: 'maxAliases', max: 20, found: 21 }]);
    expect(body.errors?.[0]?.message).toBe('The operation has 21 aliases; the most this server accepts is 20 (OSSGRAPH_MAX_ALIASES).');
    const twenty = Array.from({ length: 20 }, (_, i) => `a${i}: object(bucket: "demo", key: "k${i}") { key }`).join(' ');
    expect(limitErrors((await post(fixture, `{ ${twenty} }`)).body)).toEqual([]);
  });

  it('count aliases inside fragments', async () => {
    const fields = Array.from({ length: 11 }, (_, i) => `m${i}: metadataValue(key: "k${i}")`).join(' ');
    const query = `{ a: object(bucket: "demo", key: "x") { ...F } b: object(bucket: "demo", key: "y") { ...F } } fragment F on StorageObject { ${fields} }`;
    expect(limitErrors((await post(fixture, query)).body)).toEqual([expect.objectContaining({ limit: 'maxAliases', found: 24 })]);
  });

  it('refuse too many directives', async () => {
    const fields = Array.from({ length: 21 }, () => 'key @include(if: true)').join(' ');
    const { body } = await post(fixture, `{ object(bucket: "demo", key: "x") { ${fields} } }`);
    expect(limitErrors(body)).toEqual([expect.objectContaining({ limit: 'maxDirectives', max: 20, found: 21 })]);
  });

  it('refuse a document over the byte limit with 413, before parsing', async () => {
    const query = `{ __typename } # ${'x'.repeat(32 * 1024)}`;
    const { status, body } = await post(fixture, query);
    expect(status).toBe(413);
    expect(body.errors).toEqual([
      expect.objectContaining({
        message: `The operation has ${query.length} bytes in its document; the most this server accepts is 32768 (OSSGRAPH_MAX_DOCUMENT_BYTES).`,
        extensions: { code: 'LIMIT_EXCEEDED', limit: 'maxDocumentBytes', max: 32768, found: query.length, httpRequestId: expect.any(String) },
      }),
    ]);
    // Multi-byte characters count as bytes, not UTF-16 units.
    const wide = `{ __typename } # ${'é'.repeat(16 * 1024 + 1)}`;
    expect((await post(fixture, wide)).status).toBe(413);
  });

  it('refuse an oversized document sent as a GET query string too', async () => {
    const query = `{ __typename } # ${'x'.repeat(33 * 1024)}`;
    const response = await fixture.fetch(`/graphql?query=${encodeURIComponent(query)}`, { headers: { accept: 'application/json', 'x-graphql-yoga-csrf': '1' } });
    const body = (await response.json()) as Body;
    expect(limitErrors(body)).toEqual([expect.objectContaining({ limit: 'maxDocumentBytes' })]);
  });

  it('apply to /subgraph too', async () => {
    const aliases = Array.from({ length: 21 }, (_, i) => `a${i}: __typename, b${i}: _service { sdl }`).join(' ');
    const { body } = await post(fixture, `{ ${aliases} }`, '/subgraph');
    expect(limitErrors(body)).toEqual([expect.objectContaining({ limit: 'maxAliases', found: 21 })]);
  });
});

describe('operation limits when configured', () => {
  let fixture: AppFixture;
  beforeAll(async () => {
    fixture = await startAppFixture({ OSSGRAPH_MAX_DEPTH: '3', OSSGRAPH_MAX_TOKENS: '100000', OSSGRAPH_MAX_DOCUMENT_BYTES: '1MiB' });
  });
  afterAll(() => fixture.close());

  it('refuse a deep selection by depth when the tokens limit lets it through', async () => {
    const { body } = await post(fixture, '{ bucket(name: "demo") { objects { edges { node { key } } } } }');
    expect(limitErrors(body)).toEqual([{ code: 'LIMIT_EXCEEDED', limit: 'maxDepth', max: 3, found: 5 }]);
    expect(body.errors?.[0]?.message).toBe('The operation has 5 levels of nested fields; the most this server accepts is 3 (OSSGRAPH_MAX_DEPTH).');
    const deep = `{ __type(name: "StorageObject") { ${'ofType { '.repeat(499)}name${' }'.repeat(499)} } }`;
    expect(limitErrors((await post(fixture, deep)).body)).toEqual([expect.objectContaining({ limit: 'maxDepth', found: 501 })]);
    expect(fixture.store.stats.total()).toBe(0);
  });

  it('do not count fragments as levels', async () => {
    const { body } = await post(fixture, '{ object(bucket: "demo", key: "x") { ... on StorageObject { ...M } } } fragment M on StorageObject { metadata { key } }');
    expect(limitErrors(body)).toEqual([]);
  });
});

describe('introspection', () => {
  it('is off by default (npm run serve), with a clear error and no store request', async () => {
    const fixture = await startAppFixture();
    try {
      for (const query of ['{ __schema { types { name } } }', '{ __type(name: "StorageObject") { name } }']) {
        const { body } = await post(fixture, query);
        expect(body.data ?? null).toBeNull();
        expect(body.errors?.[0]?.extensions?.['code']).toBe('INTROSPECTION_DISABLED');
        expect(body.errors?.[0]?.message).toMatch(/Introspection is turned off on this server \(OSSGRAPH_INTROSPECTION\)/);
      }
      expect((await post(fixture, '{ __typename }')).body).toEqual({ data: { __typename: 'Query' } });
      expect(fixture.store.stats.total()).toBe(0);
    } finally {
      await fixture.close();
    }
  });

  it('is on with OSSGRAPH_INTROSPECTION=true', async () => {
    const fixture = await startAppFixture({ OSSGRAPH_INTROSPECTION: 'true' });
    try {
      const { body } = await post(fixture, '{ __type(name: "StorageObject") { name } }');
      expect(body).toEqual({ data: { __type: { name: 'StorageObject' } } });
    } finally {
      await fixture.close();
    }
  });

  it('bounds introspection cycles even when on (graphql-js MaxIntrospectionDepthRule)', async () => {
    const fixture = await startAppFixture({ OSSGRAPH_INTROSPECTION: 'true' });
    try {
      const { body } = await post(fixture, '{ __schema { types { fields { type { fields { type { fields { type { fields { name } } } } } } } } } }');
      expect(body.data ?? null).toBeNull();
      expect(body.errors?.[0]?.message).toMatch(/Maximum introspection depth exceeded/);
    } finally {
      await fixture.close();
    }
  });
});
