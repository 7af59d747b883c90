/**
 * The policy enforced through `/graphql` for each action and each kind of rule (claim match,
 * `${sub}` prefix, anonymous), with JWTs from a real JWKS endpoint; every denial is ACCESS_DENIED
 * and costs zero store requests (counted at local-oss).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthStack } from './support.js';
import type { Answer, AuthStack } from './support.js';

let stack: AuthStack;
beforeAll(async () => {
  stack = await startAuthStack();
});
afterAll(async () => {
  await stack?.close();
});

type Who = 'admin' | 'alice' | 'bob' | 'pretender' | 'anonymous';
const token = (who: Who): { token?: string } => (who === 'anonymous' ? {} : { token: stack.tokens[who] });

/** Asserts one ACCESS_DENIED field error at `path`, and zero store requests. */
function expectDeniedField(answer: Answer & { storeRequests: number }, path: Array<string | number>): void {
  expect(answer.status).toBe(200);
  expect(answer.body.errors?.map((e) => [e.extensions?.['code'], e.path])).toEqual([['ACCESS_DENIED', path]]);
  expect(answer.storeRequests).toBe(0);
}

const OBJECT = `query ($bucket: String!, $key: String!) { object(bucket: $bucket, key: $key) { key contentType } }`;
const LIST = `query ($bucket: String!, $prefix: String) { bucket(name: $bucket) { objects(prefix: $prefix) { nodes { key contentLength } } } }`;
const PUT = `mutation ($bucket: String!, $key: String!) {
  putObject(input: { bucket: $bucket, key: $key, content: "new", contentType: "text/plain" }) {
    __typename ... on PutObjectSuccess { etag } ... on Error { code message }
  }
}`;
const MOVE = `mutation ($from: String!, $fromBucket: String!, $to: String!, $bucket: String!, $deleteSource: Boolean) {
  copyObject(input: { sourceBucket: $fromBucket, sourceKey: $from, bucket: $bucket, key: $to, deleteSource: $deleteSource }) {
    __typename ... on CopyObjectSuccess { sourceDeleted } ... on Error { code message }
  }
}`;

describe('read (Query.object)', () => {
  it.each([
    ['admin', 'other', 'x.txt'],
    ['alice', 'media', 'users/alice/a.txt'],
    ['anonymous', 'media', 'public/p.txt'],
    ['alice', 'media', 'public/p.txt'],
  ] as const)('%s may read %s/%s (one store request)', async (who, bucket, key) => {
    const answer = await stack.counted({ query: OBJECT, variables: { bucket, key }, ...token(who) });
    expect(answer.body).toEqual({ data: { object: { key, contentType: 'text/plain' } } });
    expect(answer.storeRequests).toBe(1);
  });

  it.each([
    ['alice', 'media', 'users/bob/a.txt'],
    ['alice', 'other', 'x.txt'],
    ['pretender', 'other', 'x.txt'],
    ['anonymous', 'media', 'users/alice/a.txt'],
    ['anonymous', 'media', 'drop-not/d.txt'],
  ] as const)('%s may not read %s/%s: ACCESS_DENIED, zero store requests', async (who, bucket, key) => {
    const answer = await stack.counted({ query: OBJECT, variables: { bucket, key }, ...token(who) });
    expectDeniedField(answer, ['object']);
    expect(answer.body.data).toEqual({ object: null });
    expect(answer.body.errors?.[0]?.message).toContain(`read object ${JSON.stringify(key)}`);
  });

  it('a denied object is denied even when it does not exist (no existence oracle)', async () => {
    const answer = await stack.counted({ query: OBJECT, variables: { bucket: 'media', key: 'users/bob/missing' }, ...token('alice') });
    expectDeniedField(answer, ['object']);
  });

  it('objects(refs): each ref is decided on its own; denied refs are errors at their own path', async () => {
    const answer = await stack.counted({
      query: `query ($refs: [ObjectRefInput!]!) { objects(refs: $refs) { key } }`,
      variables: {
        refs: [
          { bucket: 'media', key: 'users/alice/a.txt' },
          { bucket: 'media', key: 'users/bob/a.txt' },
          { bucket: 'media', key: 'public/p.txt' },
          { bucket: 'media', key: 'users/alice/missing' },
          { bucket: 'other', key: 'x.txt' },
        ],
      },
      ...token('alice'),
    });
    expect(answer.body.data).toEqual({ objects: [{ key: 'users/alice/a.txt' }, null, { key: 'public/p.txt' }, null, null] });
    expect(answer.body.errors?.map((e) => [e.extensions?.['code'], e.path])).toEqual([
      ['ACCESS_DENIED', ['objects', 1]],
      ['ACCESS_DENIED', ['objects', 4]],
    ]);
    expect(answer.storeRequests).toBe(3);
  });

  it('downloadUrl: signed for a readable object (and it works), refused with the object otherwise', async () => {
    const query = `query ($key: String!) { object(bucket: "media", key: $key) { downloadUrl } }`;
    const ok = await stack.counted({ query, variables: { key: 'users/alice/a.txt' }, ...token('alice') });
    const url = ok.body.data?.object?.downloadUrl as string;
    expect(ok.storeRequests).toBe(1);
    const download = await fetch(url);
    expect(await download.text()).toBe('body of users/alice/a.txt');
    expectDeniedField(await stack.counted({ query, variables: { key: 'users/alice/a.txt' }, ...token('bob') }), ['object']);
  });

  it('list without read: listed fields are answered, every read field is ACCESS_DENIED at its own path', async () => {
    const answer = await stack.counted({
      query: `{ bucket(name: "media") { objects(prefix: "catalog/") { nodes { key contentLength contentType metadataValue(key: "a") } } } }`,
    });
    expect(answer.body.data).toEqual({ bucket: { objects: { nodes: [{ key: 'catalog/c.txt', contentLength: 21, contentType: null, metadataValue: null }] } } });
    expect(answer.body.errors?.map((e) => [e.extensions?.['code'], e.path])).toEqual([
      ['ACCESS_DENIED', ['bucket', 'objects', 'nodes', 0, 'contentType']],
      ['ACCESS_DENIED', ['bucket', 'objects', 'nodes', 0, 'metadataValue']],
    ]);
    expect(answer.storeRequests).toBe(1);
    // downloadUrl is non-null, so its denial nulls the node, and still only the listing was sent.
    const signed = await stack.counted({ query: `{ bucket(name: "media") { objects(prefix: "catalog/") { nodes { key downloadUrl } } } }` });
    expect(signed.body.errors?.map((e) => [e.extensions?.['code'], e.path])).toEqual([['ACCESS_DENIED', ['bucket', 'objects', 'nodes', 0, 'downloadUrl']]]);
    expect(signed.storeRequests).toBe(1);
  });
});

