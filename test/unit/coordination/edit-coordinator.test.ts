/**
 * The coordinator's queueing and grouping rules, with a fake editor (a `MetadataEditor` that
 * records what it is asked and finishes when the test says) and in-process leases. No sockets.
 */
import { describe, expect, it } from 'vitest';
import { createEditCoordinator } from '../../../src/coordination/edit-coordinator.js';
import type { EditCoordinator } from '../../../src/coordination/edit-coordinator.js';
import { createInProcessLeases } from '../../../src/coordination/in-process-lease.js';
import type { Lease, LeaseProvider } from '../../../src/coordination/lease.js';
import type { CopyObjectRequest, CopyObjectResult } from '../../../src/oss/operations/copy-object.js';
import type { EditMetadataRequest, EditMetadataResult, MetadataEditor } from '../../../src/oss/helpers/metadata-editor.js';
import { OssConflictError, OssInvalidArgumentError } from '../../../src/oss/errors.js';

interface Call {
  readonly request: EditMetadataRequest;
  readonly finish: (error?: unknown) => void;
}

/** A fake editor: each call waits until the test finishes it; the object state is a plain map. */
function fakeEditor(state: { metadata: Record<string, string> }) {
  const calls: Call[] = [];
  let arrived: (() => void) | undefined;
  const editor: MetadataEditor = {
    edit(request) {
      return new Promise<EditMetadataResult>((resolve, reject) => {
        calls.push({
          request,
          finish: (error) => {
            if (error !== undefined) return reject(error);
            const next = request.mode === 'replace' ? {} : { ...state.metadata };
            for (const [k, v] of Object.entries(request.metadata ?? {})) next[k.toLowerCase()] = v;
            for (const k of request.removeKeys ?? []) delete next[k.toLowerCase()];
            state.metadata = next;
            resolve({ etag: `"${calls.length}"`, metadata: { ...next }, requestId: `r${calls.length}`, method: 'single' } as unknown as EditMetadataResult);
          },
        });
        arrived?.();
      });
    },
  };
  /** Resolves once `n` calls have arrived. */
  const callsArrived = async (n: number): Promise<void> => {
    while (calls.length < n) await new Promise<void>((resolve) => (arrived = resolve));
  };
  return { editor, calls, callsArrived };
}

const target = { bucket: 'photos', key: 'cat.png' } as const;
const set = (name: string, value = 'v'): EditMetadataRequest => ({ ...target, mode: 'update', metadata: { [name]: value } });
const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Lets the queue's worker finish its bookkeeping (release the lease, drop the empty queue). */
async function settle(c: EditCoordinator): Promise<void> {
  for (let i = 0; i < 10 && c.stats().activeObjects > 0; i++) await flush();
}

function coordinator(maxGroupSize?: number): EditCoordinator {
  return createEditCoordinator({ leases: createInProcessLeases({ maxWaitMs: 60_000 }), ...(maxGroupSize === undefined ? {} : { maxGroupSize }) });
}


/** In-process leases that all hold until `lose()`, then refuse `assertHeld` (a lease taken by another holder). */
function losableLeases(): { leases: LeaseProvider; lose(): void } {
  let lost = false;
  const leases: LeaseProvider = {
    kind: 'in-process',
    acquire: (name) =>
      Promise.resolve<Lease>({
        name,
        token: 't',
        signal: new AbortController().signal,
        renew: () => Promise.resolve(!lost),
        assertHeld: () => (lost ? Promise.reject(new OssConflictError('lost')) : Promise.resolve()),
        release: () => Promise.resolve(),
      }),
    close: () => Promise.resolve(),
  };
  return {
    leases,
    lose: () => {
      lost = true;
    },
  };
}

