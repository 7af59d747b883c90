/**
 * `createUpload`'s PostObject form through the API (`app.fetch`) against local-oss: the form is
 * bounded by `OSSGRAPH_MAX_DIRECT_UPLOAD_BYTES` (or a lower `maxBytes`), signed V4 or V1 like the
 * client, costs no store request, and the store refuses what the form does not allow; an allowed
 * upload (raw `fetch` + `FormData`) reads back through the API with exactly the signed metadata.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGraphQLStack, type GraphQLStack } from '../../helpers/graphql-stack.js';

const BUCKET = 'photos';
const MAX = 64;

const CREATE = `mutation Up($input: CreateUploadInput!) { createUpload(input: $input) {
  __typename
  ... on CreateUploadSuccess { url method form { url fields { name value } maxBytes expiresAt } }
  ... on Error { code message }
} }`;

const OBJECT = `query O($bucket: String!, $key: String!) {
  object(bucket: $bucket, key: $key) { key contentLength contentType cacheControl etag metadata { key value } }
}`;

type Field = { name: string; value: string };
interface Form {
  url: string;
  fields: Field[];
  maxBytes: number;
  expiresAt: string;
}

let stack: GraphQLStack;
let v1: GraphQLStack;
beforeAll(async () => {
  stack = await startGraphQLStack({ buckets: [BUCKET], config: { maxDirectUploadBytes: MAX } });
  v1 = await startGraphQLStack({ buckets: [BUCKET], config: { ossSignatureVersion: 'v1' } });
});
afterAll(async () => {
  await stack.close();
  await v1.close();
});

async function createForm(on: GraphQLStack, input: Record<string, unknown>): Promise<{ form: Form; result: any }> {
  const result = await on.graphql(CREATE, { input: { bucket: BUCKET, ...input } });
  return { form: result.data?.createUpload?.form as Form, result: result.data?.createUpload };
}

async function send(form: Form, fields: Field[], bytes: string | Uint8Array<ArrayBuffer>, type?: string) {
  const body = new FormData();
  for (const f of fields) body.append(f.name, f.value);
  body.append('file', new Blob([bytes], type === undefined ? {} : { type }), 'upload');
  const response = await fetch(form.url, { method: 'POST', body });
  const text = await response.text();
  return { status: response.status, code: /<Code>([^<]*)<\/Code>/.exec(text)?.[1], etag: response.headers.get('etag') };
}

const replace = (fields: Field[], name: string, value: string): Field[] => fields.map((f) => (f.name === name ? { name, value } : f));
const without = (fields: Field[], name: string): Field[] => fields.filter((f) => f.name !== name);

describe('createUpload form', () => {
  it('is bounded by the configured maximum, costs no store request, and lands with exactly the signed metadata', async () => {
    stack.store.stats.reset();
    const input = {
      key: 'forms/report.txt',
      contentType: 'text/plain; charset=utf-8',
      cacheControl: 'no-store',
      metadata: [{ key: 'Uploader', value: 'browser' }, { key: 'batch', value: '7' }],
      expiresIn: 300,
    };
    const { form, result } = await createForm(stack, input);
    expect(result.__typename).toBe('CreateUploadSuccess');
    // The presigned PUT is still there, beside the form.
    expect(result.method).toBe('PUT');
    expect(form.url).toBe(`${stack.store.url}/${BUCKET}/`);
    expect(form.maxBytes).toBe(MAX);
    expect(new Date(form.expiresAt).getTime() - Date.now()).toBeLessThanOrEqual(300_000);
    expect(form.fields.map((f) => f.name)).toEqual([
      'key', 'Content-Type', 'Cache-Control', 'x-oss-meta-batch', 'x-oss-meta-uploader', 'success_action_status',
      'x-oss-signature-version', 'x-oss-credential', 'x-oss-date', 'policy', 'x-oss-signature',
    ]);
    const policy = JSON.parse(Buffer.from(form.fields.find((f) => f.name === 'policy')!.value, 'base64').toString()) as { conditions: unknown[] };
    expect(policy.conditions).toContainEqual(['content-length-range', 0, MAX]);
    expect(stack.store.stats.total()).toBe(0);

    const text = 'x'.repeat(MAX);
    const sent = await send(form, form.fields, text, 'application/octet-stream');
    expect(sent.status).toBe(201);
    expect(stack.store.stats.count('PostObject')).toBe(1);

    const read = await stack.graphql(OBJECT, { bucket: BUCKET, key: input.key });
    expect(read.data?.object).toEqual({
      key: input.key,
      contentLength: MAX,
      contentType: 'text/plain; charset=utf-8',
      cacheControl: 'no-store',
      etag: sent.etag,
      metadata: [{ key: 'batch', value: '7' }, { key: 'uploader', value: 'browser' }],
    });
    const head = await stack.aliOss(BUCKET).head(input.key);
    expect(head.meta).toEqual({ uploader: 'browser', batch: '7' });
  });

  it('the store refuses one byte over the bound, another key, another content type, changed metadata, a tampered policy', async () => {
    const { form } = await createForm(stack, { key: 'forms/strict.png', contentType: 'image/png', metadata: [{ key: 'owner', value: 'alice' }] });
    expect(await send(form, form.fields, new Uint8Array(MAX + 1))).toMatchObject({ status: 400, code: 'EntityTooLarge' });
    expect(await send(form, replace(form.fields, 'key', 'forms/other.png'), 'x')).toMatchObject({ status: 403, code: 'AccessDenied' });
    expect(await send(form, replace(form.fields, 'Content-Type', 'text/html'), 'x')).toMatchObject({ status: 403, code: 'AccessDenied' });
    expect(await send(form, without(form.fields, 'Content-Type'), 'x', 'text/html')).toMatchObject({ status: 403, code: 'AccessDenied' });
    expect(await send(form, replace(form.fields, 'x-oss-meta-owner', 'mallory'), 'x')).toMatchObject({ status: 403, code: 'AccessDenied' });
    const policy = form.fields.find((f) => f.name === 'policy')!.value;
    const widened = Buffer.from(Buffer.from(policy, 'base64').toString().replace(`,${MAX}]`, ',1000000]')).toString('base64');
    expect(widened).not.toBe(policy);
    expect(await send(form, replace(form.fields, 'policy', widened), new Uint8Array(MAX + 1))).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
    for (const key of ['forms/strict.png', 'forms/other.png']) {
      expect((await stack.graphql(OBJECT, { bucket: BUCKET, key })).data?.object).toBeNull();
    }
  });

  it('maxBytes may lower the bound but not raise it', async () => {
    const { form } = await createForm(stack, { key: 'forms/small.txt', contentType: 'text/plain', maxBytes: 3 });
    expect(form.maxBytes).toBe(3);
    expect(await send(form, form.fields, 'abcd')).toMatchObject({ status: 400, code: 'EntityTooLarge' });
    expect(await send(form, form.fields, 'abc')).toMatchObject({ status: 201 });
    for (const maxBytes of [MAX + 1, -1]) {
      const { result } = await createForm(stack, { key: 'forms/big.txt', maxBytes });
      expect(result).toMatchObject({ __typename: 'BadUserInputError', code: 'BAD_USER_INPUT' });
      expect(result.message).toContain('input.maxBytes');
    }
  });

  it('forbidOverwrite is signed into the form: an existing object stays', async () => {
    await stack.seed(BUCKET, [{ key: 'forms/keep.txt', body: 'original' }]);
    const { form } = await createForm(stack, { key: 'forms/keep.txt', forbidOverwrite: true });
    expect(form.fields).toContainEqual({ name: 'x-oss-forbid-overwrite', value: 'true' });
    expect(await send(form, form.fields, 'new')).toMatchObject({ status: 409, code: 'FileAlreadyExists' });
    expect(await send(form, without(form.fields, 'x-oss-forbid-overwrite'), 'new')).toMatchObject({ status: 403, code: 'AccessDenied' });
    expect((await stack.graphql(OBJECT, { bucket: BUCKET, key: 'forms/keep.txt' })).data?.object.contentLength).toBe(8);
  });

  it('with OSS_SIGNATURE_VERSION=v1 the form is signed V1 (OSSAccessKeyId, policy, Signature) and works the same', async () => {
    const { form } = await createForm(v1, { key: 'forms/v1.txt', contentType: 'text/csv', metadata: [{ key: 'v', value: '1' }], maxBytes: 5 });
    expect(form.fields.map((f) => f.name).slice(-3)).toEqual(['OSSAccessKeyId', 'policy', 'Signature']);
    expect(await send(form, form.fields, '123456')).toMatchObject({ status: 400, code: 'EntityTooLarge' });
    expect(await send(form, replace(form.fields, 'Content-Type', 'text/html'), '12345')).toMatchObject({ status: 403, code: 'AccessDenied' });
    expect(await send(form, form.fields, '12345')).toMatchObject({ status: 201 });
    const read = await v1.graphql(OBJECT, { bucket: BUCKET, key: 'forms/v1.txt' });
    expect(read.data?.object).toMatchObject({ contentType: 'text/csv', contentLength: 5, metadata: [{ key: 'v', value: '1' }] });
  });
});
