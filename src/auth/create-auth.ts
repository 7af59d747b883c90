/**
 * Security set-up from the configuration, at start-up: the authenticator (jwt or none) and the
 * validated policy. Anything wrong is a {@link ConfigError} naming the variable, the rule index
 * and the problem, so a bad policy stops the process before it listens.
 */
import { readFileSync } from 'node:fs';
import { ConfigError } from '../config/index.js';
import type { AppConfig, ConfigProblem } from '../config/index.js';
import { createAccess } from './access.js';
import type { Access } from './access.js';
import { createAuthenticator } from './authenticator.js';
import type { AuthMode, Authenticator } from './authenticator.js';
import { ALLOW_AUTHENTICATED, ALLOW_EVERYTHING, PolicyError, parsePolicyJson } from './policy.js';
import type { Policy } from './policy.js';
import { createTokenVerifier, readPublicKeyPem } from './verify-token.js';
import type { KeySource } from './verify-token.js';

/** The configuration {@link createAuth} reads. */
export type AuthConfig = Pick<
  AppConfig,
  | 'auth'
  | 'jwksUrl'
  | 'jwtPublicKey'
  | 'jwtIssuer'
  | 'jwtAudience'
  | 'jwtAlgorithms'
  | 'jwtClockSkewMs'
  | 'jwksCooldownMs'
  | 'policyFile'
  | 'policy'
>;

/** Edges of {@link createAuth}. */
export interface AuthDeps {
  /** Reads the policy file; default `fs.readFileSync(path, 'utf8')`. */
  readonly readFile?: (path: string) => string;
  /** Wall-clock epoch ms for token times; default `Date.now`. */
  readonly now?: () => number;
}

/** The security of one app. */
export interface Auth {
  readonly mode: AuthMode;
  readonly authenticator: Authenticator;
  readonly policy: Policy;
  /** Where the policy came from: a file, inline, or a default (for the start-up log line). */
  readonly policySource: string;
  /** Legal but probably unintended settings, to log at start-up. */
  readonly warnings: readonly string[];
  /** The checks for `request` (its principal, found by the authenticator, under the policy). */
  accessFor(request: Request | undefined): Access;
}

/**
 * The auth mode `config` asks for: `OSSGRAPH_AUTH` when set; unset means `jwt` when a key source
 * is configured and `none` otherwise (what `npm start` runs; `npm run serve` insists on an
 * explicit choice first, see `requireAuthChoice`).
 */
export function authModeOf(config: Pick<AppConfig, 'auth' | 'jwksUrl' | 'jwtPublicKey'>): AuthMode {
  if (config.auth !== undefined) return config.auth;
  return config.jwksUrl !== undefined || config.jwtPublicKey !== undefined ? 'jwt' : 'none';
}

function policyProblems(variable: string, value: string | undefined, error: PolicyError): ConfigProblem[] {
  return error.problems.map((p) => ({ variable, rule: `${p.path}: ${p.problem}`, value }));
}

function loadPolicy(config: AuthConfig, mode: AuthMode, readFile: (path: string) => string): { policy: Policy; source: string } {
  if (config.policyFile !== undefined) {
    let text: string;
    try {
      text = readFile(config.policyFile);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new ConfigError([{ variable: 'OSSGRAPH_POLICY_FILE', rule: `must name a readable JSON policy file (${reason})`, value: config.policyFile }]);
    }
    try {
      return { policy: parsePolicyJson(text), source: `file ${config.policyFile}` };
    } catch (error) {
      if (error instanceof PolicyError) throw new ConfigError(policyProblems('OSSGRAPH_POLICY_FILE', config.policyFile, error));
      throw error;
    }
  }
  if (config.policy !== undefined) {
    try {
      return { policy: parsePolicyJson(config.policy), source: 'OSSGRAPH_POLICY' };
    } catch (error) {
      if (error instanceof PolicyError) throw new ConfigError(policyProblems('OSSGRAPH_POLICY', '<inline policy>', error));
      throw error;
    }
  }
  return mode === 'none'
    ? { policy: ALLOW_EVERYTHING, source: 'default (auth none, no policy: every caller may do everything)' }
    : { policy: ALLOW_AUTHENTICATED, source: 'default (no policy: any authenticated caller may do everything, anonymous callers nothing)' };
}

