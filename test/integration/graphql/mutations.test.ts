/**
 * Every mutation end to end through `app.fetch`, then the object read back with the official OSS
 * Node SDK (ali-oss) to prove what the store holds.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGraphQLStack } from '../../helpers/graphql-stack.js';
import type { GraphQLStack } from '../../helpers/graphql-stack.js';

const BUCKET = 'photos';
const OTHER = 'archive';
const KIB = 1024;
/** Objects above 150 KiB take the multipart copy path in these tests. */
const THRESHOLD = 150 * KIB;

let stack: GraphQLStack;

beforeAll(async () => {
  stack = await startGraphQLStack({
    buckets: [BUCKET, OTHER],
    config: { copyThresholdBytes: THRESHOLD, copyPartSizeBytes: 100 * KIB, maxUploadBytes: 512 * KIB },
  });
});

afterAll(async () => {
  await stack.close();
});

/** What the store holds for `key`, as ali-oss reads it. */
async function stored(bucket: string, key: string) {
  const client = stack.aliOss(bucket);
  const head = await client.head(key);
  const headers = head.res.headers as Record<string, string>;
  const body = (await client.get(key)).content as Buffer;
  const meta: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (name.startsWith('x-oss-meta-')) meta[name.slice(11)] = value;
  return {
    meta,
    body,
    contentType: headers['content-type'],
    cacheControl: headers['cache-control'],
    contentDisposition: headers['content-disposition'],
    contentEncoding: headers['content-encoding'],
    contentLanguage: headers['content-language'],
    expires: headers['expires'],
    storageClass: headers['x-oss-storage-class'],
    etag: headers['etag'],
    lastModified: headers['last-modified'],
    crc: headers['x-oss-hash-crc64ecma'],
  };
}

async function exists(bucket: string, key: string): Promise<boolean> {
  try {
    await stack.aliOss(bucket).head(key);
    return true;
  } catch (error) {
    if ((error as { status?: number }).status === 404) return false;
    throw error;
  }
}

const SYSTEM_HEADERS = {
  contentType: 'image/png',
  cacheControl: 'max-age=3600',
  contentDisposition: 'attachment; filename="cat.png"',
  contentEncoding: 'identity',
  contentLanguage: 'en-GB',
  expires: 'Wed, 21 Oct 2037 07:28:00 GMT',
};

const PUT = `mutation Put($input: PutObjectInput!) {
  putObject(input: $input) {
    __typename
    ... on PutObjectSuccess { requestId etag hashCrc64 versionId contentMd5 object { key contentLength contentType metadata { key value } } }
    ... on Error { message code }
    ... on BadUserInputError { field rule value }
  }
}`;

const REPLACE = `mutation Replace($input: ReplaceMetadataInput!) {
  replaceMetadata(input: $input) {
    __typename
    ... on ReplaceMetadataSuccess { requestId etag previousEtag object { metadata { key value } contentType cacheControl } }
    ... on Error { message code }
  }
}`;

const UPDATE = `mutation Update($input: UpdateMetadataInput!) {
  updateMetadata(input: $input) {
    __typename
    ... on UpdateMetadataSuccess { requestId etag object { metadata { key value } } }
    ... on Error { message code }
    ... on BadUserInputError { field rule value }
  }
}`;

const COPY = `mutation Copy($input: CopyObjectInput!) {
  copyObject(input: $input) {
    __typename
    ... on CopyObjectSuccess { requestId etag hashCrc64 sourceVersionId method sourceDeleted object { key contentLength } }
    ... on Error { message code }
    ... on BadUserInputError { field rule value }
  }
}`;

async function put(key: string, body: Buffer | string, extra: Record<string, unknown> = {}, bucket = BUCKET) {
  const input = {
    bucket,
    key,
    ...(typeof body === 'string' ? { content: body } : { contentBase64: body.toString('base64') }),
    ...SYSTEM_HEADERS,
    metadata: [
      { key: 'Alpha', value: 'one' },
      { key: 'beta', value: 'two' },
    ],
    ...extra,
  };
  const result = await stack.graphql(PUT, { input });
  expect(result.errors).toBeUndefined();
  expect(result.data?.putObject.__typename).toBe('PutObjectSuccess');
  return result.data?.putObject;
}

