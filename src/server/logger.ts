/** Structured logging: one JSON object per line. */

/** Severities, least severe first. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;

/** A severity of a log line. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Extra fields of a log line; `Error` values are written as `{ name, message, code?, stack }`. */
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

/** An error as a plain object a log line can hold. */
function serializeError(error: Error): Record<string, unknown> {
  const code = (error as { code?: unknown }).code;
  return { name: error.name, message: error.message, ...(code === undefined ? {} : { code }), stack: error.stack };
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