describe('list (Bucket.objects)', () => {
  it.each([
    ['admin', 'other', null, ['x.txt', 'y.txt']],
    ['alice', 'media', 'users/alice/', ['users/alice/a.txt', 'users/alice/b.txt']],
    ['anonymous', 'media', 'public/', ['public/p.txt']],
    ['bob', 'media', 'public/', ['public/p.txt']],
  ] as const)('%s may list %s under %s (one store request)', async (who, bucket, prefix, keys) => {
    const answer = await stack.counted({ query: LIST, variables: { bucket, prefix }, ...token(who) });
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data?.bucket?.objects?.nodes?.map((n: { key: string }) => n.key)).toEqual(keys);
    expect(answer.storeRequests).toBe(1);
  });

  it.each([
    ['alice', 'media', 'users/'],
    ['alice', 'media', 'users/alice'],
    ['alice', 'media', null],
    ['pretender', 'other', null],
    ['anonymous', 'media', ''],
    ['anonymous', 'media', 'public'],
    ['anonymous', 'media', 'users/alice/'],
  ] as const)('%s may not list %s under %s: ACCESS_DENIED, never a filtered page', async (who, bucket, prefix) => {
    const answer = await stack.counted({ query: LIST, variables: { bucket, prefix }, ...token(who) });
    expectDeniedField(answer, ['bucket', 'objects']);
    expect(answer.body.errors?.[0]?.message).toContain(`list keys under prefix ${JSON.stringify(prefix ?? '')}`);
  });

  it('Query.buckets lists only the buckets the caller may list in', async () => {
    const names = async (who: Who) => (await stack.send({ query: '{ buckets { name } }', ...token(who) })).body;
    expect((await names('admin')).data?.buckets?.map((b: { name: string }) => b.name)).toEqual(['media', 'other']);
    expect((await names('alice')).data?.buckets?.map((b: { name: string }) => b.name)).toEqual(['media']);
  });
});

