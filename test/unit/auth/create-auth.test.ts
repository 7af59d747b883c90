import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { authModeOf, createAuth, requireAuthChoice } from '../../../src/auth/create-auth.js';
import type { AuthConfig } from '../../../src/auth/create-auth.js';
import { ConfigError, loadConfig } from '../../../src/config/index.js';
import type { ConfigProblem } from '../../../src/config/index.js';

/** The security options of `env`, as `loadConfig` parses them. */
function config(env: Record<string, string>): AuthConfig {
  return loadConfig(env);
}

function problems(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems.map((p: ConfigProblem) => `${p.variable}: ${p.rule}`);
  }
  throw new Error('expected a ConfigError');
}

const POLICY = JSON.stringify({ rules: [{ bucket: 'media', prefix: 'public/', allow: ['read'] }] });
const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const PUBLIC_PEM = publicKey.export({ type: 'spki', format: 'pem' }).toString();
const PRIVATE_PEM = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

describe('loadConfig: security options', () => {
  it('jwt needs exactly one key source; none with a key source is a contradiction; one policy at most', () => {
    expect(problems(() => loadConfig({ OSSGRAPH_AUTH: 'jwt' }))).toEqual(['OSSGRAPH_AUTH: jwt needs OSSGRAPH_JWKS_URL or OSSGRAPH_JWT_PUBLIC_KEY']);
    expect(problems(() => loadConfig({ OSSGRAPH_AUTH: 'jwt', OSSGRAPH_JWKS_URL: 'https://id.example/jwks', OSSGRAPH_JWT_PUBLIC_KEY: PUBLIC_PEM }))).toEqual([
      'OSSGRAPH_JWT_PUBLIC_KEY: must not be set together with OSSGRAPH_JWKS_URL (one key source)',
    ]);
    expect(problems(() => loadConfig({ OSSGRAPH_AUTH: 'none', OSSGRAPH_JWKS_URL: 'https://id.example/jwks' }))).toEqual([
      'OSSGRAPH_AUTH: is none, but OSSGRAPH_JWKS_URL is set (set OSSGRAPH_AUTH=jwt to verify tokens)',
    ]);
    expect(problems(() => loadConfig({ OSSGRAPH_POLICY_FILE: '/p.json', OSSGRAPH_POLICY: POLICY }))).toEqual([
      'OSSGRAPH_POLICY: must not be set together with OSSGRAPH_POLICY_FILE (one policy)',
    ]);
    expect(problems(() => loadConfig({ OSSGRAPH_AUTH: 'oauth', OSSGRAPH_JWKS_URL: 'ftp://x/jwks' }))).toEqual([
      'OSSGRAPH_AUTH: must be one of jwt, none',
      'OSSGRAPH_JWKS_URL: must be an absolute http:// or https:// URL',
    ]);
  });

  it('defaults: no mutations on the subgraph, 30 s clock skew', () => {
    const config = loadConfig({ OSSGRAPH_SUBGRAPH_SECRET: 's3cret' });
    expect(config.subgraphSecret).toBe('s3cret');
    expect(config.subgraphMutations).toBe(false);
    expect(config.jwtClockSkewMs).toBe(30_000);
  });
});

