import { describe, expect, it } from 'vitest';
import { acceptRequestId, requestIdFor } from '../../../src/observability/request-id.js';
import { redactUrls } from '../../../src/observability/redact.js';
import { OssServiceError } from '../../../src/oss/errors.js';
import { serializeError } from '../../../src/server/logger.js';

describe('redactUrls', () => {
  it.each([
    ['HEAD http://127.0.0.1:9000/demo/a.txt?objectMeta failed with 503', 'HEAD [url] failed with 503'],
    ['GET https://bucket.oss-cn-hangzhou-internal.aliyuncs.com/k?x-oss-signature=abc&x-oss-credential=AK%2F1 (x)', 'GET [url] (x)'],
    ['connect postgres://admin:hunter2@db:5432/app failed', 'connect [url] failed'],
    ['"https://a.example/x" and <http://b.example/y>', '"[url]" and <[url]>'],
    ['no url here: a:b, c://', 'no url here: a:b, [url]'],
  ])('%s', (input, expected) => expect(redactUrls(input)).toBe(expected));
});

describe('request ids', () => {
  it('accepts 1–128 safe characters only', () => {
    for (const ok of ['a', 'b'.repeat(128), '0f8fad5b-d9cb-469f-a165-70867728950e', 'Root=1-67891233-abcdef012345678912345678', 'aGVsbG8+/w==', 'svc:id@host_1.2']) {
      expect(acceptRequestId(ok)).toBe(ok);
    }
    for (const bad of [null, undefined, '', 'c'.repeat(129), 'a b', 'a;b', 'a"b', "a'b", 'a<b', 'a\u0000b', 'ä', 'a,b']) {
      expect(acceptRequestId(bad)).toBeUndefined();
    }
  });

  it('generates when the header is missing or unusable', () => {
    let n = 0;
    const generate = () => `gen-${++n}`;
    expect(requestIdFor(new Headers(), generate)).toBe('gen-1');
    expect(requestIdFor(new Headers({ 'x-request-id': 'has space' }), generate)).toBe('gen-2');
    expect(requestIdFor(new Headers({ 'x-request-id': 'kept-1' }), generate)).toBe('kept-1');
  });
});

describe('serializeError', () => {
  it('follows the cause chain (bounded), keeps OSS fields, redacts URLs in messages and stacks', () => {
    const oss = new OssServiceError({
      status: 403,
      code: 'AccessDenied',
      message: 'denied',
      requestId: 'REQ123',
      ec: '0003-00000001',
      target: { method: 'GET', url: 'http://oss.internal:9000/b/k?Signature=s3cret' },
    });
    const top = new Error('edit failed', { cause: oss });
    const json = JSON.stringify(serializeError(top));
    expect(json).not.toContain('s3cret');
    expect(json).not.toContain('oss.internal');
    expect(serializeError(top)).toMatchObject({
      name: 'Error',
      message: 'edit failed',
      cause: { name: 'OssServiceError', code: 'AccessDenied', status: 403, ossRequestId: 'REQ123', ec: '0003-00000001', message: expect.stringContaining('GET [url] failed with 403') },
    });
    let deep: Error = new Error('root');
    for (let i = 0; i < 20; i++) deep = new Error(`level ${i}`, { cause: deep });
    let depth = 0;
    for (let node = serializeError(deep) as { cause?: unknown }; node.cause !== undefined; node = node.cause as { cause?: unknown }) depth++;
    expect(depth).toBe(5);
    const loop = new Error('self');
    (loop as { cause?: unknown }).cause = loop;
    expect(serializeError(loop)).not.toHaveProperty('cause');
  });
});
