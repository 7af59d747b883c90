import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireBrowser, collectPageErrors, saveScreenshot, watchLoopback } from '../helpers/browser.js';
import type { NetworkGuard } from '../helpers/browser.js';
import { startCrossOriginPage } from './support/cross-origin-page.js';
import { startOssgraphStack } from './support/ossgraph-stack.js';
import type { OssgraphStack } from './support/ossgraph-stack.js';
import type { PageServer } from './support/page-server.js';

const gate = await acquireBrowser();

const BUCKET = 'uploads';

/** What the page's `attempt()` wrapper returns. */
type Attempt<T> = { ok: true; value: T } | { ok: false; error: string };

interface GraphQLAnswer {
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: Array<{ message: string }> };
}

interface PageApi {
  origin: string;
  graphql(endpoint: string, query: string, variables?: Record<string, unknown>): Promise<Attempt<GraphQLAnswer>>;
  uploadDirect(endpoint: string, input: Record<string, unknown>, text: string): Promise<Attempt<{
    upload: { __typename: string; url?: string; method?: string; headers?: Array<{ name: string; value: string }> };
    put: { status: number; etag: string | null; crc64: string | null } | null;
  }>>;
  uploadForm(endpoint: string, input: Record<string, unknown>, text: string, type: string): Promise<Attempt<{
    upload: { __typename: string; form?: { url: string; fields: Array<{ name: string; value: string }>; maxBytes: number } };
    post: { status: number; etag: string | null; body: string } | null;
  }>>;
  putTo(url: string, headers: Record<string, string>, text: string): Promise<Attempt<{ status: number }>>;
  multipartPut(endpoint: string, options: { bucket: string; key: string; text: string; csrfHeader: boolean }): Promise<Attempt<{ status: number; body: string }>>;
}

declare global {
  interface Window {
    /** Set by the page's module script (`cross-origin-page/app.js`). */
    ossgraphPage: PageApi;
  }
}

const OBJECT_QUERY = `query Uploaded($bucket: String!, $key: String!) {
  object(bucket: $bucket, key: $key) { key contentLength contentType etag origin: metadataValue(key: "origin") metadata { key value } }
}`;

