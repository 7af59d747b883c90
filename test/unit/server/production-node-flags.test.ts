/** `npm run serve` runs the compiled entry with exactly the production Node flags the benchmark uses. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PRODUCTION_NODE_FLAGS } from '../../../scripts/production-node-flags.js';

describe('production Node flags', () => {
  it('are the flags of the serve script', () => {
    const scripts = (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts['serve']).toBe(['node', ...PRODUCTION_NODE_FLAGS, 'dist/main.js'].join(' '));
  });

  it('are accepted by this Node', () => {
    expect(PRODUCTION_NODE_FLAGS.every((flag) => process.allowedNodeEnvironmentFlags.has(flag.split('=')[0] as string))).toBe(true);
  });
});
