import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { OssInvalidArgumentError } from '../../../../src/oss/errors.js';
import { canonicalRequestV4 } from '../../../../src/oss/signer/canonical.js';
import {
  computeSignatureV4,
  formatV4Date,
  presignV4,
  scopeV4,
  signingKeyV4,
  signV4,
} from '../../../../src/oss/signer/sign-v4.js';
import type { Credentials } from '../../../../src/oss/credentials/credentials.js';
import { AK_SK, at, v4Request } from './vectors.js';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const HEADER_REQUEST = v4Request('text/plain', { 'x-oss-content-sha256': 'UNSIGNED-PAYLOAD' });
const QUERY_REQUEST = v4Request('application/octet-stream');

describe('V4 helpers', () => {
  it('formats the V4 timestamp and scope', () => {
    expect(formatV4Date(at(1702743657))).toBe('20231216T162057Z');
    expect(scopeV4('20231216', 'cn-hangzhou', 'oss')).toBe('20231216/cn-hangzhou/oss/aliyun_v4_request');
  });

  it('derives a 32-byte signing key and signs with it', () => {
    const key = signingKeyV4('sk', '20231216', 'cn-hangzhou', 'oss');
    expect(key).toHaveLength(32);
    const stringToSign =
      'OSS4-HMAC-SHA256\n20231216T162057Z\n20231216/cn-hangzhou/oss/aliyun_v4_request\n' +
      'f4613657f1b108998e8dbd10a1aa5da621dc2c6e02c9ddec0f163664848704c4';
    expect(computeSignatureV4('sk', stringToSign, '20231216', 'cn-hangzhou', 'oss')).toBe(
      'e21d18daa82167720f9b1047ae7e7f1ce7cb77a31e8203a7d5f4624fa0284afe',
    );
  });
});

describe('signV4 memos (signing key, date strings)', () => {
  /** The signature derived from scratch, without the signer's memos. */
  function independentSignature(secret: string, region: string, stringToSign: string): string {
    const date8 = stringToSign.split('\n')[1]?.slice(0, 8) ?? '';
    let key = createHmac('sha256', `aliyun_v4${secret}`).update(date8).digest();
    for (const part of [region, 'oss', 'aliyun_v4_request']) key = createHmac('sha256', key).update(part).digest();
    return createHmac('sha256', key).update(stringToSign).digest('hex');
  }

  it('interleaving secrets, regions and seconds gives each request its own correct key and dates', () => {
    const other = { accessKeyId: 'ak', accessKeySecret: 'another-secret' };
    const cases: Array<[Credentials, string, number, string]> = [
      [AK_SK, 'cn-hangzhou', 1702743657, 'Sat, 16 Dec 2023 16:20:57 GMT'],
      [other, 'cn-hangzhou', 1702743657, 'Sat, 16 Dec 2023 16:20:57 GMT'],
      [AK_SK, 'cn-beijing', 1702743657, 'Sat, 16 Dec 2023 16:20:57 GMT'],
      [AK_SK, 'cn-hangzhou', 1702743658, 'Sat, 16 Dec 2023 16:20:58 GMT'],
      [AK_SK, 'cn-hangzhou', 1702830057, 'Sun, 17 Dec 2023 16:20:57 GMT'],
    ];
    for (const index of [4, 0, 1, 0, 2, 3, 0, 4, 1, 3, 2, 0]) {
      const [credentials, region, second, httpDate] = cases[index] as (typeof cases)[number];
      const result = signV4(HEADER_REQUEST, { credentials, region, now: at(second) });
      expect(result.signature).toBe(independentSignature(credentials.accessKeySecret, region, result.stringToSign));
      expect(result.headers['date']).toBe(httpDate);
      expect(result.headers['x-oss-date']).toBe(formatV4Date(at(second)));
      expect(result.stringToSign.split('\n')[1]).toBe(new Date(second * 1000).toISOString().replace(/\.000Z$/, 'Z').replace(/[-:]/g, ''));
    }
  });
});

