/**
 * Shared by the concurrent-edit tests: seeding an object with every kind of metadata, reading
 * back everything an edit must not change, firing 20 `updateMetadata` merges in a burst or in
 * waves, and checking the outcome.
 */
import { expect } from 'vitest';
import type { OssApi } from '../../../src/oss/api.js';
import { deterministicBytes } from '../../helpers/deterministic-bytes.js';
import type { GraphQLResult } from '../../helpers/graphql-stack.js';

export const BUCKET = 'photos';
export const KIB = 1024;
/** Objects above this take the multipart copy path. */
export const THRESHOLD = 256 * KIB;
/** Below the threshold: one CopyObject per edit. */
export const SMALL = 128 * KIB;
/** Above the threshold: a multipart copy (4 parts of 256 KiB) per edit. */
export const LARGE = 1024 * KIB;
export const EDITS = 20;

/** Sends one GraphQL request somewhere (an app in-process, or a replica over HTTP). */
export type Post = (query: string, variables: Record<string, unknown>) => Promise<GraphQLResult>;

export const UPDATE = `mutation Update($input: UpdateMetadataInput!) {
  updateMetadata(input: $input) {
    __typename
    ... on UpdateMetadataSuccess { etag object { metadata { key value } } }
    ... on Error { code message }
  }
}`;

const SYSTEM_HEADERS = {
  contentType: 'image/png',
  cacheControl: 'max-age=3600',
  contentDisposition: 'attachment; filename="cat.png"',
  contentLanguage: 'en-GB',
  contentEncoding: 'identity',
  expires: 'Wed, 21 Oct 2037 07:28:00 GMT',
};

/** Everything about an object an edit must carry over, and its user metadata. */
export async function snapshot(api: OssApi, key: string) {
  const head = await api.headObject({ bucket: BUCKET, key });
  const acl = await api.getObjectAcl({ bucket: BUCKET, key });
  const body = Buffer.from(await (await api.getObject({ bucket: BUCKET, key })).body.bytes());
  return {
    kept: {
      contentLength: head.contentLength,
      contentType: head.contentType,
      cacheControl: head.cacheControl,
      contentDisposition: head.contentDisposition,
      contentLanguage: head.contentLanguage,
      contentEncoding: head.contentEncoding,
      expires: head.expires,
      storageClass: head.storageClass,
      hashCrc64: head.hashCrc64,
      serverSideEncryption: head.serverSideEncryption,
      acl: acl.acl,
      otherMetadata: Object.fromEntries(Object.entries(head.metadata).filter(([name]) => !name.startsWith('edit-'))),
    },
    metadata: head.metadata,
    body,
  };
}

/** Puts `key` with `size` deterministic bytes, every system header, two metadata keys and a public-read ACL. */
export async function seedObject(api: OssApi, key: string, size: number): Promise<Buffer> {
  const body = deterministicBytes(size, size + key.length);
  await api.putObject({ bucket: BUCKET, key, body, ...SYSTEM_HEADERS, metadata: { base: 'kept', owner: 'ann' }, acl: 'public-read' });
  return body;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The arrival pattern: all 20 at once, or 18, then 1, then 1 with small gaps. */
export type Pattern = 'burst' | 'waves';

/** Fires the 20 merges (edit `i` sets `edit-i`), the `i`-th through `posts[i % posts.length]`. */
export async function fireMerges(posts: readonly Post[], key: string, pattern: Pattern): Promise<GraphQLResult[]> {
  const send = (i: number): Promise<GraphQLResult> =>
    (posts[i % posts.length] as Post)(UPDATE, { input: { bucket: BUCKET, key, set: [{ key: `edit-${i}`, value: `value-${i}` }] } });
  if (pattern === 'burst') return Promise.all(Array.from({ length: EDITS }, (_, i) => send(i)));
  const waves = [18, 1, 1];
  const pending: Array<Promise<GraphQLResult>> = [];
  let next = 0;
  for (const [w, size] of waves.entries()) {
    if (w > 0) await sleep(300);
    for (let i = 0; i < size; i++) pending.push(send(next++));
  }
  return Promise.all(pending);
}

/**
 * Checks the promise: every success's key is present (and in its own result), every failure is
 * a typed retryable error whose key is absent, and nothing else changed. Returns the number of
 * successes.
 */
export function checkOutcome(before: Awaited<ReturnType<typeof snapshot>>, after: Awaited<ReturnType<typeof snapshot>>, results: readonly GraphQLResult[]): number {
  let successes = 0;
  for (const [i, result] of results.entries()) {
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    const outcome = result.data?.['updateMetadata'] as { __typename: string; code?: string; object?: { metadata: Array<{ key: string; value: string }> } };
    if (outcome.__typename === 'UpdateMetadataSuccess') {
      successes++;
      expect(after.metadata[`edit-${i}`], `edit ${i} reported success`).toBe(`value-${i}`);
      // The caller's result shows the object after the (combined) edit, its own key included.
      expect(outcome.object?.metadata).toContainEqual({ key: `edit-${i}`, value: `value-${i}` });
    } else {
      expect(['CONFLICT', 'PRECONDITION_FAILED'], JSON.stringify(outcome)).toContain(outcome.code);
      expect(after.metadata[`edit-${i}`], `edit ${i} failed`).toBeUndefined();
    }
  }
  expect(after.kept).toEqual(before.kept);
  expect(after.body.equals(before.body)).toBe(true);
  return successes;
}
