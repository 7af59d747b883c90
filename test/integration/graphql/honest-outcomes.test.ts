/**
 * Honest outcomes after retries, end to end through `app.fetch`: local-oss applies writes and
 * then drops the connection before answering (seeded, half of the time), so the client retries
 * writes that already landed. Every mutation must report what really happened — success when the
 * write landed, with the object exactly as intended — many times over, not by luck.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crc64, formatCrc64 } from '../../../src/oss/checksum/crc64.js';
import { putObjectWithReadBack } from '../../../src/oss/helpers/put-object-read-back.js';
import type { HeadObjectResult } from '../../../src/oss/operations/head-object.js';
import type { PutObjectRequest } from '../../../src/oss/operations/put-object.js';
import { deterministicBytes } from '../../helpers/deterministic-bytes.js';
import { startGraphQLStack } from '../../helpers/graphql-stack.js';
import type { GraphQLStack } from '../../helpers/graphql-stack.js';

const BUCKET = 'photos';
const KIB = 1024;
const THRESHOLD = 256 * KIB;
const DROPPED = ['PutObject', 'CopyObject', 'CompleteMultipartUpload'];

const SYSTEM_HEADERS = {
  contentType: 'image/png',
  cacheControl: 'max-age=3600',
  contentDisposition: 'attachment; filename="cat.png"',
  contentLanguage: 'en-GB',
  expires: 'Wed, 21 Oct 2037 07:28:00 GMT',
};

const PUT = `mutation Put($input: PutObjectInput!) {
  putObject(input: $input) { __typename ... on PutObjectSuccess { etag hashCrc64 } ... on Error { message code } }
}`;
const UPDATE = `mutation Update($input: UpdateMetadataInput!) {
  updateMetadata(input: $input) { __typename ... on UpdateMetadataSuccess { etag } ... on Error { message code } }
}`;
const REPLACE = `mutation Replace($input: ReplaceMetadataInput!) {
  replaceMetadata(input: $input) { __typename ... on ReplaceMetadataSuccess { etag } ... on Error { message code } }
}`;
const COPY = `mutation Copy($input: CopyObjectInput!) {
  copyObject(input: $input) { __typename ... on CopyObjectSuccess { method hashCrc64 } ... on Error { message code } }
}`;

let stack: GraphQLStack;

beforeAll(async () => {
  stack = await startGraphQLStack({
    buckets: [BUCKET],
    config: { copyThresholdBytes: THRESHOLD, copyPartSizeBytes: 100 * KIB },
    faults: { seed: 20261129, dropAfterApplyRate: 0.5, dropAfterApplyOn: DROPPED },
  });
});

afterAll(async () => {
  await stack.close();
});

const head = (key: string): Promise<HeadObjectResult> => stack.app.api.headObject({ bucket: BUCKET, key });
/** Seeds through the faulty store: a PutObject whose three answers were all lost is confirmed by reading it back. */
const put = (request: PutObjectRequest) => putObjectWithReadBack(stack.app.api, request);

/** Writes `count` objects of `size` bytes with the system headers and `{ keep, n }` metadata, then waits for their second to pass. */
async function seedObjects(prefix: string, count: number, size: number): Promise<string[]> {
  const keys = Array.from({ length: count }, (_, i) => `${prefix}/${i}`);
  for (const [i, key] of keys.entries()) {
    await put({ bucket: BUCKET, key, body: deterministicBytes(size, i + 1), ...SYSTEM_HEADERS, metadata: { keep: 'k', n: String(i) } });
  }
  // Why: so that the edits below start settled (each would otherwise wait ≈1 s for the seed's second to pass).
  await new Promise((resolve) => setTimeout(resolve, 1100));
  return keys;
}

/** Asserts the object has the seeded body and system headers and exactly `metadata`. */
async function expectExactly(key: string, size: number, seed: number, metadata: Record<string, string>): Promise<void> {
  const now = await head(key);
  expect(now.metadata, key).toEqual(metadata);
  expect(now).toMatchObject({ ...SYSTEM_HEADERS, contentLength: size, hashCrc64: formatCrc64(crc64(deterministicBytes(size, seed))) });
}

