/**
 * Looking ahead at an operation's selection to choose the metadata level a root field loads.
 *
 * Why: `Query.object(s)` must ask the store before returning (null for a missing object). If the
 * selection needs HeadObject anywhere, asking GetObjectMeta first would cost a second request
 * per object; looking ahead lets the existence check be the request that answers the fields.
 */
import { GraphQLIncludeDirective, GraphQLSkipDirective, getDirectiveValues, getNamedType, isObjectType } from 'graphql';
import type { FieldNode, FragmentSpreadNode, GraphQLObjectType, GraphQLResolveInfo, InlineFragmentNode, SelectionSetNode } from 'graphql';
import type { MetadataLevel } from '../loaders/object-metadata.js';

/** The field `extensions` entry that declares the level a `StorageObject` field needs. */
export const METADATA_LEVEL_EXTENSION = 'ossgraphMetadataLevel';

/**
 * The store request a `StorageObject` field needs: a metadata level, or one of the aspects with a
 * request of its own (GetObjectTagging, GetObjectAcl, image info, GetSymlink).
 */
export type FieldCost = MetadataLevel | ObjectAspect;

/** The aspects of an object loaded by a request of their own (see `loaders/load-object-aspects.ts`). */
export type ObjectAspect = 'tags' | 'acl' | 'image' | 'symlinkTarget';

const COSTS: ReadonlySet<string> = new Set<FieldCost>(['basic', 'full', 'tags', 'acl', 'image', 'symlinkTarget']);

/** The cost `field` declares through {@link METADATA_LEVEL_EXTENSION}, if any. */
export function declaredCost(type: GraphQLObjectType, fieldName: string): FieldCost | undefined {
  const value = type.getFields()[fieldName]?.extensions[METADATA_LEVEL_EXTENSION];
  return typeof value === 'string' && COSTS.has(value) ? (value as FieldCost) : undefined;
}

/** The level `field` declares through {@link METADATA_LEVEL_EXTENSION}, if it declares a metadata level. */
export function declaredLevel(type: GraphQLObjectType, fieldName: string): MetadataLevel | undefined {
  const value = declaredCost(type, fieldName);
  return value === 'basic' || value === 'full' ? value : undefined;
}

/**
 * The highest level any field selected under the current field needs: `full` when some selected
 * field (through fragments, inline fragments and aliases, honouring `@skip`/`@include`) declares
 * `full`, else `basic`. Fields that declare nothing (bucket, key, downloadUrl, cors) need `basic`,
 * the existence check.
 */
export function selectedMetadataLevel(info: GraphQLResolveInfo): MetadataLevel {
  return selectedCosts(info).has('full') ? 'full' : 'basic';
}

/**
 * How a root field that must answer null for a missing object checks existence, chosen so the
 * check is a request the selection needs anyway: `full` or `basic` when any metadata field is
 * selected (as {@link selectedMetadataLevel}), else the first selected aspect (its NoSuchKey
 * answers existence: `objects(refs) { tags { key } }` costs one GetObjectTagging per object and
 * nothing else), else `basic` (one GetObjectMeta).
 */
export function selectedExistenceCheck(info: GraphQLResolveInfo): FieldCost {
  const costs = selectedCosts(info);
  if (costs.has('full')) return 'full';
  if (costs.has('basic')) return 'basic';
  for (const aspect of ['tags', 'acl', 'image', 'symlinkTarget'] as const) if (costs.has(aspect)) return aspect;
  return 'basic';
}

/**
 * Every cost declared by a field selected under the current field (through fragments, inline
 * fragments and aliases, honouring `@skip`/`@include`). Fields that declare nothing (bucket, key,
 * id, downloadUrl, cors) add nothing.
 */
export function selectedCosts(info: GraphQLResolveInfo): Set<FieldCost> {
  const costs = new Set<FieldCost>();
  const type = getNamedType(info.returnType);
  if (!isObjectType(type)) return costs;
  const visitedFragments = new Set<string>();

  const included = (node: FieldNode | FragmentSpreadNode | InlineFragmentNode): boolean => {
    const skip = getDirectiveValues(GraphQLSkipDirective, node, info.variableValues);
    if (skip?.['if'] === true) return false;
    const include = getDirectiveValues(GraphQLIncludeDirective, node, info.variableValues);
    return include?.['if'] !== false;
  };

  const appliesTo = (typeCondition: string | undefined): boolean => {
    if (typeCondition === undefined || typeCondition === type.name) return true;
    return type.getInterfaces().some((i) => i.name === typeCondition);
  };

  const collect = (selectionSet: SelectionSetNode | undefined): void => {
    if (selectionSet === undefined) return;
    for (const selection of selectionSet.selections) {
      if (!included(selection)) continue;
      if (selection.kind === 'Field') {
        const cost = declaredCost(type, selection.name.value);
        if (cost !== undefined) costs.add(cost);
      } else if (selection.kind === 'InlineFragment') {
        if (appliesTo(selection.typeCondition?.name.value)) collect(selection.selectionSet);
      } else {
        const name = selection.name.value;
        if (visitedFragments.has(name)) continue;
        visitedFragments.add(name);
        const fragment = info.fragments[name];
        if (fragment !== undefined && appliesTo(fragment.typeCondition.name.value)) collect(fragment.selectionSet);
      }
    }
  };

  for (const node of info.fieldNodes) collect(node.selectionSet);
  return costs;
}
