/**
 * PostObject (browser form uploads) against local-oss over real sockets, with raw `fetch` +
 * `FormData` as the client: V4 and V1 policy signatures, every refusal the policy promises (size
 * range, key, content type, metadata, expiry, signature, tampering, missing fields), and an
 * allowed upload landing with exactly the signed metadata (read back with ali-oss).
 */
import { Readable } from 'node:stream';
import OSS from 'ali-oss';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalOss, type Backend, type LocalOss } from '../../../src/local-oss/index.js';
import { createMemoryBackend } from '../../../src/local-oss/backend/memory-backend.js';
import { createOssClient, type OssClient, type PresignedPost } from '../../../src/oss/client.js';
import { createPresigner, type PresignPostObjectRequest } from '../../../src/oss/helpers/presigner.js';
import { encodePostPolicy, signPostPolicyV1, signPostPolicyV4, type PostPolicy } from '../../../src/oss/signer/post-policy.js';
import { formatV4Date, V4_ALGORITHM } from '../../../src/oss/signer/sign-v4.js';

const BUCKET = 'forms';
const ORIGIN = 'http://app.example';
let store: LocalOss;
let v4: OssClient;
let v1: OssClient;
let sts: OssClient;
let ali: OSS;

beforeAll(async () => {
  store = await startLocalOss({
    buckets: [BUCKET],
    corsAllowedOrigins: [ORIGIN],
    credentials: [
      { accessKeyId: 'local-oss-ak', accessKeySecret: 'local-oss-sk' },
      { accessKeyId: 'sts-ak', accessKeySecret: 'sts-sk', securityToken: 'sts-token' },
    ],
  });
  v4 = createOssClient({ region: store.region, endpoint: store.url, credentials: store.credentials });
  v1 = createOssClient({ region: store.region, endpoint: store.url, credentials: store.credentials, signatureVersion: 'v1' });
  sts = createOssClient({ region: store.region, endpoint: store.url, credentials: { accessKeyId: 'sts-ak', accessKeySecret: 'sts-sk', securityToken: 'sts-token' } });
  ali = new OSS({
    region: `oss-${store.region}`,
    endpoint: store.url,
    bucket: BUCKET,
    accessKeyId: store.credentials.accessKeyId,
    accessKeySecret: store.credentials.accessKeySecret,
    secure: false,
  });
});
afterAll(async () => {
  await v4.close();
  await v1.close();
  await sts.close();
  await store.close();
});

type Fields = Array<{ name: string; value: string }>;

/** A file part: bytes, filename, type. */
interface FilePart {
  readonly bytes: Uint8Array<ArrayBuffer> | string;
  readonly type?: string;
  readonly name?: string;
}

/** POSTs `fields` in order and then the file (unless `file` is null) as a browser form would. */
async function post(url: string, fields: Fields, file: FilePart | null, extra: { after?: Fields; headers?: Record<string, string> } = {}) {
  const form = new FormData();
  for (const f of fields) form.append(f.name, f.value);
  if (file !== null) form.append('file', new Blob([file.bytes], file.type === undefined ? {} : { type: file.type }), file.name ?? 'upload.bin');
  for (const f of extra.after ?? []) form.append(f.name, f.value);
  const response = await fetch(url, { method: 'POST', body: form, ...(extra.headers ? { headers: extra.headers } : {}) });
  const text = await response.text();
  const message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1]
    ?.replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
  return { status: response.status, text, headers: response.headers, code: /<Code>([^<]*)<\/Code>/.exec(text)?.[1], message };
}

async function form(client: OssClient, request: Partial<PresignPostObjectRequest> & { key?: string }): Promise<PresignedPost> {
  return createPresigner(client).presignPostObject({ bucket: BUCKET, maxBytes: 1024, ...request } as PresignPostObjectRequest);
}

const replace = (fields: Fields, name: string, value: string): Fields => fields.map((f) => (f.name === name ? { name, value } : f));
const without = (fields: Fields, name: string): Fields => fields.filter((f) => f.name !== name);
/** Inserts `field` before the first auth field (where a browser script would add one). */
const adding = (fields: Fields, field: { name: string; value: string }): Fields => {
  const at = fields.findIndex((f) => f.name === 'success_action_status');
  return [...fields.slice(0, at), field, ...fields.slice(at)];
};

async function exists(key: string): Promise<boolean> {
  return (await store.backend.headObject(BUCKET, key)) !== undefined;
}