describe('signV4 (header vectors, reference §7.4)', () => {
  it('V4-H1: canonical request, string to sign and Authorization', () => {
    const result = signV4(HEADER_REQUEST, { credentials: AK_SK, region: 'cn-hangzhou', now: at(1702743657) });
    expect(result.canonicalRequest).toBe(
      'PUT\n' +
        '/bucket/1234%2B-/123/1.txt\n' +
        '%2Bparam1=value3&%2Bparam2&%7Cparam1=value4&%7Cparam2&param1=value1&param2\n' +
        'content-type:text/plain\n' +
        'x-oss-content-sha256:UNSIGNED-PAYLOAD\n' +
        'x-oss-date:20231216T162057Z\n' +
        'x-oss-head1:value\n' +
        '\n' +
        '\n' +
        'UNSIGNED-PAYLOAD',
    );
    expect(result.stringToSign).toBe(
      'OSS4-HMAC-SHA256\n' +
        '20231216T162057Z\n' +
        '20231216/cn-hangzhou/oss/aliyun_v4_request\n' +
        'f4613657f1b108998e8dbd10a1aa5da621dc2c6e02c9ddec0f163664848704c4',
    );
    expect(result.headers).toEqual({
      'x-oss-date': '20231216T162057Z',
      'x-oss-content-sha256': 'UNSIGNED-PAYLOAD',
      date: 'Sat, 16 Dec 2023 16:20:57 GMT',
      authorization:
        'OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request,Signature=e21d18daa82167720f9b1047ae7e7f1ce7cb77a31e8203a7d5f4624fa0284afe',
    });
    expect(result.signature).toBe('e21d18daa82167720f9b1047ae7e7f1ce7cb77a31e8203a7d5f4624fa0284afe');
  });

  it('V4-H1 also holds without x-oss-content-sha256 on the input (the signer adds it)', () => {
    const result = signV4(v4Request('text/plain'), { credentials: AK_SK, region: 'cn-hangzhou', now: at(1702743657) });
    expect(result.signature).toBe('e21d18daa82167720f9b1047ae7e7f1ce7cb77a31e8203a7d5f4624fa0284afe');
  });

  it('V4-H2: an STS token is added as x-oss-security-token and signed', () => {
    const result = signV4(HEADER_REQUEST, {
      credentials: { ...AK_SK, securityToken: 'token' },
      region: 'cn-hangzhou',
      now: at(1702784856),
    });
    expect(result.headers['x-oss-security-token']).toBe('token');
    expect(result.canonicalRequest).toContain('x-oss-head1:value\nx-oss-security-token:token\n');
    expect(sha256(result.canonicalRequest)).toBe('69494678fb11579d4ee12996e2796d9e2ba43c34aa4c723c4aec018f3d6b86b8');
    expect(result.headers['authorization']).toBe(
      'OSS4-HMAC-SHA256 Credential=ak/20231217/cn-hangzhou/oss/aliyun_v4_request,Signature=b94a3f999cf85bcdc00d332fbd3734ba03e48382c36fa4d5af5df817395bd9ea',
    );
  });

  it.each([
    [['ZAbc', 'abc']],
    [['x-oss-no-exist', 'ZAbc', 'x-oss-head1', 'abc']],
  ])('V4-H3: additional headers %j', (additionalHeaders) => {
    const result = signV4(HEADER_REQUEST, {
      credentials: AK_SK,
      region: 'cn-hangzhou',
      now: at(1702747512),
      additionalHeaders,
    });
    expect(result.canonicalRequest).toContain(
      'abc:value\ncontent-type:text/plain\nx-oss-content-sha256:UNSIGNED-PAYLOAD\nx-oss-date:20231216T172512Z\n' +
        'x-oss-head1:value\nzabc:value\n\nabc;zabc\nUNSIGNED-PAYLOAD',
    );
    expect(sha256(result.canonicalRequest)).toBe('16b86004ed2cc3406dd7a13081bd940ef6a5ad49e508da2d4fdf84e8a5dd2145');
    expect(result.headers['authorization']).toBe(
      'OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request,AdditionalHeaders=abc;zabc,Signature=4a4183c187c07c8947db7620deb0a6b38d9fbdd34187b6dbaccb316fa251212f',
    );
  });

  it('V4-H4: CloudBox region and product, same canonical request as H1', () => {
    const h1 = signV4(HEADER_REQUEST, { credentials: AK_SK, region: 'cn-hangzhou', now: at(1702743657) });
    const result = signV4(HEADER_REQUEST, {
      credentials: AK_SK,
      region: 'cb-123',
      product: 'oss-cloudbox',
      now: at(1702743657),
    });
    expect(result.canonicalRequest).toBe(h1.canonicalRequest);
    expect(result.headers['authorization']).toBe(
      'OSS4-HMAC-SHA256 Credential=ak/20231216/cb-123/oss-cloudbox/aliyun_v4_request,Signature=94ce1f12c17d148ea681030275a94449d3357f5b5b21133996eec80af3e08a43',
    );
  });

  it('ali-oss form: "objectMeta=" (empty value) signs the same as a bare "objectMeta"', () => {
    const base = { method: 'HEAD', bucket: 'b', key: 'k', headers: {} };
    const options = { credentials: AK_SK, region: 'cn-hangzhou', now: at(1702743657) };
    const bare = signV4({ ...base, query: [...new URLSearchParams('objectMeta')] }, options);
    const withEquals = signV4({ ...base, query: [...new URLSearchParams('objectMeta=')] }, options);
    expect(bare.canonicalRequest.split('\n')[2]).toBe('objectMeta');
    expect(withEquals.signature).toBe(bare.signature);
  });

  it('the request given to the verifier (input headers + added headers) reproduces the signature', () => {
    const result = signV4(HEADER_REQUEST, { credentials: AK_SK, region: 'cn-hangzhou', now: at(1702743657) });
    const received = { ...HEADER_REQUEST, headers: { ...HEADER_REQUEST.headers, ...result.headers } };
    expect(canonicalRequestV4(received, [])).toBe(result.canonicalRequest);
  });
});

