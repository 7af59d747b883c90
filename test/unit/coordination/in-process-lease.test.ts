/** In-process leases: one holder per object, FIFO hand-over, bounded wait, fencing after release. */
import { describe, expect, it } from 'vitest';
import { createInProcessLeases } from '../../../src/coordination/in-process-lease.js';
import { OssConflictError } from '../../../src/oss/errors.js';

describe('in-process leases', () => {
  it('hands a held lease to waiters in arrival order', async () => {
    const leases = createInProcessLeases({ maxWaitMs: 10_000 });
    const first = await leases.acquire('photos/a');
    const order: string[] = [];
    const second = leases.acquire('photos/a').then((lease) => (order.push('second'), lease));
    const third = leases.acquire('photos/a').then((lease) => (order.push('third'), lease));
    const other = await leases.acquire('photos/b');
    expect(order).toEqual([]);
    await first.release();
    const s = await second;
    await expect(first.assertHeld()).rejects.toBeInstanceOf(OssConflictError);
    await s.assertHeld();
    await s.release();
    const t = await third;
    expect(order).toEqual(['second', 'third']);
    await t.release();
    await other.release();
  });

  it('gives up after maxWaitMs with OssConflictError, and on abort with the reason', async () => {
    const leases = createInProcessLeases({ maxWaitMs: 50 });
    const held = await leases.acquire('photos/a');
    await expect(leases.acquire('photos/a')).rejects.toBeInstanceOf(OssConflictError);
    const controller = new AbortController();
    const waiting = leases.acquire('photos/a', { signal: controller.signal });
    controller.abort(new Error('gone'));
    await expect(waiting).rejects.toThrow('gone');
    await held.release();
    // The lease is free again: the waiters that left do not hold it.
    const again = await leases.acquire('photos/a');
    await again.assertHeld();
    await again.release();
    await leases.close();
    await expect(leases.acquire('photos/a')).rejects.toBeInstanceOf(OssConflictError);
  });
});
