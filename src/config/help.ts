/** The `--help` text: every option of the spec, grouped, with its variable, default and doc. */
import { CONFIG_GROUPS, CONFIG_SPEC } from './spec.js';
import type { OptionSpec } from './spec.js';

/** How a default is shown in help. */
function formatDefault(spec: OptionSpec<unknown>): string {
  const value = spec.default;
  if (value === undefined) return 'unset';
  if (Array.isArray(value)) return value.length === 0 ? 'empty' : value.join(',');
  return spec.unit === undefined ? String(value) : `${String(value)} ${spec.unit}`;
}

/**
 * Renders the help text for the configuration: `usage` first, then one block per group with one
 * line per option (`VARIABLE  doc [default: …]`). Pure.
 */
export function formatConfigHelp(usage: string): string {
  const specs = Object.values(CONFIG_SPEC) as Array<OptionSpec<unknown>>;
  const width = Math.max(...specs.map((s) => s.env.length));
  const lines = [usage, '', 'Configuration comes from environment variables (blank counts as unset):'];
  for (const group of CONFIG_GROUPS) {
    lines.push('', `${group}:`);
    for (const spec of specs.filter((s) => s.group === group)) {
      lines.push(`  ${spec.env.padEnd(width)}  ${spec.doc} [default: ${formatDefault(spec)}]`);
    }
  }
  return `${lines.join('\n')}\n`;
}
