/**
 * The GraphQL context hands resolvers only authorized views: the store API (and the loaders over
 * it), the presigner, the copier and the metadata editor all refuse before anything is called.
 * The editor and copier checks matter on their own: work grouped into another request's helper
 * (a group-committing coordinator) must still have been checked against this caller.
 */
import { describe, expect, it } from 'vitest';
import { createAccess } from '../../../src/auth/access.js';
import { parsePolicy } from '../../../src/auth/policy.js';
import { authenticated } from '../../../src/auth/principal.js';
import { createGraphQLContext } from '../../../src/graphql/context.js';
import type { OssApi } from '../../../src/oss/api.js';
import { testSettings } from '../graphql/execute.js';

function recordingApi() {
  const calls: string[] = [];
  const api = new Proxy({} as OssApi, {
    get: (_t, name) => async () => {
      calls.push(String(name));
      throw new Error(`${String(name)} must not be called`);
    },
  });
  return { api, calls };
}

const policy = parsePolicy({ rules: [{ bucket: 'media', prefix: 'users/${sub}/', allow: ['read', 'list', 'write', 'delete'] }] });

describe('createGraphQLContext with an access', () => {
  it('every path a resolver can take refuses a foreign object before any call', async () => {
    const fake = recordingApi();
    const signed: string[] = [];
    const settings = testSettings();
    const presigner = {
      presignGet: async (r: { key: string }) => {
        signed.push(r.key);
        return settings.presign.presigner.presignGet(r as never);
      },
      presignPut: async (r: { key: string }) => {
        signed.push(r.key);
        return settings.presign.presigner.presignPut(r as never);
      },
      presignPostObject: async (r: { key?: string }) => {
        signed.push(r.key ?? '');
        return settings.presign.presigner.presignPostObject(r as never);
      },
    };
    const ctx = createGraphQLContext({
      api: fake.api,
      settings: testSettings({ presign: { ...settings.presign, presigner } }),
      access: createAccess(policy, authenticated({ sub: 'bob' })),
    });
    const alices = { bucket: 'media', key: 'users/alice/a.txt' };
    const attempts: Array<[string, () => Promise<unknown>]> = [
      ['api.headObject', () => ctx.api.headObject(alices)],
      ['loaders.objectMetadata', () => ctx.loaders.objectMetadata.load(alices, 'basic')],
      ['loaders.listing', () => ctx.loaders.listing.load({ bucket: 'media', prefix: 'users/' })],
      ['loaders.objectCors', () => ctx.loaders.objectCors.load({ ref: alices, origin: 'https://a.example' })],
      ['presignGet', () => ctx.settings.presign.presigner.presignGet(alices)],
      ['presignPut', () => ctx.settings.presign.presigner.presignPut(alices)],
      ['presignPostObject (key)', () => ctx.settings.presign.presigner.presignPostObject({ ...alices, maxBytes: 1 })],
      ['presignPostObject (prefix)', () => ctx.settings.presign.presigner.presignPostObject({ bucket: 'media', keyPrefix: 'users/', maxBytes: 1 })],
      ['copier.copy (source)', () => ctx.copier.copy({ bucket: 'media', key: 'users/bob/x', sourceKey: 'users/alice/a.txt' })],
      ['copier.copy (destination)', () => ctx.copier.copy({ bucket: 'media', key: 'users/alice/x', sourceKey: 'users/bob/a.txt' })],
      ['metadataEditor.edit', () => ctx.metadataEditor.edit({ ...alices, mode: 'update', metadata: { k: 'v' } })],
    ];
    for (const [name, attempt] of attempts) {
      await expect(attempt(), name).rejects.toMatchObject({ code: 'ACCESS_DENIED' });
    }
    expect(fake.calls).toEqual([]);
    expect(signed).toEqual([]);
    expect(ctx.storeRequests()).toBe(0);
    expect(ctx.access.principal).toEqual({ kind: 'authenticated', claims: { sub: 'bob' } });
  });
});
