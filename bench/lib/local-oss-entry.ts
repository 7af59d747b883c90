/**
 * Entry of the local-oss process the benchmarks start (`node --import tsx` on this file), so that
 * local-oss's CPU and memory are not the API's or the load generator's. Configured by env:
 * `BENCH_LATENCY_MS` (injected latency, default 0), `BENCH_DATA_DIR` (file backend there; memory
 * backend when unset), `BENCH_BUCKETS` (comma-separated, created at start). Prints
 * `local-oss listening on URL` and answers IPC messages `{ id, type: 'stats' | 'reset' }` with
 * `{ id, counts }`.
 */
import type { Backend } from '../../src/local-oss/index.js';
import { startLocalOss } from '../../src/local-oss/index.js';
import { BENCH_CREDENTIALS } from './local-oss-process.js';

async function fileBackend(dataDir: string): Promise<Backend> {
  const specifier = '../../src/local-oss/backend/file-backend.js';
  const mod = (await import(specifier)) as {
    createFileBackend?: (options: { dataDir: string }) => Backend | Promise<Backend>;
  };
  if (typeof mod.createFileBackend !== 'function') throw new Error('file-backend.ts does not export createFileBackend');
  return mod.createFileBackend({ dataDir });
}

async function main(): Promise<void> {
  const dataDir = process.env['BENCH_DATA_DIR'];
  const backend = dataDir === undefined || dataDir === '' ? undefined : await fileBackend(dataDir);
  const store = await startLocalOss({
    ...(backend !== undefined ? { backend } : {}),
    credentials: [BENCH_CREDENTIALS],
    faults: { latencyMs: Number(process.env['BENCH_LATENCY_MS'] ?? 0) },
    buckets: (process.env['BENCH_BUCKETS'] ?? '').split(',').filter((b) => b !== ''),
  });
  process.on('message', (message: { id: number; type: string }) => {
    if (message.type === 'reset') store.stats.reset();
    process.send?.({ id: message.id, counts: store.stats.snapshot() });
  });
  const stop = (): void => {
    void store
      .close()
      .then(() => backend?.close())
      .finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  process.once('disconnect', stop);
  console.log(`local-oss listening on ${store.url}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
