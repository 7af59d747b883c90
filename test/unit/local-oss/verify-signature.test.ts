/** verifyRequest against the fixed SDK vectors (reference §7.4, §7.5) and its refusals. */
import { describe, expect, it } from 'vitest';
import { verifyRequest, type VerifyOptions } from '../../../src/local-oss/verify-signature.js';
import type { SignableRequest } from '../../../src/oss/signer/signable-request.js';
import { LocalOssError } from '../../../src/local-oss/errors.js';

const credentials = new Map([['ak', { accessKeyId: 'ak', accessKeySecret: 'sk' }]]);
const QUERY: Array<[string, string]> = [
  ['param1', 'value1'], ['+param1', 'value3'], ['|param1', 'value4'], ['+param2', ''], ['|param2', ''], ['param2', ''],
];
const HEADERS = { 'x-oss-head1': 'value', abc: 'value', zabc: 'value', xyz: 'value' };

function options(nowSeconds: number, extra: Partial<VerifyOptions> = {}): VerifyOptions {
  return { credentials, allowAnonymous: false, now: new Date(nowSeconds * 1000), ...extra };
}

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return (error as LocalOssError).code;
  }
  return 'ok';
}

describe('V4 header vectors', () => {
  const base = (date: string, authorization: string): SignableRequest => ({
    method: 'PUT', bucket: 'bucket', key: '1234+-/123/1.txt', query: QUERY,
    headers: { ...HEADERS, 'content-type': 'text/plain', 'x-oss-content-sha256': 'UNSIGNED-PAYLOAD', 'x-oss-date': date, authorization },
  });

  it('accepts V4-H1', () => {
    const req = base('20231216T162057Z', 'OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request,Signature=e21d18daa82167720f9b1047ae7e7f1ce7cb77a31e8203a7d5f4624fa0284afe');
    expect(verifyRequest(req, options(1702743657))).toEqual({ kind: 'v4-header', accessKeyId: 'ak' });
  });

  it('accepts V4-H3 with AdditionalHeaders (spaces after commas tolerated)', () => {
    const req = base('20231216T172512Z', 'OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request, AdditionalHeaders=abc;zabc, Signature=4a4183c187c07c8947db7620deb0a6b38d9fbdd34187b6dbaccb316fa251212f');
    expect(verifyRequest(req, options(1702747512)).kind).toBe('v4-header');
  });

  it('refuses a changed key, a skewed clock, an unknown key', () => {
    const auth = 'OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request,Signature=e21d18daa82167720f9b1047ae7e7f1ce7cb77a31e8203a7d5f4624fa0284afe';
    expect(code(() => verifyRequest({ ...base('20231216T162057Z', auth), key: 'other' }, options(1702743657)))).toBe('SignatureDoesNotMatch');
    expect(code(() => verifyRequest(base('20231216T162057Z', auth), options(1702743657 + 16 * 60)))).toBe('RequestTimeTooSkewed');
    expect(code(() => verifyRequest(base('20231216T162057Z', auth.replace('=ak/', '=zz/')), options(1702743657)))).toBe('InvalidAccessKeyId');
  });
});

describe('V4 presigned vector', () => {
  it('accepts V4-Q1 before expiry and refuses it after', () => {
    const req: SignableRequest = {
      method: 'PUT', bucket: 'bucket', key: '1234+-/123/1.txt',
      query: [
        ...QUERY,
        ['x-oss-signature-version', 'OSS4-HMAC-SHA256'], ['x-oss-date', '20231217T025437Z'], ['x-oss-expires', '599'],
        ['x-oss-credential', 'ak/20231217/cn-hangzhou/oss/aliyun_v4_request'],
        ['x-oss-signature', 'a39966c61718be0d5b14e668088b3fa07601033f6518ac7b523100014269c0fe'],
      ],
      headers: { ...HEADERS, 'content-type': 'application/octet-stream' },
    };
    expect(verifyRequest(req, options(1702781677 + 10)).kind).toBe('v4-query');
    expect(code(() => verifyRequest(req, options(1702782276 + 1)))).toBe('AccessDenied');
  });
});

describe('V1 vectors', () => {
  it('accepts V1-1 (x-oss-date supplies the Date line) and V1-Q1', () => {
    const date = 'Wed, 28 Dec 2022 10:27:41 GMT';
    const header: SignableRequest = {
      method: 'PUT', bucket: 'examplebucket', key: 'nelson', query: [],
      headers: {
        'content-md5': 'eB5eJF1ptWaXm4bijSPyxw==', 'content-type': 'text/html', 'x-oss-date': date, date,
        'x-oss-meta-author': 'alice', 'x-oss-meta-magic': 'abracadabra', authorization: 'OSS ak:kSHKmLxlyEAKtZPkJhG9bZb5k7M=',
      },
    };
    expect(verifyRequest(header, options(Date.parse(date) / 1000)).kind).toBe('v1-header');
    const query: SignableRequest = {
      method: 'GET', bucket: 'bucket', key: 'key', headers: {},
      query: [['Expires', '1699807420'], ['OSSAccessKeyId', 'ak'], ['Signature', 'dcLTea+Yh9ApirQ8o8dOPqtvJXQ='], ['versionId', 'versionId']],
    };
    expect(verifyRequest(query, options(1699807000)).kind).toBe('v1-query');
    expect(code(() => verifyRequest(query, options(1699807421)))).toBe('AccessDenied');
  });

  it('refuses anonymous requests unless allowed', () => {
    const req: SignableRequest = { method: 'GET', bucket: 'b', key: 'k', query: [], headers: {} };
    expect(code(() => verifyRequest(req, options(0)))).toBe('AccessDenied');
    expect(verifyRequest(req, options(0, { allowAnonymous: true })).kind).toBe('anonymous');
  });
});
