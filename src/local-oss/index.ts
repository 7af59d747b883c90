/**
 * local-oss: an embedded OSS-compatible HTTP server for development, tests and benchmarks.
 * `startLocalOss()` binds 127.0.0.1 on a free port and resolves once it accepts connections.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Backend } from './backend/backend.js';
import { createMemoryBackend } from './backend/memory-backend.js';
import { createFaultInjector, type FaultOptions } from './faults.js';
import { createRequestListener, createStats, type LocalOssStats } from './server.js';
import { checkBucketName } from './handlers/object-headers.js';
import { startUploadSweeper, type UploadSweeper } from './upload-sweep.js';
import type { AcceptedCredentials } from './verify-signature.js';

export type { Backend } from './backend/backend.js';
export type { FaultOptions } from './faults.js';
export type { LocalOssStats } from './server.js';
export type { AcceptedCredentials } from './verify-signature.js';

/** Options of {@link startLocalOss}; every field is optional. */
export interface LocalOssOptions {
  /** TCP port; 0 (default) picks a free one. */
  readonly port?: number;
  /** Interface to bind; default `127.0.0.1`. */
  readonly host?: string;
  /** Storage; default a new memory backend (closed by `close()`; a given backend is not). */
  readonly backend?: Backend;
  /** Region id without `oss-`; default `cn-hangzhou`. */
  readonly region?: string;
  /** Domain of virtual-hosted addresses; default `oss-<region>.aliyuncs.com`. */
  readonly virtualHostDomain?: string;
  /** Accepted key pairs; default one pair `local-oss-ak` / `local-oss-sk`. */
  readonly credentials?: readonly AcceptedCredentials[];
  /** Accept unsigned requests; default false. */
  readonly allowAnonymous?: boolean;
  /** Origins allowed by CORS; default `['*']`. */
  readonly corsAllowedOrigins?: readonly string[];
  /** `Access-Control-Max-Age` in seconds; default 600. */
  readonly corsMaxAgeSeconds?: number;
  /** Fault injection; off by default. */
  readonly faults?: FaultOptions;
  /** Buckets created at start (idempotent). */
  readonly buckets?: readonly string[];
  /** Clock; default `() => new Date()`. */
  readonly now?: () => Date;
  /**
   * Abort multipart uploads initiated more than this many milliseconds ago (OSS's lifecycle rule
   * `AbortMultipartUpload`), checked every {@link LocalOssOptions.uploadSweepIntervalMs}; off
   * when absent.
   */
  readonly abortIncompleteUploadsAfterMs?: number;
  /** Time between incomplete-upload sweeps; default the smaller of one minute and the age limit. */
  readonly uploadSweepIntervalMs?: number;
  /** How long a RestoreObject takes on the `now` clock; default 3 seconds. */
  readonly restoreDelayMs?: number;
}

/** A running local-oss. */
export interface LocalOss {
  /** `http://127.0.0.1:PORT` (path-style base URL). */
  readonly url: string;
  readonly port: number;
  readonly region: string;
  /** The virtual-host domain, e.g. `oss-cn-hangzhou.aliyuncs.com`. */
  readonly endpointHost: string;
  /** The first accepted key pair. */
  readonly credentials: AcceptedCredentials;
  /** Requests per OSS operation name; one per HTTP request that was routed to an operation. */
  readonly stats: LocalOssStats;
  readonly backend: Backend;
  /** The incomplete-upload sweeper, when `abortIncompleteUploadsAfterMs` is set. */
  readonly uploadSweeper?: UploadSweeper;
  /** Stops listening, drops open connections and closes a backend it created. */
  close(): Promise<void>;
}

/** The key pair used when none is configured. */
export const DEFAULT_CREDENTIALS: AcceptedCredentials = {
  accessKeyId: 'local-oss-ak',
  accessKeySecret: 'local-oss-sk',
};

/**
 * Starts local-oss. Rejects when the port is taken, a bucket name in `buckets` is invalid, or
 * the fault options are out of range.
 */
export async function startLocalOss(options: LocalOssOptions = {}): Promise<LocalOss> {
  const region = options.region ?? 'cn-hangzhou';
  const virtualHostDomain = options.virtualHostDomain ?? `oss-${region}.aliyuncs.com`;
  const credentialList = options.credentials ?? [DEFAULT_CREDENTIALS];
  const first = credentialList[0];
  if (first === undefined) throw new RangeError('local-oss: credentials must hold at least one key pair');
  const ownsBackend = options.backend === undefined;
  const backend = options.backend ?? createMemoryBackend();
  const now = options.now ?? (() => new Date());
  const stats = createStats();
  const faults = createFaultInjector(options.faults);
  const olderThanMs = options.abortIncompleteUploadsAfterMs;
  // Why: checked before anything starts, so a bad value leaves no server listening.
  for (const [name, value] of [
    ['abortIncompleteUploadsAfterMs', olderThanMs],
    ['uploadSweepIntervalMs', options.uploadSweepIntervalMs],
  ] as const) {
    if (value !== undefined && !(value > 0 && Number.isFinite(value))) {
      throw new RangeError(`local-oss: ${name} must be a positive number of milliseconds, got ${String(value)}`);
    }
  }
  if (options.restoreDelayMs !== undefined && !(options.restoreDelayMs >= 0 && Number.isFinite(options.restoreDelayMs))) {
    throw new RangeError(`local-oss: restoreDelayMs must be a non-negative number of milliseconds, got ${String(options.restoreDelayMs)}`);
  }

  for (const bucket of options.buckets ?? []) {
    checkBucketName(bucket);
    await backend.createBucket(bucket, now().getTime());
  }

  const server = createServer(
    { keepAlive: true, keepAliveInitialDelay: 1000 },
    createRequestListener({
      region,
      virtualHostDomain,
      backend,
      credentials: new Map(credentialList.map((c) => [c.accessKeyId, c])),
      allowAnonymous: options.allowAnonymous ?? false,
      cors: { allowedOrigins: options.corsAllowedOrigins ?? ['*'], maxAgeSeconds: options.corsMaxAgeSeconds ?? 600 },
      faults,
      stats,
      now,
      ...(options.restoreDelayMs !== undefined ? { restoreDelayMs: options.restoreDelayMs } : {}),
    }),
  );
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.requestTimeout = 0;

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const uploadSweeper =
    olderThanMs === undefined
      ? undefined
      : startUploadSweeper(backend, {
          olderThanMs,
          intervalMs: options.uploadSweepIntervalMs ?? Math.min(60_000, olderThanMs),
          now: () => now().getTime(),
        });
  const urlHost = host.includes(':') ? `[${host}]` : host;

  let closed: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    region,
    endpointHost: virtualHostDomain,
    credentials: first,
    stats,
    backend,
    ...(uploadSweeper !== undefined ? { uploadSweeper } : {}),
    close() {
      closed ??= (async () => {
        await uploadSweeper?.stop();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        if (ownsBackend) await backend.close();
      })();
      return closed;
    },
  };
}
