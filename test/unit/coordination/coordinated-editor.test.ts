/** The per-request editor view: the authorization seam runs for every edit before it is queued. */
import { describe, expect, it } from 'vitest';
import { createEditCoordinator } from '../../../src/coordination/edit-coordinator.js';
import { createInProcessLeases } from '../../../src/coordination/in-process-lease.js';
import { coordinatedEditor } from '../../../src/graphql/coordinated-edits.js';
import type { EditMetadataRequest, EditMetadataResult, MetadataEditor } from '../../../src/oss/helpers/metadata-editor.js';

describe('coordinatedEditor', () => {
  it('checks each edit with its own authorizer before it can join a group run by another request', async () => {
    const coordinator = createEditCoordinator({ leases: createInProcessLeases({ maxWaitMs: 10_000 }) });
    const committed: EditMetadataRequest[] = [];
    let open: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const leaderEditor: MetadataEditor = {
      async edit(request) {
        committed.push(request);
        await gate;
        return { etag: '"e"', metadata: {}, requestId: 'r' } as unknown as EditMetadataResult;
      },
    };
    const leader = coordinatedEditor(coordinator, leaderEditor, () => undefined);
    const denied = coordinatedEditor(coordinator, leaderEditor, (request) => {
      throw new Error(`denied ${request.key}`);
    });
    const target = { bucket: 'photos', key: 'cat.png', mode: 'update' } as const;
    const first = leader.edit({ ...target, metadata: { a: '1' } });
    const refused = denied.edit({ ...target, metadata: { b: '1' } });
    const second = leader.edit({ ...target, metadata: { c: '1' } });
    await expect(refused).rejects.toThrow('denied cat.png');
    open();
    await Promise.all([first, second]);
    expect(committed.flatMap((r) => Object.keys(r.metadata ?? {}))).toEqual(['a', 'c']);
  });
});
