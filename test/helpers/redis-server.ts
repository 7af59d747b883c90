/**
 * A real `redis-server` (Debian package) for tests: a free loopback port is found by binding a
 * socket first (redis-server does not accept port 0), the server runs without persistence, and
 * is ready once it answers PING.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';

/** A running redis-server. */
export interface RedisServer {
  readonly port: number;
  /** `redis://127.0.0.1:<port>`. */
  readonly url: string;
  readonly child: ChildProcess;
  /** A fresh client (closed by {@link RedisServer.stop}). */
  client(): Redis;
  /** Kills the server (SIGKILL) and closes the clients. Idempotent. */
  stop(): Promise<void>;
}

/** Path of the binary; `.ci/run` installs it. */
export const REDIS_SERVER_BIN = process.env['REDIS_SERVER_BIN'] ?? '/usr/bin/redis-server';

/** A TCP port that was free a moment ago on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Starts redis-server on a free loopback port and waits (at most 10 s) until it answers PING. */
export async function startRedisServer(): Promise<RedisServer> {
  if (!existsSync(REDIS_SERVER_BIN)) {
    throw new Error(`${REDIS_SERVER_BIN} not found: these tests need Debian's redis-server (apt-get install -y redis-server), or REDIS_SERVER_BIN pointing at one`);
  }
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const child = spawn(REDIS_SERVER_BIN, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const clients: Redis[] = [];
    const stop = async (): Promise<void> => {
      for (const c of clients) c.disconnect();
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.kill('SIGKILL');
        await exited;
      }
    };
    const server: RedisServer = {
      port,
      url: `redis://127.0.0.1:${port}`,
      child,
      client() {
        const c = new Redis(port, '127.0.0.1', { maxRetriesPerRequest: 1, lazyConnect: false });
        c.on('error', () => undefined);
        clients.push(c);
        return c;
      },
      stop,
    };
    if (await answersPing(server, child)) return server;
    await stop();
    // Why retry: another process may have taken the port between our probe and redis-server's bind.
    if (attempt >= 3) throw new Error(`redis-server did not answer PING on port ${port}:\n${output}`);
  }
}

/** Polls PING for up to 10 s; false when the server exited or never answered. */
async function answersPing(server: RedisServer, child: ChildProcess): Promise<boolean> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) return false;
    const probe = new Redis(server.port, '127.0.0.1', { maxRetriesPerRequest: 0, retryStrategy: () => null, lazyConnect: true });
    probe.on('error', () => undefined);
    try {
      await probe.connect();
      if ((await probe.ping()) === 'PONG') return true;
    } catch {
      // not up yet
    } finally {
      probe.disconnect();
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}
