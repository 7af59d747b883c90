/**
 * A writer outside ossgraph (the official OSS Node SDK, ali-oss) changes the object in the middle
 * of an ossgraph edit, on both copy paths. The edit must fail with a typed error and change
 * nothing; the outside write must survive intact; a multipart edit must leave no upload behind.
 * "The middle" is hit deterministically: a dispatcher hook runs the outside write right before
 * the chosen store request of the edit is sent.
 */
import type OSS from 'ali-oss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deterministicBytes } from '../../helpers/deterministic-bytes.js';
import { startGraphQLStack } from '../../helpers/graphql-stack.js';
import type { GraphQLStack } from '../../helpers/graphql-stack.js';
import { hookedDispatcher, onceBefore } from '../../helpers/hooked-dispatcher.js';
import type { HookedDispatcher, OutgoingRequest } from '../../helpers/hooked-dispatcher.js';

const BUCKET = 'photos';
const KIB = 1024;
const THRESHOLD = 256 * KIB;

const UPDATE = `mutation Update($input: UpdateMetadataInput!) {
  updateMetadata(input: $input) { __typename ... on Error { message code } }
}`;
const REPLACE = `mutation Replace($input: ReplaceMetadataInput!) {
  replaceMetadata(input: $input) { __typename ... on Error { message code } }
}`;
const COPY = `mutation Copy($input: CopyObjectInput!) {
  copyObject(input: $input) { __typename ... on Error { message code } }
}`;

let stack: GraphQLStack;
let hooked: HookedDispatcher;
let outside: OSS;

beforeAll(async () => {
  hooked = hookedDispatcher();
  stack = await startGraphQLStack({
    buckets: [BUCKET],
    config: { copyThresholdBytes: THRESHOLD, copyPartSizeBytes: 256 * KIB },
    appDeps: { dispatcher: hooked.dispatcher },
  });
  outside = stack.aliOss(BUCKET);
});

afterAll(async () => {
  await stack.close();
  await hooked.close();
});

const isCopyObject = (key: string) => (r: OutgoingRequest) =>
  r.method === 'PUT' && r.headers['x-oss-copy-source'] !== undefined && !r.path.includes('uploadId=') && r.path.startsWith(`/${BUCKET}/${key}`);
const isUploadPartCopy = (key: string) => (r: OutgoingRequest) =>
  r.method === 'PUT' && r.headers['x-oss-copy-source'] !== undefined && r.path.includes('uploadId=') && r.path.startsWith(`/${BUCKET}/${key}`);

/** The upload ids of the multipart uploads the app started, read off its UploadPartCopy requests. */
function recordUploadIds(): Set<string> {
  const ids = new Set<string>();
  const previous = hooked.hook;
  hooked.hook = (request) => {
    const id = new URLSearchParams(request.path.slice(request.path.indexOf('?') + 1)).get('uploadId');
    if (id !== null) ids.add(id);
    return previous?.(request);
  };
  return ids;
}

/** Seeds `key` (ossgraph's own client) with a body, a content type and `{ v: 'seed' }`, then lets its second pass. */
async function seed(key: string, size: number): Promise<void> {
  await stack.app.api.putObject({ bucket: BUCKET, key, body: deterministicBytes(size, 5), contentType: 'text/plain', metadata: { v: 'seed' } });
  await new Promise((resolve) => setTimeout(resolve, 1100));
}

async function state(key: string) {
  const head = await stack.app.api.headObject({ bucket: BUCKET, key });
  return { metadata: head.metadata, etag: head.etag, length: head.contentLength, crc: head.hashCrc64, contentType: head.contentType };
}

async function expectNoUploadLeft(key: string, ids: ReadonlySet<string>): Promise<void> {
  expect(ids.size).toBeGreaterThan(0);
  for (const id of ids) expect(await stack.store.backend.getMultipartUpload(BUCKET, key, id), `upload ${id}`).toBeUndefined();
}

