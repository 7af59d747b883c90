/**
 * Issue 9 §5: bad input that used to crash or mislead. Each case answers BAD_USER_INPUT naming the
 * field, the rule and the value with zero store requests where the input alone decides, or the
 * documented null / NOT_FOUND; counted at local-oss.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAX_CURSOR_LENGTH } from '../../../src/graphql/list-cursor.js';
import { startGraphQLStack } from '../../helpers/graphql-stack.js';
import type { GraphQLResult, GraphQLStack } from '../../helpers/graphql-stack.js';

const BUCKET = 'photos';
let stack: GraphQLStack;

beforeAll(async () => {
  stack = await startGraphQLStack({ buckets: [BUCKET], config: { subgraph: true } });
  await stack.seed(BUCKET, [
    { key: 'a.txt', contentType: 'text/plain', metadata: { owner: 'ann' } },
    { key: 'docs/1.txt' },
    { key: 'docs/2.txt' },
    { key: 'docs/3.txt' },
    { key: 'img/1.png' },
    { key: 'img/2.png' },
  ]);
});

afterAll(async () => {
  await stack.close();
});

beforeEach(() => {
  stack.store.stats.reset();
});

type ErrorEntry = NonNullable<GraphQLResult['errors']>[number];

/** The error names the field, the rule and the value, in its message and its extensions. */
function expectBadInput(error: ErrorEntry | undefined, field: string, rule: RegExp, value: unknown): void {
  expect(error?.extensions?.['code']).toBe('BAD_USER_INPUT');
  expect(error?.extensions?.['field']).toBe(field);
  expect(error?.extensions?.['rule']).toMatch(rule);
  const shown = JSON.stringify(value) ?? String(value);
  expect(error?.extensions?.['value']).toBe(shown);
  expect(error?.message).toContain(`${field}: `);
  expect(error?.message).toContain(`; received ${shown}`);
}

/** The same for a mutation's `BadUserInputError` union member. */
function expectBadInputResult(result: unknown, field: string, rule: RegExp, value: unknown): void {
  expect(result).toMatchObject({ __typename: 'BadUserInputError', code: 'BAD_USER_INPUT' });
  const { message } = result as { message: string };
  expect(message.startsWith(`${field}: `)).toBe(true);
  expect(message).toMatch(rule);
  expect(message).toContain(JSON.stringify(value));
}

