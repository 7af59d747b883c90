/** The GraphQL servers the scenarios compare (ossgraph and the peer), each started as its own process. */
import { join } from 'node:path';
import { PRODUCTION_NODE_FLAGS } from '../../scripts/production-node-flags.js';
import { startChildServer } from './child-server.js';
import type { ChildServer } from './child-server.js';
import type { LocalOssProcess } from './local-oss-process.js';

/** Settings of the ossgraph process every scenario shares (RESULTS.md states them). */
export const OSSGRAPH_BENCH_ENV: Readonly<Record<string, string>> = {
  HOST: '127.0.0.1',
  PORT: '0',
  // Why: the peer baseline logs nothing; request logging would be a cost the baseline does not pay.
  OSSGRAPH_LOG_LEVEL: 'warn',
  // Why none: `npm run serve` requires an explicit choice; the baseline does no authentication either.
  OSSGRAPH_AUTH: 'none',
};

/** Node flags for every ossgraph process of this run (`--cpu-prof …` with `--profile`). */
let ossgraphNodeFlags: readonly string[] = [];

/** Sets {@link ossgraphNodeFlags}; called once by the runner. */
export function setOssgraphNodeFlags(flags: readonly string[]): void {
  ossgraphNodeFlags = flags;
}

/**
 * Starts ossgraph against `store` with {@link OSSGRAPH_BENCH_ENV} plus `env`: `src/main.ts` through
 * tsx, or with `compiled` the production entry `dist/main.js` with plain node and the production
 * flags (build it first, e.g. with `ensureBuild`).
 */
export function startOssgraph(
  root: string,
  store: LocalOssProcess,
  env: Readonly<Record<string, string>> = {},
  options: { readonly compiled?: boolean } = {},
): Promise<ChildServer> {
  return startChildServer({
    name: 'ossgraph',
    entry: options.compiled === true ? join(root, 'dist', 'main.js') : join(root, 'src', 'main.ts'),
    cwd: root,
    ready: /ossgraph listening on (http:\/\/\S+\/graphql)/,
    // Why: the compiled entry is production, which runs with these flags (`npm run serve`).
    nodeFlags: options.compiled === true ? [...PRODUCTION_NODE_FLAGS, ...ossgraphNodeFlags] : ossgraphNodeFlags,
    env: {
      OSS_ENDPOINT: store.url,
      OSS_REGION: store.region,
      OSS_ACCESS_KEY_ID: store.credentials.accessKeyId,
      OSS_ACCESS_KEY_SECRET: store.credentials.accessKeySecret,
      ...OSSGRAPH_BENCH_ENV,
      ...env,
    },
  });
}

/**
 * Starts the peer (`bench/baselines/peer-server.ts`: yoga, one DataLoader per request over ali-oss
 * `head()`, listings through `listV2`) against `store`.
 */
export function startPeer(root: string, store: LocalOssProcess): Promise<ChildServer> {
  return startChildServer({
    name: 'peer baseline',
    entry: join(root, 'bench', 'baselines', 'peer-server.ts'),
    cwd: root,
    ready: /peer listening on (http:\/\/\S+\/graphql)/,
    env: {
      OSS_ENDPOINT: store.url,
      OSS_REGION: `oss-${store.region}`,
      OSS_ACCESS_KEY_ID: store.credentials.accessKeyId,
      OSS_ACCESS_KEY_SECRET: store.credentials.accessKeySecret,
      PORT: '0',
    },
  });
}
