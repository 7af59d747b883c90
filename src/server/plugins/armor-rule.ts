/** Adapting graphql-armor's validation rules to ossgraph's {@link limitExceeded} error. */
import type { GraphQLArmorCallbackConfiguration } from '@escape.tech/graphql-armor-types';
import type { ValidationRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { limitExceeded } from '../limit-exceeded.js';
import type { LimitBreach } from '../limit-exceeded.js';

/** What a limit plugin built on an armor rule reports, besides the value found. */
export type ArmorLimit = Omit<LimitBreach, 'found' | 'status'>;

/**
 * A plugin adding the armor rule `makeRule(callbacks)` to validation. A rejection is reported on
 * the validation context as a {@link limitExceeded} error (not thrown), so the other validation
 * errors of the document are still reported.
 *
 * Why the value is read from armor's message: armor passes only its error to `onReject`, and with
 * `exposeLimits` (its default) that message ends with "found N." for every rule used here.
 */
export function armorRulePlugin(limit: ArmorLimit, makeRule: (callbacks: Required<GraphQLArmorCallbackConfiguration>) => ValidationRule): Plugin {
  const rule = makeRule({
    propagateOnRejection: false,
    onAccept: [],
    onReject: [
      (context, error) => {
        const found = Number(/found (\d+)/.exec(error.message)?.[1] ?? Number.NaN);
        context?.reportError(limitExceeded({ ...limit, found: Number.isNaN(found) ? limit.max + 1 : found }));
      },
    ],
  });
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(rule);
    },
  };
}
