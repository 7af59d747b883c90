/**
 * local-oss refuses presigned URLs OSS would refuse: valid for more than 7 days (V4
 * `x-oss-expires` over 604800; V1 `Expires` more than 7 days ahead) or signed in the future beyond
 * the allowed clock skew. Every URL is correctly signed, so only the lifetime or time is wrong
 * (V4 over 7 days is signed by hand from the canonical pieces: `presignV4` refuses to make one).
 */
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalOss, type LocalOss } from '../../../src/local-oss/index.js';
import { rawRequest } from '../../helpers/local-oss.js';
import { canonicalRequestV4, uriEncode } from '../../../src/oss/signer/canonical.js';
import { presignV1 } from '../../../src/oss/signer/sign-v1.js';
import { computeSignatureV4, formatV4Date, presignV4, scopeV4, stringToSignV4, UNSIGNED_PAYLOAD, V4_ALGORITHM } from '../../../src/oss/signer/sign-v4.js';

const BUCKET = 'presign';
const DAY = 24 * 60 * 60;

describe('presigned URL lifetime and skew', () => {
  let store: LocalOss;
  const signable = { method: 'GET', bucket: BUCKET, key: 'file.txt', query: [] as Array<[string, string]>, headers: {} };
  const render = (q: Array<[string, string]>): string => q.map(([k, v]) => `${uriEncode(k, false)}=${uriEncode(v, false)}`).join('&');
  const urlOf = (query: Array<[string, string]>): string => `${store.url}/${BUCKET}/file.txt?${render(query)}`;

  /** A V4 presigned GET of file.txt signed now, valid `seconds` (any value; nothing checks it here). */
  function presignV4Unchecked(seconds: number): string {
    const xOssDate = formatV4Date(new Date());
    const scope = scopeV4(xOssDate.slice(0, 8), 'cn-hangzhou', 'oss');
    const query: Array<[string, string]> = [
      ['x-oss-signature-version', V4_ALGORITHM],
      ['x-oss-date', xOssDate],
      ['x-oss-expires', String(seconds)],
      ['x-oss-credential', `${store.credentials.accessKeyId}/${scope}`],
    ];
    const canonical = canonicalRequestV4({ ...signable, query }, [], UNSIGNED_PAYLOAD);
    const signature = computeSignatureV4(store.credentials.accessKeySecret, stringToSignV4(xOssDate, scope, canonical), xOssDate.slice(0, 8), 'cn-hangzhou', 'oss');
    return urlOf([...query, ['x-oss-signature', signature]]);
  }

  const v1 = (secondsAhead: number): string =>
    urlOf(presignV1(signable, { credentials: store.credentials, expires: Math.floor(Date.now() / 1000) + secondsAhead }).query);

  beforeAll(async () => {
    store = await startLocalOss({ buckets: [BUCKET] });
    expect((await rawRequest(store, { method: 'PUT', bucket: BUCKET, key: 'file.txt', body: 'presigned body' })).status).toBe(200);
  });
  afterAll(() => store.close());

  async function get(url: string): Promise<{ status: number; text: string }> {
    const response = await request(url);
    return { status: response.statusCode, text: await response.body.text() };
  }

  it('V4: x-oss-expires of 7 days passes, 7 days + 1 s is refused with AccessDenied', async () => {
    expect(await get(presignV4Unchecked(7 * DAY))).toEqual({ status: 200, text: 'presigned body' });
    expect((await get(presignV4Unchecked(0))).status).toBe(403);
    const longer = await get(presignV4Unchecked(7 * DAY + 1));
    expect(longer.status).toBe(403);
    expect(longer.text).toContain('<Code>AccessDenied</Code>');
    expect(longer.text).toContain('x-oss-expires must be from 1 to 604800 seconds');
    expect(longer.text).not.toContain('presigned body');
  });

  it('V1: Expires 7 days ahead passes, 8 days ahead is refused with AccessDenied', async () => {
    expect(await get(v1(7 * DAY))).toEqual({ status: 200, text: 'presigned body' });
    const longer = await get(v1(8 * DAY));
    expect(longer.status).toBe(403);
    expect(longer.text).toContain('<Code>AccessDenied</Code>');
    expect(longer.text).toContain('Expires must be at most 7 days after the request time');
  });

  it('V4: a URL signed more than 15 minutes in the future is refused; one within the skew passes', async () => {
    const at = (offsetMs: number) =>
      urlOf(presignV4(signable, { credentials: store.credentials, region: 'cn-hangzhou', now: new Date(Date.now() + offsetMs), expiresInSeconds: 3600 }).query);
    const farFuture = await get(at(30 * DAY * 1000));
    expect(farFuture.status).toBe(403);
    expect(farFuture.text).toContain('<Code>AccessDenied</Code>');
    expect(farFuture.text).toContain('not valid yet');
    expect((await get(at(16 * 60 * 1000))).status).toBe(403);
    expect(await get(at(10 * 60 * 1000))).toEqual({ status: 200, text: 'presigned body' });
  });

  it('V1: a far-future Expires (a URL valid for years) is refused even though its signature is right', async () => {
    const response = await get(v1(365 * DAY));
    expect(response.status).toBe(403);
    expect(response.text).toContain('<Code>AccessDenied</Code>');
  });
});
