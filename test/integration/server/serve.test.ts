import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createJsonLogger } from '../../../src/server/logger.js';
import { createReadiness } from '../../../src/server/readiness.js';
import { serve } from '../../../src/server/serve.js';
import type { ProcessLike } from '../../../src/server/serve.js';

/** A `process` stand-in: records signal handlers and resolves `exited` on `exit`. */
function fakeProcess() {
  const handlers = new Map<string, Array<() => void>>();
  let resolveExit: (code: number) => void = () => {};
  const exited = new Promise<number>((resolve) => {
    resolveExit = resolve;
  });
  const codes: number[] = [];
  const process: ProcessLike = {
    once(event, listener) {
      handlers.set(event, [...(handlers.get(event) ?? []), listener]);
    },
    exit(code) {
      codes.push(code);
      resolveExit(code);
    },
  };
  const signal = (event: 'SIGINT' | 'SIGTERM'): void => {
    const list = handlers.get(event) ?? [];
    handlers.set(event, []);
    for (const handler of list) handler();
  };
  return { process, signal, exited, codes };
}

/** A listener whose `/slow` requests wait for `release()`; everything else answers at once. */
function slowListener() {
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let arrived: () => void = () => {};
  const slowArrived = new Promise<void>((resolve) => {
    arrived = resolve;
  });
  const listener = (request: IncomingMessage, response: ServerResponse): void => {
    if (request.url === '/slow') {
      arrived();
      void released.then(() => response.end('done'));
    } else {
      response.end('ok');
    }
  };
  return { listener, release, slowArrived };
}

/** Starts `serve` with fakes and returns everything a test inspects. */
async function start(shutdownTimeoutMs: number) {
  const fake = fakeProcess();
  const slow = slowListener();
  const readiness = createReadiness();
  const printed: string[] = [];
  const events: string[] = [];
  const running = await serve({
    listener: slow.listener,
    host: '127.0.0.1',
    port: 0,
    path: '/graphql',
    readiness,
    shutdownTimeoutMs,
    close: () => {
      events.push('close');
      return Promise.resolve();
    },
    logger: createJsonLogger({ level: 'silent' }),
    print: (line) => printed.push(line),
    process: fake.process,
  });
  running.server.on('close', () => events.push('server closed'));
  return { ...fake, ...slow, readiness, printed, events, running };
}

describe('serve', () => {
  it('prints the listening line with the real port', async () => {
    const s = await start(1000);
    expect(s.printed).toEqual([`ossgraph listening on http://127.0.0.1:${s.running.port}/graphql`]);
    expect(s.running.port).toBeGreaterThan(0);
    s.signal('SIGTERM');
    expect(await s.exited).toBe(0);
  });

  it('on SIGTERM fails readiness, lets the request in flight finish, then closes and exits 0', async () => {
    const s = await start(10_000);
    const inFlight = fetch(`${s.running.origin}/slow`).then((r) => r.text());
    await s.slowArrived;
    s.signal('SIGTERM');
    expect(s.readiness.isReady()).toBe(false);
    await expect(fetch(`${s.running.origin}/other`)).rejects.toThrow();
    s.release();
    expect(await inFlight).toBe('done');
    expect(await s.exited).toBe(0);
    expect(s.events).toEqual(['server closed', 'close']);
  });

  it('cuts connections still open after the grace period', async () => {
    const s = await start(100);
    const inFlight = fetch(`${s.running.origin}/slow`).then((r) => r.text());
    await s.slowArrived;
    const before = Date.now();
    s.signal('SIGINT');
    await expect(inFlight).rejects.toThrow();
    expect(await s.exited).toBe(0);
    expect(Date.now() - before).toBeLessThan(5000);
    s.release();
  });

  it('exits 1 at once on a second signal', async () => {
    const s = await start(10_000);
    const inFlight = fetch(`${s.running.origin}/slow`).then((r) => r.text()).catch(() => 'cut');
    await s.slowArrived;
    s.signal('SIGTERM');
    s.signal('SIGTERM');
    expect(await s.exited).toBe(1);
    s.release();
    await inFlight;
    await s.running.stop(0);
  });
});