describe('presignV4 (query vectors, reference §7.4)', () => {
  it('V4-Q1: canonical request and x-oss-signature; x-oss-signature is last', () => {
    const result = presignV4(QUERY_REQUEST, {
      credentials: AK_SK,
      region: 'cn-hangzhou',
      now: at(1702781677),
      expiresInSeconds: 1702782276 - 1702781677,
    });
    expect(result.canonicalRequest).toBe(
      'PUT\n' +
        '/bucket/1234%2B-/123/1.txt\n' +
        '%2Bparam1=value3&%2Bparam2&%7Cparam1=value4&%7Cparam2&param1=value1&param2&x-oss-credential=ak%2F20231217%2Fcn-hangzhou%2Foss%2Faliyun_v4_request&x-oss-date=20231217T025437Z&x-oss-expires=599&x-oss-signature-version=OSS4-HMAC-SHA256\n' +
        'content-type:application/octet-stream\n' +
        'x-oss-head1:value\n' +
        '\n' +
        '\n' +
        'UNSIGNED-PAYLOAD',
    );
    expect(sha256(result.canonicalRequest)).toBe('48814c11f278d51662015bf2f896b66ca10b6de0187ed8d952e341bbce0aa336');
    expect(result.query).toEqual([
      ['x-oss-signature-version', 'OSS4-HMAC-SHA256'],
      ['x-oss-date', '20231217T025437Z'],
      ['x-oss-expires', '599'],
      ['x-oss-credential', 'ak/20231217/cn-hangzhou/oss/aliyun_v4_request'],
      ['x-oss-signature', 'a39966c61718be0d5b14e668088b3fa07601033f6518ac7b523100014269c0fe'],
    ]);
  });

  it('V4-Q2: STS token in the query, between x-oss-expires and x-oss-signature-version', () => {
    const result = presignV4(QUERY_REQUEST, {
      credentials: { ...AK_SK, securityToken: 'token' },
      region: 'cn-hangzhou',
      now: at(1702785388),
      expiresInSeconds: 1702785987 - 1702785388,
    });
    expect(result.canonicalRequest).toContain('&x-oss-expires=599&x-oss-security-token=token&x-oss-signature-version=');
    expect(result.query).toContainEqual(['x-oss-security-token', 'token']);
    expect(result.signature).toBe('3817ac9d206cd6dfc90f1c09c00be45005602e55898f26f5ddb06d7892e1f8b5');
  });

  it('V4-Q3: additional headers become x-oss-additional-headers and are signed', () => {
    const result = presignV4(QUERY_REQUEST, {
      credentials: AK_SK,
      region: 'cn-hangzhou',
      now: at(1702783809),
      expiresInSeconds: 1702784408 - 1702783809,
      additionalHeaders: ['ZAbc', 'abc'],
    });
    expect(result.query).toContainEqual(['x-oss-additional-headers', 'abc;zabc']);
    expect(result.canonicalRequest).toContain('x-oss-additional-headers=abc%3Bzabc&');
    expect(result.canonicalRequest).toContain(
      'abc:value\ncontent-type:application/octet-stream\nx-oss-head1:value\nzabc:value\n\nabc;zabc\nUNSIGNED-PAYLOAD',
    );
    expect(result.signature).toBe('6bd984bfe531afb6db1f7550983a741b103a8c58e5e14f83ea474c2322dfa2b7');
  });

  it('V4-Q4: five days', () => {
    const result = presignV4(QUERY_REQUEST, {
      credentials: AK_SK,
      region: 'cn-hangzhou',
      now: at(1702781677),
      expiresInSeconds: 432000,
    });
    expect(result.query).toContainEqual(['x-oss-expires', '432000']);
    expect(result.signature).toBe('31029123dc7732d2d2cfd4006ea4fdb6cf86da6478f813e2bf8f87877c7b9fec');
  });

  it.each([
    [1702781677, ['ZAbc', 'abc'], '07284191b9b4978ac3520cd39ee2dea2747eda454089359371ff463a6c7ba20f'],
    [1702783809, ['x-oss-no-exist', 'abc', 'x-oss-head1', 'ZAbc'], '16782cc8a7a554523db055eb804b508522e7e370073108ad88ee2f47496701dd'],
  ])('GO CloudBox presign signed at %i', (signTime, additionalHeaders, expected) => {
    const result = presignV4(QUERY_REQUEST, {
      credentials: AK_SK,
      region: 'cb-123',
      product: 'oss-cloudbox',
      now: at(signTime),
      expiresInSeconds: 599,
      additionalHeaders,
    });
    expect(result.query).toContainEqual(['x-oss-credential', 'ak/' + formatV4Date(at(signTime)).slice(0, 8) + '/cb-123/oss-cloudbox/aliyun_v4_request']);
    expect(result.query).toContainEqual(['x-oss-additional-headers', 'abc;zabc']);
    expect(result.signature).toBe(expected);
  });

  it.each([0, -1, 604801, 1.5, Number.NaN])('rejects expiresInSeconds %s', (expiresInSeconds) => {
    const call = (): unknown =>
      presignV4(QUERY_REQUEST, { credentials: AK_SK, region: 'cn-hangzhou', now: at(1702781677), expiresInSeconds });
    expect(call).toThrow(OssInvalidArgumentError);
    expect(call).toThrow(/expiresInSeconds: .*604800/);
  });

  it('accepts exactly 7 days', () => {
    const result = presignV4(QUERY_REQUEST, {
      credentials: AK_SK,
      region: 'cn-hangzhou',
      now: at(1702781677),
      expiresInSeconds: 604800,
    });
    expect(result.query).toContainEqual(['x-oss-expires', '604800']);
  });
});
