import { describe, expect, it } from 'vitest';
import { OssResponseParseError } from '../../../../src/oss/errors.js';
import { buildXml } from '../../../../src/oss/xml/build-xml.js';
import { parseXml } from '../../../../src/oss/xml/parse-xml.js';

const LISTING = `<?xml version="1.0" encoding="UTF-8"?>
<ListBucketResult>
  <Name>demo</Name>
  <Prefix></Prefix>
  <MaxKeys>100</MaxKeys>
  <IsTruncated>false</IsTruncated>
  <Contents>
    <Key>007</Key>
    <ETag>&quot;5B3C1A2E053D763E1B002CC607C5A0FE&#34;</ETag>
    <Size>0</Size>
  </Contents>
  <CommonPrefixes><Prefix>a/</Prefix></CommonPrefixes>
  <CommonPrefixes><Prefix>b/</Prefix></CommonPrefixes>
</ListBucketResult>`;

describe('parseXml', () => {
  it('keeps every value a string and decodes entities', () => {
    const parsed = parseXml(LISTING, { arrays: ['ListBucketResult.Contents'] });
    expect(parsed).toEqual({
      ListBucketResult: {
        Name: 'demo',
        Prefix: '',
        MaxKeys: '100',
        IsTruncated: 'false',
        Contents: [{ Key: '007', ETag: '"5B3C1A2E053D763E1B002CC607C5A0FE"', Size: '0' }],
        CommonPrefixes: [{ Prefix: 'a/' }, { Prefix: 'b/' }],
      },
    });
  });

  it('makes listed paths arrays even for one element, and leaves other paths alone', () => {
    const one = '<R><Contents><Key>k</Key></Contents><Owner><ID>1</ID></Owner></R>';
    expect(parseXml(one, { arrays: ['R.Contents'] })).toEqual({ R: { Contents: [{ Key: 'k' }], Owner: { ID: '1' } } });
    expect(parseXml(one)).toEqual({ R: { Contents: { Key: 'k' }, Owner: { ID: '1' } } });
    expect(parseXml('<R><Other><Contents>x</Contents></Other></R>', { arrays: ['R.Contents'] })).toEqual({
      R: { Other: { Contents: 'x' } },
    });
  });

  it('decodes named, decimal and hex entities and keeps leading and trailing spaces of keys', () => {
    const parsed = parseXml('<R><Key> a &amp; b &lt;c&gt; &apos;d&apos; &#233;&#x4E2D; </Key><E/></R>');
    expect(parsed).toEqual({ R: { Key: " a & b <c> 'd' é中 ", E: '' } });
  });

  it('ignores attributes and the declaration', () => {
    expect(parseXml('<?xml version="1.0"?><R xmlns="http://doc.oss-cn-hangzhou.aliyuncs.com"><A x="1">v</A></R>')).toEqual({
      R: { A: 'v' },
    });
  });

  it.each(['<R><A></R>', '<R>', 'not xml <', '<R></R><S></S>'])('throws OssResponseParseError on %j', (xml) => {
    expect(() => parseXml(xml)).toThrow(OssResponseParseError);
  });
});

describe('buildXml', () => {
  it('writes the declaration, repeated elements for arrays, and escapes text', () => {
    const xml = buildXml('CompleteMultipartUpload', {
      Part: [
        { PartNumber: '1', ETag: '"A"' },
        { PartNumber: '2', ETag: '"B"' },
      ],
      Note: 'a & b < c',
      Skipped: undefined,
    });
    expect(xml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<CompleteMultipartUpload>' +
        '<Part><PartNumber>1</PartNumber><ETag>&quot;A&quot;</ETag></Part>' +
        '<Part><PartNumber>2</PartNumber><ETag>&quot;B&quot;</ETag></Part>' +
        '<Note>a &amp; b &lt; c</Note></CompleteMultipartUpload>',
    );
  });

  it('round-trips through parseXml', () => {
    const value = {
      Name: 'demo',
      Contents: [
        { Key: ' 007 <&> "x" ', Size: '0' },
        { Key: '中文/a b', Size: '12' },
      ],
      Empty: '',
    };
    const parsed = parseXml(buildXml('ListBucketResult', value), { arrays: ['ListBucketResult.Contents'] });
    expect(parsed).toEqual({ ListBucketResult: value });
  });
});
