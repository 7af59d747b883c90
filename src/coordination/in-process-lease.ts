/**
 * Leases held in this process: a FIFO mutex per object. One coordinator already serializes the
 * edits of an object through its queue, so this lease only matters when several coordinators of
 * one process share it; it never expires (a process cannot crash and survive holding it).
 */
import { randomUUID } from 'node:crypto';
import { OssConflictError } from '../oss/errors.js';
import type { Lease, LeaseProvider } from './lease.js';

/** Options of {@link createInProcessLeases}. */
export interface InProcessLeaseOptions {
  /** Longest wait for a held lease before `OssConflictError`, in milliseconds. */
  readonly maxWaitMs: number;
}

interface Slot {
  holder: string | undefined;
  readonly waiters: Array<{ grant: () => void }>;
}

/** A lease provider in this process's memory. */
export function createInProcessLeases(options: InProcessLeaseOptions): LeaseProvider {
  const slots = new Map<string, Slot>();
  let closed = false;

  function lease(name: string, slot: Slot, token: string): Lease {
    const controller = new AbortController();
    let released = false;
    return {
      name,
      token,
      signal: controller.signal,
      renew: () => Promise.resolve(slot.holder === token),
      assertHeld() {
        return slot.holder === token && !released
          ? Promise.resolve()
          : Promise.reject(new OssConflictError(`the edit lease on ${JSON.stringify(name)} is no longer held; the edit was not committed`));
      },
      release() {
        if (released) return Promise.resolve();
        released = true;
        const next = slot.waiters.shift();
        if (next !== undefined) next.grant();
        else {
          slot.holder = undefined;
          slots.delete(name);
        }
        return Promise.resolve();
      },
    };
  }

  return {
    kind: 'in-process',
    acquire(name, call = {}) {
      if (closed) return Promise.reject(new OssConflictError('the edit coordinator is closed'));
      const token = randomUUID();
      let slot = slots.get(name);
      if (slot === undefined) {
        slot = { holder: token, waiters: [] };
        slots.set(name, slot);
        return Promise.resolve(lease(name, slot, token));
      }
      const held = slot;
      return new Promise<Lease>((resolve, reject) => {
        const waiter = {
          grant: () => {
            clearTimeout(timer);
            call.signal?.removeEventListener('abort', onAbort);
            held.holder = token;
            resolve(lease(name, held, token));
          },
        };
        const leave = (error: unknown): void => {
          const at = held.waiters.indexOf(waiter);
          if (at >= 0) held.waiters.splice(at, 1);
          call.signal?.removeEventListener('abort', onAbort);
          reject(error);
        };
        const onAbort = (): void => {
          clearTimeout(timer);
          leave(call.signal?.reason);
        };
        const timer = setTimeout(
          () => leave(new OssConflictError(`the object ${JSON.stringify(name)} is being edited; its edit lease stayed held for ${options.maxWaitMs} ms`)),
          options.maxWaitMs,
        );
        call.signal?.addEventListener('abort', onAbort, { once: true });
        held.waiters.push(waiter);
      });
    },
    close() {
      closed = true;
      return Promise.resolve();
    },
  };
}
