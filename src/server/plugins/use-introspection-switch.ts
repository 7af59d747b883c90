/** Turns introspection off. */
import { GraphQLError, getNamedType, isIntrospectionType } from 'graphql';
import type { ValidationRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** `extensions.code` of an operation refused because it introspects. */
export const INTROSPECTION_DISABLED = 'INTROSPECTION_DISABLED';

/**
 * Reports every field whose type is an introspection type (`__schema`, `__type`), as graphql-js's
 * `NoSchemaIntrospectionCustomRule` does, with a code and the variable that turns it on.
 * `__typename` stays allowed: clients need it.
 */
const noIntrospectionRule: ValidationRule = (context) => ({
  Field(node) {
    const type = context.getFieldDef()?.type;
    if (type !== undefined && isIntrospectionType(getNamedType(type))) {
      context.reportError(
        new GraphQLError(`Introspection is turned off on this server (OSSGRAPH_INTROSPECTION); the operation selects "${node.name.value}".`, {
          nodes: node,
          extensions: { code: INTROSPECTION_DISABLED },
        }),
      );
    }
  },
});

/** Validation fails with `INTROSPECTION_DISABLED` for any operation that introspects, unless `enabled`. */
export function useIntrospectionSwitch(options: { readonly enabled: boolean }): Plugin {
  if (options.enabled) return {};
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(noIntrospectionRule);
    },
  };
}
