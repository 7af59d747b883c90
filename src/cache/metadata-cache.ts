/**
 * The cross-request object metadata cache (DESIGN §13): HeadObject and GetObjectMeta answers kept
 * for a short TTL in an LRU bounded in entries and bytes, dropped per object when ossgraph writes
 * it. It only stores and answers; the views in this folder decide what reaches it.
 */
import { performance } from 'node:perf_hooks';
import { basicFromHead } from '../loaders/object-metadata.js';
import type { GetObjectMetaResult } from '../oss/operations/get-object-meta.js';
import type { HeadObjectResult } from '../oss/operations/head-object.js';

/** Which object version an answer is about (`versionId` absent: the current version). */
export interface CachedRef {
  readonly bucket: string;
  readonly key: string;
  readonly versionId?: string;
}

/** Taken when a store read starts; a store of its answer is refused when a write came in between. */
export interface ReadTicket {
  readonly seq: number;
  readonly startedAt: number;
}

/** Told about every lookup (metrics). */
export interface MetadataCacheObserver {
  hit(): void;
  miss(): void;
}

/** Options of {@link createMetadataCache}. */
export interface MetadataCacheOptions {
  /** How long an answer may be served, counted from when its store read started, in milliseconds (> 0). */
  readonly ttlMs: number;
  /** Most answers kept. */
  readonly maxEntries: number;
  /** Most (estimated) bytes kept. */
  readonly maxBytes: number;
  /** Monotonic milliseconds; default `performance.now`. */
  readonly now?: () => number;
  /** Whether it serves from creation on; default true (a Redis-backed cache starts off until subscribed). */
  readonly serving?: boolean;
  readonly observer?: MetadataCacheObserver;
}

/** The cache of one process. */
export interface MetadataCache {
  readonly ttlMs: number;
  /** Call when a store read starts; pass the ticket to the matching `store*`. */
  begin(): ReadTicket;
  /** Call when that read has ended (stored or not): lets the cache forget old invalidations. */
  end(): void;
  /** A fresh HeadObject answer for `ref`, if kept. */
  head(ref: CachedRef): HeadObjectResult | undefined;
  /** A fresh GetObjectMeta answer for `ref` (or one derived from a kept HeadObject answer). */
  meta(ref: CachedRef): GetObjectMetaResult | undefined;
  /** Keeps `answer`, unless `ref`'s object was invalidated (or the cache cleared) since `ticket`. */
  storeHead(ref: CachedRef, ticket: ReadTicket, answer: HeadObjectResult): void;
  storeMeta(ref: CachedRef, ticket: ReadTicket, answer: GetObjectMetaResult): void;
  /** Drops every answer about `key` (every version) in `bucket`, or about the whole bucket without `key`. */
  invalidate(bucket: string, key?: string): void;
  /** Drops everything, and refuses the answers of reads started before. */
  clear(): void;
  /** Turns serving off (lookups miss, nothing is stored, everything is dropped) or back on (after a clear). */
  setServing(serving: boolean): void;
  serving(): boolean;
  /** Entries and estimated bytes kept now. */
  size(): { entries: number; bytes: number };
}

interface Entry {
  readonly object: string;
  readonly expiresAt: number;
  readonly bytes: number;
  readonly head?: HeadObjectResult;
  readonly meta?: GetObjectMetaResult;
}

/** Past this many remembered invalidations, they are folded into one floor (refusing every older read). */
const MAX_REMEMBERED_INVALIDATIONS = 10_000;

/** NUL separates the parts: it appears in neither a bucket name nor an object key. */
function objectId(bucket: string, key: string): string {
  return `${bucket}\u0000${key}`;
}

/** Approximate bytes of a kept answer: characters of every string plus a fixed cost per field. */
export function estimateBytes(value: unknown): number {
  if (typeof value === 'string') return 40 + value.length;
  if (value === null || typeof value !== 'object') return 16;
  if (value instanceof Date) return 48;
  let bytes = 64;
  for (const [name, field] of Object.entries(value as Record<string, unknown>)) bytes += 16 + name.length + estimateBytes(field);
  return bytes;
}

/** Freezes an answer and its nested records: one object is handed to every later request. */
function freeze<T extends object>(answer: T): T {
  for (const field of Object.values(answer)) if (field !== null && typeof field === 'object' && !(field instanceof Date)) Object.freeze(field);
  return Object.freeze(answer);
}