describe('putObject', () => {
  it('stores content, system headers and metadata exactly, CRC-64 reported', async () => {
    const payload = await put('put/text.txt', 'hello, world', { storageClass: 'IA' });
    expect(payload.requestId).toMatch(/\S/);
    expect(payload.etag).toMatch(/^"[0-9A-F]{32}"$/);
    expect(payload.hashCrc64).toMatch(/^\d+$/);
    expect(payload.object).toEqual({
      key: 'put/text.txt',
      contentLength: 12,
      contentType: 'image/png',
      metadata: [
        { key: 'alpha', value: 'one' },
        { key: 'beta', value: 'two' },
      ],
    });
    const s = await stored(BUCKET, 'put/text.txt');
    expect(s.body.toString('utf8')).toBe('hello, world');
    expect(s).toMatchObject({ ...SYSTEM_HEADERS, storageClass: 'IA', meta: { alpha: 'one', beta: 'two' }, crc: payload.hashCrc64 });
  });

  it('stores a base64 body and a GraphQL multipart file byte for byte', async () => {
    const bytes = randomBytes(40 * KIB);
    await put('put/binary.bin', bytes);
    expect((await stored(BUCKET, 'put/binary.bin')).body.equals(bytes)).toBe(true);

    const uploaded = await stack.upload(
      PUT,
      { input: { bucket: BUCKET, key: 'put/file.bin', file: null, contentType: 'application/x-test' } },
      { path: 'input.file', name: 'file.bin', type: 'application/x-test', bytes },
    );
    expect(uploaded.status).toBe(200);
    expect(uploaded.body.data?.putObject).toMatchObject({ __typename: 'PutObjectSuccess', object: { contentLength: bytes.length } });
    const s = await stored(BUCKET, 'put/file.bin');
    expect(s.body.equals(bytes)).toBe(true);
    expect(s.contentType).toBe('application/x-test');
  });

  it('a file over the upload limit is a 413 pointing to createUpload, and nothing is stored', async () => {
    stack.store.stats.reset();
    const big = randomBytes(600 * KIB);
    const uploaded = await stack.upload(
      PUT,
      { input: { bucket: BUCKET, key: 'put/too-big.bin', file: null } },
      { path: 'input.file', name: 'big.bin', type: 'application/octet-stream', bytes: big },
    );
    expect(uploaded.status).toBe(413);
    expect(JSON.stringify(uploaded.body)).toContain('createUpload');
    expect(stack.store.stats.total()).toBe(0);
  });

  it('content over the limit, two bodies, or a bad metadata key are BAD_USER_INPUT with no store request', async () => {
    stack.store.stats.reset();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ content: 'x'.repeat(600 * KIB) }, 'input.content'],
      [{ content: 'a', contentBase64: 'YQ==' }, 'input'],
      [{ content: 'a', metadata: [{ key: 'bad key', value: 'v' }] }, 'input.metadata'],
      [{ content: 'a', metadata: [{ key: 'ok', value: 'café' }] }, 'input.metadata.ok'],
      [{ content: 'a', metadata: [{ key: 'Dup', value: '1' }, { key: 'dup', value: '2' }] }, 'input.metadata'],
      [{ content: 'a', contentType: 'text/plain\r\nx-evil: 1' }, 'input.contentType'],
    ];
    for (const [extra, field] of cases) {
      const result = await stack.graphql(PUT, { input: { bucket: BUCKET, key: 'put/rejected.txt', ...extra } });
      expect(result.data?.putObject).toMatchObject({ __typename: 'BadUserInputError', code: 'BAD_USER_INPUT', field });
      expect(result.data?.putObject.rule).toMatch(/\w/);
      expect(result.data?.putObject.value).toMatch(/\S/);
    }
    const nonAscii = await stack.graphql(PUT, { input: { bucket: BUCKET, key: 'put/rejected.txt', content: 'a', metadata: [{ key: 'ok', value: 'café' }] } });
    expect(nonAscii.data?.putObject.rule).toMatch(/non-ASCII/);
    expect(stack.store.stats.total()).toBe(0);
    expect(await exists(BUCKET, 'put/rejected.txt')).toBe(false);
  });

  it('forbidOverwrite on an existing key is ALREADY_EXISTS and leaves the object alone', async () => {
    await put('put/keep.txt', 'original');
    const result = await stack.graphql(PUT, { input: { bucket: BUCKET, key: 'put/keep.txt', content: 'new', forbidOverwrite: true } });
    expect(result.data?.putObject).toMatchObject({ __typename: 'AlreadyExistsError', code: 'ALREADY_EXISTS' });
    expect((await stored(BUCKET, 'put/keep.txt')).body.toString()).toBe('original');
  });
});

