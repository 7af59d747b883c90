/**
 * `useCompiledExecution` on small schemas: every answer equals the standard executor's (data,
 * errors with their paths, locations and codes, masking), the graphql-jit corrections hold, the
 * cache is hit by repeated documents and bounded, and what must not be compiled is not.
 */
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { createSchema } from 'graphql-yoga';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/index.js';
import { createServerYoga } from '../../../src/server/create-yoga.js';
import { operationLimitPlugins } from '../../../src/server/limit-plugins.js';
import type { CompileOutcome, CompiledExecutionOptions } from '../../../src/server/plugins/use-compiled-execution.js';
import { BARE_YOGA_OPTIONS } from '../../helpers/bare-yoga.js';

const later = <T>(value: T, ms: number): Promise<T> => new Promise((resolve) => setTimeout(() => resolve(value), ms));
const failLater = (message: string, ms: number): Promise<never> => new Promise((_, reject) => setTimeout(() => reject(new GraphQLError(message, { extensions: { code: 'DENIED' } })), ms));

/** A day as `YYYY-MM-DD` outside, a `Date` inside (parseValue and parseLiteral must agree). */
const Day = new GraphQLScalarType({
  name: 'Day',
  serialize: (value) => (value as Date).toISOString().slice(0, 10),
  parseValue: (value) => {
    if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new GraphQLError(`Day must be YYYY-MM-DD; received ${JSON.stringify(value)}`);
    return new Date(`${value}T00:00:00Z`);
  },
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('Day must be a string');
    return new Date(`${ast.value}T00:00:00Z`);
  },
});

const log: string[] = [];

const schema = createSchema({
  typeDefs: /* GraphQL */ `
    scalar Day
    type Item { id: Int!, name: String, secret: String }
    type Ok { id: Int! }
    type Problem { code: String!, message: String! }
    union Outcome = Ok | Problem
    type Query {
      items(fail: [Int!] = []): [Item]
      strictItems(fail: [Int!] = []): [Item!]
      echo(name: String!, day: Day, tag: String = "none"): String!
      isDate(day: Day!): Boolean!
      boom: String
      denied: String
      slowFirst: [Item]
      wrong: Int
      missing: String!
      holder: Holder
    }
    type Holder { missing: String!, other: String }
    type Mutation { step(n: Int!): Outcome! }
  `,
  resolvers: {
    Day,
    Outcome: { __resolveType: (value: { code?: string }) => (value.code === undefined ? 'Ok' : 'Problem') },
    Query: {
      // Items resolve one after another, later ones first; the listed ones reject.
      items: (_: unknown, { fail }: { fail: number[] }) =>
        [0, 1, 2, 3].map((id) => (fail.includes(id) ? failLater(`item ${id} refused`, 5 * (4 - id)) : later({ id, name: `n${id}` }, 5 * (4 - id)))),
      strictItems: (_: unknown, { fail }: { fail: number[] }) =>
        [0, 1, 2].map((id) => (fail.includes(id) ? failLater(`item ${id} refused`, 1) : later({ id, name: `n${id}` }, 5))),
      echo: (_: unknown, args: { name: string; day?: Date | null; tag: string }) =>
        `${args.name}/${args.day === undefined ? 'undefined' : args.day === null ? 'null' : args.day.toISOString()}/${args.tag}`,
      isDate: (_: unknown, { day }: { day: unknown }) => day instanceof Date,
      boom: () => {
        throw new Error('disk /var/secret failed');
      },
      denied: () => {
        throw new GraphQLError('not yours', { extensions: { code: 'ACCESS_DENIED' } });
      },
      slowFirst: () => [later({ id: 0, name: 'slow' }, 20), Promise.reject(new Error('raw failure at /internal')), { id: 2, name: 'sync' }],
      wrong: () => 'not a number',
      missing: () => null,
      holder: () => ({ missing: null, other: 'x' }),
    },
    Mutation: {
      step: async (_: unknown, { n }: { n: number }) => {
        log.push(`start ${n}`);
        await later(undefined, 10 - n);
        log.push(`end ${n}`);
        return n % 2 === 0 ? { id: n } : { code: 'ODD', message: `${n} is odd` };
      },
    },
  },
});

function yogaWith(compiledExecution: CompiledExecutionOptions | false) {
  return createServerYoga({ ...BARE_YOGA_OPTIONS, schema, endpoint: '/graphql', context: () => ({}), compiledExecution });
}

