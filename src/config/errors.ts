/** Errors of the configuration layer. */

/** One thing wrong with the environment: which variable, which rule, what was received. */
export interface ConfigProblem {
  /** The environment variable at fault. */
  readonly variable: string;
  /** The rule it broke, phrased as "must …". */
  readonly rule: string;
  /** The raw value received (`undefined` when unset; `<redacted>` for secrets). */
  readonly value: string | undefined;
}

/** Formats one problem as `VAR: rule (received "value")`. */
export function formatProblem(problem: ConfigProblem): string {
  const received = problem.value === undefined ? 'not set' : `received ${JSON.stringify(problem.value)}`;
  return `${problem.variable}: ${problem.rule} (${received})`;
}

/**
 * The environment does not make a valid configuration. Carries every problem found, not just the
 * first, so one run tells the operator everything to fix.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  /** Stable code of this error class. */
  readonly code = 'INVALID_CONFIG';
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[]) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    super(`invalid configuration (${count}):\n${problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`);
    this.problems = Object.freeze([...problems]);
  }
}
