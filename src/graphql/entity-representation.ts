/**
 * Checking a federation `_entities` representation of `StorageObject` before it is resolved.
 *
 * Why: representations arrive as the `_Any` scalar, which GraphQL does not check, so a missing
 * `key` or a numeric `bucket` would otherwise reach the loader as a TypeError (masked as
 * INTERNAL_SERVER_ERROR). Each bad representation fails alone, at its own `_entities[i]` path.
 */
import type { GraphQLResolveInfo } from 'graphql';
import type { ObjectRef } from '../loaders/object-ref.js';
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
