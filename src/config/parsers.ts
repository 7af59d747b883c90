/**
 * Parsers for configuration values. Each takes the raw (trimmed, non-empty) string of one
 * variable and returns either the value or the rule it broke; none of them throws, so
 * `loadConfig` can collect every problem before reporting.
 */

/** What a parser returns: the parsed value, or the rule the raw string broke. */
export type ParseResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly rule: string };

/** Turns one raw configuration string into a value. */
export type Parser<T> = (raw: string) => ParseResult<T>;

/** A successful {@link ParseResult}. */
export function ok<T>(value: T): ParseResult<T> {
  return { ok: true, value };
}

/** A failed {@link ParseResult} stating `rule`. */
export function fail<T>(rule: string): ParseResult<T> {
  return { ok: false, rule };
}

/** Any string, as given. */
export const text: Parser<string> = (raw) => ok(raw);

/** A string matching `pattern`; `rule` describes the pattern to humans. */
export function matching(pattern: RegExp, rule: string): Parser<string> {
  return (raw) => (pattern.test(raw) ? ok(raw) : fail(rule));
}

/** `true`/`false`, also `1`/`0`, `yes`/`no`, `on`/`off` (any case). */
export const boolean: Parser<boolean> = (raw) => {
  const value = raw.toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(value)) return ok(true);
  if (['false', '0', 'no', 'off'].includes(value)) return ok(false);
  return fail('must be one of true, false, 1, 0, yes, no, on, off');
};

/** A decimal integer in `[min, max]`. */
export function integer(min: number, max: number): Parser<number> {
  const rule = `must be an integer from ${min} to ${max}`;
  return (raw) => {
    if (!/^-?\d+$/.test(raw)) return fail(rule);
    const value = Number(raw);
    return Number.isSafeInteger(value) && value >= min && value <= max ? ok(value) : fail(rule);
  };
}

/** One of `values`, compared case-sensitively. */
export function oneOf<const T extends string>(values: readonly T[]): Parser<T> {
  return (raw) => ((values as readonly string[]).includes(raw) ? ok(raw as T) : fail(`must be one of ${values.join(', ')}`));
}

const BYTE_UNITS: Readonly<Record<string, number>> = {
  '': 1,
  b: 1,
  kb: 1000,
  mb: 1000 ** 2,
  gb: 1000 ** 3,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
};

/** A size in bytes in `[min, max]`: `1048576`, `512KiB`, `10MiB`, `1GB` (units case-insensitive). */
export function byteSize(min: number, max: number): Parser<number> {
  const rule = `must be a whole number of bytes from ${min} to ${max}, optionally with a unit (B, KB, MB, GB, KiB, MiB, GiB)`;
  return (raw) => {
    const match = /^(\d+)\s*([a-z]*)$/i.exec(raw);
    const unit = BYTE_UNITS[match?.[2]?.toLowerCase() ?? '-'];
    if (match === null || unit === undefined) return fail(rule);
    const value = Number(match[1]) * unit;
    return Number.isSafeInteger(value) && value >= min && value <= max ? ok(value) : fail(rule);
  };
}

const DURATION_UNITS: Readonly<Record<string, number>> = { '': 1, ms: 1, s: 1000, m: 60_000 };

/** A duration in milliseconds in `[min, max]`: `1500`, `1500ms`, `30s`, `2m`. */
export function durationMs(min: number, max: number): Parser<number> {
  const rule = `must be a whole number of milliseconds from ${min} to ${max}, optionally with a unit (ms, s, m)`;
  return (raw) => {
    const match = /^(\d+)\s*([a-z]*)$/i.exec(raw);
    const unit = DURATION_UNITS[match?.[2]?.toLowerCase() ?? '-'];
    if (match === null || unit === undefined) return fail(rule);
    const value = Number(match[1]) * unit;
    return Number.isSafeInteger(value) && value >= min && value <= max ? ok(value) : fail(rule);
  };
}

/**
 * A comma-separated list whose items each pass `item` (blank items are dropped, duplicates
 * removed). The first bad item is named in the rule.
 */
export function list<T>(item: Parser<T>): Parser<readonly T[]> {
  return (raw) => {
    const values: T[] = [];
    for (const part of raw.split(',').map((p) => p.trim()).filter((p) => p !== '')) {
      const parsed = item(part);
      if (!parsed.ok) return fail(`each comma-separated item ${parsed.rule}; ${JSON.stringify(part)} does not`);
      if (!values.includes(parsed.value)) values.push(parsed.value);
    }
    return ok(Object.freeze(values));
  };
}

/** A browser origin: `http(s)://host[:port]`, no path, no trailing slash; returned as the URL spec serialises it. */
export const origin: Parser<string> = (raw) => {
  const rule = 'must be an origin like https://app.example.com or http://localhost:5173 (scheme, host, optional port; no path)';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return fail(rule);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || raw.replace(/\/$/, '') !== url.origin) return fail(rule);
  return ok(url.origin);
};

/**
 * An OSS endpoint: a host name with an optional port, or an `http(s)://` URL without path or
 * query (`oss-cn-hangzhou.aliyuncs.com`, `http://127.0.0.1:9000`).
 */
export const endpoint: Parser<string> = (raw) => {
  const rule = 'must be a host[:port] or an http(s):// URL without path or query';
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return fail(rule);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return fail(rule);
  if ((url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.hash !== '' || url.username !== '') return fail(rule);
  return ok(raw);
};

/** An absolute `http://` or `https://` URL (a JWKS endpoint), returned as given. */
export const httpUrl: Parser<string> = (raw) => {
  const rule = 'must be an absolute http:// or https:// URL';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return fail(rule);
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? ok(raw) : fail(rule);
};
