/**
 * Acceptance test of `npm start`: the real entry (src/dev.ts) in a child process, on a temporary
 * data directory and a free port, queried over HTTP, then stopped with SIGTERM.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_OBJECTS } from '../../../src/dev/seed-demo.js';
import { GRAPHIQL_DEFAULT_QUERY } from '../../../src/server/graphiql.js';
import { externalReferences } from './external-references.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const LISTENING = /ossgraph listening on (http:\/\/\S+)\/graphql/;

/** A started `npm start` child and what it printed. */
interface Started {
  readonly child: ChildProcess;
  readonly origin: string;
  readonly output: () => string;
}

/** The environment of the child: ours without any OSS or ossgraph setting, plus `extra`. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(OSS_|OSSGRAPH_|PORT$|HOST$)/.test(name)));
  return { ...env, ...extra };
}

/** Spawns src/dev.ts the way `npm start` does and resolves once it prints its listening line. */
function startDev(dataDir: string): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/dev.ts'], {
    cwd: ROOT,
    env: childEnv({ PORT: '0', OSSGRAPH_DATA_DIR: dataDir }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`npm start printed no listening line within 20 s:\n${output}`));
    }, 20_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      const match = LISTENING.exec(output);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve({ child, origin: match[1], output: () => output });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited with ${String(code)} before listening:\n${output}`));
    });
  });
}

/** Sends SIGTERM and resolves with the exit code, rejecting when the child takes over `ms`. */
function stop(child: ChildProcess, ms: number): Promise<number | null> {
  return new Promise((resolve, reject) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no exit within ${ms} ms of SIGTERM`));
    }, ms);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
    child.kill('SIGTERM');
  });
}

/** POSTs a GraphQL query to the child. */
async function query(origin: string, source: string): Promise<{ data?: unknown; errors?: unknown }> {
  const response = await fetch(`${origin}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: source }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { data?: unknown; errors?: unknown };
}

describe('npm start', () => {
  let dataDir: string;
  let started: Started | undefined;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'ossgraph-start-'));
  });
  afterAll(async () => {
    if (started !== undefined && started.child.exitCode === null) started.child.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  it('serves a seeded demo bucket from an embedded local-oss, offline GraphiQL, and stops cleanly', { timeout: 60_000 }, async () => {
    started = await startDev(dataDir);
    expect(started.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(started.output()).toContain('using embedded local-oss');
    expect(started.output()).toContain(dataDir);

    const listing = await query(started.origin, '{ bucket(name: "demo") { objects { nodes { key } } } }');
    expect(listing).toEqual({
      data: { bucket: { objects: { nodes: DEMO_OBJECTS.map((o) => ({ key: o.key })).sort((a, b) => (a.key < b.key ? -1 : 1)) } } },
    });

    const demo = (await query(started.origin, GRAPHIQL_DEFAULT_QUERY)) as {
      errors?: unknown;
      data: { object: { contentType: string; cacheControl: string; metadata: unknown[] } };
    };
    expect(demo.errors).toBeUndefined();
    expect(demo.data.object).toMatchObject({
      contentType: 'text/markdown; charset=utf-8',
      cacheControl: 'max-age=300',
      metadata: [
        { key: 'author', value: 'ossgraph' },
        { key: 'reviewed', value: 'yes' },
      ],
    });

    const page = await fetch(`${started.origin}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('DemoBucket');
    expect(externalReferences(html)).toEqual([]);
    // Introspection is on in `npm start` (GraphiQL needs it); `npm run serve` has it off.
    expect(await query(started.origin, '{ __type(name: "StorageObject") { name } }')).toEqual({ data: { __type: { name: 'StorageObject' } } });

    expect((await fetch(`${started.origin}/readyz`)).status).toBe(200);
    expect(await stop(started.child, 5000)).toBe(0);
    expect(started.output()).toMatch(/"msg":"request".*"storeRequests":1/);
    // No setup needed, but it says that anyone may do anything, and how to turn authentication on.
    expect(started.output()).toContain('authentication is off (OSSGRAPH_AUTH=none)');
    expect(started.output()).toContain('To turn it on: OSSGRAPH_AUTH=jwt');
  });

  it('keeps the data on restart and does not seed a bucket that has objects', { timeout: 60_000 }, async () => {
    started = await startDev(dataDir);
    expect(started.output()).toContain('kept as it was');
    const listing = (await query(started.origin, '{ bucket(name: "demo") { objects { nodes { key } } } }')) as {
      data: { bucket: { objects: { nodes: unknown[] } } };
    };
    expect(listing.data.bucket.objects.nodes).toHaveLength(DEMO_OBJECTS.length);
    expect(await stop(started.child, 5000)).toBe(0);
  });
});
