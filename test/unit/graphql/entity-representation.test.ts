import { parse } from 'graphql';
import type { FieldNode, OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { AccessDeniedError, BadUserInputError } from '../../../src/graphql/errors.js';
import { checkRepresentation, checkRepresentationTypes, representationPath } from '../../../src/graphql/entity-representation.js';
import { testSettings } from './execute.js';

function infoFor(source: string, variableValues: Record<string, unknown>): { fieldNodes: FieldNode[]; variableValues: Record<string, unknown> } {
  const operation = parse(source).definitions[0] as OperationDefinitionNode;
  return { fieldNodes: [operation.selectionSet.selections[0] as FieldNode], variableValues };
}

function refusal(fn: () => unknown): BadUserInputError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(BadUserInputError);
    return error as BadUserInputError;
  }
  throw new Error('expected a BadUserInputError');
}

const VARIABLE = 'query ($r: [_Any!]!) { _entities(representations: $r) { __typename } }';

describe('_entities representations', () => {
  it('are named by their index in the variable, or generically for literals', () => {
    const a = { bucket: 'b1b', key: 'a' };
    const b = { bucket: 'b1b', key: 'b' };
    expect(representationPath(b, infoFor(VARIABLE, { r: [a, b] }))).toBe('representations[1]');
    expect(representationPath({ ...b }, infoFor(VARIABLE, { r: [a, b] }))).toBe('representation');
    expect(representationPath(a, infoFor('{ _entities(representations: [{ bucket: "b1b" }]) { __typename } }', {}))).toBe('representation');
  });

  it('become object refs, or BAD_USER_INPUT naming the field, the rule and the value', () => {
    const good = { __typename: 'StorageObject', bucket: 'b1b', key: 'a', versionId: null };
    const bad: unknown[] = [{ bucket: 'b1b' }, { key: 'k' }, { bucket: 5, key: 'k' }, { bucket: 'b1b', key: { k: 1 } }, { bucket: 'b1b', key: 'k', versionId: true }, { bucket: 'b1b', key: '' }, { bucket: 'b1b', key: 'k', versionId: '' }];
    const info = infoFor(VARIABLE, { r: [good, ...bad] });
    expect(checkRepresentation(good, testSettings(), info)).toEqual({ bucket: 'b1b', key: 'a' });
    const withVersion = { bucket: 'b1b', key: 'a', versionId: 'v1' };
    expect(checkRepresentation(withVersion, testSettings(), infoFor(VARIABLE, { r: [withVersion] }))).toEqual(withVersion);
    const errors = bad.map((r) => refusal(() => checkRepresentation(r, testSettings(), info)));
    expect(errors.map((e) => e.field)).toEqual([
      'representations[1].key',
      'representations[2].bucket',
      'representations[3].bucket',
      'representations[4].key',
      'representations[5].versionId',
      'representations[6].key',
      'representations[7].versionId',
    ]);
    expect(errors[0]?.message).toBe('representations[1].key: is required (StorageObject @key "bucket key"); received undefined');
    expect(errors[2]?.message).toBe('representations[3].bucket: must be a string; received 5');
    expect(errors[3]?.value).toBe('{"k":1}');
    expect(() => checkRepresentation({ bucket: 'other', key: 'k' }, testSettings({ allowedBuckets: ['b1b'] }), info)).toThrow(AccessDeniedError);
  });

  it('must be objects whose __typename names an entity type', () => {
    const types = new Set(['StorageObject']);
    expect(() => checkRepresentationTypes([{ __typename: 'StorageObject' }], types)).not.toThrow();
    expect(() => checkRepresentationTypes(undefined, types)).not.toThrow();
    expect(refusal(() => checkRepresentationTypes([{ __typename: 'StorageObject' }, 'x'], types)).field).toBe('representations[1]');
    expect(refusal(() => checkRepresentationTypes([null], types)).field).toBe('representations[0]');
    const typename = refusal(() => checkRepresentationTypes([{ __typename: 'Bucket' }], types));
    expect(typename.message).toBe('representations[0].__typename: must name an entity type of this subgraph (StorageObject); received "Bucket"');
  });
});
