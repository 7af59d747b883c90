import { describe, expect, it } from 'vitest';
import { createAccess } from '../../../src/auth/access.js';
import { authorizeCopier, authorizeMetadataEditor, checkCopyIntent } from '../../../src/auth/authorized-helpers.js';
import { authorizePresigner } from '../../../src/auth/authorized-presigner.js';
import { GUARDED_METHODS, authorizeStoreApi } from '../../../src/auth/authorized-store-api.js';
import { ALLOW_EVERYTHING, parsePolicy } from '../../../src/auth/policy.js';
import { ANONYMOUS, authenticated } from '../../../src/auth/principal.js';
import { AccessDeniedError } from '../../../src/graphql/errors.js';
import type { OssApi } from '../../../src/oss/api.js';
import type { Copier } from '../../../src/oss/helpers/copier.js';
import type { MetadataEditor } from '../../../src/oss/helpers/metadata-editor.js';
import type { Presigner } from '../../../src/oss/helpers/presigner.js';

/** A stand-in whose every method records its name and resolves `result(name)`. */
function recorder<T extends object>(result: (name: string) => unknown = (name) => name) {
  const calls: string[] = [];
  const target = new Proxy({} as T, {
    get: (_t, name) => async () => {
      calls.push(String(name));
      return result(String(name));
    },
  });
  return { target, calls };
}

const EVERYTHING_ON_ONE_OBJECT = { bucket: 'media', key: 'users/alice/a', sourceKey: 'users/alice/a', target: 'users/alice/b', prefix: 'users/alice/', uploadId: 'u', partNumber: 1, objects: [{ key: 'users/alice/a' }], status: 'Enabled' };
const policy = parsePolicy({
  rules: [
    { bucket: 'media', prefix: 'users/${sub}/', allow: ['read', 'list', 'write', 'delete'] },
    { anonymous: true, bucket: 'media', prefix: 'public/', allow: ['read', 'list'] },
    { anonymous: true, bucket: 'listed', prefix: '', allow: ['list'] },
  ],
});
const alice = createAccess(policy, authenticated({ sub: 'alice' }));
const bob = createAccess(policy, authenticated({ sub: 'bob' }));
/** A caller no rule applies to (a token, but an empty policy). */
const nobody = createAccess(parsePolicy({ rules: [] }), authenticated({ sub: 'alice', scope: 'storage:admin' }));

describe('authorizeStoreApi', () => {
  it('covers every OssApi method (the table is exhaustive by type; this pins the count)', () => {
    expect(GUARDED_METHODS).toHaveLength(30);
  });

  it('putSymlink needs read on the target too: a link in your own folder must not expose another one', async () => {
    const fake = recorder<OssApi>();
    const view = authorizeStoreApi(fake.target, alice);
    await expect(view.putSymlink({ bucket: 'media', key: 'users/alice/link', target: 'users/bob/secret' })).rejects.toBeInstanceOf(AccessDeniedError);
    expect(fake.calls).toEqual([]);
    await view.putSymlink({ bucket: 'media', key: 'users/alice/link', target: 'public/readme' });
    expect(fake.calls).toHaveLength(1);
  });

  it.each(GUARDED_METHODS)('%s: a denied call throws ACCESS_DENIED and never reaches the API', async (name) => {
    const fake = recorder<OssApi>();
    const view = authorizeStoreApi(fake.target, nobody);
    const call = (view[name] as (r: unknown) => Promise<unknown>)(EVERYTHING_ON_ONE_OBJECT);
    await expect(call).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(call).rejects.toMatchObject({ code: 'ACCESS_DENIED' });
    expect(fake.calls).toEqual([]);
  });

  it.each(GUARDED_METHODS.filter((n) => n !== 'listBuckets'))('%s: an allowed call passes through unchanged', async (name) => {
    const fake = recorder<OssApi>();
    const view = authorizeStoreApi(fake.target, alice);
    const wholeBucket = name === 'putBucket' || name === 'deleteBucket' || name === 'putBucketVersioning';
    const request = wholeBucket ? { bucket: 'media', status: 'Enabled' } : EVERYTHING_ON_ONE_OBJECT;
    const everything = authorizeStoreApi(fake.target, createAccess(ALLOW_EVERYTHING, ANONYMOUS));
    if (wholeBucket) {
      // A whole bucket needs the action on prefix "" — alice's folder is not enough.
      await expect((view[name] as (r: unknown) => Promise<unknown>)(request)).rejects.toBeInstanceOf(AccessDeniedError);
      expect(await (everything[name] as (r: unknown) => Promise<unknown>)(request)).toBe(name);
    } else {
      expect(await (view[name] as (r: unknown) => Promise<unknown>)(request)).toBe(name);
    }
    expect(fake.calls).toEqual([name]);
  });

  it('copies need read on the source and write on the destination', async () => {
    const fake = recorder<OssApi>();
    const view = authorizeStoreApi(fake.target, alice);
    await view.copyObject({ bucket: 'media', key: 'users/alice/b', sourceKey: 'public/a' });
    await expect(view.copyObject({ bucket: 'media', key: 'users/alice/b', sourceKey: 'users/bob/a' })).rejects.toThrow(/read object "users\/bob\/a"/);
    await expect(view.copyObject({ bucket: 'media', key: 'public/b', sourceKey: 'users/alice/a' })).rejects.toThrow(/write object "public\/b"/);
    await expect(view.uploadPartCopy({ bucket: 'media', key: 'users/alice/b', sourceBucket: 'other', sourceKey: 'users/alice/a', uploadId: 'u', partNumber: 1 })).rejects.toThrow(
      /read object "users\/alice\/a" in bucket "other"/,
    );
    expect(fake.calls).toEqual(['copyObject']);
  });

  it('deleteMultipleObjects needs delete on every key; one denied key sends nothing', async () => {
    const fake = recorder<OssApi>();
    const view = authorizeStoreApi(fake.target, alice);
    await view.deleteMultipleObjects({ bucket: 'media', objects: [{ key: 'users/alice/a' }, { key: 'users/alice/b', versionId: 'v' }] });
    await expect(view.deleteMultipleObjects({ bucket: 'media', objects: [{ key: 'users/alice/a' }, { key: 'users/bob/a' }] })).rejects.toThrow(
      /delete object "users\/bob\/a"/,
    );
    expect(fake.calls).toEqual(['deleteMultipleObjects']);
  });

  it('listObjectVersions is a listing of its prefix; getBucketVersioning needs some right in the bucket', async () => {
    const fake = recorder<OssApi>();
    const view = authorizeStoreApi(fake.target, alice);
    await view.listObjectVersions({ bucket: 'media', prefix: 'users/alice/' });
    await expect(view.listObjectVersions({ bucket: 'media', prefix: 'users/' })).rejects.toMatchObject({ code: 'ACCESS_DENIED' });
    await view.getBucketVersioning({ bucket: 'media' });
    await expect(view.getBucketVersioning({ bucket: 'secret' })).rejects.toMatchObject({ code: 'ACCESS_DENIED' });
    expect(fake.calls).toEqual(['listObjectVersions', 'getBucketVersioning']);
  });

  it('a listing is decided on its prefix, never filtered', async () => {
    const fake = recorder<OssApi>();
    const view = authorizeStoreApi(fake.target, alice);
    await view.listObjectsV2({ bucket: 'media', prefix: 'users/alice/' });
    for (const prefix of [undefined, '', 'users/', 'users/alice', 'users/alic']) {
      await expect(view.listObjectsV2({ bucket: 'media', ...(prefix === undefined ? {} : { prefix }) })).rejects.toMatchObject({
        code: 'ACCESS_DENIED',
        extensions: { action: 'list', bucket: 'media', prefix: prefix ?? '' },
      });
    }
    expect(fake.calls).toEqual(['listObjectsV2']);
  });

  it('listBuckets: refused with no list rule at all; otherwise only buckets the caller may list in', async () => {
    const buckets = ['media', 'listed', 'secret'].map((name) => ({ name, creationDate: new Date(0) }));
    const fake = recorder<OssApi>(() => ({ buckets, isTruncated: false, requestId: 'r' }));
    expect((await authorizeStoreApi(fake.target, alice).listBuckets()).buckets.map((b) => b.name)).toEqual(['media', 'listed']);
    expect((await authorizeStoreApi(fake.target, createAccess(ALLOW_EVERYTHING, ANONYMOUS)).listBuckets()).buckets).toHaveLength(3);
    const nothing = createAccess(parsePolicy({ rules: [{ bucket: 'media', prefix: '', allow: ['read'] }] }), ANONYMOUS);
    await expect(authorizeStoreApi(fake.target, nothing).listBuckets()).rejects.toThrow(/an anonymous caller \(no bearer token\) to list buckets/);
    expect(fake.calls).toEqual(['listBuckets', 'listBuckets']);
  });
});