const outcomes: CompileOutcome[] = [];
const compiled = yogaWith({ onCompile: (o) => outcomes.push(o) });
const standard = yogaWith(false);
afterAll(() => Promise.all([compiled.dispose(), standard.dispose()]));

async function post(yoga: ReturnType<typeof yogaWith>, query: string, variables?: Record<string, unknown>, operationName?: string): Promise<{ status: number; body: any }> {
  const response = await yoga.fetch('http://test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-request-id': 'same' },
    body: JSON.stringify({ query, variables, operationName }),
  });
  return { status: response.status, body: await response.json() };
}

/** `errors` in path order. Why: the order of errors is not specified (graphql-jit lists null-propagation errors last). */
function byPath(response: { status: number; body: any }): unknown {
  const errors = response.body.errors as Array<{ path?: unknown }> | undefined;
  if (errors === undefined) return response;
  const key = (e: { path?: unknown }) => JSON.stringify(e.path ?? null);
  return { ...response, body: { ...response.body, errors: [...errors].sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0)) } };
}

/** Sends the document to both servers and expects the same status and body (errors in any order); returns the body. */
async function same(query: string, variables?: Record<string, unknown>, operationName?: string): Promise<any> {
  const [a, b] = [await post(compiled, query, variables, operationName), await post(standard, query, variables, operationName)];
  expect(byPath(a)).toEqual(byPath(b));
  return a.body;
}

