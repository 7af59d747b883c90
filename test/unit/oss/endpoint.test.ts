import { describe, expect, it } from 'vitest';
import { buildRequestUrl, encodeKeyPath, resolveEndpoint } from '../../../src/oss/endpoint.js';
import type { EndpointOptions } from '../../../src/oss/endpoint.js';
import { OssInvalidArgumentError } from '../../../src/oss/errors.js';

describe('resolveEndpoint', () => {
  it.each<[EndpointOptions, string, string, boolean]>([
    [{ region: 'cn-hangzhou' }, 'https:', 'oss-cn-hangzhou.aliyuncs.com', false],
    [{ region: 'oss-cn-hangzhou' }, 'https:', 'oss-cn-hangzhou.aliyuncs.com', false],
    [{ region: 'cn-hangzhou', internal: true }, 'https:', 'oss-cn-hangzhou-internal.aliyuncs.com', false],
    [{ region: 'cn-hangzhou', dualStack: true }, 'https:', 'cn-hangzhou.oss.aliyuncs.com', false],
    [{ region: 'cn-hangzhou', accelerate: true }, 'https:', 'oss-accelerate.aliyuncs.com', false],
    [{ region: 'cn-hangzhou', accelerate: true, internal: true }, 'https:', 'oss-accelerate.aliyuncs.com', false],
    [{ region: 'cn-hangzhou', pathStyle: true }, 'https:', 'oss-cn-hangzhou.aliyuncs.com', true],
    [{ region: 'cn-hangzhou', endpoint: 'oss-cn-shanghai.aliyuncs.com' }, 'https:', 'oss-cn-shanghai.aliyuncs.com', false],
    [{ region: 'cn-hangzhou', endpoint: 'http://oss-cn-shanghai.aliyuncs.com' }, 'http:', 'oss-cn-shanghai.aliyuncs.com', false],
    [{ region: 'cn-hangzhou', endpoint: 'https://oss.example.com:8443/' }, 'https:', 'oss.example.com:8443', false],
    [{ region: 'cn-hangzhou', endpoint: 'http://127.0.0.1:9000' }, 'http:', '127.0.0.1:9000', true],
    [{ region: 'cn-hangzhou', endpoint: '10.0.0.1' }, 'https:', '10.0.0.1', true],
    [{ region: 'cn-hangzhou', endpoint: 'http://[::1]:9000' }, 'http:', '[::1]:9000', true],
    [{ region: 'cn-hangzhou', endpoint: 'http://localhost:9000' }, 'http:', 'localhost:9000', true],
    [{ region: 'cn-hangzhou', endpoint: 'internal', internal: true }, 'https:', 'internal', false],
  ])('%j → %s//%s pathStyle=%s', (options, protocol, host, pathStyle) => {
    expect(resolveEndpoint(options)).toEqual({ protocol, host, pathStyle, region: 'cn-hangzhou' });
  });

  it.each([
    [{ region: 'CN_Hangzhou' }, 'region'],
    [{ region: '' }, 'region'],
    [{ region: 'cn-hangzhou', endpoint: 'ftp://x' }, 'endpoint'],
    [{ region: 'cn-hangzhou', endpoint: 'https://x/path' }, 'endpoint'],
  ])('rejects %j naming %s', (options, field) => {
    expect(() => resolveEndpoint(options)).toThrow(OssInvalidArgumentError);
    expect(() => resolveEndpoint(options)).toThrow(new RegExp(`^${field}:`));
  });
});

describe('buildRequestUrl', () => {
  const virtual = resolveEndpoint({ region: 'cn-hangzhou' });
  const path = resolveEndpoint({ region: 'cn-hangzhou', endpoint: 'http://127.0.0.1:9000' });

  it.each([
    [virtual, 'bucket', 'a b/中.txt', [], 'https://bucket.oss-cn-hangzhou.aliyuncs.com/a%20b/%E4%B8%AD.txt'],
    [virtual, 'bucket', undefined, [['list-type', '2'], ['prefix', 'a/b c']], 'https://bucket.oss-cn-hangzhou.aliyuncs.com/?list-type=2&prefix=a%2Fb%20c'],
    [virtual, undefined, undefined, [], 'https://oss-cn-hangzhou.aliyuncs.com/'],
    [virtual, 'bucket', 'k', [['objectMeta', '']], 'https://bucket.oss-cn-hangzhou.aliyuncs.com/k?objectMeta'],
    [path, 'bucket', 'dir/k+1', [], 'http://127.0.0.1:9000/bucket/dir/k%2B1'],
    [path, 'bucket', undefined, [], 'http://127.0.0.1:9000/bucket/'],
    [path, undefined, undefined, [], 'http://127.0.0.1:9000/'],
  ] as const)('%#: %s', (endpoint, bucket, key, query, expected) => {
    expect(buildRequestUrl(endpoint, bucket, key, query)).toBe(expected);
  });

  it('keeps dot segments of keys from being resolved', () => {
    expect(encodeKeyPath('../../x')).toBe('%2E%2E/%2E%2E/x');
    expect(encodeKeyPath('a/./b/..')).toBe('a/%2E/b/%2E%2E');
    expect(encodeKeyPath('a..b/.c')).toBe('a..b/.c');
    // The no-dot-segment fast path and the slow path must agree at every boundary.
    expect(encodeKeyPath('.')).toBe('%2E');
    expect(encodeKeyPath('..')).toBe('%2E%2E');
    expect(encodeKeyPath('a/.')).toBe('a/%2E');
    expect(encodeKeyPath('./a')).toBe('%2E/a');
    expect(encodeKeyPath('a/.../b')).toBe('a/.../b');
    expect(encodeKeyPath('dir/sub dir/é.txt')).toBe('dir/sub%20dir/%C3%A9.txt');
    expect(encodeKeyPath('dir//x/')).toBe('dir//x/');
    expect(buildRequestUrl(path, 'bucket', 'a/../b')).toBe('http://127.0.0.1:9000/bucket/a/%2E%2E/b');
  });
});
