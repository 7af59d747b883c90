/**
 * Checking a federation `_entities` representation of `StorageObject` before it is resolved.
 *
 * Why: representations arrive as the `_Any` scalar, which GraphQL does not check, so a missing
 * `key` or a numeric `bucket` would otherwise reach the loader as a TypeError (masked as
 * INTERNAL_SERVER_ERROR). Each bad representation fails alone, at its own `_entities[i]` path.
 * A representation that is not an object, or has no entity `__typename`, cannot be answered per
 * item (`@apollo/subgraph` fails the whole list on it), so it is refused before execution.
 */
import { isUnionType } from 'graphql';
import type { GraphQLResolveInfo, GraphQLSchema } from 'graphql';
import type { ObjectRef } from '../loaders/object-ref.js';
import { argumentCheck } from './argument-checks.js';
import { BadUserInputError } from './errors.js';
import type { ApiSettings } from './settings.js';
import { checkObjectRef } from './validation.js';

/**
 * The argument path of `representation`: `representations[i]` when it can be found in the
 * request's variables (routers always send representations as a variable), else `representation`.
 */
export function representationPath(representation: unknown, info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'variableValues'>): string {
  const argument = info.fieldNodes[0]?.arguments?.find((a) => a.name.value === 'representations');
  if (argument?.value.kind === 'Variable') {
    const list = info.variableValues[argument.value.name.value];
    const index = Array.isArray(list) ? list.indexOf(representation) : -1;
    if (index >= 0) return `representations[${index}]`;
  }
  return 'representation';
}

/**
 * Checks one `StorageObject` representation and returns it as an {@link ObjectRef}: `bucket` and
 * `key` must be strings (the `@key` fields), `versionId` a string or null when present; then the
 * same rules as `Query.object` arguments (bucket name and allowlist, key, version id). Throws
 * {@link BadUserInputError} naming `representations[i].<field>`, the rule and the value.
 */
export function checkRepresentation(representation: unknown, settings: ApiSettings, info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'variableValues'>): ObjectRef {
  const path = representationPath(representation, info);
  if (typeof representation !== 'object' || representation === null || Array.isArray(representation)) {
    throw new BadUserInputError(path, 'a StorageObject representation must be an object with bucket and key', representation);
  }
  const fields = representation as Record<string, unknown>;
  for (const name of ['bucket', 'key'] as const) {
    const value = fields[name];
    if (value === undefined || value === null) {
      throw new BadUserInputError(`${path}.${name}`, `is required (StorageObject @key "bucket key")`, value);
    }
    if (typeof value !== 'string') throw new BadUserInputError(`${path}.${name}`, 'must be a string', value);
  }
  const versionId = fields['versionId'];
  if (versionId !== undefined && versionId !== null && typeof versionId !== 'string') {
    throw new BadUserInputError(`${path}.versionId`, 'must be a string or null', versionId);
  }
  return checkObjectRef(
    settings,
    { bucket: fields['bucket'] as string, key: fields['key'] as string, versionId: versionId as string | null | undefined },
    `${path}.`,
  );
}

/**
 * Throws {@link BadUserInputError} at the first representation that is not an object whose
 * `__typename` names one of `entityTypes`.
 */
export function checkRepresentationTypes(representations: unknown, entityTypes: ReadonlySet<string>): void {
  if (!Array.isArray(representations)) return;
  const expected = [...entityTypes].join(', ');
  representations.forEach((representation: unknown, index) => {
    const path = `representations[${index}]`;
    if (typeof representation !== 'object' || representation === null || Array.isArray(representation)) {
      throw new BadUserInputError(path, `must be an object with __typename (${expected}) and the @key fields`, representation);
    }
    const typename = (representation as Record<string, unknown>)['__typename'];
    if (typeof typename !== 'string' || !entityTypes.has(typename)) {
      throw new BadUserInputError(`${path}.__typename`, `must name an entity type of this subgraph (${expected})`, typename);
    }
  });
}

/**
 * Declares {@link checkRepresentationTypes} as the pre-execution argument check of `_entities` in
 * a built subgraph schema (the field comes from `@apollo/subgraph`, so it is declared here rather
 * than through the builder) and returns the schema. A schema without `_entities` is returned as is.
 */
export function withRepresentationCheck(schema: GraphQLSchema): GraphQLSchema {
  const field = schema.getQueryType()?.getFields()['_entities'];
  const entity = schema.getType('_Entity');
  if (field === undefined || !isUnionType(entity)) return schema;
  const names = new Set(entity.getTypes().map((type) => type.name));
  // Why a mutation of the built field: its `extensions` is a plain object graphql-js never reads.
  (field as { extensions: typeof field.extensions }).extensions = {
    ...field.extensions,
    ...argumentCheck((args) => checkRepresentationTypes(args['representations'], names)),
  };
  return schema;
}
