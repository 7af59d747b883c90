/** What `npm start` turns on that `npm run serve` leaves off. */
import type { Environment } from '../config/index.js';

/**
 * Variables `npm start` (the local demo) sets when the environment leaves them unset or blank:
 * GraphiQL and introspection on. `npm run serve` keeps the spec's defaults (both off).
 */
export const DEV_DEFAULTS: Readonly<Record<string, string>> = {
  OSSGRAPH_GRAPHIQL: 'true',
  OSSGRAPH_INTROSPECTION: 'true',
};

/** `env` with {@link DEV_DEFAULTS} filled in where `env` has no (non-blank) value; `env` is not changed. */
export function withDevDefaults(env: Environment): Environment {
  const filled: Record<string, string | undefined> = { ...env };
  for (const [name, value] of Object.entries(DEV_DEFAULTS)) {
    if ((filled[name]?.trim() ?? '') === '') filled[name] = value;
  }
  return filled;
}
