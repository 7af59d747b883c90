/** The HTTP request id: accepted from `x-request-id` when it is safe to echo and log, else generated. */
import { randomUUID } from 'node:crypto';

/** The header that carries the request id, in both directions. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** Longest accepted `x-request-id`. */
export const MAX_REQUEST_ID_LENGTH = 128;

/**
 * Characters of an accepted id: letters, digits and `-_.:=+/@` — enough for UUIDs, ULIDs, base64
 * and load-balancer trace ids, never a space, quote, control character or log-breaking newline.
 */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:=+/@-]+$/;

/** `value` when it is a usable request id (1–128 safe characters), else `undefined`. */
export function acceptRequestId(value: string | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (value.length === 0 || value.length > MAX_REQUEST_ID_LENGTH || !SAFE_REQUEST_ID.test(value)) return undefined;
  return value;
}

/** The request's id: its valid `x-request-id`, or a fresh one from `generate` (default a random UUID). */
export function requestIdFor(headers: Headers, generate: () => string = randomUUID): string {
  return acceptRequestId(headers.get(REQUEST_ID_HEADER)) ?? generate();
}