describe('an allowed upload', () => {
  it('V4: lands with exactly the signed metadata, content type, ETag and CRC-64 of a PutObject', async () => {
    store.stats.reset();
    const signed = await form(v4, {
      key: 'v4/photo.txt',
      contentType: 'text/plain; charset=utf-8',
      cacheControl: 'max-age=60',
      contentDisposition: 'attachment; filename="photo.txt"',
      metadata: { Owner: 'alice', 'Trace-Id': 'abc $1' },
      maxBytes: 64,
    });
    expect(signed.url).toBe(`${store.url}/${BUCKET}/`);
    expect(signed.fields.map((f) => f.name)).toEqual([
      'key', 'Content-Type', 'Content-Disposition', 'Cache-Control', 'x-oss-meta-owner', 'x-oss-meta-trace-id',
      'success_action_status', 'x-oss-signature-version', 'x-oss-credential', 'x-oss-date', 'policy', 'x-oss-signature',
    ]);
    // The browser's own part type differs: the signed Content-Type field wins.
    const r = await post(signed.url, [...signed.fields], { bytes: 'hello form', type: 'application/octet-stream' });
    expect(r.status).toBe(201);
    expect(r.text).toContain('<PostResponse><Bucket>forms</Bucket>');
    expect(r.text).toContain('<Key>v4/photo.txt</Key>');
    expect(store.stats.count('PostObject')).toBe(1);
    expect(store.stats.total()).toBe(1);

    const head = await ali.head('v4/photo.txt');
    const h = head.res.headers as Record<string, string>;
    expect(h['content-type']).toBe('text/plain; charset=utf-8');
    expect(h['cache-control']).toBe('max-age=60');
    expect(h['content-disposition']).toBe('attachment; filename="photo.txt"');
    expect(head.meta).toEqual({ owner: 'alice', 'trace-id': 'abc $1' });
    expect(h['etag']).toBe(r.headers.get('etag'));

    // Same bytes through PutObject: same ETag, Content-MD5 and CRC-64.
    const viaPut = await ali.put('v4/put.txt', Buffer.from('hello form'));
    const putHeaders = viaPut.res.headers as Record<string, string>;
    expect(putHeaders['etag']).toBe(h['etag']);
    expect(h['x-oss-hash-crc64ecma']).toBe(putHeaders['x-oss-hash-crc64ecma']);
    expect(r.headers.get('x-oss-hash-crc64ecma')).toBe(putHeaders['x-oss-hash-crc64ecma']);
    expect(h['content-md5']).toBe(putHeaders['content-md5']);
  });

  it('V1: OSSAccessKeyId + policy + Signature (HMAC-SHA1) lands the same way', async () => {
    const signed = await form(v1, { key: 'v1/doc.txt', contentType: 'text/markdown', metadata: { kind: 'v1' }, maxBytes: 10 });
    expect(signed.fields.map((f) => f.name).slice(-3)).toEqual(['OSSAccessKeyId', 'policy', 'Signature']);
    expect(signed.fields.some((f) => f.name.startsWith('x-oss-signature'))).toBe(false);
    const r = await post(signed.url, [...signed.fields], { bytes: '0123456789' });
    expect(r.status).toBe(201);
    const head = await ali.head('v1/doc.txt');
    expect((head.res.headers as Record<string, string>)['content-type']).toBe('text/markdown');
    expect(head.meta).toEqual({ kind: 'v1' });
    expect((head.res.headers as Record<string, string>)['content-length']).toBe('10');
  });

  it('STS credentials: the token is a signed field; without it the form is refused', async () => {
    const signed = await form(sts, { key: 'sts/a.txt', maxBytes: 10 });
    expect(signed.fields).toContainEqual({ name: 'x-oss-security-token', value: 'sts-token' });
    expect((await post(signed.url, without([...signed.fields], 'x-oss-security-token'), { bytes: 'x' })).code).toBe('InvalidSecurityToken');
    expect(await exists('sts/a.txt')).toBe(false);
    expect((await post(signed.url, [...signed.fields], { bytes: 'x' })).status).toBe(201);
    // No Content-Type given: the form fixes application/octet-stream, whatever the file claims.
    expect((await store.backend.headObject(BUCKET, 'sts/a.txt'))?.contentType).toBe('application/octet-stream');
  });

  it('a key-prefix form accepts any key under the prefix and refuses others', async () => {
    const signed = await form(v4, { keyPrefix: 'users/bob/', contentType: 'image/png', maxBytes: 10 });
    expect(signed.fields[0]).toEqual({ name: 'key', value: 'users/bob/' });
    const ok = await post(signed.url, replace([...signed.fields], 'key', 'users/bob/cat.png'), { bytes: 'png' });
    expect(ok.status).toBe(201);
    const other = await post(signed.url, replace([...signed.fields], 'key', 'users/alice/cat.png'), { bytes: 'png' });
    expect(other).toMatchObject({ status: 403, code: 'AccessDenied' });
    expect(other.message).toBe('Invalid according to Policy: Policy Condition failed: ["starts-with", "$key", "users/bob/"]');
    expect(await exists('users/alice/cat.png')).toBe(false);
  });

  it('success_action_status 200 and 204 answer empty bodies; fields after the file are ignored', async () => {
    const signed = await form(v4, { key: 'status/a.txt', maxBytes: 10 });
    const as200 = await post(signed.url, replace([...signed.fields], 'success_action_status', '200'), { bytes: 'a' });
    // The policy binds the status: changing it is refused.
    expect(as200).toMatchObject({ status: 403, code: 'AccessDenied' });
    const raw = await signedForm({ key: 'status/b.txt', extra: [['success_action_status', '200']] });
    const ok200 = await post(store.url + `/${BUCKET}/`, raw, { bytes: 'b' }, { after: [{ name: 'submit', value: 'Upload' }] });
    expect(ok200).toMatchObject({ status: 200, text: '' });
    const raw204 = await signedForm({ key: 'status/c.txt' });
    const ok204 = await post(store.url + `/${BUCKET}/`, raw204, { bytes: 'c' });
    expect(ok204).toMatchObject({ status: 204, text: '' });
    expect(ok204.headers.get('etag')).toMatch(/^"[0-9A-F]{32}"$/);
  });

  it('success_action_redirect (bound by the policy) answers 303 to it with bucket, key and etag', async () => {
    const fields = await signedForm({ key: 'redirect/a.txt', extra: [['success_action_redirect', 'http://app.example/done?x=1']] });
    const body = new FormData();
    for (const f of fields) body.append(f.name, f.value);
    body.append('file', new Blob(['r']), 'r.txt');
    const response = await fetch(`${store.url}/${BUCKET}/`, { method: 'POST', body, redirect: 'manual' });
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get('location') ?? '');
    expect(location.origin + location.pathname).toBe('http://app.example/done');
    expect(Object.fromEntries(location.searchParams)).toEqual({ x: '1', bucket: BUCKET, key: 'redirect/a.txt', etag: response.headers.get('etag') });
  });

  it('answers the browser with CORS headers for an allowed Origin, also on errors', async () => {
    const signed = await form(v4, { key: 'cors/a.txt', maxBytes: 1 });
    const ok = await post(signed.url, [...signed.fields], { bytes: 'a' }, { headers: { origin: ORIGIN } });
    expect(ok.status).toBe(201);
    expect(ok.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(ok.headers.get('access-control-expose-headers')).toContain('ETag');
    const tooBig = await post(signed.url, [...signed.fields], { bytes: 'ab' }, { headers: { origin: ORIGIN } });
    expect(tooBig).toMatchObject({ status: 400, code: 'EntityTooLarge' });
    expect(tooBig.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    const evil = await post(signed.url, [...signed.fields], { bytes: 'a' }, { headers: { origin: 'http://evil.example' } });
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
  });
});

/**
 * A V4 form signed over a hand-written policy: `conditions` replace the default ones (bucket,
 * key, V4 fields) when given; `extra` fields are added with an `eq` condition each.
 */
async function signedForm(options: {
  key: string;
  extra?: Array<[string, string]>;
  conditions?: unknown[];
  expiration?: Date;
  now?: Date;
  dropV4Conditions?: boolean;
}): Promise<Fields> {
  const now = options.now ?? new Date();
  const xOssDate = formatV4Date(now);
  const credential = `${store.credentials.accessKeyId}/${xOssDate.slice(0, 8)}/${store.region}/oss/aliyun_v4_request`;
  const v4Conditions = options.dropV4Conditions === true ? [] : [{ 'x-oss-signature-version': V4_ALGORITHM }, { 'x-oss-credential': credential }, { 'x-oss-date': xOssDate }];
  const conditions = options.conditions ?? [
    { bucket: BUCKET },
    ['eq', '$key', options.key],
    ...(options.extra ?? []).map(([n, v]) => ['eq', `$${n}`, v]),
    ['content-length-range', 0, 100],
  ];
  const policy = encodePostPolicy({
    expiration: (options.expiration ?? new Date(now.getTime() + 60_000)).toISOString(),
    conditions: [...conditions, ...v4Conditions] as PostPolicy['conditions'],
  });
  return [
    { name: 'key', value: options.key },
    ...(options.extra ?? []).map(([name, value]) => ({ name, value })),
    { name: 'x-oss-signature-version', value: V4_ALGORITHM },
    { name: 'x-oss-credential', value: credential },
    { name: 'x-oss-date', value: xOssDate },
    { name: 'policy', value: policy },
    { name: 'x-oss-signature', value: signPostPolicyV4(policy, store.credentials.accessKeySecret, xOssDate.slice(0, 8), store.region) },
  ];
}

describe('the store refuses', () => {
  it('a file over the size range (EntityTooLarge) and under it (EntityTooSmall); nothing is stored', async () => {
    const signed = await form(v4, { key: 'size/a.bin', maxBytes: 100, minBytes: 10 });
    const big = await post(signed.url, [...signed.fields], { bytes: new Uint8Array(101) });
    expect(big).toMatchObject({ status: 400, code: 'EntityTooLarge', message: 'Your proposed upload exceeds the maximum allowed size.' });
    const small = await post(signed.url, [...signed.fields], { bytes: new Uint8Array(9) });
    expect(small).toMatchObject({ status: 400, code: 'EntityTooSmall' });
    expect(await exists('size/a.bin')).toBe(false);
    // The bounds themselves are allowed.
    expect((await post(signed.url, [...signed.fields], { bytes: new Uint8Array(100) })).status).toBe(201);
    expect((await post(signed.url, [...signed.fields], { bytes: new Uint8Array(10) })).status).toBe(201);
    expect((await store.backend.headObject(BUCKET, 'size/a.bin'))?.size).toBe(10);
  });

  it('an oversized body long before its end, without reading it all (256 MiB offered, max 1 MiB)', async () => {
    const signed = await form(v4, { key: 'size/huge.bin', maxBytes: 1024 * 1024 });
    const boundary = '----ossgraphtest';
    const headPart = signed.fields.map((f) => `--${boundary}\r\nContent-Disposition: form-data; name="${f.name}"\r\n\r\n${f.value}\r\n`).join('');
    const fileHead = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="huge.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`;
    const total = 256 * 1024 * 1024;
    let sent = 0;
    const chunk = Buffer.alloc(64 * 1024, 7);
    async function* body(): AsyncGenerator<Buffer> {
      yield Buffer.from(headPart + fileHead);
      while (sent < total) {
        sent += chunk.length;
        yield chunk;
      }
      yield Buffer.from(`\r\n--${boundary}--\r\n`);
    }
    const outcome = await request(signed.url, {
      method: 'POST',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      body: Readable.from(body()),
    }).then(
      async (r) => ({ status: r.statusCode, text: await r.body.text().catch(() => '') }),
      (error: unknown) => ({ status: 0, text: String(error) }),
    );
    // Either the 400 arrived before the connection was cut, or the cut came first; never a 2xx.
    if (outcome.status !== 0) expect(outcome).toMatchObject({ status: 400, text: expect.stringContaining('EntityTooLarge') });
    expect(sent).toBeLessThan(total);
    expect(sent).toBeLessThan(64 * 1024 * 1024);
    expect(await exists('size/huge.bin')).toBe(false);
  });

  it('another key (even one character), with the policy message naming the condition', async () => {
    const signed = await form(v4, { key: 'keys/exact.txt', maxBytes: 10 });
    const r = await post(signed.url, replace([...signed.fields], 'key', 'keys/exact.txt2'), { bytes: 'x' });
    expect(r).toMatchObject({ status: 403, code: 'AccessDenied' });
    expect(r.message).toBe('Invalid according to Policy: Policy Condition failed: ["eq", "$key", "keys/exact.txt"]');
    expect(await exists('keys/exact.txt2')).toBe(false);
  });

  it('another content type: in the Content-Type field, as an added x-oss-content-type, or from the file part alone', async () => {
    const signed = await form(v4, { key: 'types/a.png', contentType: 'image/png', maxBytes: 10 });
    const field = await post(signed.url, replace([...signed.fields], 'Content-Type', 'text/html'), { bytes: 'x' });
    expect(field).toMatchObject({ status: 403, code: 'AccessDenied' });
    expect(field.message).toContain('["eq", "$content-type", "image/png"]');
    const override = await post(signed.url, adding([...signed.fields], { name: 'x-oss-content-type', value: 'text/html' }), { bytes: 'x' });
    expect(override).toMatchObject({ status: 403, code: 'AccessDenied' });
    const partOnly = await post(signed.url, without([...signed.fields], 'Content-Type'), { bytes: 'x', type: 'text/html' });
    expect(partOnly).toMatchObject({ status: 403, code: 'AccessDenied' });
    expect(await exists('types/a.png')).toBe(false);
  });

  it('changed, added or missing metadata, and any other unsigned field', async () => {
    const signed = await form(v4, { key: 'meta/a.txt', metadata: { owner: 'alice' }, maxBytes: 10 });
    const changed = await post(signed.url, replace([...signed.fields], 'x-oss-meta-owner', 'mallory'), { bytes: 'x' });
    expect(changed).toMatchObject({ status: 403, code: 'AccessDenied' });
    const missing = await post(signed.url, without([...signed.fields], 'x-oss-meta-owner'), { bytes: 'x' });
    expect(missing).toMatchObject({ status: 403, code: 'AccessDenied' });
    expect(missing.message).toContain('["eq", "$x-oss-meta-owner", "alice"]');
    for (const extra of [
      { name: 'x-oss-meta-admin', value: 'true' },
      { name: 'x-oss-object-acl', value: 'public-read' },
      { name: 'Content-Disposition', value: 'inline' },
      { name: 'success_action_redirect', value: 'http://evil.example/' },
    ]) {
      const r = await post(signed.url, adding([...signed.fields], extra), { bytes: 'x' });
      expect(r, extra.name).toMatchObject({ status: 403, code: 'AccessDenied', message: `Invalid according to Policy: Extra input fields: ${extra.name.toLowerCase()}` });
    }
    const duplicated = await post(signed.url, adding([...signed.fields], { name: 'X-OSS-META-OWNER', value: 'alice' }), { bytes: 'x' });
    expect(duplicated).toMatchObject({ status: 400, code: 'InvalidArgument' });
    expect(await exists('meta/a.txt')).toBe(false);
  });

  it('an expired policy, and a V4 form signed more than 15 minutes in the future', async () => {
    const past = new Date(Date.now() - 120_000);
    const expired = await signedForm({ key: 'time/a.txt', now: past, expiration: new Date(past.getTime() + 60_000) });
    expect(await post(`${store.url}/${BUCKET}/`, expired, { bytes: 'x' })).toMatchObject({
      status: 403,
      code: 'AccessDenied',
      message: 'Invalid according to Policy: Policy expired.',
    });
    const future = await signedForm({ key: 'time/b.txt', now: new Date(Date.now() + 20 * 60_000) });
    expect(await post(`${store.url}/${BUCKET}/`, future, { bytes: 'x' })).toMatchObject({ status: 403, code: 'AccessDenied' });
    // V4 forms live at most 7 days after x-oss-date, whatever the policy's expiration says.
    const old = await signedForm({ key: 'time/c.txt', now: new Date(Date.now() - 8 * 86_400_000), expiration: new Date(Date.now() + 60_000) });
    expect(await post(`${store.url}/${BUCKET}/`, old, { bytes: 'x' })).toMatchObject({ status: 403, code: 'AccessDenied' });
    expect(await exists('time/a.txt')).toBe(false);
    expect(await exists('time/b.txt')).toBe(false);
    expect(await exists('time/c.txt')).toBe(false);
  });

  it('a bad signature (V4 and V1), a tampered policy, an unknown access key', async () => {
    const s4 = await form(v4, { key: 'sig/a.txt', maxBytes: 10 });
    const sig4 = s4.fields.find((f) => f.name === 'x-oss-signature')!.value;
    const bad4 = await post(s4.url, replace([...s4.fields], 'x-oss-signature', sig4.replace(/.$/, (c) => (c === '0' ? '1' : '0'))), { bytes: 'x' });
    expect(bad4).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });

    const s1 = await form(v1, { key: 'sig/b.txt', maxBytes: 10 });
    const bad1 = await post(s1.url, replace([...s1.fields], 'Signature', signPostPolicyV1(s1.fields.find((f) => f.name === 'policy')!.value, 'wrong-secret')), { bytes: 'x' });
    expect(bad1).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });

    // The same policy with a larger size range, keeping the signature: refused before any check of the file.
    const policy = JSON.parse(Buffer.from(s4.fields.find((f) => f.name === 'policy')!.value, 'base64').toString('utf8')) as PostPolicy;
    const widened = { ...policy, conditions: policy.conditions.map((c) => (Array.isArray(c) && c[0] === 'content-length-range' ? ['content-length-range', 0, 1e9] : c)) };
    const tampered = await post(s4.url, replace([...s4.fields], 'policy', Buffer.from(JSON.stringify(widened)).toString('base64')), { bytes: new Uint8Array(50) });
    expect(tampered).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });

    const unknown = await post(s1.url, replace([...s1.fields], 'OSSAccessKeyId', 'nobody'), { bytes: 'x' });
    expect(unknown).toMatchObject({ status: 403, code: 'InvalidAccessKeyId' });
    for (const key of ['sig/a.txt', 'sig/b.txt']) expect(await exists(key)).toBe(false);
  });

  it('a form missing a required field: a signature field, the key, the file; a key after the file; two files', async () => {
    const s4 = await form(v4, { key: 'req/a.txt', maxBytes: 10 });
    for (const name of ['x-oss-signature', 'x-oss-credential', 'x-oss-date', 'policy']) {
      expect(await post(s4.url, without([...s4.fields], name), { bytes: 'x' }), name).toMatchObject({ status: 400, code: 'InvalidArgument' });
    }
    const s1 = await form(v1, { key: 'req/b.txt', maxBytes: 10 });
    for (const name of ['OSSAccessKeyId', 'Signature', 'policy']) {
      expect(await post(s1.url, without([...s1.fields], name), { bytes: 'x' }), name).toMatchObject({ status: 400, code: 'InvalidArgument' });
    }
    const noKey = await post(s4.url, without([...s4.fields], 'key'), { bytes: 'x' });
    expect(noKey).toMatchObject({ status: 400, code: 'InvalidArgument' });
    expect(noKey.message).toContain("must contain the specified 'key'");
    const keyLast = await post(s4.url, without([...s4.fields], 'key'), { bytes: 'x' }, { after: [{ name: 'key', value: 'req/a.txt' }] });
    expect(keyLast).toMatchObject({ status: 400, code: 'InvalidArgument' });
    expect(await post(s4.url, [...s4.fields], null)).toMatchObject({ status: 400, code: 'IncorrectNumberOfFilesInPOSTRequest' });

    const twoFiles = new FormData();
    for (const f of s4.fields) twoFiles.append(f.name, f.value);
    twoFiles.append('file', new Blob(['one']), 'one.txt');
    twoFiles.append('file', new Blob(['two']), 'two.txt');
    const r = await fetch(s4.url, { method: 'POST', body: twoFiles });
    expect(r.status).toBe(400);
    expect(await r.text()).toContain('<Code>IncorrectNumberOfFilesInPOSTRequest</Code>');
    expect(await exists('req/a.txt')).toBe(false);

    // A V4 policy that does not bind its own signing fields.
    const unbound = await signedForm({ key: 'req/c.txt', dropV4Conditions: true });
    expect(await post(`${store.url}/${BUCKET}/`, unbound, { bytes: 'x' })).toMatchObject({ status: 403, code: 'AccessDenied' });
  });

  it('anonymous forms, non-multipart bodies, malformed or empty policies, and unknown buckets', async () => {
    expect(await post(`${store.url}/${BUCKET}/`, [{ name: 'key', value: 'anon.txt' }], { bytes: 'x' })).toMatchObject({ status: 403, code: 'AccessDenied' });
    const urlencoded = await fetch(`${store.url}/${BUCKET}/`, { method: 'POST', body: new URLSearchParams({ key: 'a' }) });
    expect(urlencoded.status).toBe(400);
    expect(await urlencoded.text()).toContain('<Code>RequestIsNotMultiPartContent</Code>');
    const garbage = await fetch(`${store.url}/${BUCKET}/`, { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=zz' }, body: '--zz\r\nContent-Disposition: form-data; name="key"\r\n\r\nk' });
    expect(garbage.status).toBe(400);

    const empty = await signedForm({ key: 'bad/a.txt', conditions: [], dropV4Conditions: true });
    expect(await post(`${store.url}/${BUCKET}/`, empty, { bytes: 'x' })).toMatchObject({ status: 400, code: 'InvalidPolicyDocument' });
    const twoProps = await signedForm({ key: 'bad/a.txt', conditions: [{ bucket: BUCKET, key: 'bad/a.txt' }] });
    expect(await post(`${store.url}/${BUCKET}/`, twoProps, { bytes: 'x' })).toMatchObject({
      status: 400,
      code: 'InvalidPolicyDocument',
      message: 'Invalid Policy: Invalid Simple-Condition: Simple-Conditions must have exactly one property specified.',
    });
    const badRange = await signedForm({ key: 'bad/a.txt', conditions: [['eq', '$key', 'bad/a.txt'], ['content-length-range', 10, 1]] });
    expect(await post(`${store.url}/${BUCKET}/`, badRange, { bytes: 'x' })).toMatchObject({ status: 400, code: 'InvalidPolicyDocument' });

    const other = await form(v4, { key: 'x.txt', maxBytes: 10 });
    expect(await post(`${store.url}/no-such-bucket/`, [...other.fields], { bytes: 'x' })).toMatchObject({ status: 404, code: 'NoSuchBucket' });
    // The policy binds the bucket too: a form for one bucket cannot write another.
    await store.backend.createBucket('forms-other', Date.now());
    expect(await post(`${store.url}/forms-other/`, [...other.fields], { bytes: 'x' })).toMatchObject({ status: 403, code: 'AccessDenied' });
  });

  it('oversized fields before the file, without buffering them', async () => {
    const signed = await form(v4, { key: 'fields/a.txt', maxBytes: 10 });
    const long = await post(signed.url, adding([...signed.fields], { name: 'x-ignore-note', value: 'n'.repeat(65 * 1024) }), { bytes: 'x' });
    expect(long).toMatchObject({ status: 400, code: 'FieldItemTooLong' });
    const many = Array.from({ length: 8 }, (_, i) => ({ name: `x-ignore-${i}`, value: 'n'.repeat(60 * 1024) }));
    const tooMuch = await post(signed.url, [...many, ...signed.fields], { bytes: 'x' });
    expect(tooMuch).toMatchObject({ status: 400, code: 'MaxPOSTPreDataLengthExceededError' });
    expect(await exists('fields/a.txt')).toBe(false);
  });

  it('a body cut off in the middle of the file stores nothing, and the put it started ends', async () => {
    // A store whose backend counts puts in flight, to see that the interrupted one settles.
    const memory = createMemoryBackend();
    let inFlight = 0;
    const backend = new Proxy(memory, {
      get(target, name, receiver) {
        const value: unknown = Reflect.get(target, name, receiver);
        if (name !== 'putObject') return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
        return async (...args: Parameters<Backend['putObject']>) => {
          inFlight++;
          try {
            return await target.putObject(...args);
          } finally {
            inFlight--;
          }
        };
      },
    });
    const cutStore = await startLocalOss({ buckets: [BUCKET], backend });
    const client = createOssClient({ region: cutStore.region, endpoint: cutStore.url, credentials: cutStore.credentials });
    const signed = await form(client, { key: 'cut/a.bin', maxBytes: 1024 * 1024 });
    const boundary = '----cut';
    const head = signed.fields.map((f) => `--${boundary}\r\nContent-Disposition: form-data; name="${f.name}"\r\n\r\n${f.value}\r\n`).join('');
    const controller = new AbortController();
    async function* body(): AsyncGenerator<Buffer> {
      yield Buffer.from(`${head}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.bin"\r\n\r\n`);
      yield Buffer.alloc(64 * 1024, 1);
      // Let the server start storing, then drop the connection.
      await new Promise((resolve) => setTimeout(resolve, 200));
      controller.abort();
    }
    await request(signed.url, {
      method: 'POST',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      body: Readable.from(body()),
      signal: controller.signal,
    }).then(
      (r) => r.body.dump(),
      () => undefined,
    );
    // The server notices the reset asynchronously: wait (bounded) for the put to settle.
    for (let i = 0; i < 100 && inFlight > 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(inFlight).toBe(0);
    expect(await memory.headObject(BUCKET, 'cut/a.bin')).toBeUndefined();
    // The store is still healthy.
    expect((await post(signed.url, [...signed.fields], { bytes: 'ok' })).status).toBe(201);
    await client.close();
    await cutStore.close();
    await memory.close();
  });

  it('x-oss-forbid-overwrite in the form: the existing object stays', async () => {
    await ali.put('keep/a.txt', Buffer.from('original'));
    const signed = await form(v4, { key: 'keep/a.txt', forbidOverwrite: true, maxBytes: 10 });
    expect(await post(signed.url, [...signed.fields], { bytes: 'new' })).toMatchObject({ status: 409, code: 'FileAlreadyExists' });
    expect(((await ali.get('keep/a.txt')).content as Buffer).toString()).toBe('original');
  });
});

describe('concurrent forms', () => {
  it('20 uploads racing for one key with x-oss-forbid-overwrite: exactly one lands, the others get 409', async () => {
    const signed = await form(v4, { key: 'race/one.txt', forbidOverwrite: true, maxBytes: 100 });
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => post(signed.url, [...signed.fields], { bytes: `writer ${i}` })));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    const winner = results.findIndex((r) => r.status === 201);
    expect(((await ali.get('race/one.txt')).content as Buffer).toString()).toBe(`writer ${winner}`);
  });
});