/** Creates an empty {@link MetadataCache}. */
export function createMetadataCache(options: MetadataCacheOptions): MetadataCache {
  const { ttlMs, maxEntries, maxBytes, observer } = options;
  const now = options.now ?? (() => performance.now());
  /** Insertion order is recency order: the first entry is the least recently used. */
  const entries = new Map<string, Entry>();
  /** Entry keys per object (every version, both kinds), for invalidation. */
  const byObject = new Map<string, Set<string>>();
  let bytes = 0;
  let serving = options.serving ?? true;
  // Why sequence numbers: a read that started before a write and ends after its invalidation
  // would otherwise put the old answer back. Each invalidation gets a new number; an answer is
  // kept only when its read started at or after the last invalidation of its object and bucket.
  let seq = 0;
  let floor = 0;
  const invalidatedAt = new Map<string, number>();
  let inFlight = 0;

  function remove(id: string): void {
    const entry = entries.get(id);
    if (entry === undefined) return;
    entries.delete(id);
    bytes -= entry.bytes;
    const ids = byObject.get(entry.object);
    ids?.delete(id);
    if (ids?.size === 0) byObject.delete(entry.object);
  }

  function lookup(id: string): Entry | undefined {
    const entry = entries.get(id);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= now()) {
      remove(id);
      return undefined;
    }
    // Why delete and set: it moves the entry to the most recently used end.
    entries.delete(id);
    entries.set(id, entry);
    return entry;
  }

  function entryId(ref: CachedRef, kind: 'h' | 'm'): string {
    return `${ref.bucket}\u0000${ref.key}\u0000${ref.versionId ?? ''}\u0000${kind}`;
  }

  function mayStore(ref: CachedRef, ticket: ReadTicket): boolean {
    if (!serving || ticket.seq < floor) return false;
    if ((invalidatedAt.get(ref.bucket) ?? 0) > ticket.seq) return false;
    return (invalidatedAt.get(objectId(ref.bucket, ref.key)) ?? 0) <= ticket.seq;
  }

  function put(ref: CachedRef, kind: 'h' | 'm', ticket: ReadTicket, answer: HeadObjectResult | GetObjectMetaResult): void {
    if (!mayStore(ref, ticket)) return;
    const expiresAt = ticket.startedAt + ttlMs;
    if (expiresAt <= now()) return;
    const size = estimateBytes(answer) + 2 * (ref.bucket.length + ref.key.length + (ref.versionId?.length ?? 0)) + 64;
    if (size > maxBytes) return;
    const id = entryId(ref, kind);
    remove(id);
    const object = objectId(ref.bucket, ref.key);
    const frozen = freeze(answer);
    entries.set(id, kind === 'h' ? { object, expiresAt, bytes: size, head: frozen as HeadObjectResult } : { object, expiresAt, bytes: size, meta: frozen });
    bytes += size;
    let ids = byObject.get(object);
    if (ids === undefined) byObject.set(object, (ids = new Set()));
    ids.add(id);
    while (entries.size > maxEntries || bytes > maxBytes) {
      const oldest = entries.keys().next();
      if (oldest.done === true) break;
      remove(oldest.value);
    }
  }

  function clear(): void {
    entries.clear();
    byObject.clear();
    bytes = 0;
    invalidatedAt.clear();
    floor = ++seq;
  }

  return {
    ttlMs,
    begin() {
      inFlight++;
      return { seq, startedAt: now() };
    },
    end() {
      inFlight--;
      // Why: with no read in flight, no ticket older than the current sequence can come back.
      if (inFlight === 0 && invalidatedAt.size > 0) {
        invalidatedAt.clear();
        floor = seq;
      }
    },
    head(ref) {
      const entry = serving ? lookup(entryId(ref, 'h')) : undefined;
      if (entry === undefined) observer?.miss();
      else observer?.hit();
      return entry?.head;
    },
    meta(ref) {
      if (!serving) {
        observer?.miss();
        return undefined;
      }
      const entry = lookup(entryId(ref, 'm'));
      if (entry !== undefined) {
        observer?.hit();
        return entry.meta;
      }
      const head = lookup(entryId(ref, 'h'))?.head;
      if (head === undefined) {
        observer?.miss();
        return undefined;
      }
      observer?.hit();
      return basicFromHead(head);
    },
    storeHead(ref, ticket, answer) {
      put(ref, 'h', ticket, answer);
    },
    storeMeta(ref, ticket, answer) {
      put(ref, 'm', ticket, answer);
    },
    invalidate(bucket, key) {
      const marker = key === undefined ? bucket : objectId(bucket, key);
      invalidatedAt.set(marker, ++seq);
      if (invalidatedAt.size > MAX_REMEMBERED_INVALIDATIONS) {
        invalidatedAt.clear();
        floor = seq;
      }
      if (key !== undefined) {
        for (const id of [...(byObject.get(marker) ?? [])]) remove(id);
        return;
      }
      const prefix = `${bucket}\u0000`;
      for (const [object, ids] of [...byObject]) if (object.startsWith(prefix)) for (const id of [...ids]) remove(id);
    },
    clear,
    setServing(on) {
      clear();
      serving = on;
    },
    serving: () => serving,
    size: () => ({ entries: entries.size, bytes }),
  };
}
