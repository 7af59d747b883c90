import { describe, expect, it } from 'vitest';
import {
  canonicalHeadersV4,
  canonicalQueryV4,
  canonicalResourceV1,
  canonicalUriV4,
  stringToSignV1,
  uriEncode,
  V1_SUB_RESOURCES,
} from '../../../../src/oss/signer/canonical.js';
import { VECTOR_QUERY } from './vectors.js';

describe('uriEncode', () => {
  it('keeps unreserved characters and encodes everything else as uppercase %XX over UTF-8', () => {
    expect(uriEncode('AZaz09-_.~', false)).toBe('AZaz09-_.~');
    expect(uriEncode(" +/*;!'()=&?#%", false)).toBe('%20%2B%2F%2A%3B%21%27%28%29%3D%26%3F%23%25');
    expect(uriEncode('中é', false)).toBe('%E4%B8%AD%C3%A9');
    expect(uriEncode('\r\n', false)).toBe('%0D%0A');
  });

  it('leaves "/" literal only with keepSlash', () => {
    expect(uriEncode('a/b c', true)).toBe('a/b%20c');
    expect(uriEncode('a/b c', false)).toBe('a%2Fb%20c');
  });

  it('encodes an emoji (surrogate pair) as its four UTF-8 bytes', () => {
    expect(uriEncode('😀', false)).toBe('%F0%9F%98%80');
  });
});

describe('canonicalUriV4', () => {
  it('builds /bucket/key, /bucket/ and /', () => {
    expect(canonicalUriV4('bucket', '1234+-/123/1.txt')).toBe('/bucket/1234%2B-/123/1.txt');
    expect(canonicalUriV4('bucket')).toBe('/bucket/');
    expect(canonicalUriV4()).toBe('/');
  });

  it('encodes spaces and multibyte characters, keeping "/" (derived rule check, reference §7.5)', () => {
    expect(canonicalUriV4('b', 'a b/中文.txt')).toBe('/b/a%20b/%E4%B8%AD%E6%96%87.txt');
  });
});

describe('canonicalQueryV4', () => {
  it('encodes, sorts by encoded key in byte order, and writes empty values as bare keys (vector query)', () => {
    expect(canonicalQueryV4(VECTOR_QUERY)).toBe(
      '%2Bparam1=value3&%2Bparam2&%7Cparam1=value4&%7Cparam2&param1=value1&param2',
    );
  });

  it('treats ali-oss "objectMeta=" (empty string) exactly like a bare "objectMeta"', () => {
    // ali-oss sends `?objectMeta=` on the wire; a parsed URL yields the empty string either way.
    const fromEquals = canonicalQueryV4([...new URLSearchParams('objectMeta=&versionId=v%201')]);
    const fromBare = canonicalQueryV4([...new URLSearchParams('objectMeta&versionId=v%201')]);
    expect(fromEquals).toBe('objectMeta&versionId=v%201');
    expect(fromBare).toBe(fromEquals);
  });

  it('sorts equal keys by value and uses byte order, not locale order', () => {
    expect(canonicalQueryV4([['a', '2'], ['a', '1'], ['B', ''], ['_', 'x']])).toBe('B&_=x&a=1&a=2');
  });

  it('returns the empty string for no parameters', () => {
    expect(canonicalQueryV4([])).toBe('');
  });
});

describe('canonicalHeadersV4', () => {
  const headers = {
    'x-oss-head1': 'value',
    abc: ' value ',
    zabc: 'value',
    xyz: 'value',
    'content-type': 'text/plain',
    'content-md5': 'md5',
    host: 'h',
  };

  it('includes x-oss-*, content-type and content-md5 by default, sorted, values trimmed', () => {
    expect(canonicalHeadersV4(headers, [])).toEqual({
      canonicalHeaders: 'content-md5:md5\ncontent-type:text/plain\nx-oss-head1:value\n',
      signedAdditional: [],
    });
  });

  it('adds only present, non-default additional headers, lowercased, deduplicated and sorted', () => {
    const result = canonicalHeadersV4(headers, ['ZAbc', 'x-oss-no-exist', 'abc', 'x-oss-head1', 'ABC', 'missing', 'content-type']);
    expect(result.signedAdditional).toEqual(['abc', 'zabc']);
    expect(result.canonicalHeaders).toBe(
      'abc:value\ncontent-md5:md5\ncontent-type:text/plain\nx-oss-head1:value\nzabc:value\n',
    );
  });
});

describe('canonicalResourceV1', () => {
  it('uses the raw key and keeps whitelisted sub-resources only, sorted', () => {
    expect(canonicalResourceV1('examplebucket', undefined, [['resourceGroup', ''], ['non-resousce', 'null']])).toBe(
      '/examplebucket/?resourceGroup',
    );
    expect(canonicalResourceV1('bucket', 'key+123', [['versionId', 'versionId'], ['security-token', 'token']])).toBe(
      '/bucket/key+123?security-token=token&versionId=versionId',
    );
  });

  it('signs any x-oss-* query key, and never listing parameters', () => {
    expect(
      canonicalResourceV1('b', 'k', [['x-oss-process', 'image/resize,w_10'], ['x-oss-traffic-limit', '100'], ['prefix', 'a'], ['list-type', '2']]),
    ).toBe('/b/k?x-oss-process=image/resize,w_10&x-oss-traffic-limit=100');
    expect(V1_SUB_RESOURCES.has('prefix')).toBe(false);
    expect(V1_SUB_RESOURCES.has('max-keys')).toBe(false);
  });

  it('is "/" without a bucket', () => {
    expect(canonicalResourceV1(undefined, undefined, [])).toBe('/');
  });

  it('contains the union of the SDK and documentation lists', () => {
    for (const name of ['acl', 'objectMeta', 'resourceGroup', 'continuation-token', 'cors', 'lifecycle', 'x-oss-process', 'replicationProgress', 'inventoryId', 'styleName', 'comp']) {
      expect(V1_SUB_RESOURCES.has(name), name).toBe(true);
    }
  });
});

describe('stringToSignV1', () => {
  it('writes empty Content-MD5/Content-Type lines when the headers are absent', () => {
    expect(stringToSignV1({ method: 'get', bucket: 'b', query: [], headers: {} }, '1699807420')).toBe(
      'GET\n\n\n1699807420\n/b/',
    );
  });
});