describe('write (putObject, updateMetadata, createUpload)', () => {
  it.each([
    ['admin', 'other', 'w/admin.txt'],
    ['alice', 'media', 'users/alice/new.txt'],
    ['anonymous', 'media', 'drop/new.txt'],
  ] as const)('%s may put %s/%s', async (who, bucket, key) => {
    const answer = await stack.counted({ query: PUT, variables: { bucket, key }, ...token(who) });
    expect(answer.body.data?.putObject?.__typename).toBe('PutObjectSuccess');
    expect(answer.storeRequests).toBe(1);
    expect(await stack.exists(bucket, key)).toBe(true);
  });

  it.each([
    ['alice', 'media', 'users/bob/new.txt'],
    ['pretender', 'other', 'w/p.txt'],
    ['anonymous', 'media', 'public/new.txt'],
    ['bob', 'media', 'users/bobby/new.txt'],
  ] as const)('%s may not put %s/%s: the typed ACCESS_DENIED, zero store requests, nothing written', async (who, bucket, key) => {
    const answer = await stack.counted({ query: PUT, variables: { bucket, key }, ...token(who) });
    expect(answer.body.data?.putObject).toMatchObject({ __typename: 'AccessDeniedError', code: 'ACCESS_DENIED' });
    expect(answer.storeRequests).toBe(0);
    expect(await stack.exists(bucket, key)).toBe(false);
  });

  it('updateMetadata: allowed in the own folder; denied elsewhere before the editor reads anything', async () => {
    const query = `mutation ($key: String!) {
      updateMetadata(input: { bucket: "media", key: $key, set: [{ key: "k", value: "v" }] }) { __typename ... on Error { code } }
    }`;
    const ok = await stack.counted({ query, variables: { key: 'users/alice/b.txt' }, ...token('alice') });
    expect(ok.body.data?.updateMetadata?.__typename).toBe('UpdateMetadataSuccess');
    expect(ok.storeRequests).toBeGreaterThan(0);
    const denied = await stack.counted({ query, variables: { key: 'users/bob/a.txt' }, ...token('alice') });
    expect(denied.body.data?.updateMetadata).toEqual({ __typename: 'AccessDeniedError', code: 'ACCESS_DENIED' });
    expect(denied.storeRequests).toBe(0);
    // Read alone is not enough: an anonymous caller may read public/ but not edit it.
    const readOnly = await stack.counted({ query, variables: { key: 'public/p.txt' } });
    expect(readOnly.body.data?.updateMetadata).toEqual({ __typename: 'AccessDeniedError', code: 'ACCESS_DENIED' });
    expect(readOnly.storeRequests).toBe(0);
  });

  it('createUpload: a URL that uploads for a writable key; ACCESS_DENIED and no URL otherwise', async () => {
    const query = `mutation ($bucket: String!, $key: String!) {
      createUpload(input: { bucket: $bucket, key: $key, contentType: "text/plain" }) {
        __typename ... on CreateUploadSuccess { url method headers { name value } } ... on Error { code }
      }
    }`;
    for (const [who, bucket, key] of [
      ['admin', 'other', 'up/admin.txt'],
      ['alice', 'media', 'users/alice/up.txt'],
      ['anonymous', 'media', 'drop/up.txt'],
    ] as const) {
      const answer = await stack.counted({ query, variables: { bucket, key }, ...token(who) });
      const upload = answer.body.data?.createUpload as { url: string; method: string; headers: Array<{ name: string; value: string }> };
      expect(answer.storeRequests).toBe(0);
      const put = await fetch(upload.url, {
        method: upload.method,
        headers: Object.fromEntries(upload.headers.map((h) => [h.name, h.value])),
        body: 'uploaded',
      });
      expect(put.status, `${who} ${key}`).toBe(200);
      expect(await stack.exists(bucket, key)).toBe(true);
    }
    for (const [who, bucket, key] of [
      ['alice', 'media', 'users/bob/up.txt'],
      ['pretender', 'other', 'up/p.txt'],
      ['anonymous', 'media', 'public/up.txt'],
    ] as const) {
      const answer = await stack.counted({ query, variables: { bucket, key }, ...token(who) });
      expect(answer.body.data?.createUpload, `${who} ${key}`).toEqual({ __typename: 'AccessDeniedError', code: 'ACCESS_DENIED' });
      expect(answer.storeRequests).toBe(0);
    }
  });
});

