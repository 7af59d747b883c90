/**
 * RestoreObject through the project's client against local-oss with an injected clock: 202 →
 * `ongoing-request="true"` → restored (`expiry-date`) → expired; reads of a frozen object refused
 * with 403 InvalidObjectState (GET, copy source).
 */
import { describe, expect, it } from 'vitest';
import { OssServiceError } from '../../../src/oss/errors.js';
import { useLocalOss } from './support.js';

let clock = Date.parse('2026-11-02T10:00:00.000Z');
const DELAY = 60_000;
const DAY = 86_400_000;
const h = useLocalOss({ now: () => new Date(clock), restoreDelayMs: DELAY }, { now: () => clock });
const bucket = 'test-bucket';

async function failure(promise: Promise<unknown>): Promise<OssServiceError> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(OssServiceError);
  return error as OssServiceError;
}

describe('RestoreObject', () => {
  it('walks an Archive object through frozen, restoring, restored and expired', async () => {
    await h.api.putObject({ bucket, key: 'cold/a.bin', body: 'archived bytes', storageClass: 'Archive' });
    const frozen = await h.api.headObject({ bucket, key: 'cold/a.bin' });
    expect(frozen.restore).toBeUndefined();
    expect((await failure(h.api.getObject({ bucket, key: 'cold/a.bin' }))).code).toBe('InvalidObjectState');
    expect((await failure(h.api.copyObject({ bucket, key: 'cold/copy.bin', sourceKey: 'cold/a.bin' }))).code).toBe('InvalidObjectState');

    expect(await h.api.restoreObject({ bucket, key: 'cold/a.bin', days: 2 })).toMatchObject({ status: 202 });
    expect((await h.api.headObject({ bucket, key: 'cold/a.bin' })).restore).toBe('ongoing-request="true"');
    const again = await failure(h.api.restoreObject({ bucket, key: 'cold/a.bin' }));
    expect([again.status, again.code]).toEqual([409, 'RestoreAlreadyInProgress']);
    expect((await failure(h.api.getObject({ bucket, key: 'cold/a.bin' }))).status).toBe(403);

    const listed = await h.api.listObjectsV2({ bucket, prefix: 'cold/a.bin' });
    expect(listed.contents[0]?.restoreInfo).toBe('ongoing-request="true"');
    clock += DELAY;
    const restored = await h.api.headObject({ bucket, key: 'cold/a.bin' });
    expect(restored.restore).toBe(`ongoing-request="false", expiry-date="${new Date(clock + 2 * DAY).toUTCString()}"`);
    expect(restored.lastModified.getTime()).toBe(frozen.lastModified.getTime());
    expect(await (await h.api.getObject({ bucket, key: 'cold/a.bin' })).body.text()).toBe('archived bytes');
    await h.api.copyObject({ bucket, key: 'cold/copy.bin', sourceKey: 'cold/a.bin' });

    expect(await h.api.restoreObject({ bucket, key: 'cold/a.bin', days: 1 })).toMatchObject({ status: 200 });
    expect((await h.api.headObject({ bucket, key: 'cold/a.bin' })).restore).toContain(new Date(clock + 3 * DAY).toUTCString());

    clock += 3 * DAY;
    expect((await h.api.headObject({ bucket, key: 'cold/a.bin' })).restore).toBeUndefined();
    expect((await failure(h.api.getObject({ bucket, key: 'cold/a.bin' }))).code).toBe('InvalidObjectState');
  });

  it('ColdArchive answers the priority; Standard objects and bad requests are refused', async () => {
    await h.api.putObject({ bucket, key: 'cold/b.bin', body: 'x', storageClass: 'ColdArchive' });
    expect(await h.api.restoreObject({ bucket, key: 'cold/b.bin', days: 30, tier: 'Bulk' })).toMatchObject({ status: 202, priority: 'Bulk' });
    await h.api.putObject({ bucket, key: 'cold/standard.bin', body: 'x' });
    const standard = await failure(h.api.restoreObject({ bucket, key: 'cold/standard.bin' }));
    expect([standard.status, standard.code]).toEqual([400, 'OperationNotSupported']);
    await h.api.putObject({ bucket, key: 'cold/c.bin', body: 'x', storageClass: 'Archive' });
    expect((await failure(h.api.restoreObject({ bucket, key: 'cold/c.bin', tier: 'Expedited' }))).code).toBe('MalformedXML');
    expect((await failure(h.api.restoreObject({ bucket, key: 'cold/c.bin', days: 8 }))).code).toBe('InvalidArgument');
    expect((await failure(h.api.restoreObject({ bucket, key: 'cold/none.bin' }))).status).toBe(404);
  });
});