async function subgraph(query: string, variables: Record<string, unknown>): Promise<GraphQLResult> {
  const response = await stack.app.fetch('http://ossgraph.test/subgraph', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResult;
}

const ENTITIES = `query E($r: [_Any!]!) { _entities(representations: $r) { __typename ... on StorageObject { key contentLength } } }`;

describe('an unknown versionId (NoSuchVersion)', () => {
  it('is null in Query.object, at either metadata level, with one store request', async () => {
    expect(await stack.graphql(`{ object(bucket: "${BUCKET}", key: "a.txt", versionId: "no-such-version") { key } }`)).toEqual({
      data: { object: null },
    });
    expect(stack.store.stats.snapshot()).toEqual({ GetObjectMeta: 1 });
    stack.store.stats.reset();
    expect(await stack.graphql(`{ object(bucket: "${BUCKET}", key: "a.txt", versionId: "v2") { contentType metadata { key } } }`)).toEqual({
      data: { object: null },
    });
    expect(stack.store.stats.snapshot()).toEqual({ HeadObject: 1 });
  });

  it('is null in Query.objects while the other refs are answered', async () => {
    const result = await stack.graphql(`query Q($refs: [ObjectRefInput!]!) { objects(refs: $refs) { key } }`, {
      refs: [
        { bucket: BUCKET, key: 'a.txt', versionId: 'v9' },
        { bucket: BUCKET, key: 'a.txt' },
        { bucket: BUCKET, key: 'missing.txt', versionId: 'v9' },
      ],
    });
    expect(result).toEqual({ data: { objects: [null, { key: 'a.txt' }, null] } });
    expect(stack.store.stats.total()).toBe(3);
  });

  it('is null in federation _entities while the other representations are answered', async () => {
    const result = await subgraph(ENTITIES, {
      r: [
        { __typename: 'StorageObject', bucket: BUCKET, key: 'a.txt', versionId: 'v9' },
        { __typename: 'StorageObject', bucket: BUCKET, key: 'a.txt', versionId: null },
      ],
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?.['_entities']).toEqual([null, { __typename: 'StorageObject', key: 'a.txt', contentLength: 13 }]);
  });

  it("is NOT_FOUND for a copy's sourceVersionId, naming the version, and nothing is written", async () => {
    const result = await stack.graphql(
      `mutation { copyObject(input: { sourceBucket: "${BUCKET}", sourceKey: "a.txt", sourceVersionId: "v9", bucket: "${BUCKET}", key: "copy.txt" }) {
        __typename ... on Error { code message } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.['copyObject']).toEqual({
      __typename: 'NotFoundError',
      code: 'NOT_FOUND',
      message: `version "v9" of object "a.txt" in bucket "${BUCKET}" does not exist`,
    });
    expect(stack.store.stats.snapshot()).toEqual({ HeadObject: 1 });
    await expect(stack.aliOss(BUCKET).head('copy.txt')).rejects.toMatchObject({ status: 404 });
  });
});

describe('_entities representations with a missing or mistyped key field', () => {
  it('a representation that is not an object or names no entity type is refused before execution (it cannot be answered per item)', async () => {
    const good = { __typename: 'StorageObject', bucket: BUCKET, key: 'a.txt' };
    const cases: Array<[unknown, string, RegExp, unknown]> = [
      ['a.txt', 'representations[1]', /must be an object with __typename \(StorageObject\) and the @key fields/, 'a.txt'],
      [[BUCKET, 'a.txt'], 'representations[1]', /must be an object/, [BUCKET, 'a.txt']],
      [{ bucket: BUCKET, key: 'a.txt' }, 'representations[1].__typename', /must name an entity type of this subgraph \(StorageObject\)/, undefined],
      [{ __typename: 'Bucket', name: BUCKET }, 'representations[1].__typename', /must name an entity type/, 'Bucket'],
      [{ __typename: 7, bucket: BUCKET, key: 'a.txt' }, 'representations[1].__typename', /must name an entity type/, 7],
    ];
    for (const [representation, field, rule, value] of cases) {
      const result = await subgraph(ENTITIES, { r: [good, representation] });
      expect(result.data).toBeUndefined();
      expect(result.errors).toHaveLength(1);
      expectBadInput(result.errors?.[0], field, rule, value);
    }
    expect(stack.store.stats.total()).toBe(0);
  });

  it('answer BAD_USER_INPUT at that representation only; the others are answered', async () => {
    const representations: unknown[] = [
      { __typename: 'StorageObject', bucket: BUCKET },
      { __typename: 'StorageObject', key: 'a.txt' },
      { __typename: 'StorageObject', bucket: 123, key: 'a.txt' },
      { __typename: 'StorageObject', bucket: BUCKET, key: ['a.txt'] },
      { __typename: 'StorageObject', bucket: BUCKET, key: 'a.txt', versionId: 7 },
      { __typename: 'StorageObject', bucket: BUCKET, key: 'a.txt' },
      { __typename: 'StorageObject', bucket: 'Bad_Bucket', key: 'a.txt' },
      { __typename: 'StorageObject', bucket: BUCKET, key: null },
    ];
    const result = await subgraph(ENTITIES, { r: representations });
    expect(result.data?.['_entities']).toEqual([null, null, null, null, null, { __typename: 'StorageObject', key: 'a.txt', contentLength: 13 }, null, null]);
    const byIndex = new Map((result.errors ?? []).map((e) => [e.path?.[1], e]));
    expect(result.errors).toHaveLength(7);
    expectBadInput(byIndex.get(0), 'representations[0].key', /is required \(StorageObject @key "bucket key"\)/, undefined);
    expectBadInput(byIndex.get(1), 'representations[1].bucket', /is required/, undefined);
    expectBadInput(byIndex.get(2), 'representations[2].bucket', /must be a string/, 123);
    expectBadInput(byIndex.get(3), 'representations[3].key', /must be a string/, ['a.txt']);
    expectBadInput(byIndex.get(4), 'representations[4].versionId', /must be a string or null/, 7);
    expectBadInput(byIndex.get(6), 'representations[6].bucket', /lowercase/, 'Bad_Bucket');
    expectBadInput(byIndex.get(7), 'representations[7].key', /is required/, null);
    for (const error of result.errors ?? []) expect(error.path?.[0]).toBe('_entities');
    // Only the valid representation reached the store.
    expect(stack.store.stats.snapshot()).toEqual({ GetObjectMeta: 1 });
  });
});

const HEADER_FIELDS = ['contentType', 'cacheControl', 'contentDisposition', 'contentEncoding', 'contentLanguage', 'expires'] as const;
const CONTROL_CHARACTERS = ['\u0000', '\u0001', '\t', '\n', '\r', '\u001b', '\u001f', '\u007f'];

/** Every mutation with header-valued input, as (name, document, input for `field = value`). */
const MUTATIONS: Array<[string, string, (field: string, value: string) => Record<string, unknown>]> = [
  ['putObject', 'mutation M($input: PutObjectInput!) { r: putObject(input: $input) { __typename ... on Error { code message } } }', (f, v) => ({
    bucket: BUCKET,
    key: 'new.txt',
    content: 'x',
    [f]: v,
  })],
  ['createUpload', 'mutation M($input: CreateUploadInput!) { r: createUpload(input: $input) { __typename ... on Error { code message } } }', (f, v) => ({
    bucket: BUCKET,
    key: 'new.txt',
    [f]: v,
  })],
  ['replaceMetadata', 'mutation M($input: ReplaceMetadataInput!) { r: replaceMetadata(input: $input) { __typename ... on Error { code message } } }', (f, v) => ({
    bucket: BUCKET,
    key: 'a.txt',
    metadata: [],
    [f]: v,
  })],
  ['updateMetadata', 'mutation M($input: UpdateMetadataInput!) { r: updateMetadata(input: $input) { __typename ... on Error { code message } } }', (f, v) => ({
    bucket: BUCKET,
    key: 'a.txt',
    [f]: v,
  })],
  ['copyObject', 'mutation M($input: CopyObjectInput!) { r: copyObject(input: $input) { __typename ... on Error { code message } } }', (f, v) => ({
    sourceBucket: BUCKET,
    sourceKey: 'a.txt',
    bucket: BUCKET,
    key: 'new.txt',
    metadataDirective: 'REPLACE',
    [f]: v,
  })],
];

async function expectNothingWritten(): Promise<void> {
  expect(stack.store.stats.total()).toBe(0);
  await expect(stack.aliOss(BUCKET).head('new.txt')).rejects.toMatchObject({ status: 404 });
  const head = await stack.aliOss(BUCKET).head('a.txt');
  expect((head.res.headers as Record<string, string>)['content-type']).toBe('text/plain');
  expect(head.meta).toEqual({ owner: 'ann' });
  stack.store.stats.reset();
}

describe('control characters in header-valued input', () => {
  for (const [mutation, document, input] of MUTATIONS) {
    it(`${mutation}: every system header, every control character → BAD_USER_INPUT, no store request`, async () => {
      for (const field of HEADER_FIELDS) {
        for (const character of CONTROL_CHARACTERS) {
          const value = `text${character}plain`;
          const result = await stack.graphql(document, { input: input(field, value) });
          expectBadInputResult(result.data?.['r'], `input.${field}`, /must not contain control characters \(U\+0000–U\+001F, U\+007F/, value);
        }
      }
      await expectNothingWritten();
    });
  }

  it('ifMatch of the edits and the copy, and metadata values of every mutation', async () => {
    for (const [mutation, document, input] of MUTATIONS) {
      if (mutation !== 'putObject' && mutation !== 'createUpload') {
        const result = await stack.graphql(document, { input: input('ifMatch', '"abc"\u0001') });
        expectBadInputResult(result.data?.['r'], 'input.ifMatch', /control characters/, '"abc"\u0001');
      }
      const metadataField = mutation === 'updateMetadata' ? 'set' : 'metadata';
      const result = await stack.graphql(document, { input: input(metadataField, [{ key: 'note', value: 'a\u007fb' }] as unknown as string) });
      expectBadInputResult(result.data?.['r'], `input.${metadataField}.note`, /control character U\+007F/, 'a\u007fb');
    }
    await expectNothingWritten();
  });

  it('the OSS client itself refuses them before sending (every caller is protected), without retrying', async () => {
    for (const request of [
      () => stack.app.api.putObject({ bucket: BUCKET, key: 'new.txt', body: 'x', contentType: 'text/plain\u0001' }),
      () => stack.app.api.headObject({ bucket: BUCKET, key: 'a.txt', ifMatch: '"e"\u007f' }),
      () => stack.app.api.copyObject({ bucket: BUCKET, key: 'new.txt', sourceKey: 'a.txt', metadataDirective: 'REPLACE', cacheControl: 'no-cache ' }),
    ]) {
      await expect(request()).rejects.toMatchObject({ name: 'OssInvalidArgumentError', code: 'InvalidArgument' });
    }
    await expectNothingWritten();
  });

  it('cors(origin, method) → BAD_USER_INPUT before the parent object is loaded', async () => {
    for (const [args, field, value] of [
      ['origin: "https://app.example\\u0000"', 'origin', 'https://app.example\u0000'],
      ['origin: "https://app.example", method: "GET\\r\\nX-Injected: 1"', 'method', 'GET\r\nX-Injected: 1'],
    ] as const) {
      const result = await stack.graphql(`{ object(bucket: "${BUCKET}", key: "a.txt") { key cors(${args}) { allowOrigin } } }`);
      expect(result.data).toBeUndefined();
      expect(result.errors).toHaveLength(1);
      expectBadInput(result.errors?.[0], field, /control characters/, value);
    }
    expect(stack.store.stats.total()).toBe(0);
  });
});

describe('leading or trailing spaces in header values', () => {
  it('are refused with a message, never stripped, in every mutation and field', async () => {
    for (const [, document, input] of MUTATIONS) {
      for (const field of HEADER_FIELDS) {
        for (const value of [' text/plain', 'text/plain ', ' ']) {
          const result = await stack.graphql(document, { input: input(field, value) });
          expectBadInputResult(result.data?.['r'], `input.${field}`, /must not start or end with a space \(HTTP would strip it/, value);
        }
      }
    }
    await expectNothingWritten();
  });

  it('in ifMatch, metadata values and cors(origin)', async () => {
    const update = MUTATIONS.find(([name]) => name === 'updateMetadata');
    if (update === undefined) throw new Error('no updateMetadata case');
    const [, document, input] = update;
    expectBadInputResult((await stack.graphql(document, { input: input('ifMatch', ' "abc"') })).data?.['r'], 'input.ifMatch', /start or end with a space/, ' "abc"');
    const set = input('set', [{ key: 'note', value: 'v ' }] as unknown as string);
    expectBadInputResult((await stack.graphql(document, { input: set })).data?.['r'], 'input.set.note', /start or end with a space/, 'v ');
    const cors = await stack.graphql(`{ object(bucket: "${BUCKET}", key: "a.txt") { cors(origin: " https://app.example") { allowOrigin } } }`);
    expectBadInput(cors.errors?.[0], 'origin', /start or end with a space/, ' https://app.example');
    await expectNothingWritten();
  });
});

describe('variable coercion errors', () => {
  async function post(query: string, variables: Record<string, unknown>, accept: string): Promise<{ status: number; body: GraphQLResult }> {
    const response = await stack.app.fetch('http://ossgraph.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, body: (await response.json()) as GraphQLResult };
  }

  const LIST = `query L($first: Int, $name: String!) { bucket(name: $name) { objects(first: $first) { nodes { key } } } }`;
  const COPY = `mutation C($d: MetadataDirective) { copyObject(input: { sourceBucket: "${BUCKET}", sourceKey: "a.txt", bucket: "${BUCKET}", key: "new.txt", metadataDirective: $d }) { __typename } }`;
  const REFS = `query Q($refs: [ObjectRefInput!]!) { objects(refs: $refs) { key } }`;
  const cases: Array<[string, string, Record<string, unknown>, string, RegExp, unknown]> = [
    ['first: 2147483648', LIST, { first: 2147483648, name: BUCKET }, '$first', /Int cannot represent non 32-bit signed integer value: 2147483648/, 2147483648],
    ['first: 1.5', LIST, { first: 1.5, name: BUCKET }, '$first', /Int cannot represent non-integer value: 1.5/, 1.5],
    ['an enum typo', COPY, { d: 'COPYY' }, '$d', /Value "COPYY" does not exist in "MetadataDirective" enum/, 'COPYY'],
    ['bucket: 123', LIST, { name: 123 }, '$name', /String cannot represent a non string value: 123/, 123],
    ['a required variable missing', LIST, {}, '$name', /is required \(type String!\) but was not provided/, undefined],
    ['null for a non-null variable', LIST, { name: null }, '$name', /must not be null \(type String!\)/, null],
    ['a nested field of a list of input objects', REFS, { refs: [{ bucket: BUCKET, key: 'a.txt' }, { bucket: 123, key: 'a.txt' }] }, '$refs[1].bucket', /String cannot represent a non string value: 123/, 123],
    ['a missing required input field', REFS, { refs: [{ bucket: BUCKET }] }, '$refs[0]', /Field "key" of required type "String!" was not provided/, { bucket: BUCKET }],
    ['an unknown input field', REFS, { refs: [{ bucket: BUCKET, key: 'a.txt', colour: 'red' }] }, '$refs[0]', /Field "colour" is not defined by type "ObjectRefInput"/, { bucket: BUCKET, key: 'a.txt', colour: 'red' }],
  ];
  for (const [label, query, variables, field, rule, value] of cases) {
    it(`${label}: BAD_USER_INPUT naming ${field}, 400 for graphql-response+json, 200 for json, no store request`, async () => {
      const strict = await post(query, variables, 'application/graphql-response+json');
      expect(strict.status).toBe(400);
      expect(strict.body.data).toBeUndefined();
      expect(strict.body.errors).toHaveLength(1);
      expectBadInput(strict.body.errors?.[0], field, rule, value);
      expect(strict.body.errors?.[0]?.extensions?.['http']).toBeUndefined();
      const loose = await post(query, variables, 'application/json');
      expect(loose.status).toBe(200);
      expectBadInput(loose.body.errors?.[0], field, rule, value);
      expect(stack.store.stats.total()).toBe(0);
    });
  }

  it('reports every failing variable', async () => {
    const { body } = await post(LIST, { first: 'ten', name: 5 }, 'application/json');
    expect(body.errors?.map((e) => e.extensions?.['field'])).toEqual(['$first', '$name']);
  });

  it('valid variables still execute (defaults included)', async () => {
    const { body } = await post(`query L($first: Int = 2, $name: String!) { bucket(name: $name) { objects(first: $first, prefix: "docs/") { nodes { key } } } }`, { name: BUCKET }, 'application/json');
    expect(body).toEqual({ data: { bucket: { objects: { nodes: [{ key: 'docs/1.txt' }, { key: 'docs/2.txt' }] } } } });
  });

  it('errors in literal arguments stay GRAPHQL_VALIDATION_FAILED (the document itself is invalid)', async () => {
    for (const query of [
      `{ bucket(name: 123) { name } }`,
      `{ bucket(name: "${BUCKET}") { objects(first: 2147483648) { nodes { key } } } }`,
      `mutation { copyObject(input: { sourceBucket: "${BUCKET}", sourceKey: "a.txt", bucket: "${BUCKET}", key: "x", metadataDirective: COPYY }) { __typename } }`,
    ]) {
      const { status, body } = await post(query, {}, 'application/graphql-response+json');
      expect(status).toBe(400);
      expect(body.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
    }
    expect(stack.store.stats.total()).toBe(0);
  });
});

describe('forged `after` cursors', () => {
  const page = (prefix: string, after: string): Promise<GraphQLResult> =>
    stack.graphql(`query P($after: String, $prefix: String) { bucket(name: "${BUCKET}") { objects(prefix: $prefix, first: 1, after: $after) {
      edges { cursor node { key } } pageInfo { endCursor hasNextPage } } } }`, { after, prefix });

  it('a real cursor still pages through its own listing', async () => {
    const first = await page('docs/', undefined as unknown as string);
    const end = first.data?.['bucket'].objects.pageInfo.endCursor as string;
    const second = await page('docs/', end);
    expect(second.data?.['bucket'].objects.edges[0].node.key).toBe('docs/2.txt');
    const edge = second.data?.['bucket'].objects.edges[0].cursor as string;
    expect((await page('docs/', edge)).data?.['bucket'].objects.edges[0].node.key).toBe('docs/3.txt');
  });

  it('are refused before any store request: wrong encoding, over-long, another prefix', async () => {
    const docs = await page('docs/', undefined as unknown as string);
    const docsToken = docs.data?.['bucket'].objects.pageInfo.endCursor as string;
    const docsKey = docs.data?.['bucket'].objects.edges[0].cursor as string;
    stack.store.stats.reset();
    const overLong = 'A'.repeat(MAX_CURSOR_LENGTH + 1);
    // 'k:img/1.png' is 11 bytes: its 15th base64url character carries 2 unused bits.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const canonical = Buffer.from('k:img/1.png').toString('base64url');
    const nonCanonical = `${canonical.slice(0, -1)}${alphabet[alphabet.indexOf(canonical.at(-1) ?? '') + 1] ?? ''}`;
    expect(Buffer.from(nonCanonical, 'base64url').toString()).toBe('k:img/1.png');
    expect((await page('img/', canonical)).errors).toBeUndefined();
    stack.store.stats.reset();
    const cases: Array<[string, string, RegExp, string]> = [
      ['not base64url', 'not-a-cursor!', /not base64url/, 'not-a-cursor!'],
      ['non-canonical base64url (same bytes, stray bits set)', nonCanonical, /not base64url/, ''],
      ['invalid UTF-8', Buffer.from([0x6b, 0x3a, 0xc3, 0x28]).toString('base64url'), /UTF-8/, ''],
      ['an unknown form', Buffer.from('x:docs/1.txt').toString('base64url'), /returned by this listing/, ''],
      ['over-long', overLong, new RegExp(`at most ${MAX_CURSOR_LENGTH} characters`), `${overLong.slice(0, 200)}… (${overLong.length} characters)`],
      ['a token cursor of another prefix', docsToken, /issued for prefix "docs\/", not "img\/"/, docsToken],
      ['a key cursor outside the prefix', docsKey, /outside the listed prefix "img\/"/, docsKey],
      ['a key cursor naming an invalid key', Buffer.from('k:/etc/passwd').toString('base64url'), /invalid key/, ''],
    ];
    for (const [label, cursor, rule, shown] of cases) {
      const result = await page('img/', cursor);
      expect(result.errors, label).toHaveLength(1);
      expectBadInput(result.errors?.[0], 'after', rule, shown === '' ? cursor : shown);
    }
    expect(stack.store.stats.total()).toBe(0);
  });
});

describe('downloadUrl(expiresIn) and cors(origin, method) are checked before the parent object is loaded', () => {
  const cases: Array<[string, string, Record<string, unknown>?]> = [
    ['Query.object, literal', `{ object(bucket: "${BUCKET}", key: "a.txt") { key contentType downloadUrl(expiresIn: 99999999) } }`],
    ['Query.object, variable', `query Q($e: Int) { object(bucket: "${BUCKET}", key: "a.txt") { downloadUrl(expiresIn: $e) } }`, { e: 0 }],
    ['Query.object, through a fragment and an alias', `{ object(bucket: "${BUCKET}", key: "a.txt") { ...F } } fragment F on StorageObject { url: downloadUrl(expiresIn: -5) }`],
    ['Query.objects', `{ objects(refs: [{ bucket: "${BUCKET}", key: "a.txt" }]) { ... on StorageObject { downloadUrl(expiresIn: 99999999) } } }`],
    ['a listing', `{ bucket(name: "${BUCKET}") { objects { nodes { downloadUrl(expiresIn: 99999999) } } } }`],
  ];
  for (const [label, query, variables] of cases) {
    it(`${label}: BAD_USER_INPUT naming expiresIn, no store request`, async () => {
      const result = await stack.graphql(query, variables);
      expect(result.data).toBeUndefined();
      expect(result.errors).toHaveLength(1);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'expiresIn' });
      expect(result.errors?.[0]?.extensions?.['rule']).toMatch(/must be a number of seconds from 1 to \d+/);
      expect(result.errors?.[0]?.message).toMatch(/^expiresIn: must be a number of seconds from 1 to \d+; received -?\d+$/);
      expect(stack.store.stats.total()).toBe(0);
    });
  }

  it('in a mutation payload: the mutation never runs, nothing is written', async () => {
    const result = await stack.graphql(
      `mutation { putObject(input: { bucket: "${BUCKET}", key: "new.txt", content: "x" }) { ... on PutObjectSuccess { object { downloadUrl(expiresIn: 0) } } } }`,
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'expiresIn', value: '0' });
    await expectNothingWritten();
  });

  it('in federation _entities', async () => {
    const result = await subgraph(`query E($r: [_Any!]!) { _entities(representations: $r) { ... on StorageObject { cors(origin: "x\\u0001") { allowOrigin } } } }`, {
      r: [{ __typename: 'StorageObject', bucket: BUCKET, key: 'a.txt' }],
    });
    expectBadInput(result.errors?.[0], 'origin', /control characters/, 'x\u0001');
    expect(stack.store.stats.total()).toBe(0);
  });

  it('a field skipped with @skip / @include is not checked', async () => {
    const result = await stack.graphql(
      `query Q($no: Boolean = false) { object(bucket: "${BUCKET}", key: "a.txt") { key a: downloadUrl(expiresIn: 0) @skip(if: true) b: downloadUrl(expiresIn: 0) @include(if: $no) } }`,
    );
    expect(result).toEqual({ data: { object: { key: 'a.txt' } } });
    expect(stack.store.stats.snapshot()).toEqual({ GetObjectMeta: 1 });
  });

  it('valid arguments cost what they did: one GetObjectMeta for the object, one HeadObject per distinct cors query', async () => {
    const result = await stack.graphql(`{ object(bucket: "${BUCKET}", key: "a.txt") { downloadUrl(expiresIn: 60) cors(origin: "https://app.example", method: "GET") { allowOrigin } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data?.['object'].downloadUrl).toMatch(/^http/);
    expect(stack.store.stats.snapshot()).toEqual({ GetObjectMeta: 1, HeadObject: 1 });
  });
});
