/** Structured logging: one JSON object per line. */
import { redactUrls } from '../observability/redact.js';

/** Severities, least severe first. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;

/** A severity of a log line. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Extra fields of a log line; `Error` values are written by {@link serializeError}. */
export type LogFields = Readonly<Record<string, unknown>>;

/** Where the server writes its log lines. */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** Whether lines at `level` are written; lets callers skip building lines nobody reads. */
  isEnabled(level: LogLevel): boolean;
}

/** Options of {@link createJsonLogger}. */
export interface JsonLoggerOptions {
  /** Least severe level written; `silent` writes nothing. */
  readonly level: LogLevel | 'silent';
  /** Receives each line, newline included; default `process.stdout.write`. */
  readonly write?: (line: string) => void;
  /** Epoch milliseconds; default `Date.now`. */
  readonly now?: () => number;
}

/** How many causes of an error a log line follows. */
const MAX_CAUSE_DEPTH = 5;

/**
 * An error as a plain object a log line can hold: `{ name, message, code?, status?, ossRequestId?,
 * ec?, path?, stack, cause? }`, following `cause` (or a GraphQL error's `originalError`) up to
 * {@link MAX_CAUSE_DEPTH} levels. URLs in messages and stacks are redacted (they carry the store's
 * internal endpoint and, for presigned requests, signatures).
 */
export function serializeError(error: Error, depth = 0): Record<string, unknown> {
  const fields = error as Error & { code?: unknown; status?: unknown; requestId?: unknown; ec?: unknown; path?: unknown; originalError?: unknown };
  const next = fields.cause ?? fields.originalError;
  const cause = next instanceof Error && next !== error && depth < MAX_CAUSE_DEPTH ? serializeError(next, depth + 1) : undefined;
  return {
    name: error.name,
    message: redactUrls(error.message),
    ...(fields.code === undefined ? {} : { code: fields.code }),
    ...(typeof fields.status === 'number' ? { status: fields.status } : {}),
    ...(typeof fields.requestId === 'string' ? { ossRequestId: fields.requestId } : {}),
    ...(typeof fields.ec === 'string' ? { ec: fields.ec } : {}),
    ...(Array.isArray(fields.path) ? { path: fields.path } : {}),
    ...(error.stack === undefined ? {} : { stack: redactUrls(error.stack) }),
    ...(cause === undefined ? {} : { cause }),
  };
}

/**
 * A logger writing `{"time":…,"level":…,"msg":…,…fields}` lines. Field values that are errors are
 * serialised; a field that cannot be stringified makes the line carry `logError` instead of
 * throwing.
 */
export function createJsonLogger(options: JsonLoggerOptions): Logger {
  const write = options.write ?? ((line: string) => void process.stdout.write(line));
  const now = options.now ?? Date.now;
  const threshold = options.level === 'silent' ? LOG_LEVELS.length : LOG_LEVELS.indexOf(options.level);
  const log = (level: LogLevel, message: string, fields: LogFields = {}): void => {
    if (LOG_LEVELS.indexOf(level) < threshold) return;
    const record: Record<string, unknown> = { time: new Date(now()).toISOString(), level, msg: message };
    for (const [name, value] of Object.entries(fields)) record[name] = value instanceof Error ? serializeError(value) : value;
    let line: string;
    try {
      line = JSON.stringify(record);
    } catch (error) {
      line = JSON.stringify({ time: record['time'], level, msg: message, logError: String(error) });
    }
    write(`${line}\n`);
  };
  return {
    debug: (message, fields) => log('debug', message, fields),
    info: (message, fields) => log('info', message, fields),
    warn: (message, fields) => log('warn', message, fields),
    error: (message, fields) => log('error', message, fields),
    isEnabled: (level) => LOG_LEVELS.indexOf(level) >= threshold,
  };
}

/** Yoga's `logging` option backed by `logger`: Yoga's variadic calls become one line each. */
export function toYogaLogger(logger: Logger): Record<LogLevel, (...args: unknown[]) => void> {
  const adapt =
    (level: LogLevel) =>
    (...args: unknown[]): void => {
      const [first, ...rest] = args;
      const errors = rest.filter((a): a is Error => a instanceof Error);
      const others = rest.filter((a) => !(a instanceof Error));
      logger[level](first instanceof Error ? first.message : String(first), {
        source: 'yoga',
        ...(first instanceof Error ? { error: first } : {}),
        ...(errors[0] === undefined ? {} : { error: errors[0] }),
        ...(others.length === 0 ? {} : { details: others.map((o) => (typeof o === 'string' ? o : safeJson(o))) }),
      });
    };
  return { debug: adapt('debug'), info: adapt('info'), warn: adapt('warn'), error: adapt('error') };
}

/** `JSON.stringify(value)`, or `String(value)` when that throws. */
function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
