/**
 * The incomplete-upload sweep: aborts multipart uploads initiated more than a given time ago,
 * what OSS's lifecycle rule `<AbortMultipartUpload><Days>N</Days></AbortMultipartUpload>` does on
 * a real bucket (oss-protocol-wave2.md §10.3). Uploads left behind by a crashed writer stop
 * holding parts (and blocking DeleteBucket) once they are old enough.
 */
import { BackendError, type Backend, type UploadRecord } from './backend/backend.js';

/** Options of {@link sweepIncompleteUploads}. */
export interface SweepOptions {
  /** Uploads initiated more than this many milliseconds before `now` are aborted (> 0). */
  readonly olderThanMs: number;
  /** The current time, epoch milliseconds. */
  readonly now: number;
}

/**
 * Aborts, in every bucket, each upload with `now - initiated > olderThanMs`, and resolves the
 * aborted uploads. An upload completed or aborted meanwhile by someone else is skipped; a bucket
 * deleted meanwhile likewise.
 */
export async function sweepIncompleteUploads(backend: Backend, options: SweepOptions): Promise<UploadRecord[]> {
  checkDuration('olderThanMs', options.olderThanMs);
  const aborted: UploadRecord[] = [];
  for (const bucket of await backend.listBuckets()) {
    let uploads: readonly UploadRecord[];
    try {
      uploads = await backend.listMultipartUploads(bucket.name);
    } catch (error) {
      if (error instanceof BackendError && error.code === 'NoSuchBucket') continue;
      throw error;
    }
    for (const upload of uploads) {
      if (options.now - upload.initiated <= options.olderThanMs) continue;
      try {
        await backend.abortMultipartUpload(upload.bucket, upload.key, upload.uploadId);
        aborted.push(upload);
      } catch (error) {
        if (error instanceof BackendError && (error.code === 'NoSuchUpload' || error.code === 'NoSuchBucket')) continue;
        throw error;
      }
    }
  }
  return aborted;
}

/** Options of {@link startUploadSweeper}. */
export interface UploadSweeperOptions {
  readonly olderThanMs: number;
  /** Time between sweeps (> 0). */
  readonly intervalMs: number;
  /** Clock, epoch milliseconds. */
  readonly now: () => number;
  /** Receives sweep failures (the sweeper keeps running); default `console.error`. */
  readonly onError?: (error: unknown) => void;
  /** Receives each non-empty batch of aborted uploads. */
  readonly onAborted?: (uploads: readonly UploadRecord[]) => void;
}

/** A running periodic sweep. */
export interface UploadSweeper {
  /** Runs one sweep now (waits for a sweep in progress first) and resolves what it aborted. */
  sweep(): Promise<readonly UploadRecord[]>;
  /** Stops the timer and waits for a sweep in progress. */
  stop(): Promise<void>;
}

/**
 * Sweeps every `intervalMs` (an unref'd timer: it never keeps the process alive). Sweeps never
 * overlap.
 */
export function startUploadSweeper(backend: Backend, options: UploadSweeperOptions): UploadSweeper {
  checkDuration('olderThanMs', options.olderThanMs);
  checkDuration('intervalMs', options.intervalMs);
  const onError = options.onError ?? ((error: unknown) => console.error('local-oss: incomplete-upload sweep failed:', error));
  let running: Promise<readonly UploadRecord[]> = Promise.resolve([]);
  let stopped = false;
  const sweep = (): Promise<readonly UploadRecord[]> => {
    running = running
      .catch(() => [])
      .then(async () => {
        const aborted = await sweepIncompleteUploads(backend, { olderThanMs: options.olderThanMs, now: options.now() });
        if (aborted.length > 0) options.onAborted?.(aborted);
        return aborted;
      });
    return running;
  };
  const timer = setInterval(() => {
    if (!stopped) sweep().catch(onError);
  }, options.intervalMs);
  timer.unref();
  return {
    sweep,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running.catch(() => undefined);
    },
  };
}

const UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * Parses a duration such as `7d`, `12h`, `30m`, `45s`, `500ms` or `1.5h` into milliseconds.
 * Throws a RangeError naming `name`, the rule and the value when it is not a positive duration.
 */
export function parseDuration(value: string, name: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(value.trim());
  const ms = match === null ? Number.NaN : Number(match[1]) * (UNITS[match[2] as string] as number);
  if (!(ms > 0) || !Number.isFinite(ms)) {
    throw new RangeError(`${name} must be a positive duration such as 7d, 12h, 30m, 45s or 500ms, got ${JSON.stringify(value)}`);
  }
  return Math.round(ms);
}

function checkDuration(name: string, value: number): void {
  if (!(value > 0) || !Number.isFinite(value)) throw new RangeError(`${name} must be a positive number of milliseconds, got ${String(value)}`);
}
