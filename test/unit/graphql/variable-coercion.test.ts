import { buildSchema, getOperationAST, getVariableValues, parse } from 'graphql';
import type { OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { BadUserInputError } from '../../../src/graphql/errors.js';
import { coerceVariableValues } from '../../../src/graphql/variable-coercion.js';

const schema = buildSchema(`
  enum Directive { COPY REPLACE }
  input Ref { bucket: String! key: String! versionId: String }
  type Query { f(first: Int, name: String!, d: Directive, refs: [Ref!], flag: Boolean): Int }
`);

const DOCUMENT = `query Q($first: Int, $name: String!, $d: Directive = COPY, $refs: [Ref!], $flag: Boolean = true, $list: [Int!]!) {
  f(first: $first, name: $name, d: $d, refs: $refs, flag: $flag)
}`;

function operation(source = DOCUMENT): OperationDefinitionNode {
  const op = getOperationAST(parse(source));
  if (op === null || op === undefined) throw new Error('no operation');
  return op;
}

describe('coerceVariableValues', () => {
  it('coerces like graphql-js: defaults, lists from single values, nested inputs', () => {
    const op = operation();
    const inputs = { first: 3, name: 'n', refs: { bucket: 'b', key: 'k' }, list: 5 };
    const ours = coerceVariableValues(schema, op, inputs);
    const theirs = getVariableValues(schema, op.variableDefinitions ?? [], inputs);
    expect(ours.errors).toBeUndefined();
    expect(ours.values).toEqual(theirs.coerced);
    expect(ours.values).toEqual({ first: 3, name: 'n', d: 'COPY', refs: [{ bucket: 'b', key: 'k' }], flag: true, list: [5] });
  });

  it('fails exactly when graphql-js fails (differential over hostile inputs)', () => {
    const op = operation();
    const base = { name: 'n', list: [1] };
    const inputs: Array<Record<string, unknown>> = [
      { ...base, first: 2147483648 },
      { ...base, first: -2147483649 },
      { ...base, first: 1.5 },
      { ...base, first: '1' },
      { ...base, first: null },
      { ...base, name: 123 },
      { ...base, name: null },
      { list: [1] },
      { ...base, d: 'COPYY' },
      { ...base, d: 'copy' },
      { ...base, d: null },
      { ...base, refs: [{ bucket: 'b' }] },
      { ...base, refs: [{ bucket: 'b', key: 'k', extra: 1 }] },
      { ...base, refs: [null] },
      { ...base, refs: 'x' },
      { ...base, list: [1, null] },
      { ...base, list: [1, 'two'] },
      { ...base, flag: 'yes' },
      { ...base, first: 7, d: 'REPLACE', refs: [], flag: false },
    ];
    for (const input of inputs) {
      const ours = coerceVariableValues(schema, op, input);
      const theirs = getVariableValues(schema, op.variableDefinitions ?? [], input);
      expect(ours.errors === undefined, JSON.stringify(input)).toBe(theirs.errors === undefined);
      if (ours.errors === undefined) expect(ours.values).toEqual(theirs.coerced);
      else expect(ours.errors.length, JSON.stringify(input)).toBe(theirs.errors?.length);
    }
  });

  it('names the variable path, the rule and the value', () => {
    const op = operation();
    const result = coerceVariableValues(schema, op, { first: 2147483648, name: 'n', refs: [{ bucket: 'b', key: 'k' }, { bucket: 1, key: 'k' }], list: [] });
    expect(result.errors?.map((e) => [e.field, e.value])).toEqual([
      ['$first', '2147483648'],
      ['$refs[1].bucket', '1'],
    ]);
    const [first, bucket] = result.errors ?? [];
    expect(first).toBeInstanceOf(BadUserInputError);
    expect(first?.extensions['code']).toBe('BAD_USER_INPUT');
    expect(first?.rule).toBe('Int cannot represent non 32-bit signed integer value: 2147483648');
    expect(first?.message).toBe('$first: Int cannot represent non 32-bit signed integer value: 2147483648; received 2147483648');
    expect(bucket?.rule).toBe('String cannot represent a non string value: 1');
    const missing = coerceVariableValues(schema, op, { list: [] });
    expect(missing.errors?.[0]?.message).toBe('$name: is required (type String!) but was not provided; received undefined');
    const nulled = coerceVariableValues(schema, op, { name: null, list: [] });
    expect(nulled.errors?.[0]?.message).toBe('$name: must not be null (type String!); received null');
    expect(coerceVariableValues(schema, op, { name: 'n', list: [], d: 'COPYY' }).errors?.[0]?.rule).toMatch(/Did you mean the enum value "COPY"\?/);
  });

  it('quotes a long offending value by its start and length, not whole', () => {
    const long = 'x'.repeat(100_000);
    const [error] = coerceVariableValues(schema, operation(), { name: 'n', list: [], first: long }).errors ?? [];
    expect(error?.field).toBe('$first');
    expect(error?.message.length).toBeLessThan(800);
    expect(error?.rule).toMatch(/^Int cannot represent non-integer value: "x+…$/);
    expect(error?.value).toContain('(100002 characters of JSON)');
    expect(error?.value).toContain(JSON.stringify(`"${'x'.repeat(199)}`).slice(1, -1));
  });

  it('adds the given extensions and stops at maxErrors', () => {
    const op = operation();
    const result = coerceVariableValues(schema, op, { first: 'x', name: 1, list: ['a', 'b', 'c'] }, { maxErrors: 2, extensions: { http: { status: 400 } } });
    expect(result.errors).toHaveLength(2);
    expect(result.errors?.[0]?.extensions['http']).toEqual({ status: 400 });
  });

  it('skips variables whose type is not an input type (a document error left to validation)', () => {
    const op = operation('query Q($x: Query, $y: Unknown) { f(name: "n") }');
    expect(coerceVariableValues(schema, op, { x: 1, y: 2 })).toEqual({ values: {} });
  });
});