describe('policy conditions', () => {
  it('in, not-in, starts-with on metadata, and a literal \\$ in a value', async () => {
    const conditions = [
      ['eq', '$key', 'cond/a.txt'],
      ['in', '$content-type', ['image/jpeg', 'text/plain']],
      ['not-in', '$cache-control', ['no-cache']],
      ['starts-with', '$x-oss-meta-tag', 'team-'],
      { 'x-oss-meta-price': '$5' },
      ['content-length-range', 1, 10],
    ];
    const base = (ct: string, cc: string, tag: string, price: string): Array<[string, string]> => [
      ['Content-Type', ct],
      ['Cache-Control', cc],
      ['x-oss-meta-tag', tag],
      ['x-oss-meta-price', price],
    ];
    const send = async (extra: Array<[string, string]>) =>
      post(`${store.url}/${BUCKET}/`, await signedForm({ key: 'cond/a.txt', extra, conditions }), { bytes: 'x' });
    // The policy text escapes the dollar sign as OSS requires.
    const text = Buffer.from((await signedForm({ key: 'cond/a.txt', conditions })).find((f) => f.name === 'policy')!.value, 'base64').toString();
    expect(text).toContain('"\\$5"');
    expect(await send(base('image/gif', 'max-age=1', 'team-a', '$5'))).toMatchObject({ status: 403, message: expect.stringContaining('["in", "$content-type", ["image/jpeg", "text/plain"]]') });
    expect(await send(base('text/plain', 'no-cache', 'team-a', '$5'))).toMatchObject({ status: 403, message: expect.stringContaining('not-in') });
    expect(await send(base('text/plain', 'max-age=1', 'other', '$5'))).toMatchObject({ status: 403, message: expect.stringContaining('starts-with') });
    expect(await send(base('text/plain', 'max-age=1', 'team-a', '5'))).toMatchObject({ status: 403 });
    expect(await send(base('text/plain', 'max-age=1', 'team-a', '$5'))).toMatchObject({ status: 204 });
    const head = await ali.head('cond/a.txt');
    expect(head.meta).toEqual({ tag: 'team-a', price: '$5' });
  });
});

