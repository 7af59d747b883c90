/** Reading the configuration from an environment: pure, all problems at once, frozen result. */
import { ConfigError } from './errors.js';
import type { ConfigProblem } from './errors.js';
import { CONFIG_SPEC } from './spec.js';
import type { AppConfig, ConfigKey, OptionSpec } from './spec.js';

/** An environment: variable name → value (`process.env` fits). */
export type Environment = Readonly<Record<string, string | undefined>>;

const REDACTED = '<redacted>';

/** The value a problem may show for `spec`: secrets never appear. */
function shown(spec: OptionSpec<unknown>, raw: string | undefined): string | undefined {
  return raw !== undefined && spec.secret === true ? REDACTED : raw;
}

/**
 * Builds the configuration from `env`. Blank values count as unset. Every option is parsed, then
 * the rules that relate options are checked; if anything is wrong, throws one {@link ConfigError}
 * listing every problem (variable, rule, value; secrets redacted). Returns a deeply frozen
 * object. Reads nothing but `env`.
 */
export function loadConfig(env: Environment): AppConfig {
  const problems: ConfigProblem[] = [];
  const invalid = new Set<ConfigKey>();
  const values: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(CONFIG_SPEC) as Array<[ConfigKey, OptionSpec<unknown>]>) {
    const raw = env[spec.env]?.trim();
    if (raw === undefined || raw === '') {
      values[key] = spec.default;
      continue;
    }
    const parsed = spec.parse(raw);
    if (parsed.ok) {
      values[key] = parsed.value;
    } else {
      invalid.add(key);
      problems.push({ variable: spec.env, rule: parsed.rule, value: shown(spec, raw) });
    }
  }
  const config = values as AppConfig;
  problems.push(...crossChecks(config, env, invalid));
  if (problems.length > 0) throw new ConfigError(problems);
  return deepFreeze(config);
}

/**
 * Rules that relate two or more options. A rule is skipped when one of its options did not parse
 * (that option is already reported, and its value here is meaningless).
 */
function crossChecks(config: AppConfig, env: Environment, invalid: ReadonlySet<ConfigKey>): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const raw = (key: ConfigKey): string | undefined => {
    const spec: OptionSpec<unknown> = CONFIG_SPEC[key];
    return shown(spec, env[spec.env]?.trim() || undefined);
  };
  const problem = (key: ConfigKey, rule: string): void => {
    problems.push({ variable: CONFIG_SPEC[key].env, rule, value: raw(key) });
  };
  const valid = (...keys: ConfigKey[]): boolean => keys.every((key) => !invalid.has(key));
  if (!valid('ossRegion', 'ossEndpoint', 'ossAccessKeyId', 'ossAccessKeySecret', 'ossSessionToken')) return problems.concat(limitChecks());
  if (config.ossEndpoint !== undefined && config.ossRegion === undefined) {
    problem('ossRegion', `must be set when ${CONFIG_SPEC.ossEndpoint.env} is set (it is the signing region)`);
  }
  const remote = config.ossRegion !== undefined;
  if (config.ossAccessKeyId === undefined && (remote || config.ossAccessKeySecret !== undefined)) {
    problem('ossAccessKeyId', remote ? `must be set when ${CONFIG_SPEC.ossRegion.env} is set` : `must be set with ${CONFIG_SPEC.ossAccessKeySecret.env}`);
  }
  if (config.ossAccessKeySecret === undefined && (remote || config.ossAccessKeyId !== undefined)) {
    problem('ossAccessKeySecret', remote ? `must be set when ${CONFIG_SPEC.ossRegion.env} is set` : `must be set with ${CONFIG_SPEC.ossAccessKeyId.env}`);
  }
  if (config.ossSessionToken !== undefined && (config.ossAccessKeyId === undefined || config.ossAccessKeySecret === undefined)) {
    problem('ossSessionToken', `needs ${CONFIG_SPEC.ossAccessKeyId.env} and ${CONFIG_SPEC.ossAccessKeySecret.env}`);
  }
  return problems.concat(limitChecks());

  /** The rules between numeric limits. */
  function limitChecks(): ConfigProblem[] {
    const before = problems.length;
    checkLimits();
    return problems.splice(before);
  }

  function checkLimits(): void {
  if (valid('defaultPageSize', 'maxPageSize') && config.defaultPageSize > config.maxPageSize) {
    problem('defaultPageSize', `must not exceed ${CONFIG_SPEC.maxPageSize.env} (${config.maxPageSize})`);
  }
  if (config.storeConcurrencyPerRequest > config.storeConcurrency) {
    problem('storeConcurrencyPerRequest', `must not exceed ${CONFIG_SPEC.storeConcurrency.env} (${config.storeConcurrency})`);
  }
  if (config.presignExpiresSeconds > config.presignMaxExpiresSeconds) {
    problem('presignExpiresSeconds', `must not exceed ${CONFIG_SPEC.presignMaxExpiresSeconds.env} (${config.presignMaxExpiresSeconds})`);
  }
  return problems;
}

/** Freezes `value` and every object or array inside it. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
