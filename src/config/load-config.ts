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

/** A rule relating options: which options it reads, and the broken rules it finds as `[option, rule]`. */
interface CrossRule {
  readonly reads: readonly ConfigKey[];
  readonly check: (config: AppConfig) => ReadonlyArray<readonly [ConfigKey, string]>;
}

const { ossRegion, ossEndpoint, ossAccessKeyId, ossAccessKeySecret, maxPageSize, storeConcurrency, presignMaxExpiresSeconds, auth, jwksUrl, jwtPublicKey, policyFile } =
  CONFIG_SPEC;

/** Every rule that relates options. */
const CROSS_RULES: readonly CrossRule[] = [
  {
    reads: ['ossRegion', 'ossEndpoint'],
    check: (c) =>
      c.ossEndpoint !== undefined && c.ossRegion === undefined
        ? [['ossRegion', `must be set when ${ossEndpoint.env} is set (it is the signing region)`]]
        : [],
  },
  {
    reads: ['ossRegion', 'ossAccessKeyId', 'ossAccessKeySecret'],
    check: (c) => {
      const remote = c.ossRegion !== undefined;
      const found: Array<readonly [ConfigKey, string]> = [];
      if (c.ossAccessKeyId === undefined && (remote || c.ossAccessKeySecret !== undefined)) {
        found.push(['ossAccessKeyId', remote ? `must be set when ${ossRegion.env} is set` : `must be set with ${ossAccessKeySecret.env}`]);
      }
      if (c.ossAccessKeySecret === undefined && (remote || c.ossAccessKeyId !== undefined)) {
        found.push(['ossAccessKeySecret', remote ? `must be set when ${ossRegion.env} is set` : `must be set with ${ossAccessKeyId.env}`]);
      }
      return found;
    },
  },
  {
    reads: ['ossSessionToken', 'ossAccessKeyId', 'ossAccessKeySecret'],
    check: (c) =>
      c.ossSessionToken !== undefined && (c.ossAccessKeyId === undefined || c.ossAccessKeySecret === undefined)
        ? [['ossSessionToken', `needs ${ossAccessKeyId.env} and ${ossAccessKeySecret.env}`]]
        : [],
  },
  {
    reads: ['defaultPageSize', 'maxPageSize'],
    check: (c) => (c.defaultPageSize > c.maxPageSize ? [['defaultPageSize', `must not exceed ${maxPageSize.env} (${c.maxPageSize})`]] : []),
  },
  {
    reads: ['storeConcurrencyPerRequest', 'storeConcurrency'],
    check: (c) =>
      c.storeConcurrencyPerRequest > c.storeConcurrency
        ? [['storeConcurrencyPerRequest', `must not exceed ${storeConcurrency.env} (${c.storeConcurrency})`]]
        : [],
  },
  {
    reads: ['auth', 'jwksUrl', 'jwtPublicKey'],
    check: (c) => {
      const sources = [c.jwksUrl, c.jwtPublicKey].filter((v) => v !== undefined).length;
      if (c.auth === 'jwt' && sources === 0) return [['auth', `jwt needs ${jwksUrl.env} or ${jwtPublicKey.env}`]];
      if (sources === 2) return [['jwtPublicKey', `must not be set together with ${jwksUrl.env} (one key source)`]];
      if (c.auth === 'none' && sources > 0) return [['auth', `is none, but ${c.jwksUrl === undefined ? jwtPublicKey.env : jwksUrl.env} is set (set ${auth.env}=jwt to verify tokens)`]];
      return [];
    },
  },
  {
    reads: ['policyFile', 'policy'],
    check: (c) => (c.policyFile !== undefined && c.policy !== undefined ? [['policy', `must not be set together with ${policyFile.env} (one policy)`]] : []),
  },
  {
    reads: ['presignExpiresSeconds', 'presignMaxExpiresSeconds'],
    check: (c) =>
      c.presignExpiresSeconds > c.presignMaxExpiresSeconds
        ? [['presignExpiresSeconds', `must not exceed ${presignMaxExpiresSeconds.env} (${c.presignMaxExpiresSeconds})`]]
        : [],
  },
];

/**
 * The problems {@link CROSS_RULES} find. A rule is skipped when an option it reads did not parse:
 * that option is already reported, and its value here is only the default.
 */
function crossChecks(config: AppConfig, env: Environment, invalid: ReadonlySet<ConfigKey>): ConfigProblem[] {
  return CROSS_RULES.filter((rule) => rule.reads.every((key) => !invalid.has(key))).flatMap((rule) =>
    rule.check(config).map(([key, text]): ConfigProblem => {
      const spec: OptionSpec<unknown> = CONFIG_SPEC[key];
      return { variable: spec.env, rule: text, value: shown(spec, env[spec.env]?.trim() || undefined) };
    }),
  );
}

/** Freezes `value` and every object or array inside it. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