describe('replaceMetadata and updateMetadata', () => {
  for (const [label, size] of [
    ['below the copy threshold', 10 * KIB],
    ['above the copy threshold (multipart copy)', 400 * KIB],
  ] as const) {
    it(`replace: the given metadata is the whole set, other headers kept exactly — ${label}`, async () => {
      const key = `edit/replace-${size}.bin`;
      const body = randomBytes(size);
      await put(key, body, { storageClass: 'IA' });
      const before = await stored(BUCKET, key);
      const result = await stack.graphql(REPLACE, {
        input: { bucket: BUCKET, key, metadata: [{ key: 'Gamma', value: 'three' }], cacheControl: 'no-cache', contentLanguage: null },
      });
      expect(result.errors).toBeUndefined();
      expect(result.data?.replaceMetadata).toMatchObject({
        __typename: 'ReplaceMetadataSuccess',
        previousEtag: before.etag,
        object: { metadata: [{ key: 'gamma', value: 'three' }], contentType: 'image/png', cacheControl: 'no-cache' },
      });
      const after = await stored(BUCKET, key);
      expect(after.meta).toEqual({ gamma: 'three' });
      expect(after).toMatchObject({
        contentType: SYSTEM_HEADERS.contentType,
        contentDisposition: SYSTEM_HEADERS.contentDisposition,
        contentEncoding: SYSTEM_HEADERS.contentEncoding,
        expires: SYSTEM_HEADERS.expires,
        cacheControl: 'no-cache',
        storageClass: 'IA',
        crc: before.crc,
      });
      expect(after.contentLanguage).toBeUndefined();
      expect(after.body.equals(body)).toBe(true);
    });

    it(`update: set and remove named keys, keep the rest and every system header — ${label}`, async () => {
      const key = `edit/update-${size}.bin`;
      const body = randomBytes(size);
      await put(key, body, { metadata: [{ key: 'keep', value: 'k' }, { key: 'change', value: 'old' }, { key: 'drop', value: 'd' }] });
      const result = await stack.graphql(UPDATE, {
        input: { bucket: BUCKET, key, set: [{ key: 'Change', value: 'new' }, { key: 'added', value: 'a' }], remove: ['DROP'] },
      });
      expect(result.data?.updateMetadata).toMatchObject({
        __typename: 'UpdateMetadataSuccess',
        object: {
          metadata: [
            { key: 'added', value: 'a' },
            { key: 'change', value: 'new' },
            { key: 'keep', value: 'k' },
          ],
        },
      });
      const after = await stored(BUCKET, key);
      expect(after.meta).toEqual({ added: 'a', change: 'new', keep: 'k' });
      expect(after).toMatchObject({ ...SYSTEM_HEADERS, storageClass: 'Standard' });
      expect(after.body.equals(body)).toBe(true);
    });
  }

  for (const [label, size, method] of [
    ['below the copy threshold', 10 * KIB, 'single'],
    ['above the copy threshold (multipart copy)', 400 * KIB, 'multipart'],
  ] as const) {
    it(`replace and update keep a public-read object ACL — ${label}`, async () => {
      const key = `edit/acl-${size}.bin`;
      const client = stack.aliOss(BUCKET);
      await client.put(key, randomBytes(size), { headers: { 'x-oss-object-acl': 'public-read', 'x-oss-meta-a': '1' } });
      expect((await client.getACL(key)).acl).toBe('public-read');
      stack.store.stats.reset();
      const replaced = await stack.graphql(REPLACE, { input: { bucket: BUCKET, key, metadata: [{ key: 'b', value: '2' }] } });
      expect(replaced.data?.replaceMetadata.__typename).toBe('ReplaceMetadataSuccess');
      // The edit reads the ACL once per HEAD it makes (one, or two when it waited for the next
      // second); the one further HeadObject answers the selected `object` fields, and the
      // multipart path re-reads the object once more right before completing.
      const counts = stack.store.stats.snapshot();
      expect(counts['GetObjectAcl']).toBe((counts['HeadObject'] ?? 0) - (method === 'single' ? 1 : 2));
      expect(counts[method === 'single' ? 'CopyObject' : 'CompleteMultipartUpload']).toBe(1);
      expect((await client.getACL(key)).acl).toBe('public-read');

      const updated = await stack.graphql(UPDATE, { input: { bucket: BUCKET, key, set: [{ key: 'c', value: '3' }] } });
      expect(updated.data?.updateMetadata.__typename).toBe('UpdateMetadataSuccess');
      expect((await client.getACL(key)).acl).toBe('public-read');
      expect((await stored(BUCKET, key)).meta).toEqual({ b: '2', c: '3' });
    });
  }

  it('a stale ifMatch is PRECONDITION_FAILED and the object is unchanged', async () => {
    const key = 'edit/stale.txt';
    await put(key, 'v1');
    const stale = (await stored(BUCKET, key)).etag;
    await put(key, 'v2 changed body');
    const before = await stored(BUCKET, key);
    for (const [query, input, field] of [
      [REPLACE, { bucket: BUCKET, key, metadata: [], ifMatch: stale }, 'replaceMetadata'],
      [UPDATE, { bucket: BUCKET, key, set: [{ key: 'x', value: 'y' }], ifMatch: stale }, 'updateMetadata'],
    ] as const) {
      const result = await stack.graphql(query, { input });
      expect(result.data?.[field]).toMatchObject({ __typename: 'PreconditionFailedError', code: 'PRECONDITION_FAILED' });
    }
    expect(await stored(BUCKET, key)).toEqual(before);
  });

  it('a missing object is NOT_FOUND', async () => {
    const result = await stack.graphql(UPDATE, { input: { bucket: BUCKET, key: 'edit/none.txt', set: [{ key: 'a', value: 'b' }] } });
    expect(result.data?.updateMetadata).toMatchObject({ __typename: 'NotFoundError', code: 'NOT_FOUND' });
  });
});