describe.skipIf(gate.browser === undefined)('a frontend on another origin', () => {
  let allowed: PageServer;
  let refused: PageServer;
  let stack: OssgraphStack;
  let endpoint: string;

  beforeAll(async () => {
    allowed = await startCrossOriginPage();
    refused = await startCrossOriginPage();
    stack = await startOssgraphStack({ buckets: [BUCKET], apiCorsOrigins: [allowed.origin], storeCorsOrigins: [allowed.origin] });
    endpoint = `${stack.origin}/graphql`;
  });

  afterAll(async () => {
    await gate.browser?.close();
    await stack?.close();
    await allowed?.close();
    await refused?.close();
  });

  /** Opens `server`'s page in a fresh context; returns the page, its network log and its errors. */
  async function openPage(server: PageServer): Promise<{ page: Page; guard: NetworkGuard; errors: string[] }> {
    const context = await gate.browser!.newContext();
    const page = await context.newPage();
    // Why watch, not block: a Playwright route would answer CORS preflights itself.
    const guard = watchLoopback(context);
    const errors = collectPageErrors(page);
    await page.goto(server.url('/'));
    await page.waitForFunction(() => 'ossgraphPage' in window);
    return { page, guard, errors };
  }

  /** Reads `key` back through the API from `page` and checks it holds what the browser uploaded. */
  async function expectReadBack(page: Page, key: string, size: number, etag: string | null | undefined, origin: string): Promise<void> {
    const readBack = await page.evaluate(([url, q, v]) => window.ossgraphPage.graphql(url, q, v), [endpoint, OBJECT_QUERY, { bucket: BUCKET, key }] as const);
    expect(readBack).toEqual({
      ok: true,
      value: {
        status: 200,
        body: {
          data: {
            object: {
              key,
              contentLength: size,
              contentType: 'text/plain; charset=utf-8',
              etag,
              origin,
              metadata: [{ key: 'origin', value: origin }],
            },
          },
        },
      },
    });
  }

  it('queries the API with CORS, uploads through a presigned URL to local-oss, and reads the metadata back', async () => {
    const { page, guard, errors } = await openPage(allowed);
    expect(await page.evaluate(() => location.origin)).toBe(allowed.origin);
    expect(allowed.origin).not.toBe(stack.origin);

    const hello = await page.evaluate((url) => window.ossgraphPage.graphql(url, '{ __typename }'), endpoint);
    expect(hello).toEqual({ ok: true, value: { status: 200, body: { data: { __typename: 'Query' } } } });

    stack.store.stats.reset();
    const text = 'hello from another origin\n';
    const input = {
      bucket: BUCKET,
      key: 'from-browser/hello.txt',
      contentType: 'text/plain; charset=utf-8',
      metadata: [{ key: 'origin', value: 'browser' }],
    };
    const upload = await page.evaluate(([url, i, t]) => window.ossgraphPage.uploadDirect(url, i, t), [endpoint, input, text] as const);
    if (!upload.ok) throw new Error(`upload failed in the page: ${upload.error}`);
    expect(upload.value.upload.__typename).toBe('CreateUploadSuccess');
    expect(upload.value.upload.url?.startsWith(`${stack.store.url}/`)).toBe(true);
    expect(upload.value.upload.headers).toEqual(expect.arrayContaining([{ name: 'x-oss-meta-origin', value: 'browser' }]));
    expect(upload.value.put?.status).toBe(200);
    expect(upload.value.put?.etag).toMatch(/^"[0-9A-F]{32}"$/);
    // The browser's own preflight reached local-oss, then the PUT itself.
    expect(stack.store.stats.count('Options')).toBeGreaterThanOrEqual(1);
    expect(stack.store.stats.count('PutObject')).toBe(1);

    await expectReadBack(page, input.key, Buffer.byteLength(text), upload.value.put?.etag, 'browser');
    await saveScreenshot(page, 'cross-origin.png');
    expect(guard.blocked).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('uploads through the size-bounded PostObject form (a FormData POST to local-oss) and reads the metadata back', async () => {
    const { page, guard, errors } = await openPage(allowed);
    stack.store.stats.reset();
    const text = 'posted from another origin\n';
    const input = {
      bucket: BUCKET,
      key: 'from-browser/form.txt',
      contentType: 'text/plain; charset=utf-8',
      metadata: [{ key: 'origin', value: 'form' }],
      maxBytes: 64,
    };
    // The browser labels the file text/html: the signed Content-Type field decides what is stored.
    const upload = await page.evaluate(([url, i, t]) => window.ossgraphPage.uploadForm(url, i, t, 'text/html'), [endpoint, input, text] as const);
    if (!upload.ok) throw new Error(`form upload failed in the page: ${upload.error}`);
    expect(upload.value.upload.form?.url).toBe(`${stack.store.url}/${BUCKET}/`);
    expect(upload.value.upload.form?.maxBytes).toBe(64);
    expect(upload.value.post?.status).toBe(201);
    expect(upload.value.post?.etag).toMatch(/^"[0-9A-F]{32}"$/);
    expect(upload.value.post?.body).toContain(`<Key>${input.key}</Key>`);
    expect(stack.store.stats.count('PostObject')).toBe(1);
    // A FormData POST is a CORS simple request: no preflight.
    expect(stack.store.stats.count('Options')).toBe(0);

    await expectReadBack(page, input.key, Buffer.byteLength(text), upload.value.post?.etag, 'form');

    expect(errors).toEqual([]);

    // One byte over the bound: the store refuses it, and the page can read why (CORS on errors).
    const tooBig = await page.evaluate(([url, i, t]) => window.ossgraphPage.uploadForm(url, i, t, 'text/plain'), [
      endpoint,
      { ...input, key: 'from-browser/too-big.txt' },
      'x'.repeat(65),
    ] as const);
    if (!tooBig.ok) throw new Error(`oversized form upload failed in the page: ${tooBig.error}`);
    expect(tooBig.value.post?.status).toBe(400);
    expect(tooBig.value.post?.body).toContain('<Code>EntityTooLarge</Code>');
    const absent = await stack.app.api.headObject({ bucket: BUCKET, key: 'from-browser/too-big.txt' }).then(
      () => 'exists',
      () => 'absent',
    );
    expect(absent).toBe('absent');
    expect(guard.blocked).toEqual([]);
    // The browser logs the refused upload; nothing else went wrong.
    expect(errors).toEqual(['console: Failed to load resource: the server responded with a status of 400 (Bad Request)']);
    await page.context().close();
  });

  it('a multipart upload needs the CSRF header; with it the browser may send it cross-origin', async () => {
    const { page } = await openPage(allowed);
    const without = await page.evaluate(([url, o]) => window.ossgraphPage.multipartPut(url, o), [
      endpoint,
      { bucket: BUCKET, key: 'from-browser/no-csrf.txt', text: 'x', csrfHeader: false },
    ] as const);
    // Refused before any resolver ran; the 403 carries CORS headers, so the page can read it.
    expect(without).toEqual({ ok: true, value: { status: 403, body: expect.stringContaining('Required CSRF header') } });
    const missing = await stack.app.api.headObject({ bucket: BUCKET, key: 'from-browser/no-csrf.txt' }).then(
      () => 'exists',
      () => 'absent',
    );
    expect(missing).toBe('absent');

    const withHeader = await page.evaluate(([url, o]) => window.ossgraphPage.multipartPut(url, o), [
      endpoint,
      { bucket: BUCKET, key: 'from-browser/with-csrf.txt', text: 'multipart body', csrfHeader: true },
    ] as const);
    expect(withHeader.ok).toBe(true);
    if (withHeader.ok) {
      expect(withHeader.value.status).toBe(200);
      expect(withHeader.value.body).toContain('PutObjectSuccess');
    }
    const head = await stack.app.api.headObject({ bucket: BUCKET, key: 'from-browser/with-csrf.txt' });
    expect(head.contentLength).toBe(Buffer.byteLength('multipart body'));
    await page.context().close();
  });

  it('a page on an origin that is not allowed is refused by the browser, by the API and by local-oss', async () => {
    const { page } = await openPage(refused);
    stack.store.stats.reset();
    const api = await page.evaluate((url) => window.ossgraphPage.graphql(url, '{ __typename }'), endpoint);
    expect(api.ok).toBe(false);
    if (!api.ok) expect(api.error).toMatch(/TypeError: Failed to fetch/);

    // A presigned URL obtained elsewhere still cannot be used from this origin: the preflight fails.
    const presigned = await stack.app.fetch(`${stack.origin}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation($i: CreateUploadInput!) { createUpload(input: $i) { ... on CreateUploadSuccess { url headers { name value } } } }',
        variables: { i: { bucket: BUCKET, key: 'from-browser/refused.txt', contentType: 'text/plain' } },
      }),
    });
    const { data } = (await presigned.json()) as { data: { createUpload: { url: string; headers: Array<{ name: string; value: string }> } } };
    const headers = Object.fromEntries(data.createUpload.headers.map((h) => [h.name, h.value]));
    const put = await page.evaluate(([url, h]) => window.ossgraphPage.putTo(url, h, 'nope'), [data.createUpload.url, headers] as const);
    expect(put.ok).toBe(false);
    expect(stack.store.stats.count('Options')).toBeGreaterThanOrEqual(1);
    expect(stack.store.stats.count('PutObject')).toBe(0);
    await page.context().close();
  });
});
