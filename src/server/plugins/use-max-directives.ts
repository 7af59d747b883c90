/** Refuses operations with more directives than a limit. */
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import type { Plugin } from 'graphql-yoga';
import { armorRulePlugin } from './armor-rule.js';

/**
 * Validation fails with `LIMIT_EXCEEDED` (`limit: maxDirectives`) for an operation with more than
 * `max` directives, counted through fragments.
 */
export function useMaxDirectives(options: { readonly max: number }): Plugin {
  return armorRulePlugin({ limit: 'maxDirectives', what: 'directives', max: options.max, variable: 'OSSGRAPH_MAX_DIRECTIVES' }, (callbacks) =>
    maxDirectivesRule({ n: options.max, exposeLimits: true, ...callbacks }),
  );
}
