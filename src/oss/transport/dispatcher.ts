/** The one undici dispatcher a client owns, with keep-alive and timeouts. */
import { Agent } from 'undici';
import type { Dispatcher } from 'undici';

/** Timeouts of the client's connections, in milliseconds. */
export interface TransportTimeouts {
  /** TCP + TLS connect. */
  readonly connectMs?: number;
  /** From request sent to response headers received. */
  readonly headersMs?: number;
  /** Longest gap between two response body chunks. */
  readonly bodyMs?: number;
  /** How long an idle keep-alive connection is kept. */
  readonly keepAliveMs?: number;
}

/** Options of {@link createDispatcher}; every value has been defaulted by the caller. */
export interface DispatcherOptions {
  readonly connectTimeoutMs: number;
  readonly headersTimeoutMs: number;
  readonly bodyTimeoutMs: number;
  readonly keepAliveTimeoutMs: number;
  readonly connections: number;
}

/** A keep-alive undici `Agent` with the given timeouts and connection limit per origin. */
export function createDispatcher(options: DispatcherOptions): Dispatcher {
  return new Agent({
    connect: { timeout: options.connectTimeoutMs },
    headersTimeout: options.headersTimeoutMs,
    bodyTimeout: options.bodyTimeoutMs,
    keepAliveTimeout: options.keepAliveTimeoutMs,
    connections: options.connections,
  });
}