describe('compiled execution answers as the standard executor does', () => {
  it('list items that reject are null at their own index, whatever order they settle in', async () => {
    for (const fail of [[], [3], [0], [0, 3], [1, 2], [0, 1, 2, 3]]) {
      const body = await same('query L($f: [Int!]) { items(fail: $f) { id name } }', { f: fail });
      expect(body.data.items).toHaveLength(4);
      body.data.items.forEach((item: { id: number } | null, i: number) => expect(item === null ? fail.includes(i) : item.id === i).toBe(true));
      expect(body.errors?.map((e: { path: unknown[] }) => e.path) ?? []).toEqual(expect.arrayContaining(fail.map((i) => ['items', i])));
    }
    const mixed = await same('{ slowFirst { id name } }');
    expect(mixed.data.slowFirst).toEqual([{ id: 0, name: 'slow' }, null, { id: 2, name: 'sync' }]);
    expect(mixed.errors).toEqual([expect.objectContaining({ message: 'Unexpected error.', path: ['slowFirst', 1] })]);
  });

  it('a rejected non-null item nulls its list, as graphql-js propagates it', async () => {
    const body = await same('{ strictItems(fail: [2]) { id } }');
    expect(body.data).toEqual({ strictItems: null });
    expect(body.errors).toEqual([expect.objectContaining({ path: ['strictItems', 2], extensions: expect.objectContaining({ code: 'DENIED' }) })]);
  });

  it('omitted variables take their defaults, non-null ones included, custom scalars parsed like sent values', async () => {
    const query = 'query E($name: String! = "ann", $day: Day = "2024-05-01", $tag: String) { echo(name: $name, day: $day, tag: $tag) }';
    expect((await same(query)).data.echo).toBe('ann/2024-05-01T00:00:00.000Z/none');
    expect((await same(query, { name: 'bob', day: null })).data.echo).toBe('bob/null/none');
    expect((await same(query, { tag: 'x' })).data.echo).toBe('ann/2024-05-01T00:00:00.000Z/x');
    expect((await same('query D($d: Day! = "2024-01-02") { isDate(day: $d) }')).data.isDate).toBe(true);
    expect((await same('{ echo(name: "lit", day: "2020-02-02") }')).data.echo).toBe('lit/2020-02-02T00:00:00.000Z/none');
    const bad = await same('query B($day: Day) { echo(name: "x", day: $day) }', { day: 'tomorrow' });
    expect(bad.errors[0].message).toMatch(/Day must be YYYY-MM-DD/);
  });

  it('errors keep their shape: a GraphQL error with its code and locations, an unexpected one masked, a serialization error', async () => {
    const denied = await same('query Q {\n  a: denied\n  denied\n}');
    expect(denied.errors).toEqual([
      { message: 'not yours', locations: [{ line: 2, column: 3 }], path: ['a'], extensions: { code: 'ACCESS_DENIED', httpRequestId: 'same' } },
      { message: 'not yours', locations: [{ line: 3, column: 3 }], path: ['denied'], extensions: { code: 'ACCESS_DENIED', httpRequestId: 'same' } },
    ]);
    const boom = await same('{ boom }');
    expect(boom.errors[0]).toMatchObject({ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(JSON.stringify(boom)).not.toContain('secret');
    expect((await same('{ wrong }')).errors[0]).toMatchObject({ message: 'Unexpected error.', path: ['wrong'] });
    expect((await same('{ holder { other missing } wrong }')).data).toEqual({ holder: null, wrong: null });
    expect((await same('{ missing }')).data).toBeNull();
  });

  it('mutations run their root fields one after another and resolve union results', async () => {
    log.length = 0;
    const body = await same('mutation { a: step(n: 1) { __typename ... on Ok { id } ... on Problem { code message } } b: step(n: 2) { __typename ... on Ok { id } } }');
    expect(body.data).toEqual({ a: { __typename: 'Problem', code: 'ODD', message: '1 is odd' }, b: { __typename: 'Ok', id: 2 } });
    expect(log).toEqual(['start 1', 'end 1', 'start 2', 'end 2', 'start 1', 'end 1', 'start 2', 'end 2']);
  });

  it('@skip and @include through fragments and variables', async () => {
    const query = `query S($s: Boolean!, $i: Boolean!) {
      items { ...A @skip(if: $s) ... on Item @include(if: $i) { name } id @include(if: $i) }
    }
    fragment A on Item { id name @skip(if: $i) }`;
    for (const s of [true, false]) for (const i of [true, false]) await same(query, { s, i });
  });
});

describe('the compiled-query cache', () => {
  it('compiles a document once for every request sending the same text, per operation name', async () => {
    outcomes.length = 0;
    const query = 'query One { echo(name: "one") } query Two { echo(name: "two") }';
    for (let i = 0; i < 3; i++) {
      await post(compiled, query, undefined, 'One');
      await post(compiled, query, undefined, 'Two');
    }
    expect(outcomes).toEqual([
      { kind: 'compiled', operationName: 'One' },
      { kind: 'compiled', operationName: 'Two' },
    ]);
  });

  it('is hit behind the operation limits too (they parse and validate with Yoga\'s caches)', async () => {
    const found: CompileOutcome[] = [];
    const limited = createServerYoga({
      ...BARE_YOGA_OPTIONS,
      schema,
      endpoint: '/graphql',
      context: () => ({}),
      plugins: operationLimitPlugins(loadConfig({})),
      compiledExecution: { onCompile: (o) => found.push(o) },
    });
    try {
      for (let i = 0; i < 3; i++) expect((await post(limited, 'query Limited { items { id } }')).body.data.items).toHaveLength(4);
      expect(found).toEqual([{ kind: 'compiled', operationName: 'Limited' }]);
    } finally {
      await limited.dispose();
    }
  });

  it('is bounded: the least recently used document is dropped and compiled again when it returns', async () => {
    const found: CompileOutcome[] = [];
    const small = createServerYoga({ ...BARE_YOGA_OPTIONS, schema, endpoint: '/graphql', context: () => ({}), compiledExecution: { maxDocuments: 2, onCompile: (o) => found.push(o) } });
    try {
      for (const name of ['A', 'B', 'A', 'C', 'A', 'B']) await post(small, `query ${name} { echo(name: "${name}") }`);
      // A B (A hit) C evicts B; A hits; B is compiled again.
      expect(found.map((o) => o.operationName)).toEqual(['A', 'B', 'C', 'B']);
    } finally {
      await small.dispose();
    }
  });

  it('an operation name the document does not define is reported as by the standard executor, nothing compiled', async () => {
    outcomes.length = 0;
    const body = await same('query Here { echo(name: "x") }', undefined, 'Elsewhere');
    expect(body.errors?.[0]?.message).toMatch(/operation/);
    expect(outcomes).toEqual([]);
  });

  it('routes introspection to the standard executor, which answers it', async () => {
    outcomes.length = 0;
    const body = await same('{ __schema { queryType { name } } __type(name: "Item") { fields { name } } }');
    expect(body.data.__schema.queryType.name).toBe('Query');
    expect(outcomes).toEqual([{ kind: 'fallback', operationName: undefined, reason: 'introspection' }]);
  });
});
