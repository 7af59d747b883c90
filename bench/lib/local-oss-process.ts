/** local-oss as its own process, for scenarios where CPU or memory must not be shared. */
import { join } from 'node:path';
import type { Credentials } from '../../src/oss/credentials/credentials.js';
import { startChildServer } from './child-server.js';
import type { ChildServer } from './child-server.js';

/** The key pair every bench local-oss accepts and every bench client signs with. */
export const BENCH_CREDENTIALS: Credentials = { accessKeyId: 'bench-ak', accessKeySecret: 'bench-sk' };

/** local-oss's default signing region. */
export const BENCH_REGION = 'cn-hangzhou';

/** Options of {@link startLocalOssProcess}. */
export interface LocalOssProcessOptions {
  /** Milliseconds added to every request by local-oss's fault injector. */
  readonly latencyMs?: number;
  /** File backend in this directory; memory backend when absent. */
  readonly dataDir?: string;
  readonly buckets?: readonly string[];
}

/** A local-oss process and its request counts. */
export interface LocalOssProcess {
  readonly url: string;
  readonly region: string;
  readonly credentials: Credentials;
  readonly server: ChildServer;
  /** Request counts by OSS operation since start or the last reset. */
  counts(): Promise<Record<string, number>>;
  /** Zeroes the counts. */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts local-oss in a child process and waits until it listens. */
export async function startLocalOssProcess(root: string, options: LocalOssProcessOptions = {}): Promise<LocalOssProcess> {
  const server = await startChildServer({
    name: 'local-oss',
    entry: join(root, 'bench', 'lib', 'local-oss-entry.ts'),
    cwd: root,
    ready: /local-oss listening on (http:\/\/\S+)/,
    ipc: true,
    env: {
      BENCH_LATENCY_MS: String(options.latencyMs ?? 0),
      BENCH_DATA_DIR: options.dataDir ?? '',
      BENCH_BUCKETS: (options.buckets ?? []).join(','),
    },
  });
  const counts = async (): Promise<Record<string, number>> =>
    ((await server.call('stats')) as { counts: Record<string, number> }).counts;
  return {
    url: server.url,
    region: BENCH_REGION,
    credentials: BENCH_CREDENTIALS,
    server,
    counts,
    reset: async () => {
      await server.call('reset');
    },
    stop: () => server.stop(),
  };
}
