/**
 * `npm run local-oss -- [flags]`: runs local-oss alone, file-backed, on 127.0.0.1. Prints one
 * line `local-oss listening on http://127.0.0.1:PORT` when ready; stops on SIGINT/SIGTERM.
 * This is an entry file, so it may read `process.env` and `process.argv`.
 */
import { createFileBackend } from './backend/file-backend.js';
import { createMemoryBackend } from './backend/memory-backend.js';
import type { FaultOptions } from './faults.js';
import { startLocalOss } from './index.js';
import { helpText, resolveFlags } from './cli-flags.js';
import { parseDuration } from './upload-sweep.js';

function num(value: string | boolean | undefined, name: string): number {
  const n = Number(value);
  if (typeof value !== 'string' || value.trim() === '' || Number.isNaN(n)) throw new Error(`--${name} must be a number, got ${String(value)}`);
  return n;
}

async function main(): Promise<void> {
  const flags = resolveFlags(process.argv.slice(2), process.env);
  if (flags['help'] === true) {
    console.log(helpText());
    return;
  }
  const faults: FaultOptions = {
    seed: num(flags['fault-seed'], 'fault-seed'),
    errorRate: num(flags['fault-error-rate'], 'fault-error-rate'),
    errorStatus: num(flags['fault-error-status'], 'fault-error-status'),
    errorCode: String(flags['fault-error-code']),
    latencyMs: num(flags['fault-latency-ms'], 'fault-latency-ms'),
    resetRate: num(flags['fault-reset-rate'], 'fault-reset-rate'),
    dropAfterApplyRate: num(flags['fault-drop-after-apply-rate'], 'fault-drop-after-apply-rate'),
    dropAfterApplyOn: String(flags['fault-drop-after-apply-on']).split(',').map((o) => o.trim()).filter(Boolean),
  };
  const backend = flags['memory'] === true ? createMemoryBackend() : await createFileBackend({ dataDir: String(flags['data-dir']) });
  const token = flags['security-token'];
  const domain = flags['virtual-host-domain'];
  const sweepAfter = flags['abort-incomplete-uploads-after'];
  const buckets = typeof flags['bucket'] === 'string' ? flags['bucket'].split(',').map((b) => b.trim()).filter(Boolean) : [];
  const store = await startLocalOss({
    port: num(flags['port'], 'port'),
    host: String(flags['host']),
    backend,
    region: String(flags['region']),
    ...(typeof domain === 'string' ? { virtualHostDomain: domain } : {}),
    credentials: [
      {
        accessKeyId: String(flags['access-key-id']),
        accessKeySecret: String(flags['access-key-secret']),
        ...(typeof token === 'string' ? { securityToken: token } : {}),
      },
    ],
    allowAnonymous: flags['allow-anonymous'] === true,
    corsAllowedOrigins: String(flags['cors-origins']).split(',').map((o) => o.trim()),
    faults,
    buckets,
    restoreDelayMs: parseDuration(String(flags['restore-delay']), '--restore-delay'),
    ...(typeof sweepAfter === 'string'
      ? { abortIncompleteUploadsAfterMs: parseDuration(sweepAfter, '--abort-incomplete-uploads-after') }
      : {}),
  });
  console.log(`local-oss listening on ${store.url}`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void store
      .close()
      .then(() => backend.close())
      .then(() => process.exit(0), (error: unknown) => {
        console.error(error);
        process.exit(1);
      });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`local-oss: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