describe('an outside writer in the middle of an edit', () => {
  it('single copy: a new body written just before the CopyObject → PRECONDITION_FAILED; the outside object survives', async () => {
    const key = 'outside/single-put.bin';
    await seed(key, 10 * KIB);
    const written = deterministicBytes(12 * KIB, 9);
    const armed = onceBefore(hooked, isCopyObject(key), async () => {
      await outside.put(key, Buffer.from(written), { meta: { outside: 'yes' } as unknown as OSS.UserMeta });
    });
    const result = await stack.graphql(UPDATE, { input: { bucket: BUCKET, key, set: [{ key: 'mine', value: '1' }] } });
    expect(armed.fired()).toBe(true);
    expect(result.data?.updateMetadata).toMatchObject({ __typename: 'PreconditionFailedError', code: 'PRECONDITION_FAILED' });
    const after = await state(key);
    expect(after.metadata).toEqual({ outside: 'yes' });
    expect(after.length).toBe(written.length);
    expect(Buffer.compare(Buffer.from((await outside.get(key)).content as Buffer), written)).toBe(0);
  });

  it('single copy: a metadata-only edit (same ETag) just before the CopyObject → PRECONDITION_FAILED; the outside metadata survives', async () => {
    const key = 'outside/single-meta.bin';
    await seed(key, 10 * KIB);
    const before = await state(key);
    const armed = onceBefore(hooked, isCopyObject(key), async () => {
      await outside.putMeta(key, { outside: 'meta' } as unknown as OSS.UserMeta, {});
    });
    const result = await stack.graphql(REPLACE, { input: { bucket: BUCKET, key, metadata: [{ key: 'mine', value: '1' }] } });
    expect(armed.fired()).toBe(true);
    expect(result.data?.replaceMetadata).toMatchObject({ __typename: 'PreconditionFailedError', code: 'PRECONDITION_FAILED' });
    const after = await state(key);
    expect(after.etag).toBe(before.etag);
    expect(after.metadata).toEqual({ outside: 'meta' });
  });

  it('multipart: a metadata-only edit (same ETag) after the part copies, before the re-read → CONFLICT; no upload left', async () => {
    const key = 'outside/multipart-meta.bin';
    await seed(key, 1024 * KIB);
    const before = await state(key);
    // Right before the HEAD that follows the part copies: the re-read before CompleteMultipartUpload.
    let partsSeen = false;
    const armed = onceBefore(
      hooked,
      (r) => {
        if (isUploadPartCopy(key)(r)) partsSeen = true;
        return partsSeen && r.method === 'HEAD' && r.path === `/${BUCKET}/${key}`;
      },
      async () => {
        await outside.putMeta(key, { outside: 'meta' } as unknown as OSS.UserMeta, {});
      },
    );
    const ids = recordUploadIds();
    stack.store.stats.reset();
    const result = await stack.graphql(UPDATE, { input: { bucket: BUCKET, key, set: [{ key: 'mine', value: '1' }] } });
    expect(armed.fired()).toBe(true);
    expect(result.data?.updateMetadata).toMatchObject({ __typename: 'ConflictError', code: 'CONFLICT' });
    expect(result.data?.updateMetadata.message).toMatch(/nothing was changed.*may be retried/);
    const after = await state(key);
    expect(after).toMatchObject({ etag: before.etag, length: before.length, crc: before.crc, metadata: { outside: 'meta' } });
    expect(stack.store.stats.count('CompleteMultipartUpload')).toBe(0);
    await expectNoUploadLeft(key, ids);
  });

  it('multipart: a metadata-only edit during the part copies → PRECONDITION_FAILED (the parts carry the edit’s guards); no upload left', async () => {
    const key = 'outside/multipart-meta-parts.bin';
    await seed(key, 1024 * KIB);
    const armed = onceBefore(hooked, isUploadPartCopy(key), async () => {
      await outside.putMeta(key, { outside: 'meta' } as unknown as OSS.UserMeta, {});
    });
    const ids = recordUploadIds();
    const result = await stack.graphql(UPDATE, { input: { bucket: BUCKET, key, set: [{ key: 'mine', value: '1' }] } });
    expect(armed.fired()).toBe(true);
    expect(['PRECONDITION_FAILED', 'CONFLICT'], JSON.stringify(result)).toContain(result.data?.updateMetadata.code);
    expect((await state(key)).metadata).toEqual({ outside: 'meta' });
    await expectNoUploadLeft(key, ids);
  });

  it('multipart: a new body written during the part copies → PRECONDITION_FAILED or CONFLICT; the outside object survives; no upload left', async () => {
    const key = 'outside/multipart-put.bin';
    await seed(key, 1024 * KIB);
    const written = deterministicBytes(1000 * KIB, 77);
    const armed = onceBefore(hooked, isUploadPartCopy(key), async () => {
      await outside.put(key, Buffer.from(written), { meta: { outside: 'yes' } as unknown as OSS.UserMeta });
    });
    const ids = recordUploadIds();
    const result = await stack.graphql(REPLACE, { input: { bucket: BUCKET, key, metadata: [{ key: 'mine', value: '1' }] } });
    expect(armed.fired()).toBe(true);
    expect(['PRECONDITION_FAILED', 'CONFLICT'], JSON.stringify(result)).toContain(result.data?.replaceMetadata.code);
    const after = await state(key);
    expect(after.metadata).toEqual({ outside: 'yes' });
    expect(after.length).toBe(written.length);
    expect(Buffer.compare(Buffer.from((await outside.get(key)).content as Buffer), written)).toBe(0);
    await expectNoUploadLeft(key, ids);
  });

  it('multipart copyObject: the source’s metadata edited during the part copies → CONFLICT; no destination, no upload left', async () => {
    const key = 'outside/multipart-source.bin';
    await seed(key, 1024 * KIB);
    const armed = onceBefore(hooked, isUploadPartCopy(`${key}-copy`), async () => {
      await outside.putMeta(key, { outside: 'meta' } as unknown as OSS.UserMeta, {});
    });
    const ids = recordUploadIds();
    const result = await stack.graphql(COPY, { input: { sourceBucket: BUCKET, sourceKey: key, bucket: BUCKET, key: `${key}-copy` } });
    expect(armed.fired()).toBe(true);
    expect(result.data?.copyObject).toMatchObject({ __typename: 'ConflictError', code: 'CONFLICT' });
    await expect(outside.head(`${key}-copy`)).rejects.toMatchObject({ status: 404 });
    expect((await state(key)).metadata).toEqual({ outside: 'meta' });
    await expectNoUploadLeft(`${key}-copy`, ids);
  });

  it('the hooks ran without errors', () => {
    expect(hooked.hookErrors).toEqual([]);
  });
});
