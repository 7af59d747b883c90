/** Refuses operations nested deeper than a limit. */
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import type { Plugin } from 'graphql-yoga';
import { armorRulePlugin } from './armor-rule.js';

/**
 * Validation fails with `LIMIT_EXCEEDED` (`limit: maxDepth`) for an operation whose fields nest
 * deeper than `max` (fragments and inline fragments add no level). A `__schema` selection is not
 * counted (the GraphiQL introspection query is 15 deep); graphql-js's own
 * `MaxIntrospectionDepthRule` bounds its cycles. `__type` is counted.
 */
export function useMaxDepth(options: { readonly max: number }): Plugin {
  return armorRulePlugin({ limit: 'maxDepth', what: 'levels of nested fields', max: options.max, variable: 'OSSGRAPH_MAX_DEPTH' }, (callbacks) =>
    maxDepthRule({ n: options.max, ignoreIntrospection: true, flattenFragments: true, exposeLimits: true, ...callbacks }),
  );
}