describe('copyObject', () => {
  for (const [label, size, method] of [
    ['single CopyObject', 10 * KIB, 'single'],
    ['multipart copy', 400 * KIB, 'multipart'],
  ] as const) {
    it(`COPY carries metadata, system headers and storage class — ${label}`, async () => {
      const source = `copy/source-${size}.bin`;
      const body = randomBytes(size);
      await put(source, body, { storageClass: 'IA' });
      const result = await stack.graphql(COPY, { input: { sourceBucket: BUCKET, sourceKey: source, bucket: OTHER, key: `copied-${size}.bin` } });
      expect(result.data?.copyObject).toMatchObject({ __typename: 'CopyObjectSuccess', method, sourceDeleted: false, object: { contentLength: size } });
      const s = await stored(OTHER, `copied-${size}.bin`);
      expect(s).toMatchObject({ ...SYSTEM_HEADERS, storageClass: 'IA', meta: { alpha: 'one', beta: 'two' } });
      expect(s.body.equals(body)).toBe(true);
    });

    it(`REPLACE sets the given metadata and headers, keeps the others — ${label}`, async () => {
      const source = `copy/replace-source-${size}.bin`;
      const body = randomBytes(size);
      await put(source, body);
      const result = await stack.graphql(COPY, {
        input: {
          sourceBucket: BUCKET,
          sourceKey: source,
          bucket: BUCKET,
          key: `copy/replaced-${size}.bin`,
          metadataDirective: 'REPLACE',
          metadata: [{ key: 'only', value: 'this' }],
          contentType: 'text/csv',
          expires: null,
        },
      });
      expect(result.data?.copyObject).toMatchObject({ __typename: 'CopyObjectSuccess', method });
      const s = await stored(BUCKET, `copy/replaced-${size}.bin`);
      expect(s.meta).toEqual({ only: 'this' });
      expect(s).toMatchObject({
        contentType: 'text/csv',
        cacheControl: SYSTEM_HEADERS.cacheControl,
        contentDisposition: SYSTEM_HEADERS.contentDisposition,
        contentLanguage: SYSTEM_HEADERS.contentLanguage,
      });
      expect(s.expires).toBeUndefined();
      expect(s.body.equals(body)).toBe(true);
      expect((await stored(BUCKET, source)).meta).toEqual({ alpha: 'one', beta: 'two' });
    });

    it(`deleteSource removes the source only after a verified copy — ${label}`, async () => {
      const source = `copy/move-${size}.bin`;
      const body = randomBytes(size);
      await put(source, body);
      const stale = await stack.graphql(COPY, {
        input: { sourceBucket: BUCKET, sourceKey: source, bucket: OTHER, key: `moved-${size}.bin`, deleteSource: true, ifMatch: '"0123456789ABCDEF0123456789ABCDEF"' },
      });
      expect(stale.data?.copyObject).toMatchObject({ __typename: 'PreconditionFailedError' });
      expect(await exists(BUCKET, source)).toBe(true);
      expect(await exists(OTHER, `moved-${size}.bin`)).toBe(false);

      const moved = await stack.graphql(COPY, {
        input: { sourceBucket: BUCKET, sourceKey: source, bucket: OTHER, key: `moved-${size}.bin`, deleteSource: true },
      });
      expect(moved.data?.copyObject).toMatchObject({ __typename: 'CopyObjectSuccess', sourceDeleted: true, method });
      expect(await exists(BUCKET, source)).toBe(false);
      expect((await stored(OTHER, `moved-${size}.bin`)).body.equals(body)).toBe(true);
    });
  }

  it('rejects metadata with COPY, deleteSource onto itself, and an unknown source', async () => {
    await put('copy/self.txt', 'self');
    stack.store.stats.reset();
    const withMeta = await stack.graphql(COPY, {
      input: { sourceBucket: BUCKET, sourceKey: 'copy/self.txt', bucket: BUCKET, key: 'copy/x.txt', metadata: [{ key: 'a', value: 'b' }] },
    });
    expect(withMeta.data?.copyObject).toMatchObject({ __typename: 'BadUserInputError', field: 'input.metadata' });
    const onto = await stack.graphql(COPY, {
      input: { sourceBucket: BUCKET, sourceKey: 'copy/self.txt', bucket: BUCKET, key: 'copy/self.txt', deleteSource: true },
    });
    expect(onto.data?.copyObject).toMatchObject({ __typename: 'BadUserInputError', field: 'input.deleteSource' });
    expect(stack.store.stats.total()).toBe(0);
    const missing = await stack.graphql(COPY, { input: { sourceBucket: BUCKET, sourceKey: 'copy/none.txt', bucket: BUCKET, key: 'copy/y.txt' } });
    expect(missing.data?.copyObject).toMatchObject({ __typename: 'NotFoundError', code: 'NOT_FOUND' });
  });

  it('does not copy the object ACL: the destination gets default (as in OSS)', async () => {
    const client = stack.aliOss(BUCKET);
    await client.put('copy/acl-source.txt', Buffer.from('acl'), { headers: { 'x-oss-object-acl': 'public-read' } });
    for (const directive of ['COPY', 'REPLACE'] as const) {
      const key = `copy/acl-${directive}.txt`;
      const result = await stack.graphql(COPY, { input: { sourceBucket: BUCKET, sourceKey: 'copy/acl-source.txt', bucket: BUCKET, key, metadataDirective: directive } });
      expect(result.data?.copyObject.__typename).toBe('CopyObjectSuccess');
      expect((await client.getACL(key)).acl).toBe('default');
    }
    expect((await client.getACL('copy/acl-source.txt')).acl).toBe('public-read');
  });

  it('a copy onto itself keeps the object ACL (COPY and REPLACE)', async () => {
    const client = stack.aliOss(BUCKET);
    const key = 'copy/acl-self.txt';
    await client.put(key, Buffer.from('acl'), { headers: { 'x-oss-object-acl': 'public-read', 'x-oss-meta-a': '1' } });
    for (const directive of ['COPY', 'REPLACE'] as const) {
      const result = await stack.graphql(COPY, { input: { sourceBucket: BUCKET, sourceKey: key, bucket: BUCKET, key, metadataDirective: directive } });
      expect(result.data?.copyObject.__typename, directive).toBe('CopyObjectSuccess');
      expect((await client.getACL(key)).acl, directive).toBe('public-read');
    }
    expect((await client.head(key)).meta).toEqual({ a: '1' });
  });

  it('COPY onto itself keeps everything', async () => {
    await put('copy/onto-self.txt', 'same');
    const before = await stored(BUCKET, 'copy/onto-self.txt');
    const result = await stack.graphql(COPY, { input: { sourceBucket: BUCKET, sourceKey: 'copy/onto-self.txt', bucket: BUCKET, key: 'copy/onto-self.txt' } });
    expect(result.data?.copyObject.__typename).toBe('CopyObjectSuccess');
    const after = await stored(BUCKET, 'copy/onto-self.txt');
    expect({ ...after, lastModified: undefined }).toEqual({ ...before, lastModified: undefined });
  });
});

