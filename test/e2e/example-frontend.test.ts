import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOssgraphClient } from '../../examples/frontend/client.js';
import {
  deleteFiles,
  editMetadata,
  editTags,
  listFolder,
  OssgraphRequestError,
  showObject,
  showObjectExtras,
  uploadFile,
} from '../../examples/frontend/storage-browser.js';
import { DEMO_BUCKET, seedDemoBucket } from '../../src/dev/seed-demo.js';
import { fileURLToPath } from 'node:url';
import { startOssgraphStack } from './support/ossgraph-stack.js';
import type { OssgraphStack } from './support/ossgraph-stack.js';

const MANIFEST = fileURLToPath(new URL('../__generated__/persisted-documents.json', import.meta.url));

// The example module over real HTTP (urql's fetchExchange → node:http → local-oss), in Node: the
// browser-specific part (CORS) is covered by cross-origin.test.ts.
describe('examples/frontend with urql against a running ossgraph', () => {
  let stack: OssgraphStack;

  beforeAll(async () => {
    // Trusted documents on: the example sends every operation by the hash codegen gave it.
    stack = await startOssgraphStack({ buckets: [], env: { OSSGRAPH_TRUSTED_DOCUMENTS: MANIFEST } });
    await seedDemoBucket(stack.app.api);
  });

  afterAll(async () => {
    await stack?.close();
  });

  /** Bodies of the GraphQL requests the client sent. */
  const sent: string[] = [];
  const recordingFetch: typeof fetch = async (input, init) => {
    if (typeof init?.body === 'string') sent.push(init.body);
    return fetch(input, init);
  };
  const client = () => createOssgraphClient({ url: `${stack.origin}/graphql`, fetch: recordingFetch });

  it('sends hashes, never document text, and the server refuses document text', async () => {
    sent.length = 0;
    await listFolder(client(), DEMO_BUCKET, 'docs/');
    expect(sent).toHaveLength(1);
    const body = JSON.parse(sent[0] ?? '{}') as { query?: string; extensions?: { persistedQuery?: { version: number; sha256Hash: string } } };
    expect(body.query).toBeUndefined();
    expect(body.extensions?.persistedQuery).toEqual({ version: 1, sha256Hash: expect.stringMatching(/^[0-9a-f]{64}$/) });

    stack.store.stats.reset();
    const withText = createOssgraphClient({ url: `${stack.origin}/graphql`, persistedDocuments: false });
    await expect(listFolder(withText, DEMO_BUCKET, 'docs/')).rejects.toMatchObject({ code: 'TRUSTED_DOCUMENT_REQUIRED' });
    expect(stack.store.stats.total()).toBe(0);
  });

  it('lists a folder: sub-folders and objects, with no store request per listed object', async () => {
    stack.store.stats.reset();
    const top = await listFolder(client(), DEMO_BUCKET, '');
    expect(top.folders).toEqual(['docs/', 'images/', 'reports/']);
    expect(top.objects).toEqual([]);
    const docs = await listFolder(client(), DEMO_BUCKET, 'docs/');
    expect(docs.folders).toEqual(['docs/guide/']);
    expect(docs.objects.map((object) => object.key)).toEqual(['docs/readme.md']);
    expect(docs.objects[0]?.etag).toMatch(/^"[0-9A-F]{32}"$/);
    expect(stack.store.stats.snapshot()).toEqual({ ListObjectsV2: 2 });
    await expect(listFolder(client(), 'no-such-bucket', '')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('shows an object, edits its metadata without losing the rest, and refuses a stale ETag', async () => {
    const before = await showObject(client(), DEMO_BUCKET, 'images/logo.svg');
    expect(before?.contentType).toBe('image/svg+xml');
    expect(before?.metadata).toEqual([
      { key: 'height', value: '64' },
      { key: 'width', value: '64' },
    ]);
    const edit = await editMetadata(client(), {
      bucket: DEMO_BUCKET,
      key: 'images/logo.svg',
      set: [{ key: 'Alt', value: 'the ossgraph logo' }],
      remove: ['height'],
      ifMatch: before?.etag ?? null,
    });
    expect(edit.object.metadata).toEqual([
      { key: 'alt', value: 'the ossgraph logo' },
      { key: 'width', value: '64' },
    ]);
    const after = await showObject(client(), DEMO_BUCKET, 'images/logo.svg');
    expect(after?.contentType).toBe('image/svg+xml');
    expect(after?.cacheControl).toBe('public, max-age=86400');

    const stale = editMetadata(client(), { bucket: DEMO_BUCKET, key: 'images/logo.svg', set: [{ key: 'x', value: 'y' }], ifMatch: '"0123456789ABCDEF0123456789ABCDEF"' });
    await expect(stale).rejects.toBeInstanceOf(OssgraphRequestError);
    await expect(stale).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
    expect(await showObject(client(), DEMO_BUCKET, 'no/such.txt')).toBeNull();
  });

  it('uploads a file with createUpload and a direct PUT, then reads its metadata back', async () => {
    const outcome = await uploadFile(
      client(),
      { bucket: DEMO_BUCKET, key: 'uploads/notes.txt', contentType: 'text/plain; charset=utf-8', metadata: [{ key: 'from', value: 'example' }] },
      new Blob(['notes from the example module\n']),
    );
    expect(outcome.etag).toMatch(/^"[0-9A-F]{32}"$/);
    expect(outcome.object).toMatchObject({
      key: 'uploads/notes.txt',
      contentLength: Buffer.byteLength('notes from the example module\n'),
      contentType: 'text/plain; charset=utf-8',
      etag: outcome.etag,
      metadata: [{ key: 'from', value: 'example' }],
    });
  });

  it('shows tags, ACL and image size, edits tags and deletes files (typed documents sent by hash)', async () => {
    stack.store.stats.reset();
    const png = await showObjectExtras(client(), DEMO_BUCKET, 'images/gradient.png');
    expect(png).toMatchObject({ key: 'images/gradient.png', acl: 'DEFAULT', image: { width: 48, height: 32, format: 'png' } });
    expect(stack.store.stats.snapshot()).toEqual({ GetObjectTagging: 1, GetObjectAcl: 1, GetImageInfo: 1 });
    const tagged = await editTags(client(), { bucket: DEMO_BUCKET, key: 'images/gradient.png', set: [{ key: 'seen', value: 'e2e' }], remove: ['license'] });
    expect(tagged.tags).toEqual([{ key: 'kind', value: 'image' }, { key: 'seen', value: 'e2e' }]);
    const deleted = await deleteFiles(client(), DEMO_BUCKET, ['reports/2026/q2.csv', 'reports/none.csv']);
    expect(deleted.deleted.map((d) => d.key)).toEqual(['reports/2026/q2.csv', 'reports/none.csv']);
    expect(await showObject(client(), DEMO_BUCKET, 'reports/2026/q2.csv')).toBeNull();
    expect(await showObjectExtras(client(), DEMO_BUCKET, 'reports/none.csv')).toBeNull();
    await expect(editTags(client(), { bucket: DEMO_BUCKET, key: 'reports/none.csv', set: [{ key: 'a', value: 'b' }] })).rejects.toBeInstanceOf(OssgraphRequestError);
  });
});
