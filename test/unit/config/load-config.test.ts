import { describe, expect, it } from 'vitest';
import { CONFIG_SPEC, ConfigError, formatConfigHelp, loadConfig } from '../../../src/config/index.js';
import type { ConfigProblem, OptionSpec } from '../../../src/config/index.js';
import * as ossDefaults from '../../../src/oss/defaults.js';

/** Runs `loadConfig(env)`, expects a ConfigError, and returns its problems. */
function problemsOf(env: Record<string, string>): readonly ConfigProblem[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

const REMOTE = {
  OSS_REGION: 'cn-hangzhou',
  OSS_ENDPOINT: 'http://127.0.0.1:9000',
  OSS_ACCESS_KEY_ID: 'AK',
  OSS_ACCESS_KEY_SECRET: 'SK',
};

describe('loadConfig', () => {
  it('gives every option its default for an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      ossRegion: undefined,
      ossEndpoint: undefined,
      port: 4000,
      host: '127.0.0.1',
      corsOrigins: [],
      graphiql: false,
      introspection: false,
      trustedDocuments: undefined,
      maxStoreRequests: 1000,
      maxDepth: 10,
      maxAliases: 20,
      maxTokens: 1000,
      maxDirectives: 20,
      maxDocumentBytes: 32 * 1024,
      allowedBuckets: [],
      maxUploadBytes: 10 * 1024 * 1024,
      dataDir: './.local-oss-data',
      ossSignatureVersion: 'v4',
      logLevel: 'info',
    });
    for (const [key, spec] of Object.entries(CONFIG_SPEC) as Array<[string, OptionSpec<unknown>]>) {
      expect(config[key as keyof typeof config], key).toEqual(spec.default);
    }
  });

  it('keeps store defaults equal to the OSS client defaults', () => {
    const config = loadConfig({});
    expect(config.storeMaxAttempts).toBe(ossDefaults.DEFAULT_MAX_ATTEMPTS);
    expect(config.storeConnectTimeoutMs).toBe(ossDefaults.DEFAULT_CONNECT_TIMEOUT_MS);
    expect(config.storeHeadersTimeoutMs).toBe(ossDefaults.DEFAULT_HEADERS_TIMEOUT_MS);
    expect(config.storeBodyTimeoutMs).toBe(ossDefaults.DEFAULT_BODY_TIMEOUT_MS);
    expect(config.copyThresholdBytes).toBe(ossDefaults.DEFAULT_COPY_THRESHOLD);
    expect(config.copyPartSizeBytes).toBe(ossDefaults.DEFAULT_COPY_PART_SIZE);
    expect(config.copyParallel).toBe(ossDefaults.DEFAULT_COPY_PARALLEL);
    expect(config.presignExpiresSeconds).toBe(ossDefaults.DEFAULT_PRESIGN_EXPIRES_SECONDS);
  });

  it('parses every kind of value', () => {
    const config = loadConfig({
      ...REMOTE,
      OSS_SESSION_TOKEN: 'token',
      OSS_PATH_STYLE: 'yes',
      OSS_INTERNAL_ENDPOINT: 'off',
      OSS_SIGNATURE_VERSION: 'v1',
      PORT: '0',
      HOST: '0.0.0.0',
      OSSGRAPH_CORS_ORIGINS: 'https://app.example.com, http://localhost:5173/ ,https://app.example.com',
      OSSGRAPH_GRAPHIQL: 'false',
      OSSGRAPH_BUCKETS: 'demo,photos-2026',
      OSSGRAPH_MAX_UPLOAD_BYTES: '512KiB',
      OSSGRAPH_STORE_CONNECT_TIMEOUT: '2s',
      OSSGRAPH_STORE_BODY_TIMEOUT: '1500ms',
      OSSGRAPH_SHUTDOWN_TIMEOUT: '1m',
      OSSGRAPH_LOG_LEVEL: 'silent',
      OSSGRAPH_DATA_DIR: '/tmp/data',
    });
    expect(config).toMatchObject({
      ossRegion: 'cn-hangzhou',
      ossEndpoint: 'http://127.0.0.1:9000',
      ossAccessKeyId: 'AK',
      ossAccessKeySecret: 'SK',
      ossSessionToken: 'token',
      ossPathStyle: true,
      ossInternalEndpoint: false,
      ossSignatureVersion: 'v1',
      port: 0,
      host: '0.0.0.0',
      corsOrigins: ['https://app.example.com', 'http://localhost:5173'],
      graphiql: false,
      allowedBuckets: ['demo', 'photos-2026'],
      maxUploadBytes: 512 * 1024,
      storeConnectTimeoutMs: 2000,
      storeBodyTimeoutMs: 1500,
      shutdownTimeoutMs: 60_000,
      logLevel: 'silent',
      dataDir: '/tmp/data',
    });
  });

  it('treats blank values as unset', () => {
    expect(loadConfig({ PORT: '  ', OSS_REGION: '' }).port).toBe(4000);
  });

  it('reports every problem at once, each with variable, rule and value', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      OSSGRAPH_CORS_ORIGINS: 'https://ok.example.com,https://bad.example.com/path',
      OSSGRAPH_GRAPHIQL: 'maybe',
      OSSGRAPH_BUCKETS: 'Demo',
      OSSGRAPH_MAX_UPLOAD_BYTES: '10 parsecs',
      OSSGRAPH_STORE_CONNECT_TIMEOUT: '-1',
      OSSGRAPH_LOG_LEVEL: 'loud',
      OSS_ENDPOINT: 'ftp://x',
    });
    expect(problems.map((p) => p.variable).sort()).toEqual(
      [
        'PORT',
        'OSSGRAPH_CORS_ORIGINS',
        'OSSGRAPH_GRAPHIQL',
        'OSSGRAPH_BUCKETS',
        'OSSGRAPH_MAX_UPLOAD_BYTES',
        'OSSGRAPH_STORE_CONNECT_TIMEOUT',
        'OSSGRAPH_LOG_LEVEL',
        'OSS_ENDPOINT',
      ].sort(),
    );
    const port = problems.find((p) => p.variable === 'PORT');
    expect(port).toEqual({ variable: 'PORT', rule: 'must be an integer from 0 to 65535', value: 'eighty' });
    expect(problems.find((p) => p.variable === 'OSSGRAPH_CORS_ORIGINS')?.rule).toContain('https://bad.example.com/path');
    expect(problems.find((p) => p.variable === 'OSSGRAPH_LOG_LEVEL')?.rule).toBe('must be one of debug, info, warn, error, silent');
  });

  it('puts every problem in the error message', () => {
    try {
      loadConfig({ PORT: '70000', OSSGRAPH_MAX_PAGE_SIZE: '0' });
      expect.unreachable();
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain('invalid configuration (2 problems)');
      expect(message).toContain('PORT: must be an integer from 0 to 65535 (received "70000")');
      expect(message).toContain('OSSGRAPH_MAX_PAGE_SIZE: must be an integer from 1 to 1000 (received "0")');
    }
  });

  it('checks the rules that relate options', () => {
    expect(problemsOf({ OSS_ENDPOINT: 'http://127.0.0.1:9000' })).toEqual([
      { variable: 'OSS_REGION', rule: 'must be set when OSS_ENDPOINT is set (it is the signing region)', value: undefined },
    ]);
    expect(problemsOf({ OSS_REGION: 'cn-hangzhou' }).map((p) => p.variable)).toEqual(['OSS_ACCESS_KEY_ID', 'OSS_ACCESS_KEY_SECRET']);
    expect(problemsOf({ OSS_ACCESS_KEY_ID: 'AK' }).map((p) => p.variable)).toEqual(['OSS_ACCESS_KEY_SECRET']);
    expect(problemsOf({ OSSGRAPH_DEFAULT_PAGE_SIZE: '500', OSSGRAPH_MAX_PAGE_SIZE: '100' })).toEqual([
      { variable: 'OSSGRAPH_DEFAULT_PAGE_SIZE', rule: 'must not exceed OSSGRAPH_MAX_PAGE_SIZE (100)', value: '500' },
    ]);
    expect(problemsOf({ OSSGRAPH_STORE_CONCURRENCY: '4', OSSGRAPH_STORE_CONCURRENCY_PER_REQUEST: '8' })[0]?.variable).toBe(
      'OSSGRAPH_STORE_CONCURRENCY_PER_REQUEST',
    );
  });

  it('reports rule problems together with parse problems, skipping rules over unparsable values', () => {
    expect(problemsOf({ PORT: 'x', OSS_REGION: 'cn-hangzhou', OSSGRAPH_MAX_PAGE_SIZE: 'many', OSSGRAPH_DEFAULT_PAGE_SIZE: '500' }).map((p) => p.variable)).toEqual([
      'PORT',
      'OSSGRAPH_MAX_PAGE_SIZE',
      'OSS_ACCESS_KEY_ID',
      'OSS_ACCESS_KEY_SECRET',
    ]);
  });

  it('never echoes a secret', () => {
    const problems = problemsOf({ OSS_ACCESS_KEY_SECRET: 'super-secret', OSS_SESSION_TOKEN: 'tok' });
    expect(problems.map((p) => p.variable)).toEqual(['OSS_ACCESS_KEY_ID', 'OSS_SESSION_TOKEN']);
    expect(problems.find((p) => p.variable === 'OSS_SESSION_TOKEN')?.value).toBe('<redacted>');
    expect(JSON.stringify(problems)).not.toContain('super-secret');
  });

  it('returns a deeply frozen object', () => {
    const config = loadConfig({ OSSGRAPH_CORS_ORIGINS: 'https://a.example.com' });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.corsOrigins)).toBe(true);
    expect(() => {
      (config as { port: number }).port = 1;
    }).toThrow(TypeError);
  });

  it('reads nothing but the given environment', () => {
    const env = Object.freeze({ PORT: '1234' });
    expect(loadConfig(env).port).toBe(1234);
  });
});

describe('formatConfigHelp', () => {
  it('lists every variable with its default and doc', () => {
    const help = formatConfigHelp('usage: ossgraph');
    expect(help.startsWith('usage: ossgraph\n')).toBe(true);
    for (const spec of Object.values(CONFIG_SPEC) as Array<OptionSpec<unknown>>) {
      const line = help.split('\n').find((l) => l.trimStart().startsWith(`${spec.env} `));
      expect(line, spec.env).toBeDefined();
      expect(line).toContain(spec.doc);
      expect(line).toContain('[default: ');
    }
    expect(help).toContain('OSSGRAPH_SHUTDOWN_TIMEOUT');
    expect(help).toMatch(/OSSGRAPH_MAX_UPLOAD_BYTES .*\[default: 10485760 bytes\]/);
  });
});
