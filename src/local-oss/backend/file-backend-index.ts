/**
 * The file backend's in-memory index: every bucket, object record, upload and part, loaded at
 * startup and updated right after each commit on disk. One process owns the data directory (see
 * `file-backend-lock.ts`), so the index is the authority for reads and listings.
 */
import type { BucketRecord, PartRecord, UploadRecord } from './backend.js';
import { compareKeys } from './backend-shared.js';
import type { ChainEntry } from './backend-versions.js';

/** One version of a key: its record and, unless it is a delete marker, the blob holding its data. */
export interface VersionEntry extends ChainEntry {
  /** Absent exactly for delete markers. */
  readonly blob?: string;
  /** The upload this version completed (see `ObjectFile.upload`); kept by metadata replacements. */
  readonly upload?: string;
}

/** A stored part: its record and the blob holding its data. */
export interface PartEntry {
  readonly record: PartRecord;
  readonly blob: string;
}

/** An in-progress multipart upload. */
export interface UploadEntry {
  readonly record: UploadRecord;
  /** Its directory (`uploads/<uploadId>` in the bucket directory). */
  readonly dir: string;
  readonly parts: Map<number, PartEntry>;
}

/** A bucket and everything in it. */
export interface BucketEntry {
  /** Replaced when the bucket's versioning changes. */
  record: BucketRecord;
  /** Its directory (`buckets/<sha256(name)>`). */
  readonly dir: string;
  /** Each key's versions, newest first (never empty). */
  readonly chains: Map<string, readonly VersionEntry[]>;
  /** Keys of `chains` (delete-marker-only keys included). */
  readonly keys: SortedKeys;
  /** By upload id. */
  readonly uploads: Map<string, UploadEntry>;
  /**
   * Commits in flight that may add an object or upload; `deleteBucket` refuses while non-zero so
   * it never removes a directory a commit is writing into.
   */
  committing: number;
}

/** A set of keys kept in UTF-8 byte order ({@link compareKeys}). */
export class SortedKeys {
  readonly #keys: string[];

  /** Starts from `keys`, which need not be sorted. */
  constructor(keys: Iterable<string> = []) {
    this.#keys = [...keys].sort(compareKeys);
  }

  /** Number of keys. */
  get length(): number {
    return this.#keys.length;
  }

  /** The key at `index` (0 ≤ index < length). */
  at(index: number): string {
    return this.#keys[index] as string;
  }

  /** The first index whose key is ≥ `key` (> `key` when `strict`). */
  lowerBound(key: string, strict: boolean): number {
    let lo = 0;
    let hi = this.#keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const c = compareKeys(this.#keys[mid] as string, key);
      if (c < 0 || (strict && c === 0)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Adds `key` unless present. */
  insert(key: string): void {
    const i = this.lowerBound(key, false);
    if (this.#keys[i] !== key) this.#keys.splice(i, 0, key);
  }

  /** Removes `key` if present. */
  remove(key: string): void {
    const i = this.lowerBound(key, false);
    if (this.#keys[i] === key) this.#keys.splice(i, 1);
  }
}
