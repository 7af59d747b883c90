/** The entry files as an operator runs them: `--help`, and what a bad environment does. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONFIG_SPEC } from '../../../src/config/index.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Runs `entry` with `args` under tsx in a clean environment plus `env`. */
function run(entry: string, args: string[], env: Record<string, string> = {}) {
  const base = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(OSS_|OSSGRAPH_|PORT$|HOST$)/.test(name)));
  return spawnSync(process.execPath, ['--import', 'tsx', entry, ...args], { cwd: ROOT, env: { ...base, ...env }, encoding: 'utf8', timeout: 20_000 });
}

describe.each(['src/main.ts', 'src/dev.ts'])('%s', (entry) => {
  it('--help prints every configuration variable and exits 0', () => {
    const result = run(entry, ['--help']);
    expect(result.status).toBe(0);
    for (const spec of Object.values(CONFIG_SPEC)) expect(result.stdout).toContain(spec.env);
  });

  it('exits 2 listing every configuration problem', () => {
    const result = run(entry, [], { PORT: 'x', OSSGRAPH_LOG_LEVEL: 'loud', OSS_REGION: 'cn-hangzhou' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('invalid configuration (4 problems)');
    expect(result.stderr).toContain('PORT: must be an integer');
    expect(result.stderr).toContain('OSSGRAPH_LOG_LEVEL: must be one of');
    expect(result.stderr).toContain('OSS_ACCESS_KEY_ID: must be set when OSS_REGION is set');
    expect(result.stderr).toContain('OSS_ACCESS_KEY_SECRET: must be set when OSS_REGION is set');
  });
});

describe('src/main.ts', () => {
  it('refuses to start without a store, pointing to npm start', () => {
    const result = run('src/main.ts', []);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('OSS_REGION: must be set');
    expect(result.stderr).toContain('npm start');
  });
});