describe('createUpload', () => {
  it('presigns a PUT whose exact headers store the object with its metadata, without a store request', async () => {
    stack.store.stats.reset();
    const result = await stack.graphql(
      `mutation Up($input: CreateUploadInput!) { createUpload(input: $input) {
        __typename ... on CreateUploadSuccess { url method headers { name value } expiresAt } ... on Error { code message } } }`,
      { input: { bucket: BUCKET, key: 'browser/upload.txt', contentType: 'text/plain', metadata: [{ key: 'Uploader', value: 'browser' }], expiresIn: 120 } },
    );
    const upload = result.data?.createUpload;
    expect(upload).toMatchObject({ __typename: 'CreateUploadSuccess', method: 'PUT' });
    expect(upload.headers).toEqual([
      { name: 'content-type', value: 'text/plain' },
      { name: 'x-oss-meta-uploader', value: 'browser' },
    ]);
    expect(new Date(upload.expiresAt).getTime() - Date.now()).toBeLessThanOrEqual(120_000);
    expect(stack.store.stats.total()).toBe(0);

    const headers = Object.fromEntries((upload.headers as Array<{ name: string; value: string }>).map((h) => [h.name, h.value]));
    const response = await fetch(upload.url, { method: 'PUT', headers, body: 'from the browser' });
    expect(response.status).toBe(200);
    const s = await stored(BUCKET, 'browser/upload.txt');
    expect(s).toMatchObject({ contentType: 'text/plain', meta: { uploader: 'browser' } });
    expect(s.body.toString()).toBe('from the browser');
  });
});