describe('forms signed by the official Node SDK (ali-oss) are accepted: an independent check of the signature math', () => {
  it('V1 calculatePostSignature and V4 signPostObjectPolicyV4', async () => {
    const sdk = ali as unknown as {
      calculatePostSignature(policy: object): { OSSAccessKeyId: string; Signature: string; policy: string };
      signPostObjectPolicyV4(policy: object, date: Date): string;
    };
    const expiration = new Date(Date.now() + 60_000).toISOString();
    const v1Policy = { expiration, conditions: [{ bucket: BUCKET }, ['eq', '$key', 'sdk/v1.txt'], ['in', '$content-type', ['text/plain']], ['content-length-range', 1, 10]] };
    const v1Fields = sdk.calculatePostSignature(v1Policy);
    const v1Result = await post(`${store.url}/${BUCKET}/`, [
      { name: 'key', value: 'sdk/v1.txt' },
      { name: 'Content-Type', value: 'text/plain' },
      { name: 'OSSAccessKeyId', value: v1Fields.OSSAccessKeyId },
      { name: 'policy', value: v1Fields.policy },
      { name: 'Signature', value: v1Fields.Signature },
    ], { bytes: 'sdk v1' });
    expect(v1Result.status).toBe(204);

    const now = new Date();
    const xOssDate = formatV4Date(now);
    const credential = `${store.credentials.accessKeyId}/${xOssDate.slice(0, 8)}/${store.region}/oss/aliyun_v4_request`;
    const v4Policy = {
      expiration,
      conditions: [
        { bucket: BUCKET },
        ['eq', '$key', 'sdk/v4.txt'],
        ['content-length-range', 1, 10],
        { 'x-oss-signature-version': V4_ALGORITHM },
        { 'x-oss-credential': credential },
        { 'x-oss-date': xOssDate },
      ],
    };
    const encoded = Buffer.from(JSON.stringify(v4Policy)).toString('base64');
    const v4Result = await post(`${store.url}/${BUCKET}/`, [
      { name: 'key', value: 'sdk/v4.txt' },
      { name: 'x-oss-signature-version', value: V4_ALGORITHM },
      { name: 'x-oss-credential', value: credential },
      { name: 'x-oss-date', value: xOssDate },
      { name: 'policy', value: encoded },
      { name: 'x-oss-signature', value: sdk.signPostObjectPolicyV4(v4Policy, now) },
    ], { bytes: 'sdk v4' });
    expect(v4Result.status).toBe(204);
    expect((await ali.get('sdk/v4.txt')).content.toString()).toBe('sdk v4');
    expect((await ali.head('sdk/v1.txt')).res.headers).toMatchObject({ 'content-type': 'text/plain' });
  });
});
