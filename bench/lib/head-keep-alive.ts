/**
 * An experiment, loaded into an ossgraph process with `--import` (never by ossgraph itself): makes
 * every undici HEAD request keep its connection (`reset: false`) unless the caller decided
 * otherwise. undici closes the connection after each HEAD by default, so without this every
 * HeadObject/GetObjectMeta opens a new TCP (against OSS: TCP + TLS) connection. The throughput
 * scenario runs ossgraph once with this to show what the one-line fix in
 * `src/oss/transport/send-once.ts` (`reset: false` for HEAD) would give.
 */
import { Agent } from 'undici';
import type { Dispatcher } from 'undici';

const original = Agent.prototype.dispatch;
Agent.prototype.dispatch = function dispatch(this: Agent, options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
  const patched = options.method === 'HEAD' && options.reset === undefined ? { ...options, reset: false } : options;
  return original.call(this, patched, handler);
};
