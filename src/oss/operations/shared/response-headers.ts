/**
 * Reading response headers into typed fields. Values are the strings as received (the
 * ByteString view), so re-sending a value reproduces the bytes OSS stored.
 */
import { OssResponseParseError } from '../../errors.js';
import type { OssResponse } from '../../transport/types.js';

/** Prefix of user metadata headers. */
export const USER_METADATA_PREFIX = 'x-oss-meta-';

/** `headers[name]`, or `undefined` when absent. */
export function optionalHeader(response: OssResponse, name: string): string | undefined {
  return response.headers[name];
}

/** `headers[name]`; throws {@link OssResponseParseError} when absent. */
export function requiredHeader(response: OssResponse, name: string): string {
  const value = response.headers[name];
  if (value === undefined) throw new OssResponseParseError(`response of request ${response.requestId || '(no id)'} lacks header ${name}`);
  return value;
}

/** A non-negative integer header, or `undefined` when absent; throws when present but malformed. */
export function optionalIntHeader(response: OssResponse, name: string): number | undefined {
  const value = response.headers[name];
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim())) throw new OssResponseParseError(`header ${name} is not a non-negative integer: ${JSON.stringify(value)}`);
  return Number(value.trim());
}

/** A required non-negative integer header. */
export function requiredIntHeader(response: OssResponse, name: string): number {
  requiredHeader(response, name);
  return optionalIntHeader(response, name) as number;
}

/** Parses an HTTP date (RFC 1123) or ISO 8601 timestamp; throws when unparseable. */
export function parseDate(value: string, what: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new OssResponseParseError(`${what} is not a date: ${JSON.stringify(value)}`);
  return date;
}

/** A date header, or `undefined` when absent. */
export function optionalDateHeader(response: OssResponse, name: string): Date | undefined {
  const value = response.headers[name];
  return value === undefined ? undefined : parseDate(value, `header ${name}`);
}

/** A required date header. */
export function requiredDateHeader(response: OssResponse, name: string): Date {
  return parseDate(requiredHeader(response, name), `header ${name}`);
}

/** User metadata from `x-oss-meta-*` headers: lowercase names without the prefix, sorted. */
export function readUserMetadata(response: OssResponse): Record<string, string> {
  // Why one pass with an insertion sort: an object has no or a few metadata headers.
  const { headers } = response;
  let names: string[] | undefined;
  for (const name of Object.keys(headers)) {
    if (!name.startsWith(USER_METADATA_PREFIX)) continue;
    names ??= [];
    let at = names.length;
    while (at > 0 && (names[at - 1] as string) > name) at--;
    names.splice(at, 0, name);
  }
  const out: Record<string, string> = {};
  if (names === undefined) return out;
  for (const name of names) out[name.slice(USER_METADATA_PREFIX.length)] = headers[name] as string;
  return out;
}