describe('createAuth', () => {
  it('auth mode: explicit, else jwt with a key source, else none; serve insists on an explicit choice', () => {
    expect(authModeOf(config({}))).toBe('none');
    expect(authModeOf(config({ OSSGRAPH_JWKS_URL: 'https://id.example/jwks' }))).toBe('jwt');
    expect(authModeOf(config({ OSSGRAPH_AUTH: 'none' }))).toBe('none');
    expect(problems(() => requireAuthChoice(config({})))[0]).toMatch(/^OSSGRAPH_AUTH: must be set: jwt/);
    expect(() => requireAuthChoice(config({ OSSGRAPH_AUTH: 'none' }))).not.toThrow();
  });

  it('warns about settings that are legal but probably unintended', () => {
    expect(createAuth(config({ OSSGRAPH_AUTH: 'jwt', OSSGRAPH_JWT_PUBLIC_KEY: PUBLIC_PEM })).warnings).toEqual([
      'OSSGRAPH_JWT_AUDIENCE is not set: tokens the issuer made for any other API are accepted too',
    ]);
    expect(createAuth(config({ OSSGRAPH_AUTH: 'jwt', OSSGRAPH_JWT_PUBLIC_KEY: PUBLIC_PEM, OSSGRAPH_JWT_AUDIENCE: 'api' })).warnings).toEqual([]);
    const mixed = JSON.stringify({ rules: [{ anonymous: true, bucket: 'media', prefix: 'public/', allow: ['read'] }, { bucket: 'media', prefix: 'u/', allow: ['read'] }] });
    expect(createAuth(config({ OSSGRAPH_AUTH: 'none', OSSGRAPH_POLICY: mixed })).warnings).toEqual([
      'with OSSGRAPH_AUTH=none every caller is anonymous, so policy rules 1 (not "anonymous": true) never apply',
    ]);
    expect(createAuth(config({ OSSGRAPH_AUTH: 'none' })).warnings).toEqual([]);
  });

  it('default policies: everything with none, everything for authenticated callers with jwt', () => {
    expect(createAuth(config({})).policySource).toMatch(/^default \(auth none/);
    expect(createAuth(config({ OSSGRAPH_AUTH: 'jwt', OSSGRAPH_JWT_PUBLIC_KEY: PUBLIC_PEM })).policySource).toMatch(/any authenticated caller/);
  });

  it('reads the policy file; a missing or bad one stops start-up naming the file, the rule and the problem', () => {
    const files: Record<string, string> = {
      '/etc/ossgraph/policy.json': POLICY,
      '/etc/ossgraph/bad.json': JSON.stringify({ rules: [{ bucket: 'media', prefix: 'a/', allow: ['read'] }, { bucket: '*', prefix: 'b/', allow: ['erase'] }] }),
    };
    const readFile = (path: string): string => {
      const text = files[path];
      if (text === undefined) throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' });
      return text;
    };
    const auth = createAuth(config({ OSSGRAPH_POLICY_FILE: '/etc/ossgraph/policy.json' }), { readFile });
    expect(auth.policySource).toBe('file /etc/ossgraph/policy.json');
    expect(auth.policy.rules).toHaveLength(1);
    expect(problems(() => createAuth(config({ OSSGRAPH_POLICY_FILE: '/etc/ossgraph/bad.json' }), { readFile }))).toEqual([
      'OSSGRAPH_POLICY_FILE: rules[1].allow[0]: must be one of read, list, write, delete (received "erase")',
    ]);
    expect(problems(() => createAuth(config({ OSSGRAPH_POLICY_FILE: '/nope.json' }), { readFile }))[0]).toMatch(
      /^OSSGRAPH_POLICY_FILE: must name a readable JSON policy file \(ENOENT/,
    );
    expect(problems(() => createAuth(config({ OSSGRAPH_POLICY: '{"rules":' })))[0]).toMatch(/^OSSGRAPH_POLICY: \(document\): is not valid JSON/);
  });

  it('a PEM public key with \\n escapes is accepted; a private key or garbage is refused', () => {
    expect(createAuth(config({ OSSGRAPH_AUTH: 'jwt', OSSGRAPH_JWT_PUBLIC_KEY: PUBLIC_PEM.trim().replace(/\n/g, '\\n') })).mode).toBe('jwt');
    expect(problems(() => createAuth(config({ OSSGRAPH_AUTH: 'jwt', OSSGRAPH_JWT_PUBLIC_KEY: PRIVATE_PEM })))).toEqual([
      'OSSGRAPH_JWT_PUBLIC_KEY: must be a PEM public key, not a private key',
    ]);
    expect(problems(() => createAuth(config({ OSSGRAPH_AUTH: 'jwt', OSSGRAPH_JWT_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----' })))[0]).toMatch(
      /^OSSGRAPH_JWT_PUBLIC_KEY: must be a PEM public key/,
    );
  });

  it('in jwt mode a request that was never authenticated gets no access (fail closed)', () => {
    const auth = createAuth(config({ OSSGRAPH_AUTH: 'jwt', OSSGRAPH_JWT_PUBLIC_KEY: PUBLIC_PEM }));
    expect(() => auth.accessFor(new Request('http://x/graphql'))).toThrow(/not authenticated/);
    expect(() => auth.accessFor(undefined)).toThrow(/not authenticated/);
    expect(createAuth(config({})).accessFor(undefined).allows('write', 'any', 'k')).toBe(true);
  });
});