/** Builds the app's security from `config`; throws {@link ConfigError} for a bad key or policy. */
export function createAuth(config: AuthConfig, deps: AuthDeps = {}): Auth {
  const mode = authModeOf(config);
  const { policy, source } = loadPolicy(config, mode, deps.readFile ?? ((path) => readFileSync(path, 'utf8')));
  let authenticator: Authenticator;
  if (mode === 'jwt') {
    let keys: KeySource;
    if (config.jwksUrl !== undefined) {
      keys = { jwksUrl: new URL(config.jwksUrl) };
    } else if (config.jwtPublicKey !== undefined) {
      try {
        keys = { publicKey: readPublicKeyPem(config.jwtPublicKey) };
      } catch (error) {
        throw new ConfigError([{ variable: 'OSSGRAPH_JWT_PUBLIC_KEY', rule: (error as Error).message, value: '<PEM>' }]);
      }
    } else {
      throw new ConfigError([{ variable: 'OSSGRAPH_AUTH', rule: 'jwt needs OSSGRAPH_JWKS_URL or OSSGRAPH_JWT_PUBLIC_KEY', value: 'jwt' }]);
    }
    const verifier = createTokenVerifier({
      keys,
      ...(config.jwtIssuer === undefined ? {} : { issuer: config.jwtIssuer }),
      ...(config.jwtAudience.length === 0 ? {} : { audience: config.jwtAudience }),
      ...(config.jwtAlgorithms.length === 0 ? {} : { algorithms: config.jwtAlgorithms }),
      clockToleranceSeconds: Math.ceil(config.jwtClockSkewMs / 1000),
      jwksCooldownMs: config.jwksCooldownMs,
      ...(deps.now === undefined ? {} : { now: deps.now }),
    });
    authenticator = createAuthenticator('jwt', verifier);
  } else {
    authenticator = createAuthenticator('none');
  }
  const warnings: string[] = [];
  if (mode === 'jwt' && config.jwtAudience.length === 0) {
    warnings.push('OSSGRAPH_JWT_AUDIENCE is not set: tokens the issuer made for any other API are accepted too');
  }
  if (mode === 'none') {
    const unreachable = policy.rules.filter((rule) => !rule.anonymous).map((rule) => rule.index);
    if (unreachable.length > 0) {
      warnings.push(`with OSSGRAPH_AUTH=none every caller is anonymous, so policy rules ${unreachable.join(', ')} (not "anonymous": true) never apply`);
    }
  }
  return {
    mode,
    authenticator,
    policy,
    policySource: source,
    warnings,
    accessFor: (request) => createAccess(policy, authenticator.principalOf(request)),
  };
}

/**
 * The rule of `npm run serve`: `OSSGRAPH_AUTH` must be chosen explicitly (`jwt` with a key source
 * is checked by `loadConfig`, or `none`). Throws {@link ConfigError} naming `OSSGRAPH_AUTH`.
 */
export function requireAuthChoice(config: Pick<AppConfig, 'auth'>): void {
  if (config.auth !== undefined) return;
  throw new ConfigError([
    {
      variable: 'OSSGRAPH_AUTH',
      rule:
        'must be set: jwt (with OSSGRAPH_JWKS_URL or OSSGRAPH_JWT_PUBLIC_KEY, and usually OSSGRAPH_POLICY_FILE) to verify bearer tokens, ' +
        'or none to serve every caller anonymously (see README "Security")',
      value: undefined,
    },
  ]);
}
