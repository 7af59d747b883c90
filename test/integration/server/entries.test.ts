/** The entry files as an operator runs them: `--help`, and what a bad environment does. */
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONFIG_SPEC } from '../../../src/config/index.js';
import { startLocalOss } from '../../../src/local-oss/index.js';
import { storeEnv } from '../../helpers/local-oss.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Our environment without any OSS or ossgraph setting. */
function cleanEnv(): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(OSS_|OSSGRAPH_|PORT$|HOST$)/.test(name)));
}

/** Runs `entry` with `args` under tsx in a clean environment plus `env`. */
function run(entry: string, args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, ['--import', 'tsx', entry, ...args], { cwd: ROOT, env: { ...cleanEnv(), ...env }, encoding: 'utf8', timeout: 20_000 });
}

/** A store configuration that passes validation (nothing is contacted before the checks under test). */
const REMOTE_STORE = { OSS_REGION: 'cn-hangzhou', OSS_ACCESS_KEY_ID: 'id', OSS_ACCESS_KEY_SECRET: 'secret' };

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
  it('refuses to start without an explicit OSSGRAPH_AUTH, saying how to choose', () => {
    const result = run('src/main.ts', [], REMOTE_STORE);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('OSSGRAPH_AUTH: must be set: jwt');
    expect(result.stderr).toContain('or none');
  });

  it('refuses OSSGRAPH_AUTH=jwt without a key source', () => {
    const result = run('src/main.ts', [], { ...REMOTE_STORE, OSSGRAPH_AUTH: 'jwt' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('OSSGRAPH_AUTH: jwt needs OSSGRAPH_JWKS_URL or OSSGRAPH_JWT_PUBLIC_KEY');
  });

  it('refuses a bad policy, naming the rule and the problem', () => {
    const policy = JSON.stringify({
      rules: [
        { bucket: 'media', prefix: 'public/', allow: ['read'] },
        { bucket: 'media', prefix: 'users/${sub', allow: ['raed'] },
      ],
    });
    const result = run('src/main.ts', [], { ...REMOTE_STORE, OSSGRAPH_AUTH: 'none', OSSGRAPH_POLICY: policy });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('OSSGRAPH_POLICY: rules[1].prefix: has a "${" without its closing "}"');
    expect(result.stderr).toContain('OSSGRAPH_POLICY: rules[1].allow[0]: must be one of read, list, write, delete (received "raed")');
    expect(result.stderr).not.toContain('rules[0]');
  });

  it('refuses to start without a store, pointing to npm start', () => {
    const result = run('src/main.ts', [], { OSSGRAPH_AUTH: 'none' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('OSS_REGION: must be set');
    expect(result.stderr).toContain('npm start');
  });

  it('starts with OSSGRAPH_AUTH=none and logs a warning', { timeout: 60_000 }, async () => {
    const store = await startLocalOss({ buckets: ['photos'] });
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      env: {
        ...cleanEnv(),
        ...storeEnv(store),
        OSSGRAPH_AUTH: 'none',
        PORT: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no listening line within 30 s:\n${output}`)), 30_000);
        const onData = (chunk: Buffer): void => {
          output += chunk.toString('utf8');
          if (/ossgraph listening on http:\/\/\S+\/graphql/.test(output)) {
            clearTimeout(timer);
            resolve();
          }
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
        child.once('exit', (code) => {
          clearTimeout(timer);
          reject(new Error(`exited with ${String(code)} before listening:\n${output}`));
        });
      });
      expect(output).toMatch(/"level":"warn".*authentication is off \(OSSGRAPH_AUTH=none\)/);
      // An anonymous caller is served (and, why first: the child is then past arming its signal handlers).
      const origin = /ossgraph listening on (http:\/\/\S+)\/graphql/.exec(output)?.[1];
      const response = await fetch(`${origin}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ bucket(name: "photos") { objects { nodes { key } } } }' }),
      });
      expect(await response.json()).toEqual({ data: { bucket: { objects: { nodes: [] } } } });
      const exited = new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve(`${String(code)} ${String(signal)}`)));
      child.kill('SIGTERM');
      expect(await exited, output).toBe('0 null');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await store.close();
    }
  });
});
