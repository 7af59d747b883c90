import { describe, expect, it } from 'vitest';
import { buildPresignedUrl } from '../../../../src/oss/signer/presign.js';

describe('buildPresignedUrl', () => {
  it('appends existing then added parameters, RFC 3986-encoded', () => {
    const url = buildPresignedUrl(
      new URL('https://b.oss-cn-hangzhou.aliyuncs.com/a%20b/%E4%B8%AD.txt'),
      [['response-content-disposition', 'attachment; filename="x y.txt"']],
      [['x-oss-credential', 'ak/20231217/cn-hangzhou/oss/aliyun_v4_request'], ['Signature', 'a+b/c=']],
    );
    expect(url).toBe(
      'https://b.oss-cn-hangzhou.aliyuncs.com/a%20b/%E4%B8%AD.txt' +
        '?response-content-disposition=attachment%3B%20filename%3D%22x%20y.txt%22' +
        '&x-oss-credential=ak%2F20231217%2Fcn-hangzhou%2Foss%2Faliyun_v4_request&Signature=a%2Bb%2Fc%3D',
    );
  });

  it('writes an empty value as the bare key and ignores the base URL search and hash', () => {
    expect(buildPresignedUrl(new URL('http://127.0.0.1:9000/b/k?old=1#h'), [['objectMeta', '']], [])).toBe(
      'http://127.0.0.1:9000/b/k?objectMeta',
    );
    expect(buildPresignedUrl(new URL('http://h/k'), [], [])).toBe('http://h/k');
  });
});
