import { describe, expect, it } from 'vitest';
import type { SignableRequest } from '../../../../src/oss/signer/signable-request.js';
import { buildPresignedUrl } from '../../../../src/oss/signer/presign.js';
import { computeSignatureV1, presignV1, signV1 } from '../../../../src/oss/signer/sign-v1.js';
import { AK_SK, at } from './vectors.js';

const DATE = 'Wed, 28 Dec 2022 10:27:41 GMT';
const NOW = new Date(DATE);

function putNelson(query: SignableRequest['query']): SignableRequest {
  return {
    method: 'PUT',
    bucket: 'examplebucket',
    key: 'nelson',
    query,
    headers: {
      'content-md5': 'eB5eJF1ptWaXm4bijSPyxw==',
      'content-type': 'text/html',
      'x-oss-meta-author': 'alice',
      'x-oss-meta-magic': 'abracadabra',
      'x-oss-date': DATE,
    },
  };
}

function getBucket(query: SignableRequest['query']): SignableRequest {
  return { method: 'GET', bucket: 'examplebucket', query, headers: { 'x-oss-date': DATE } };
}

/** Sorted by name, as the Go SDK's url.Values.Encode writes it. */
function sorted(pairs: Array<[string, string]>): Array<[string, string]> {
  return [...pairs].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

describe('signV1 (reference §7.5)', () => {
  it('V1-1', () => {
    const result = signV1(putNelson([]), { credentials: AK_SK, now: NOW });
    expect(result.stringToSign).toBe(
      'PUT\neB5eJF1ptWaXm4bijSPyxw==\ntext/html\nWed, 28 Dec 2022 10:27:41 GMT\nx-oss-date:Wed, 28 Dec 2022 10:27:41 GMT\nx-oss-meta-author:alice\nx-oss-meta-magic:abracadabra\n/examplebucket/nelson',
    );
    expect(result.headers).toEqual({ date: DATE, authorization: 'OSS ak:kSHKmLxlyEAKtZPkJhG9bZb5k7M=' });
  });

  it('V1-2: ?acl', () => {
    const result = signV1(putNelson([['acl', '']]), { credentials: AK_SK, now: NOW });
    expect(result.stringToSign.endsWith('\n/examplebucket/nelson?acl')).toBe(true);
    expect(result.headers['authorization']).toBe('OSS ak:/afkugFbmWDQ967j1vr6zygBLQk=');
  });

  it('V1-3: ?resourceGroup&non-resousce=null drops the non-sub-resource', () => {
    const query = [...new URL('http://examplebucket.oss-cn-hangzhou.aliyuncs.com/?resourceGroup&non-resousce=null').searchParams];
    const result = signV1(getBucket(query), { credentials: AK_SK, now: NOW });
    expect(result.stringToSign).toBe(
      'GET\n\n\nWed, 28 Dec 2022 10:27:41 GMT\nx-oss-date:Wed, 28 Dec 2022 10:27:41 GMT\n/examplebucket/?resourceGroup',
    );
    expect(result.headers['authorization']).toBe('OSS ak:vkQmfuUDyi1uDi3bKt67oemssIs=');
  });

  it('V1-4: ?acl&resourceGroup', () => {
    const result = signV1(getBucket([['resourceGroup', ''], ['acl', '']]), { credentials: AK_SK, now: NOW });
    expect(result.stringToSign).toBe(
      'GET\n\n\nWed, 28 Dec 2022 10:27:41 GMT\nx-oss-date:Wed, 28 Dec 2022 10:27:41 GMT\n/examplebucket/?acl&resourceGroup',
    );
    expect(result.headers['authorization']).toBe('OSS ak:x3E5TgOvl/i7PN618s5mEvpJDYk=');
  });

  it('V1-DOC: the official documentation example', () => {
    const request: SignableRequest = {
      method: 'PUT',
      bucket: 'oss-example',
      key: 'nelson',
      query: [],
      headers: {
        'content-md5': 'ODBGOERFMDMzQTczRUY3NUE3NzA5QzdFNUYzMDQxNEM=',
        'content-type': 'text/html',
        'x-oss-magic': 'abracadabra',
        'x-oss-meta-author': 'foo@bar.com',
      },
    };
    const credentials = { accessKeyId: '44CF9590006BF252F707', accessKeySecret: 'OtxrzxIsfpFjA7SwPzILwy8Bw21TLhquhboDYROV' };
    const result = signV1(request, { credentials, now: new Date('Thu, 17 Nov 2005 18:49:58 GMT') });
    expect(result.stringToSign).toBe(
      'PUT\nODBGOERFMDMzQTczRUY3NUE3NzA5QzdFNUYzMDQxNEM=\ntext/html\nThu, 17 Nov 2005 18:49:58 GMT\nx-oss-magic:abracadabra\nx-oss-meta-author:foo@bar.com\n/oss-example/nelson',
    );
    expect(result.headers).toEqual({
      date: 'Thu, 17 Nov 2005 18:49:58 GMT',
      authorization: 'OSS 44CF9590006BF252F707:26NBxoKdsyly4EDv6inkoDft/yA=',
    });
  });

  it('adds and signs x-oss-security-token for STS credentials', () => {
    const request: SignableRequest = { method: 'GET', bucket: 'b', key: 'k', query: [], headers: {} };
    const result = signV1(request, { credentials: { ...AK_SK, securityToken: 'token' }, now: at(1702743657) });
    expect(result.headers['x-oss-security-token']).toBe('token');
    expect(result.stringToSign).toBe('GET\n\n\nSat, 16 Dec 2023 16:20:57 GMT\nx-oss-security-token:token\n/b/k');
    expect(result.signature).toBe(computeSignatureV1('sk', result.stringToSign));
  });
});

describe('presignV1 (reference §7.5)', () => {
  it('V1-Q1: URL character for character (Go order)', () => {
    const existing: Array<[string, string]> = [['versionId', 'versionId']];
    const request: SignableRequest = { method: 'GET', bucket: 'bucket', key: 'key', query: existing, headers: {} };
    const result = presignV1(request, { credentials: AK_SK, expires: 1699807420 });
    expect(result.stringToSign).toBe('GET\n\n\n1699807420\n/bucket/key?versionId=versionId');
    expect(result.query).toEqual([
      ['OSSAccessKeyId', 'ak'],
      ['Expires', '1699807420'],
      ['Signature', 'dcLTea+Yh9ApirQ8o8dOPqtvJXQ='],
    ]);
    const url = buildPresignedUrl(new URL('http://bucket.oss-cn-hangzhou.aliyuncs.com/key'), [], sorted([...existing, ...result.query]));
    expect(url).toBe(
      'http://bucket.oss-cn-hangzhou.aliyuncs.com/key?Expires=1699807420&OSSAccessKeyId=ak&Signature=dcLTea%2BYh9ApirQ8o8dOPqtvJXQ%3D&versionId=versionId',
    );
  });

  it('V1-Q2: STS token signed as the security-token sub-resource, raw key in the resource', () => {
    const existing: Array<[string, string]> = [['versionId', 'versionId']];
    const request: SignableRequest = { method: 'GET', bucket: 'bucket', key: 'key+123', query: existing, headers: {} };
    const result = presignV1(request, { credentials: { ...AK_SK, securityToken: 'token' }, expires: 1699808204 });
    expect(result.stringToSign).toBe('GET\n\n\n1699808204\n/bucket/key+123?security-token=token&versionId=versionId');
    const url = buildPresignedUrl(new URL('http://bucket.oss-cn-hangzhou.aliyuncs.com/key%2B123'), [], sorted([...existing, ...result.query]));
    expect(url).toBe(
      'http://bucket.oss-cn-hangzhou.aliyuncs.com/key%2B123?Expires=1699808204&OSSAccessKeyId=ak&Signature=jzKYRrM5y6Br0dRFPaTGOsbrDhY%3D&security-token=token&versionId=versionId',
    );
  });
});
