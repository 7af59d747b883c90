/** Refuses operations with more aliases than a limit. */
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import type { Plugin } from 'graphql-yoga';
import { armorRulePlugin } from './armor-rule.js';

/**
 * Validation fails with `LIMIT_EXCEEDED` (`limit: maxAliases`) for an operation with more than
 * `max` aliases, counted through fragments (`__typename` aliases are free). Why: each alias of
 * `object(...)` can cost a store request; `Query.objects(refs)` is the bounded way to ask for many.
 */
export function useMaxAliases(options: { readonly max: number }): Plugin {
  return armorRulePlugin({ limit: 'maxAliases', what: 'aliases', max: options.max, variable: 'OSSGRAPH_MAX_ALIASES' }, (callbacks) =>
    maxAliasesRule({ n: options.max, allowList: ['__typename'], exposeLimits: true, ...callbacks }),
  );
}
