/** CORS: preflight for browser uploads with presigned URLs, and CORS headers on HeadObject. */
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalOss, type LocalOss } from '../../../src/local-oss/index.js';
import { rawRequest } from '../../helpers/local-oss.js';

let store: LocalOss;
beforeAll(async () => {
  store = await startLocalOss({ buckets: ['cors'], corsAllowedOrigins: ['http://app.example'] });
  await rawRequest(store, { method: 'PUT', bucket: 'cors', key: 'obj.txt', body: 'x' });
});
afterAll(async () => {
  await store.close();
});

describe('CORS', () => {
  it('answers an allowed preflight without authentication', async () => {
    const r = await request(`${store.url}/cors/upload.txt`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://app.example',
        'access-control-request-method': 'PUT',
        'access-control-request-headers': 'content-type,x-oss-meta-a',
      },
    });
    await r.body.dump();
    expect(r.statusCode).toBe(200);
    expect(r.headers['access-control-allow-origin']).toBe('http://app.example');
    expect(r.headers['access-control-allow-methods']).toContain('PUT');
    expect(r.headers['access-control-allow-headers']).toBe('content-type,x-oss-meta-a');
    expect(r.headers['access-control-max-age']).toBe('600');
    expect(store.stats.count('Options')).toBe(1);
  });

  it('refuses a preflight from another origin', async () => {
    const r = await request(`${store.url}/cors/upload.txt`, {
      method: 'OPTIONS',
      headers: { origin: 'http://evil.example', 'access-control-request-method': 'PUT' },
    });
    expect(r.statusCode).toBe(403);
    expect(await r.body.text()).toContain('<Code>AccessForbidden</Code>');
  });

  it('adds CORS headers to HeadObject for an allowed Origin only', async () => {
    const allowed = await rawRequest(store, { method: 'HEAD', bucket: 'cors', key: 'obj.txt', headers: { Origin: 'http://app.example' } });
    expect(allowed.headers['access-control-allow-origin']).toBe('http://app.example');
    expect(allowed.headers['access-control-allow-methods']).toContain('GET');
    expect(allowed.headers['access-control-max-age']).toBe('600');
    expect(allowed.headers['access-control-allow-headers']).toBeTruthy();
    expect(allowed.headers['access-control-expose-headers']).toContain('ETag');
    const other = await rawRequest(store, { method: 'HEAD', bucket: 'cors', key: 'obj.txt', headers: { Origin: 'http://evil.example' } });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});
