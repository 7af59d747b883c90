/**
 * A FIFO queue per key with one worker per key: the work of one key runs one batch at a time, in
 * arrival order, while different keys run concurrently. A key's entry is dropped as soon as its
 * queue is empty, so idle keys cost no memory.
 */

/** See {@link createKeyedQueue}. */
export interface KeyedQueue<T> {
  /** Appends `item` to the queue of `key` and starts the key's worker when it is idle. */
  push(key: string, item: T): void;
  /** Removes `item` if it is still waiting in the queue of `key`; true when it was removed. */
  remove(key: string, item: T): boolean;
  /** Keys with queued or running work. */
  activeKeys(): number;
  /** Resolves once no key has queued or running work. */
  idle(): Promise<void>;
}

/**
 * A keyed queue whose worker for a key is `work(key, queue)`: it must take (splice) at least one
 * item from the front of `queue` and settle what it took; it is called again while the queue
 * holds items. `work` should not reject; if it does, the items it left in the queue still run.
 * Items that abort while waiting are taken out with {@link KeyedQueue.remove}.
 */
export function createKeyedQueue<T>(work: (key: string, queue: T[]) => Promise<void>): KeyedQueue<T> {
  const queues = new Map<string, T[]>();
  let idleWaiters: Array<() => void> = [];

  async function drain(key: string, queue: T[]): Promise<void> {
    try {
      while (queue.length > 0) {
        try {
          await work(key, queue);
        } catch {
          // Why: a worker bug must not stall the key; the items it left queued still run.
        }
      }
    } finally {
      queues.delete(key);
      if (queues.size === 0) {
        const waiters = idleWaiters;
        idleWaiters = [];
        for (const resolve of waiters) resolve();
      }
    }
  }

  return {
    push(key, item) {
      const queue = queues.get(key);
      if (queue !== undefined) {
        queue.push(item);
        return;
      }
      const fresh = [item];
      queues.set(key, fresh);
      void drain(key, fresh);
    },
    remove(key, item) {
      const queue = queues.get(key);
      const at = queue?.indexOf(item) ?? -1;
      if (queue === undefined || at < 0) return false;
      queue.splice(at, 1);
      return true;
    },
    activeKeys: () => queues.size,
    idle() {
      if (queues.size === 0) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
  };
}
