/**
 * Keys that a careless server turns into paths or normalises: they must round-trip byte for
 * byte through put, head, list and get, each request counted once in `stats`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalOss, type LocalOss } from '../../../src/local-oss/index.js';
import { rawRequest } from '../../helpers/local-oss.js';

const BUCKET = 'tricky';
const KEYS = [
  '../../etc/passwd',
  'a/../b',
  './x',
  'a//b',
  '%2F',
  'line\r\nbreak',
  '?versionId=1&x',
  'plus+and space',
  '中'.repeat(341),
];

let store: LocalOss;
beforeAll(async () => {
  store = await startLocalOss({ buckets: [BUCKET] });
});
afterAll(async () => {
  await store.close();
});

describe('tricky keys', () => {
  it.each(KEYS.map((k) => [JSON.stringify(k), k] as const))('%s round-trips exactly', async (_label, key) => {
    store.stats.reset();
    const body = Buffer.from(`data for ${key}`);
    for (const sign of ['v4', 'v1'] as const) {
      const put = await rawRequest(store, { method: 'PUT', bucket: BUCKET, key, body, sign });
      expect(put.status).toBe(200);
    }
    const head = await rawRequest(store, { method: 'HEAD', bucket: BUCKET, key });
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(body.length));
    const get = await rawRequest(store, { method: 'GET', bucket: BUCKET, key });
    expect(get.body.equals(body)).toBe(true);
    const list = await rawRequest(store, {
      method: 'GET', bucket: BUCKET, query: [['list-type', '2'], ['prefix', key], ['encoding-type', 'url']],
    });
    const listed = [...list.text.matchAll(/<Key>([^<]*)<\/Key>/g)].map((m) => decodeURIComponent(m[1] as string));
    expect(listed).toEqual([key]);
    expect((await store.backend.headObject(BUCKET, key))?.key).toBe(key);
    expect(store.stats.snapshot()).toEqual({ PutObject: 2, HeadObject: 1, GetObject: 1, ListObjectsV2: 1 });
  });

  it('never stored anything under a normalised name', async () => {
    for (const key of ['etc/passwd', 'b', 'x', 'a/b', '/']) {
      expect(await store.backend.headObject(BUCKET, key)).toBeUndefined();
    }
  });

  it('rejects keys over 1023 bytes', async () => {
    const r = await rawRequest(store, { method: 'PUT', bucket: BUCKET, key: `${'中'.repeat(341)}x`, body: 'x' });
    expect(r.status).toBe(400);
    expect(r.text).toContain('<Code>InvalidObjectName</Code>');
  });
});
