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

/** The level `field` declares through {@link METADATA_LEVEL_EXTENSION}, if any. */
export function declaredLevel(type: GraphQLObjectType, fieldName: string): MetadataLevel | undefined {
  const value = type.getFields()[fieldName]?.extensions[METADATA_LEVEL_EXTENSION];
  return value === 'basic' || value === 'full' ? value : undefined;
}

/**
 * The highest level any field selected under the current field needs: `full` when some selected
 * field (through fragments, inline fragments and aliases, honouring `@skip`/`@include`) declares
 * `full`, else `basic`. Fields that declare nothing (bucket, key, downloadUrl, cors) need `basic`,
 * the existence check.
 */
export function selectedMetadataLevel(info: GraphQLResolveInfo): MetadataLevel {
  const type = getNamedType(info.returnType);
  if (!isObjectType(type)) return 'basic';
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

  const needsFull = (selectionSet: SelectionSetNode | undefined): boolean => {
    if (selectionSet === undefined) return false;
    for (const selection of selectionSet.selections) {
      if (!included(selection)) continue;
      if (selection.kind === 'Field') {
        if (declaredLevel(type, selection.name.value) === 'full') return true;
      } else if (selection.kind === 'InlineFragment') {
        if (appliesTo(selection.typeCondition?.name.value) && needsFull(selection.selectionSet)) return true;
      } else {
        const name = selection.name.value;
        if (visitedFragments.has(name)) continue;
        visitedFragments.add(name);
        const fragment = info.fragments[name];
        if (fragment !== undefined && appliesTo(fragment.typeCondition.name.value) && needsFull(fragment.selectionSet)) return true;
      }
    }
    return false;
  };

  return info.fieldNodes.some((node) => needsFull(node.selectionSet)) ? 'full' : 'basic';
}
