/** ListObjectsV2 / ListObjects over raw HTTP: paging, delimiters, encoding-type=url, UTF-8 order. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalOss, type LocalOss } from '../../../src/local-oss/index.js';
import { rawRequest } from '../../helpers/local-oss.js';

const BUCKET = 'listing';
let store: LocalOss;

function all(xml: string, tag: string): string[] {
  return [...xml.matchAll(new RegExp(`<${tag}>([^<]*)</${tag}>`, 'g'))].map((m) => m[1] as string);
}

function keysOf(xml: string): string[] {
  return [...xml.matchAll(/<Contents><Key>([^<]*)<\/Key>/g)].map((m) => (m[1] as string).replace(/&#13;/g, '\r'));
}

async function listV2(query: Array<[string, string]>): Promise<string> {
  const r = await rawRequest(store, { method: 'GET', bucket: BUCKET, query: [['list-type', '2'], ...query] });
  expect(r.status).toBe(200);
  return r.text;
}

beforeAll(async () => {
  store = await startLocalOss({ buckets: [BUCKET] });
  for (const key of ['a/1', 'a/2', 'a/b/3', 'b', 'c/x', 'c/y', 'd', 'sp ace+plus', '\uE000', '😀', 'é']) {
    await rawRequest(store, { method: 'PUT', bucket: BUCKET, key, body: key });
  }
});
afterAll(async () => {
  await store.close();
});

describe('ListObjectsV2', () => {
  it('returns keys in UTF-8 byte order (not UTF-16 order)', async () => {
    const xml = await listV2([['encoding-type', 'url']]);
    const keys = keysOf(xml).map(decodeURIComponent);
    expect(keys).toEqual(['a/1', 'a/2', 'a/b/3', 'b', 'c/x', 'c/y', 'd', 'sp ace+plus', 'é', '\uE000', '😀']);
    const sorted = [...keys].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
    expect(keys).toEqual(sorted);
  });

  it('pages with continuation tokens across keys and common prefixes without repeats', async () => {
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    for (;;) {
      const xml = await listV2([
        ['delimiter', '/'],
        ['max-keys', '2'],
        ...(token !== undefined ? ([['continuation-token', token]] as Array<[string, string]>) : []),
      ]);
      pages++;
      seen.push(...keysOf(xml), ...all(xml, 'Prefix').filter((p) => p !== ''));
      expect(Number(all(xml, 'KeyCount')[0])).toBeLessThanOrEqual(2);
      if (all(xml, 'IsTruncated')[0] !== 'true') break;
      token = all(xml, 'NextContinuationToken')[0];
    }
    expect(seen.sort()).toEqual(['a/', 'b', 'c/', 'd', 'sp ace+plus', 'é', '\uE000', '😀'].sort());
    expect(pages).toBe(4);
  });

  it('applies prefix, start-after and delimiter', async () => {
    const xml = await listV2([['prefix', 'a/'], ['delimiter', '/']]);
    expect(keysOf(xml)).toEqual(['a/1', 'a/2']);
    expect(all(xml, 'Prefix')).toContain('a/b/');
    const after = await listV2([['start-after', 'c/x']]);
    expect(keysOf(after)[0]).toBe('c/y');
  });

  it('URL-encodes keys, prefixes and delimiters with encoding-type=url (%20 for spaces)', async () => {
    const xml = await listV2([['prefix', 'sp'], ['encoding-type', 'url']]);
    expect(keysOf(xml)).toEqual(['sp%20ace%2Bplus']);
    expect(xml).toContain('<EncodingType>url</EncodingType>');
  });

  it('rejects bad max-keys and tokens', async () => {
    const bad = await rawRequest(store, { method: 'GET', bucket: BUCKET, query: [['list-type', '2'], ['max-keys', '1001']] });
    expect(bad.status).toBe(400);
    const token = await rawRequest(store, { method: 'GET', bucket: BUCKET, query: [['list-type', '2'], ['continuation-token', '!!']] });
    expect(token.status).toBe(400);
  });
});

describe('ListObjects (V1)', () => {
  it('pages with marker / NextMarker and skips a returned common prefix', async () => {
    const first = await rawRequest(store, { method: 'GET', bucket: BUCKET, query: [['delimiter', '/'], ['max-keys', '1']] });
    expect(all(first.text, 'NextMarker')).toEqual(['a/']);
    const second = await rawRequest(store, { method: 'GET', bucket: BUCKET, query: [['delimiter', '/'], ['max-keys', '1'], ['marker', 'a/']] });
    expect(keysOf(second.text)).toEqual(['b']);
  });
});
