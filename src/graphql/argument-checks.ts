/**
 * Argument checks that run before execution, for fields whose parent costs a store request.
 *
 * Why before execution: `Query.object` must load the object before its fields resolve (to answer
 * null for a missing one), and a mutation writes before its payload's fields resolve; a bad
 * `downloadUrl(expiresIn)` or `cors(origin)` checked in its own resolver would come after that
 * request or that write. A field declares its check in `extensions`; {@link checkOperationArguments}
 * walks the operation once, with the coerced variables, and runs every declared check of every
 * field that will execute, so a bad argument costs no store request and changes nothing.
 */
import { GraphQLIncludeDirective, GraphQLSkipDirective, getArgumentValues, getDirectiveValues, getNamedType, isCompositeType, isInterfaceType, isObjectType } from 'graphql';
import type {
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  FragmentSpreadNode,
  GraphQLCompositeType,
  GraphQLSchema,
  InlineFragmentNode,
  OperationDefinitionNode,
  SelectionSetNode,
} from 'graphql';
import type { GraphQLContext } from './context.js';

/** The field `extensions` entry holding an {@link ArgumentCheck}. */
export const ARGUMENT_CHECK_EXTENSION = 'ossgraphArgumentCheck';

/** Throws (a {@link BadUserInputError}) when the field's coerced arguments break a rule. */
export type ArgumentCheck = (args: Record<string, unknown>, context: GraphQLContext) => void;

/** Field `extensions` declaring `check` as the field's pre-execution argument check. */
export function argumentCheck(check: ArgumentCheck): { [ARGUMENT_CHECK_EXTENSION]: ArgumentCheck } {
  return { [ARGUMENT_CHECK_EXTENSION]: check };
}

/** What {@link checkOperationArguments} needs. */
export interface OperationArguments {
  readonly schema: GraphQLSchema;
  readonly document: DocumentNode;
  readonly operation: OperationDefinitionNode;
  /** Coerced variable values. */
  readonly variables: Record<string, unknown>;
  readonly context: GraphQLContext;
}

/**
 * Runs the declared {@link ArgumentCheck} of every field the operation will execute (through
 * fragments, inline fragments, aliases and `@skip`/`@include`), in document order; the first
 * failure is thrown. Arguments that cannot be read (a document error) are left to execution.
 */
export function checkOperationArguments(options: OperationArguments): void {
  const { schema, document, operation, variables, context } = options;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === 'FragmentDefinition') fragments.set(definition.name.value, definition);
  }
  const visited = new Set<string>();

  const included = (node: FieldNode | FragmentSpreadNode | InlineFragmentNode): boolean => {
    try {
      if (getDirectiveValues(GraphQLSkipDirective, node, variables)?.['if'] === true) return false;
      return getDirectiveValues(GraphQLIncludeDirective, node, variables)?.['if'] !== false;
    } catch {
      // Why included: an unreadable directive argument is execution's error to report.
      return true;
    }
  };

  const typeNamed = (name: string | undefined, fallback: GraphQLCompositeType): GraphQLCompositeType | undefined => {
    if (name === undefined) return fallback;
    const type = schema.getType(name);
    return isCompositeType(type) ? type : undefined;
  };

  const walk = (selectionSet: SelectionSetNode, parent: GraphQLCompositeType): void => {
    for (const selection of selectionSet.selections) {
      if (!included(selection)) continue;
      if (selection.kind === 'Field') {
        if (!isObjectType(parent) && !isInterfaceType(parent)) continue;
        const field = parent.getFields()[selection.name.value];
        if (field === undefined) continue;
        const check = field.extensions[ARGUMENT_CHECK_EXTENSION];
        if (typeof check === 'function') {
          let args: Record<string, unknown> | undefined;
          try {
            args = getArgumentValues(field, selection, variables);
          } catch {
            args = undefined;
          }
          if (args !== undefined) (check as ArgumentCheck)(args, context);
        }
        const type = getNamedType(field.type);
        if (selection.selectionSet !== undefined && isCompositeType(type)) walk(selection.selectionSet, type);
      } else if (selection.kind === 'InlineFragment') {
        const type = typeNamed(selection.typeCondition?.name.value, parent);
        if (type !== undefined) walk(selection.selectionSet, type);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (fragment === undefined || visited.has(name)) continue;
        visited.add(name);
        const type = typeNamed(fragment.typeCondition.name.value, parent);
        if (type !== undefined) walk(fragment.selectionSet, type);
      }
    }
  };

  const root = schema.getRootType(operation.operation);
  if (root !== undefined && root !== null) walk(operation.selectionSet, root);
}
