/**
 * The production build as an operator runs it: `npm run build`, then plain `node dist/main.js` (no
 * tsx, no devDependency) serving queries over a store, metrics on their own port, traces to an
 * OTLP collector, and a clean SIGTERM; `node dist/local-oss/cli.js`; `--help`.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIG_SPEC } from '../../../src/config/index.js';
import { startLocalOss } from '../../../src/local-oss/index.js';
import type { LocalOss } from '../../../src/local-oss/index.js';
import { createOssApi } from '../../../src/oss/api.js';
import { createOssClient } from '../../../src/oss/client.js';
import { ensureBuild, importedPackages } from '../../../scripts/compiled-build.js';
import { storeEnv } from '../../helpers/local-oss.js';
import { PRODUCTION_NODE_FLAGS } from '../../../scripts/production-node-flags.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The inherited environment without anything that configures ossgraph, OpenTelemetry or tsx. */
function cleanEnv(env: Record<string, string>): Record<string, string> {
  const base = Object.entries(process.env).filter(
    (entry): entry is [string, string] => entry[1] !== undefined && !/^(OSS_|OSSGRAPH_|OTEL_|PORT$|HOST$|NODE_OPTIONS$)/.test(entry[0]),
  );
  // Why OSSGRAPH_AUTH=none: `serve` refuses to start without an explicit auth choice.
  return { ...Object.fromEntries(base), OSSGRAPH_AUTH: 'none', ...env };
}

/** A child process and the lines it printed. */
interface Child {
  readonly process: ChildProcess;
  readonly lines: string[];
  /** Resolves with the first capture of the first line matching `pattern` (rejects on exit or after 30 s). */
  waitFor(pattern: RegExp): Promise<string>;
  stop(): Promise<number | null>;
}

function start(args: string[], env: Record<string, string>): Child {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const waiters: Array<{ pattern: RegExp; resolve: (value: string) => void }> = [];
  const onLine = (line: string): void => {
    lines.push(line);
    for (const waiter of [...waiters]) {
      const match = waiter.pattern.exec(line);
      if (match === null) continue;
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(match[1] ?? match[0]);
    }
  };
  createInterface({ input: child.stdout! }).on('line', onLine);
  createInterface({ input: child.stderr! }).on('line', onLine);
  const exited = once(child, 'exit') as Promise<[number | null]>;
  return {
    process: child,
    lines,
    waitFor: (pattern) =>
      new Promise((resolve, reject) => {
        const existing = lines.map((line) => pattern.exec(line)).find((match) => match !== null);
        if (existing) return resolve(existing[1] ?? existing[0]);
        const timer = setTimeout(() => reject(new Error(`no line matching ${pattern} after 30 s:\n${lines.join('\n')}`)), 30_000);
        waiters.push({ pattern, resolve: (value) => (clearTimeout(timer), resolve(value)) });
        void exited.then(([code]) => (clearTimeout(timer), reject(new Error(`exited (${code}) before ${pattern}:\n${lines.join('\n')}`))));
      }),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const [code] = await exited;
      clearTimeout(kill);
      return code;
    },
  };
}

describe('the compiled build (dist/)', () => {
  let store: LocalOss;

  beforeAll(async () => {
    ensureBuild(ROOT);
    store = await startLocalOss({ buckets: ['demo'] });
    const client = createOssClient({ region: store.region, endpoint: store.url, credentials: store.credentials });
    await createOssApi(client).putObject({ bucket: 'demo', key: 'hello.txt', body: 'hello', contentType: 'text/plain' });
    await client.close();
  }, 300_000);

  afterAll(() => store?.close());

  it('node dist/main.js --help prints every variable and exits 0', () => {
    const result = spawnSync(process.execPath, ['dist/main.js', '--help'], { cwd: ROOT, env: cleanEnv({}), encoding: 'utf8', timeout: 30_000 });
    expect(result.status).toBe(0);
    for (const spec of Object.values(CONFIG_SPEC)) expect(result.stdout).toContain(spec.env);
  });

  it('imports only production dependencies (it must run after npm prune --omit=dev)', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const imported = importedPackages(join(ROOT, 'dist'));
    expect(imported.size).toBeGreaterThan(5);
    const outside = [...imported].filter(([name]) => !(name in manifest.dependencies)).map(([name, files]) => `${name} (${files[0]})`);
    expect(outside).toEqual([]);
  });

  it('serves queries with plain node, metrics on their own port, traces to an OTLP collector, and stops on SIGTERM', async () => {
    const exports: Buffer[] = [];
    const collector = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        if (request.url === '/v1/traces') exports.push(Buffer.concat(chunks));
        response.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    const collectorUrl = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
    const server = start([...PRODUCTION_NODE_FLAGS, 'dist/main.js'], {
      ...storeEnv(store),
      PORT: '0',
      OSSGRAPH_METRICS_PORT: '0',
      OSSGRAPH_TRACING: 'true',
      OTEL_EXPORTER_OTLP_ENDPOINT: collectorUrl,
      OTEL_SERVICE_NAME: 'ossgraph-compiled-test',
    });
    try {
      const metricsUrl = await server.waitFor(/ossgraph metrics on (http:\/\/\S+)/);
      const url = await server.waitFor(/ossgraph listening on (http:\/\/\S+)/);
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'compiled-1' },
        body: JSON.stringify({ query: 'query One { object(bucket: "demo", key: "hello.txt") { contentType contentLength } }' }),
      });
      expect(await response.json()).toEqual({ data: { object: { contentType: 'text/plain', contentLength: 5 } } });
      expect(response.headers.get('x-request-id')).toBe('compiled-1');
      expect((await fetch(url.replace('/graphql', '/metrics'))).status).toBe(404);
      const metrics = await (await fetch(metricsUrl)).text();
      expect(metrics).toContain('ossgraph_store_requests_total{operation="HeadObject",status="200"} 1');
      await server.waitFor(/"msg":"request".*"requestId":"compiled-1"/);

      expect(await server.stop()).toBe(0);
      // The batch exporter flushes on shutdown: the operation and store spans reached the collector.
      const exported = Buffer.concat(exports);
      expect(exported.includes('query One')).toBe(true);
      expect(exported.includes('OSS HeadObject')).toBe(true);
      expect(exported.includes('ossgraph-compiled-test')).toBe(true);
    } finally {
      await server.stop();
      await new Promise((resolve) => collector.close(resolve));
    }
  });

  it('npm run local-oss runs compiled local-oss with plain node', async () => {
    const localOss = start(['dist/local-oss/cli.js', '--port', '0', '--memory', '--bucket', 'bk1'], {});
    try {
      const url = await localOss.waitFor(/local-oss listening on (http:\/\/\S+)/);
      expect((await fetch(url)).status).toBe(403);
    } finally {
      await localOss.stop();
    }
  });
});
