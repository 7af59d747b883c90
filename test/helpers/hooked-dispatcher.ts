/**
 * An undici dispatcher that can run an async step (e.g. another client's write) right before a
 * chosen request is sent, so a test hits "the middle" of an operation deterministically.
 */
import { Agent } from 'undici';
import type { Dispatcher } from 'undici';

/** What a hook sees of a request about to be sent. */
export interface OutgoingRequest {
  readonly method: string;
  /** Path with query, as sent. */
  readonly path: string;
  /** Lowercase header names. */
  readonly headers: Record<string, string>;
}

/** A dispatcher with a replaceable hook; `undefined` from the hook sends at once. */
export interface HookedDispatcher {
  readonly dispatcher: Dispatcher;
  /** Runs before every request; the request is sent when the returned promise settles. */
  hook: ((request: OutgoingRequest) => Promise<void> | undefined) | undefined;
  /** Errors thrown by hooks (a test should expect none). */
  readonly hookErrors: unknown[];
  close(): Promise<void>;
}

function headersOf(raw: Dispatcher.DispatchOptions['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  if (raw === undefined || raw === null) return out;
  if (Array.isArray(raw)) {
    for (let i = 0; i + 1 < raw.length; i += 2) out[String(raw[i]).toLowerCase()] = String(raw[i + 1]);
    return out;
  }
  for (const [name, value] of Object.entries(raw as Record<string, unknown>)) if (value !== undefined) out[name.toLowerCase()] = String(value);
  return out;
}

/** A keep-alive agent whose requests first pass through `hooked.hook`. */
export function hookedDispatcher(): HookedDispatcher {
  const agent = new Agent();
  const hooked: HookedDispatcher = {
    hook: undefined,
    hookErrors: [],
    dispatcher: agent.compose((dispatch) => (options, handler) => {
      const pending = hooked.hook?.({ method: options.method, path: options.path, headers: headersOf(options.headers) });
      if (pending === undefined) return dispatch(options, handler);
      pending.then(
        () => dispatch(options, handler),
        (error: unknown) => {
          hooked.hookErrors.push(error);
          dispatch(options, handler);
        },
      );
      return true;
    }),
    close: () => agent.close(),
  };
  return hooked;
}

/** Arms `hooked` to run `step` once, before the first request `matches` accepts. */
export function onceBefore(hooked: HookedDispatcher, matches: (request: OutgoingRequest) => boolean, step: () => Promise<void>): { fired: () => boolean } {
  let fired = false;
  hooked.hook = (request) => {
    if (fired || !matches(request)) return undefined;
    fired = true;
    return step();
  };
  return { fired: () => fired };
}
