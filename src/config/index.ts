/** Public surface of the configuration layer. */
export { loadConfig } from './load-config.js';
export type { Environment } from './load-config.js';
export { ConfigError, formatProblem } from './errors.js';
export type { ConfigProblem } from './errors.js';
export { CONFIG_SPEC, CONFIG_GROUPS } from './spec.js';
export type { AppConfig, ConfigGroup, ConfigKey, OptionSpec } from './spec.js';
export { formatConfigHelp } from './help.js';
