/** The command-line flags of `cli.ts`: names, env vars, defaults, docs, and their resolution. */
import { parseArgs } from 'node:util';

/** One documented command-line flag. */
export interface FlagSpec {
  readonly name: string;
  readonly env?: string;
  readonly type: 'string' | 'boolean';
  readonly doc: string;
  readonly default?: string;
}

/** Every flag, with its environment variable and default; `--help` prints this table. */
export const FLAGS: readonly FlagSpec[] = [
  { name: 'port', env: 'LOCAL_OSS_PORT', type: 'string', default: '9000', doc: 'TCP port (0 picks a free one).' },
  { name: 'host', env: 'LOCAL_OSS_HOST', type: 'string', default: '127.0.0.1', doc: 'Interface to bind.' },
  { name: 'data-dir', env: 'LOCAL_OSS_DATA_DIR', type: 'string', default: './.local-oss-data', doc: 'Directory of the file backend (created if missing).' },
  { name: 'memory', env: 'LOCAL_OSS_MEMORY', type: 'boolean', doc: 'Keep everything in memory instead of --data-dir.' },
  { name: 'access-key-id', env: 'LOCAL_OSS_ACCESS_KEY_ID', type: 'string', default: 'local-oss-ak', doc: 'Accepted access key id.' },
  { name: 'access-key-secret', env: 'LOCAL_OSS_ACCESS_KEY_SECRET', type: 'string', default: 'local-oss-sk', doc: 'Accepted access key secret.' },
  { name: 'security-token', env: 'LOCAL_OSS_SECURITY_TOKEN', type: 'string', doc: 'If set, requests must carry this STS token.' },
  { name: 'region', env: 'LOCAL_OSS_REGION', type: 'string', default: 'cn-hangzhou', doc: 'Region id (without "oss-").' },
  { name: 'virtual-host-domain', env: 'LOCAL_OSS_VIRTUAL_HOST_DOMAIN', type: 'string', doc: 'Virtual-host domain (default oss-<region>.aliyuncs.com).' },
  { name: 'bucket', env: 'LOCAL_OSS_BUCKETS', type: 'string', doc: 'Comma-separated buckets to create at start.' },
  { name: 'allow-anonymous', env: 'LOCAL_OSS_ALLOW_ANONYMOUS', type: 'boolean', doc: 'Accept unsigned requests.' },
  { name: 'cors-origins', env: 'LOCAL_OSS_CORS_ORIGINS', type: 'string', default: '*', doc: 'Comma-separated allowed CORS origins.' },
  { name: 'fault-seed', env: 'LOCAL_OSS_FAULT_SEED', type: 'string', default: '1', doc: 'Fault injection: PRNG seed (same seed, same faults).' },
  { name: 'fault-error-rate', env: 'LOCAL_OSS_FAULT_ERROR_RATE', type: 'string', default: '0', doc: 'Fault injection: share of requests (0-1) answered with an error.' },
  { name: 'fault-error-status', env: 'LOCAL_OSS_FAULT_ERROR_STATUS', type: 'string', default: '503', doc: 'Fault injection: HTTP status of injected errors.' },
  { name: 'fault-error-code', env: 'LOCAL_OSS_FAULT_ERROR_CODE', type: 'string', default: 'ServiceUnavailable', doc: 'Fault injection: OSS code of injected errors.' },
  { name: 'fault-latency-ms', env: 'LOCAL_OSS_FAULT_LATENCY_MS', type: 'string', default: '0', doc: 'Fault injection: milliseconds added to every request.' },
  { name: 'fault-reset-rate', env: 'LOCAL_OSS_FAULT_RESET_RATE', type: 'string', default: '0', doc: 'Fault injection: share of requests (0-1) whose connection is reset.' },
  { name: 'fault-drop-after-apply-rate', env: 'LOCAL_OSS_FAULT_DROP_AFTER_APPLY_RATE', type: 'string', default: '0', doc: 'Fault injection: share of requests (0-1) applied, then their connection closed before the answer.' },
  { name: 'fault-drop-after-apply-on', env: 'LOCAL_OSS_FAULT_DROP_AFTER_APPLY_ON', type: 'string', default: 'PUT,POST,DELETE', doc: 'Fault injection: comma-separated operations (CopyObject, …) or methods the drop applies to.' },
  { name: 'abort-incomplete-uploads-after', env: 'LOCAL_OSS_ABORT_INCOMPLETE_UPLOADS_AFTER', type: 'string', doc: 'Abort multipart uploads initiated longer ago than this (e.g. 7d, 12h); off when unset.' },
  { name: 'restore-delay', env: 'LOCAL_OSS_RESTORE_DELAY', type: 'string', default: '3s', doc: 'How long RestoreObject takes for Archive/ColdArchive objects (e.g. 3s, 1m).' },
  { name: 'help', type: 'boolean', doc: 'Print this help and exit.' },
];

/** The `--help` text. */
export function helpText(): string {
  const lines = FLAGS.map((f) => {
    const left = `  --${f.name}${f.type === 'string' ? ' <value>' : ''}`;
    const extra = [f.env !== undefined ? `env ${f.env}` : '', f.default !== undefined ? `default ${f.default}` : '']
      .filter(Boolean)
      .join(', ');
    return `${left.padEnd(33)} ${f.doc}${extra ? ` (${extra})` : ''}`;
  });
  return ['Usage: npm run local-oss -- [flags]', '', 'Runs an OSS-compatible server on 127.0.0.1.', '', ...lines].join('\n');
}

/** Resolves each flag from argv, then its env var, then its default. */
export function resolveFlags(argv: readonly string[], env: NodeJS.ProcessEnv): Record<string, string | boolean | undefined> {
  const { values } = parseArgs({
    args: [...argv],
    options: Object.fromEntries(FLAGS.map((f) => [f.name, { type: f.type }])),
    strict: true,
  });
  const out: Record<string, string | boolean | undefined> = {};
  for (const f of FLAGS) {
    const given = values[f.name];
    const fromEnv = f.env !== undefined ? env[f.env] : undefined;
    if (given !== undefined) out[f.name] = given;
    else if (fromEnv !== undefined) out[f.name] = f.type === 'boolean' ? fromEnv === 'true' || fromEnv === '1' : fromEnv;
    else out[f.name] = f.default;
  }
  return out;
}