describe('with writes applied and their answers dropped', () => {
  it('putObject (with and without forbidOverwrite) reports success for every write, which landed exactly', async () => {
    stack.store.stats.reset();
    const n = 20;
    for (let i = 0; i < n; i++) {
      const key = `put/${i}`;
      const result = await stack.graphql(PUT, {
        input: { bucket: BUCKET, key, content: `body ${i}`, ...SYSTEM_HEADERS, metadata: [{ key: 'i', value: String(i) }], forbidOverwrite: i % 3 !== 0 },
      });
      expect(result.data?.putObject, key).toMatchObject({ __typename: 'PutObjectSuccess', hashCrc64: formatCrc64(crc64(Buffer.from(`body ${i}`))) });
      expect(await head(key)).toMatchObject({ ...SYSTEM_HEADERS, metadata: { i: String(i) }, contentLength: Buffer.byteLength(`body ${i}`) });
    }
    // The fault really fired: many PutObjects were sent again after an answer was lost.
    expect(stack.store.stats.count('PutObject')).toBeGreaterThan(n + 5);
  }, 60_000);

  it('putObject with forbidOverwrite onto a different existing object is never reported as done, and changes nothing', async () => {
    const codes: string[] = [];
    for (let i = 0; i < 8; i++) {
      const key = `put-existing/${i}`;
      await put({ bucket: BUCKET, key, body: 'the original', metadata: { owner: 'first' } });
      const result = await stack.graphql(PUT, { input: { bucket: BUCKET, key, content: 'an intruder', forbidOverwrite: true } });
      // ALREADY_EXISTS; or, when every answer (each a refusal) was lost, the transport failure.
      expect(['ALREADY_EXISTS', 'UPSTREAM_UNAVAILABLE'], key).toContain(result.data?.putObject.code);
      codes.push(result.data?.putObject.code);
      expect(await head(key)).toMatchObject({ contentLength: 'the original'.length, metadata: { owner: 'first' } });
    }
    expect(codes).toContain('ALREADY_EXISTS');
  }, 60_000);

  for (const [path, size, count] of [
    ['single CopyObject', 10 * KIB, 20],
    ['multipart copy', 300 * KIB, 8],
  ] as const) {
    it(`updateMetadata and replaceMetadata via ${path} report success for every edit, each present exactly`, async () => {
      const keys = await seedObjects(`edit-${size}`, count, size);
      stack.store.stats.reset();
      for (const [i, key] of keys.entries()) {
        const update = await stack.graphql(UPDATE, { input: { bucket: BUCKET, key, set: [{ key: 'added', value: `a${i}` }], remove: ['n'] } });
        expect(update.data?.updateMetadata, key).toMatchObject({ __typename: 'UpdateMetadataSuccess' });
        await expectExactly(key, size, i + 1, { keep: 'k', added: `a${i}` });
      }
      const writes = path === 'single CopyObject' ? 'CopyObject' : 'CompleteMultipartUpload';
      expect(stack.store.stats.count(writes)).toBeGreaterThan(count);
      // The replace follows the update within the second: each waits for the store clock to move on.
      for (const [i, key] of keys.slice(0, path === 'single CopyObject' ? 4 : 2).entries()) {
        const replace = await stack.graphql(REPLACE, { input: { bucket: BUCKET, key, metadata: [{ key: 'only', value: `o${i}` }] } });
        expect(replace.data?.replaceMetadata, key).toMatchObject({ __typename: 'ReplaceMetadataSuccess' });
        await expectExactly(key, size, i + 1, { only: `o${i}` });
      }
    }, 90_000);
  }

  for (const [path, size, count] of [
    ['single CopyObject', 10 * KIB, 12],
    ['multipart copy', 300 * KIB, 8],
  ] as const) {
    it(`copyObject via ${path} (REPLACE and COPY, with forbidOverwrite) reports success for every copy, each exact`, async () => {
      const keys = await seedObjects(`copy-${size}`, count, size);
      stack.store.stats.reset();
      for (const [i, key] of keys.entries()) {
        const replace = i % 2 === 0;
        const result = await stack.graphql(COPY, {
          input: {
            sourceBucket: BUCKET,
            sourceKey: key,
            bucket: BUCKET,
            key: `${key}-copy`,
            forbidOverwrite: true,
            ...(replace ? { metadataDirective: 'REPLACE', metadata: [{ key: 'copied', value: String(i) }] } : {}),
          },
        });
        expect(result.data?.copyObject, key).toMatchObject({ __typename: 'CopyObjectSuccess', method: size > THRESHOLD ? 'multipart' : 'single' });
        await expectExactly(`${key}-copy`, size, i + 1, replace ? { copied: String(i) } : { keep: 'k', n: String(i) });
      }
      expect(stack.store.stats.count(size > THRESHOLD ? 'CompleteMultipartUpload' : 'CopyObject')).toBeGreaterThan(count);
    }, 90_000);
  }
});
