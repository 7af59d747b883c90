import { buildSchema, getOperationAST, parse } from 'graphql';
import type { GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ARGUMENT_CHECK_EXTENSION, argumentCheck, checkOperationArguments } from '../../../src/graphql/argument-checks.js';
import type { GraphQLContext } from '../../../src/graphql/context.js';
import { BadUserInputError } from '../../../src/graphql/errors.js';

const schema = buildSchema(`
  interface Named { name: String }
  type Item implements Named { name: String url(ttl: Int): String other(ttl: Int): String child: Item }
  union Result = Item | Failure
  type Failure { message: String }
  type Query { item: Item items: [Item] result: Result named: Named }
  type Mutation { make: Result }
`);

const seen: Array<unknown> = [];
const item = schema.getType('Item') as GraphQLObjectType;
const url = item.getFields()['url'];
if (url === undefined) throw new Error('no url field');
(url as { extensions: typeof url.extensions }).extensions = argumentCheck((args) => {
  seen.push(args['ttl']);
  if (typeof args['ttl'] === 'number' && args['ttl'] < 1) throw new BadUserInputError('ttl', 'must be at least 1', args['ttl']);
});

const context = {} as GraphQLContext;

function run(source: string, variables: Record<string, unknown> = {}): unknown[] {
  seen.length = 0;
  const document = parse(source);
  const operation = getOperationAST(document);
  if (operation === null || operation === undefined) throw new Error('no operation');
  checkOperationArguments({ schema, document, operation, variables, context });
  return [...seen];
}

function refusal(source: string, variables: Record<string, unknown> = {}): BadUserInputError {
  try {
    run(source, variables);
  } catch (error) {
    expect(error).toBeInstanceOf(BadUserInputError);
    return error as BadUserInputError;
  }
  throw new Error('expected a refusal');
}

describe('checkOperationArguments', () => {
  it('declares the check under the extension name', () => {
    expect(typeof url.extensions[ARGUMENT_CHECK_EXTENSION]).toBe('function');
  });

  it('runs the check of every selected field, in document order, with coerced variables', () => {
    expect(run('query Q($t: Int) { item { a: url(ttl: 5) b: url(ttl: $t) other(ttl: 0) child { url } } }', { t: 9 })).toEqual([5, 9, undefined]);
  });

  it('reaches fields through lists, unions, inline fragments, fragment spreads and mutations', () => {
    expect(run('{ items { url(ttl: 1) } }')).toEqual([1]);
    expect(run('{ result { ... on Item { url(ttl: 2) } ... on Failure { message } } }')).toEqual([2]);
    expect(run('{ named { ... on Item { url(ttl: 3) } } }')).toEqual([3]);
    expect(run('{ item { ...F child { ...F } } } fragment F on Item { url(ttl: 4) }')).toEqual([4]);
    expect(refusal('mutation { make { ... on Item { url(ttl: 0) } } }').field).toBe('ttl');
    expect(refusal('{ item { ... { child { ...G } } } } fragment G on Item { url(ttl: -1) }').value).toBe('-1');
  });

  it('honours @skip and @include, with variables', () => {
    expect(run('query Q($s: Boolean!) { item { url(ttl: 0) @skip(if: $s) } }', { s: true })).toEqual([]);
    expect(() => run('query Q($s: Boolean!) { item { url(ttl: 0) @skip(if: $s) } }', { s: false })).toThrow(BadUserInputError);
    expect(run('{ item { ... @include(if: false) { url(ttl: 0) } } }')).toEqual([]);
    expect(run('{ item { ...F @skip(if: true) } } fragment F on Item { url(ttl: 0) }')).toEqual([]);
  });

  it('leaves unreadable arguments and unknown fields to execution', () => {
    expect(run('query Q($t: Int) { item { url(ttl: $t) nope } }', {})).toEqual([undefined]);
    expect(run('{ item { url(ttl: "x") } }')).toEqual([]);
    expect(run('{ item { ...Missing } }')).toEqual([]);
  });
});
