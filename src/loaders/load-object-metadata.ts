/**
 * The two-level object metadata loader (DESIGN §4): one store request per distinct object per
 * GraphQL request, GetObjectMeta unless some field of the object needs HeadObject.
 */
import DataLoader from 'dataloader';
import type { OssApi } from '../oss/api.js';
import { isNotFoundError } from '../oss/errors.js';
import type { ListedObject } from '../oss/operations/list-objects-v2.js';
import type { ConcurrencyLimiter } from './concurrency.js';
import type { StoreBudget } from './store-request-limit.js';
import { basicFromHead } from './object-metadata.js';
import type { FullObjectMetadata, MetadataLevel, ObjectMetadata } from './object-metadata.js';
import { objectRefKey, refFields } from './object-ref.js';
import type { ObjectRef } from './object-ref.js';

/** The store operations the loader uses. */
export type MetadataApi = Pick<OssApi, 'headObject' | 'getObjectMeta'>;

/** Options of {@link createObjectMetadataLoader}. */
export interface ObjectMetadataLoaderOptions {
  readonly api: MetadataApi;
  /** Bounds the loader's fan-out; omit when `api` is already bounded. */
  readonly limiter?: ConcurrencyLimiter;
  /**
   * The request's store-request budget. A load of an object that would need a store request
   * beyond it (counting the objects already queued for the next batch) rejects at once with its
   * refusal, without being queued: a document over the cap queues at most the cap.
   */
  readonly budget?: StoreBudget;
  /** Told the number of loads of each batch (metrics). */
  readonly onBatch?: (size: number) => void;
}

/** Per-request loader of object metadata. Never share one between GraphQL requests. */
export interface ObjectMetadataLoader {
  /**
   * The object's metadata at `level` or above, `null` when it does not exist. Loads made in the
   * same tick are batched: per object one HeadObject if any load asks for `full`, else one
   * GetObjectMeta. Answers are cached per level for the loader's life, and a `full` answer (even
   * one still in flight) also answers `basic` loads. Other store errors reject the loads of that
   * object only.
   */
  load(ref: ObjectRef, level: 'full'): Promise<FullObjectMetadata | null>;
  load(ref: ObjectRef, level: MetadataLevel): Promise<ObjectMetadata | null>;
  /** Records what a listing said about an object (it exists; size, ETag, …) at no store cost. */
  primeListing(ref: ObjectRef, entry: ListedObject): void;
  /** The listing entry recorded for `ref`, if any. */
  listing(ref: ObjectRef): ListedObject | undefined;
  /** Forgets everything about `ref` (after a write changed it). */
  clear(ref: ObjectRef): void;
}

interface PendingLoad {
  readonly ref: ObjectRef;
  readonly level: MetadataLevel;
}

interface CachedLevels {
  basic?: Promise<ObjectMetadata | null>;
  full?: Promise<FullObjectMetadata | null>;
}

/** Creates an {@link ObjectMetadataLoader} over `options.api`. */
export function createObjectMetadataLoader(options: ObjectMetadataLoaderOptions): ObjectMetadataLoader {
  const { api, limiter, budget } = options;
  const cache = new Map<string, CachedLevels>();
  /** Objects queued for the next batch (each will cost one store request when it runs). */
  const queued = new Set<string>();
  const listings = new Map<string, ListedObject>();

  async function fetchOne(ref: ObjectRef, level: MetadataLevel): Promise<ObjectMetadata | null> {
    try {
      if (level === 'full') {
        const head = await api.headObject(refFields(ref));
        return { basic: basicFromHead(head), full: head };
      }
      return { basic: await api.getObjectMeta(refFields(ref)) };
    } catch (error) {
      if (isNotFoundError(error)) return null;
      throw error;
    }
  }

  async function batch(loads: readonly PendingLoad[]): Promise<Array<ObjectMetadata | null | Error>> {
    // Why here: from now on these objects are admitted (or refused) by the store view itself.
    queued.clear();
    options.onBatch?.(loads.length);
    // Why: grouping by ref lets one HeadObject answer both levels of an object asked in one tick.
    const groups = new Map<string, { ref: ObjectRef; level: MetadataLevel }>();
    for (const load of loads) {
      const id = objectRefKey(load.ref);
      const group = groups.get(id);
      if (group === undefined) groups.set(id, { ref: load.ref, level: load.level });
      else if (load.level === 'full') group.level = 'full';
    }
    const answers = new Map<string, Promise<ObjectMetadata | null | Error>>();
    for (const [id, group] of groups) {
      const task = (): Promise<ObjectMetadata | null> => fetchOne(group.ref, group.level);
      const run = limiter === undefined ? task() : limiter.run(task);
      answers.set(id, run.catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))));
    }
    return Promise.all(loads.map((load) => answers.get(objectRefKey(load.ref)) as Promise<ObjectMetadata | null | Error>));
  }

  // Why `cache: false`: the per-level cache below decides what reaches the batch (a pending full
  // answers basic), so DataLoader only batches.
  const loader = new DataLoader<PendingLoad, ObjectMetadata | null, string>(batch, { cache: false });

  /** Queues `ref` for the next batch, or rejects at once when the budget has no room left for it. */
  function enqueue(id: string, ref: ObjectRef, level: MetadataLevel): Promise<ObjectMetadata | null> {
    if (budget !== undefined && !queued.has(id)) {
      if (queued.size >= budget.remaining()) return Promise.reject(budget.refusal());
      queued.add(id);
    }
    return loader.load({ ref, level });
  }

  function load(ref: ObjectRef, level: MetadataLevel): Promise<ObjectMetadata | null> {
    const id = objectRefKey(ref);
    let levels = cache.get(id);
    if (levels === undefined) {
      levels = {};
      cache.set(id, levels);
    }
    if (levels.full !== undefined) return levels.full;
    if (level === 'basic') {
      levels.basic ??= enqueue(id, ref, level);
      return levels.basic;
    }
    const full = enqueue(id, ref, level) as Promise<FullObjectMetadata | null>;
    levels.full = full;
    return full;
  }

  return {
    load: load as ObjectMetadataLoader['load'],
    primeListing(ref, entry) {
      listings.set(objectRefKey(ref), entry);
    },
    listing(ref) {
      return listings.get(objectRefKey(ref));
    },
    clear(ref) {
      const id = objectRefKey(ref);
      cache.delete(id);
      listings.delete(id);
    },
  };
}