describe('authorizePresigner', () => {
  it('downloadUrl needs read, createUpload needs write; a denial signs nothing', async () => {
    const fake = recorder<Presigner>();
    const view = authorizePresigner(fake.target, alice);
    expect(await view.presignGet({ bucket: 'media', key: 'public/a' })).toBe('presignGet');
    expect(await view.presignPut({ bucket: 'media', key: 'users/alice/new' })).toBe('presignPut');
    await expect(view.presignGet({ bucket: 'media', key: 'users/bob/a' })).rejects.toMatchObject({ code: 'ACCESS_DENIED' });
    await expect(view.presignPut({ bucket: 'media', key: 'public/new' })).rejects.toMatchObject({ code: 'ACCESS_DENIED' });
    expect(fake.calls).toEqual(['presignGet', 'presignPut']);
  });
});

describe('editor and copier entry checks', () => {
  it('an edit needs read and write on the object before the editor runs', async () => {
    const fake = recorder<MetadataEditor>();
    await authorizeMetadataEditor(fake.target, alice).edit({ bucket: 'media', key: 'users/alice/a', mode: 'update' });
    await expect(authorizeMetadataEditor(fake.target, alice).edit({ bucket: 'media', key: 'public/a', mode: 'update' })).rejects.toThrow(/write object/);
    await expect(authorizeMetadataEditor(fake.target, bob).edit({ bucket: 'media', key: 'users/alice/a', mode: 'update' })).rejects.toThrow(/read object/);
    expect(fake.calls).toEqual(['edit']);
  });

  it('a copy needs read on the source and write on the destination before the copier runs', async () => {
    const fake = recorder<Copier>();
    await authorizeCopier(fake.target, alice).copy({ bucket: 'media', key: 'users/alice/b', sourceKey: 'public/a' });
    await expect(authorizeCopier(fake.target, bob).copy({ bucket: 'media', key: 'users/bob/b', sourceKey: 'users/alice/a' })).rejects.toThrow(/read object/);
    expect(fake.calls).toEqual(['copy']);
  });

  it('a move also needs delete on the source', () => {
    const move = { sourceBucket: 'media', sourceKey: 'public/a', bucket: 'media', key: 'users/alice/b' };
    expect(() => checkCopyIntent(alice, { ...move, deleteSource: false })).not.toThrow();
    expect(() => checkCopyIntent(alice, { ...move, deleteSource: true })).toThrow(/delete object "public\/a"/);
    expect(() => checkCopyIntent(alice, { ...move, sourceKey: 'users/alice/a', deleteSource: true })).not.toThrow();
  });
});