describe('copyObject: read on the source, write on the destination, delete for a move', () => {
  it.each([
    ['admin', 'other', 'x.txt', 'other', 'moved/x.txt'],
    ['alice', 'media', 'users/alice/a.txt', 'media', 'users/alice/moved.txt'],
    ['anonymous', 'media', 'drop/d.txt', 'media', 'drop/moved.txt'],
  ] as const)('%s may move %s/%s to %s/%s (delete via its rule)', async (who, fromBucket, from, bucket, to) => {
    const answer = await stack.counted({ query: MOVE, variables: { fromBucket, from, bucket, to, deleteSource: true }, ...token(who) });
    expect(answer.body.data?.copyObject).toEqual({ __typename: 'CopyObjectSuccess', sourceDeleted: true });
    expect(await stack.exists(bucket, to)).toBe(true);
    expect(await stack.exists(fromBucket, from)).toBe(false);
    await stack.put(fromBucket, from);
  });

  it('alice may copy a public object into her folder (source allowed by the anonymous rule)', async () => {
    const answer = await stack.counted({ query: MOVE, variables: { fromBucket: 'media', from: 'public/p.txt', bucket: 'media', to: 'users/alice/p.txt' }, ...token('alice') });
    expect(answer.body.data?.copyObject).toEqual({ __typename: 'CopyObjectSuccess', sourceDeleted: false });
  });

  it.each([
    ['source not readable', 'alice', 'users/bob/a.txt', 'users/alice/stolen.txt', false],
    ['destination not writable', 'alice', 'public/p.txt', 'users/bob/planted.txt', false],
    ['destination not writable (claim lookalike)', 'pretender', 'public/p.txt', 'users/mallory2/x.txt', false],
    ['source not deletable', 'anonymous', 'public/p.txt', 'drop/taken.txt', true],
    ['source not deletable (own destination)', 'bob', 'public/p.txt', 'users/bob/taken.txt', true],
  ] as const)('%s: ACCESS_DENIED, zero store requests, nothing copied', async (_case, who, from, to, deleteSource) => {
    const answer = await stack.counted({ query: MOVE, variables: { fromBucket: 'media', from, bucket: 'media', to, deleteSource }, ...token(who) });
    expect(answer.body.data?.copyObject).toMatchObject({ __typename: 'AccessDeniedError', code: 'ACCESS_DENIED' });
    expect(answer.storeRequests).toBe(0);
    expect(await stack.exists('media', to)).toBe(false);
    expect(await stack.exists('media', from)).toBe(true);
  });
});

describe('adversarial', () => {
  it('a dot-segment key inside the own folder stays a key there: bob’s object is untouched', async () => {
    const before = await stack.store.backend.headObject('media', 'users/bob/a.txt');
    const answer = await stack.counted({ query: PUT, variables: { bucket: 'media', key: 'users/alice/../bob/a.txt' }, ...token('alice') });
    expect(answer.body.data?.putObject?.__typename).toBe('PutObjectSuccess');
    expect((await stack.store.backend.headObject('media', 'users/alice/../bob/a.txt'))?.key).toBe('users/alice/../bob/a.txt');
    expect((await stack.store.backend.headObject('media', 'users/bob/a.txt'))?.etag).toBe(before?.etag);
    // And a claim that tries the same through ${sub} makes the rule not apply at all.
    const sneaky = await stack.issuer.sign({ sub: 'alice/../bob' });
    const denied = await stack.counted({ query: PUT, variables: { bucket: 'media', key: 'users/alice/../bob/x.txt' }, token: sneaky });
    expect(denied.body.data?.putObject).toMatchObject({ __typename: 'AccessDeniedError' });
    expect(denied.storeRequests).toBe(0);
  });

  it('concurrent requests of different callers never see each other’s identity', async () => {
    const who: Who[] = Array.from({ length: 30 }, (_, i) => (['alice', 'bob', 'anonymous'] as const)[i % 3] as Who);
    const answers = await Promise.all(who.map((w) => stack.send({ query: OBJECT, variables: { bucket: 'media', key: 'users/alice/b.txt' }, ...token(w) })));
    answers.forEach((answer, i) => {
      if (who[i] === 'alice') expect(answer.body.data?.object?.key, `request ${i}`).toBe('users/alice/b.txt');
      else expect(answer.body.errors?.[0]?.extensions?.['code'], `request ${i}`).toBe('ACCESS_DENIED');
    });
  });

  it('aliases and fragments cannot route around the check', async () => {
    const answer = await stack.counted({
      query: `query {
        mine: object(bucket: "media", key: "users/alice/b.txt") { ...f }
        theirs: object(bucket: "media", key: "users/bob/a.txt") { ...f }
        again: object(bucket: "media", key: "users/bob/a.txt") { key }
      }
      fragment f on StorageObject { key contentType }`,
      ...token('alice'),
    });
    expect(answer.body.data).toEqual({ mine: { key: 'users/alice/b.txt', contentType: 'text/plain' }, theirs: null, again: null });
    expect(answer.body.errors?.map((e) => [e.extensions?.['code'], e.path])).toEqual([
      ['ACCESS_DENIED', ['theirs']],
      ['ACCESS_DENIED', ['again']],
    ]);
    expect(answer.storeRequests).toBe(1);
  });
});