describe('edit coordinator', () => {
  it('runs the first merge alone, then every merge queued behind it as one edit; all succeed with the object after it', async () => {
    const state = { metadata: { keep: 'yes' } };
    const { editor, calls, callsArrived } = fakeEditor(state);
    const c = coordinator();
    const results = [c.edit(set('k0'), editor)];
    await callsArrived(1);
    for (let i = 1; i < 20; i++) results.push(c.edit(set(`k${i}`), editor));
    expect(calls[0]?.request.metadata).toEqual({ k0: 'v' });
    calls[0]?.finish();
    await callsArrived(2);
    expect(Object.keys(calls[1]?.request.metadata ?? {}).sort()).toEqual(Array.from({ length: 19 }, (_, i) => `k${i + 1}`).sort());
    calls[1]?.finish();
    const settled = await Promise.all(results);
    expect(calls).toHaveLength(2);
    for (let i = 1; i < 20; i++) expect(settled[i]?.metadata).toEqual(state.metadata);
    expect(Object.keys(state.metadata)).toHaveLength(21);
    await settle(c);
    expect(c.stats()).toMatchObject({ accepted: 20, runs: 2, largestGroup: 19, activeObjects: 0 });
  });

  it('never merges across a replace or an ifMatch edit, and keeps arrival order', async () => {
    const state = { metadata: {} as Record<string, string> };
    const { editor, calls, callsArrived } = fakeEditor(state);
    const c = coordinator();
    const all = [c.edit(set('a'), editor)];
    await callsArrived(1);
    all.push(
      c.edit(set('b'), editor),
      c.edit(set('c'), editor),
      c.edit({ ...target, mode: 'replace', metadata: { r: '1' } }, editor),
      c.edit(set('d'), editor),
      c.edit({ ...set('e'), ifMatch: '"x"' }, editor),
      c.edit(set('f'), editor),
      c.edit(set('g'), editor),
    );
    const seen: Array<Record<string, string> | undefined> = [];
    for (let n = 1; n <= 6; n++) {
      await callsArrived(n);
      seen.push(calls[n - 1]?.request.metadata as Record<string, string> | undefined);
      calls[n - 1]?.finish();
    }
    await Promise.all(all);
    expect(seen).toEqual([{ a: 'v' }, { b: 'v', c: 'v' }, { r: '1' }, { d: 'v' }, { e: 'v' }, { f: 'v', g: 'v' }]);
    expect(calls[5 - 1]?.request.ifMatch).toBe('"x"');
    expect(state.metadata).toEqual({ r: '1', d: 'v', e: 'v', f: 'v', g: 'v' });
  });

  it('bounds a group to maxGroupSize', async () => {
    const { editor, calls, callsArrived } = fakeEditor({ metadata: {} });
    const c = coordinator(3);
    const all = [c.edit(set('k0'), editor)];
    await callsArrived(1);
    for (let i = 1; i < 8; i++) all.push(c.edit(set(`k${i}`), editor));
    for (let n = 1; n <= 4; n++) {
      await callsArrived(n);
      calls[n - 1]?.finish();
    }
    await Promise.all(all);
    expect(calls.map((call) => Object.keys(call.request.metadata ?? {}).length)).toEqual([1, 3, 3, 1]);
  });

  it('rejects a bad edit before it joins a group, so the others succeed', async () => {
    const { editor, calls, callsArrived } = fakeEditor({ metadata: {} });
    const c = coordinator();
    const first = c.edit(set('a'), editor);
    await callsArrived(1);
    const bad = c.edit({ ...target, mode: 'update', metadata: { 'no spaces': 'x' } }, editor);
    const good = c.edit(set('b'), editor);
    await expect(bad).rejects.toBeInstanceOf(OssInvalidArgumentError);
    calls[0]?.finish();
    await callsArrived(2);
    calls[1]?.finish();
    await expect(Promise.all([first, good])).resolves.toHaveLength(2);
  });

  it('fails every member of a group with the same error when the combined edit fails', async () => {
    const { editor, calls, callsArrived } = fakeEditor({ metadata: {} });
    const c = coordinator();
    const first = c.edit(set('a'), editor);
    await callsArrived(1);
    const group = [c.edit(set('b'), editor), c.edit(set('c'), editor)];
    await callsArrived(1);
    calls[0]?.finish();
    await callsArrived(2);
    const failure = new OssConflictError('changed');
    calls[1]?.finish(failure);
    await first;
    for (const member of group) await expect(member).rejects.toBe(failure);
    expect(calls).toHaveLength(2);
  });

  it('retries a group that broke an input rule only in combination one edit at a time', async () => {
    const { editor, calls, callsArrived } = fakeEditor({ metadata: {} });
    const c = coordinator();
    const first = c.edit(set('a'), editor);
    await callsArrived(1);
    const group = [c.edit(set('b'), editor), c.edit(set('c'), editor), c.edit(set('d'), editor)];
    await callsArrived(1);
    calls[0]?.finish();
    await callsArrived(2);
    calls[1]?.finish(new OssInvalidArgumentError('metadata', 'total user metadata size must be at most 8192 bytes', 'too much'));
    await callsArrived(3);
    calls[2]?.finish();
    await callsArrived(4);
    calls[3]?.finish(new OssInvalidArgumentError('metadata', 'total user metadata size must be at most 8192 bytes', 'too much'));
    await callsArrived(5);
    calls[4]?.finish();
    await first;
    await expect(group[0]).resolves.toMatchObject({ metadata: { a: 'v', b: 'v' } });
    await expect(group[1]).rejects.toBeInstanceOf(OssInvalidArgumentError);
    await expect(group[2]).resolves.toMatchObject({ metadata: { a: 'v', b: 'v', d: 'v' } });
    expect(calls.slice(2).map((call) => call.request.metadata)).toEqual([{ b: 'v' }, { c: 'v' }, { d: 'v' }]);
  });

  it('takes an edit whose caller gave up out of the queue, and releases memory when a queue empties', async () => {
    const { editor, calls, callsArrived } = fakeEditor({ metadata: {} });
    const c = coordinator();
    const first = c.edit(set('a'), editor);
    await callsArrived(1);
    const controller = new AbortController();
    const leaving = c.edit(set('b'), editor, { signal: controller.signal });
    const staying = c.edit(set('c'), editor);
    await callsArrived(1);
    controller.abort(new Error('client went away'));
    await expect(leaving).rejects.toThrow('client went away');
    calls[0]?.finish();
    await callsArrived(2);
    expect(calls[1]?.request.metadata).toEqual({ c: 'v' });
    calls[1]?.finish();
    await Promise.all([first, staying]);
    await settle(c);
    expect(c.stats().activeObjects).toBe(0);
  });

  it('runs objects independently and exclusive work alone in the object queue', async () => {
    const { editor, calls, callsArrived } = fakeEditor({ metadata: {} });
    const c = coordinator();
    const order: string[] = [];
    const first = c.edit(set('a'), editor).then(() => order.push('edit a'));
    await callsArrived(1);
    const exclusive = c.exclusive(target, async () => {
      order.push('exclusive');
      return 42;
    });
    const later = c.edit(set('b'), editor).then(() => order.push('edit b'));
    const other = c.edit({ ...set('x'), key: 'dog.png' }, editor);
    await callsArrived(2);
    // The other object's edit is not behind this object's queue.
    expect(calls.map((call) => call.request.key)).toEqual(['cat.png', 'dog.png']);
    calls[1]?.finish();
    await other;
    calls[0]?.finish();
    expect(await exclusive).toBe(42);
    await callsArrived(3);
    calls[2]?.finish();
    await Promise.all([first, later]);
    expect(order).toEqual(['edit a', 'exclusive', 'edit b']);
  });

  it('fences commits: a copy onto the object of an edit whose lease was lost is refused before it is sent', async () => {
    const { leases, lose } = losableLeases();
    const c = createEditCoordinator({ leases });
    const sent: CopyObjectRequest[] = [];
    const api = c.fence({
      copyObject: (request: CopyObjectRequest) => {
        sent.push(request);
        return Promise.resolve({ etag: '"e"', requestId: 'r' } as CopyObjectResult);
      },
      completeMultipartUpload: () => Promise.reject(new Error('unused')),
    });
    const copy = { ...target, sourceKey: target.key, metadataDirective: 'REPLACE' as const };
    await c.exclusive(target, () => api.copyObject(copy));
    lose();
    await expect(c.exclusive(target, () => api.copyObject(copy))).rejects.toBeInstanceOf(OssConflictError);
    // Outside an edit, or onto another object, the fence does not apply.
    await api.copyObject(copy);
    await c.exclusive(target, () => api.copyObject({ ...copy, key: 'dog.png' }));
    expect(sent.map((r) => r.key)).toEqual(['cat.png', 'cat.png', 'dog.png']);
    await flush();
  });

  it('fences by object, not by async context: a commit racing a lost edit is refused, other objects and coordinators pass', async () => {
    const { leases, lose } = losableLeases();
    const c = createEditCoordinator({ leases });
    const other = coordinator();
    const sent: string[] = [];
    const store = {
      copyObject: (request: CopyObjectRequest) => {
        sent.push(request.key);
        return Promise.resolve({ etag: '"e"', requestId: 'r' } as CopyObjectResult);
      },
      completeMultipartUpload: () => Promise.reject(new Error('unused')),
    };
    const api = c.fence(store);
    const otherApi = other.fence(store);
    const copy = { ...target, sourceKey: target.key, metadataDirective: 'REPLACE' as const };
    let finish: () => void = () => undefined;
    const running = c.exclusive(target, () => new Promise<void>((resolve) => (finish = resolve)));
    await flush();
    // While the edit runs with its lease held, a commit onto its object from elsewhere passes.
    await api.copyObject(copy);
    lose();
    // Once the lease is lost, it is refused before it is sent; other objects and another
    // coordinator's fenced API are not concerned.
    await expect(api.copyObject(copy)).rejects.toBeInstanceOf(OssConflictError);
    await api.copyObject({ ...copy, key: 'dog.png' });
    await otherApi.copyObject(copy);
    finish();
    await running;
    await settle(c);
    // The edit is over: nothing fences the object any more.
    await api.copyObject(copy);
    expect(sent).toEqual(['cat.png', 'dog.png', 'cat.png', 'cat.png']);
    await Promise.all([c.close(), other.close()]);
  });

  it('refuses new edits once closing and closes after the queued ones', async () => {
    const { editor, calls, callsArrived } = fakeEditor({ metadata: {} });
    const c = coordinator();
    const queued = c.edit(set('a'), editor);
    const closed = c.close();
    await expect(c.edit(set('b'), editor)).rejects.toBeInstanceOf(OssConflictError);
    await callsArrived(1);
    calls[0]?.finish();
    await queued;
    await closed;
  });
});
