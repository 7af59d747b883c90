import { describe, expect, it } from 'vitest';
import { OssResponseParseError } from '../../../../src/oss/errors.js';
import { buildXml } from '../../../../src/oss/xml/build-xml.js';
import { parseSimpleXml } from '../../../../src/oss/xml/parse-simple-xml.js';
import { parseXml, parseXmlGeneral } from '../../../../src/oss/xml/parse-xml.js';

/** A small deterministic PRNG (mulberry32), so a failure names its seed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMES = ['R', 'Contents', 'Key', 'ETag', 'Size', 'Prefix', 'CommonPrefixes', 'Owner', 'ID', 'x.y', 'a-b', 'ns:Tag'];
const PIECES = ['a', 'Z', '0', '007', ' ', '  ', '\n', '\t', '/', '中', '😀', '&amp;', '&lt;', '&gt;', '&quot;', '&apos;', '&#233;', '&#x4E2D;', '&#34;', '"', "'", '>', '=', '&amp;lt;'];
const ATTRS = ['', ' x="1"', " y='a>b'", ' xmlns="http://doc.oss-cn-hangzhou.aliyuncs.com"', ' a="1" b="&amp;"'];

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)] as T;
}

function text(r: () => number): string {
  let out = '';
  const n = Math.floor(r() * 5);
  for (let i = 0; i < n; i++) out += pick(r, PIECES);
  return out;
}

function element(r: () => number, depth: number): string {
  const name = pick(r, NAMES);
  const attrs = pick(r, ATTRS);
  const kind = r();
  if (kind < 0.1) return `<${name}${attrs}/>`;
  if (depth >= 4 || kind < 0.5) return `<${name}${attrs}>${text(r)}</${name}>`;
  const layout = pick(r, ['', '\n  ', ' ', '\n']);
  let inner = '';
  const n = 1 + Math.floor(r() * 4);
  for (let i = 0; i < n; i++) inner += layout + element(r, depth + 1);
  return `<${name}${attrs}>${inner}${layout}</${name}>`;
}

function document(r: () => number): string {
  const decl = r() < 0.5 ? '<?xml version="1.0" encoding="UTF-8"?>\n' : '';
  return `${decl}${element(r, 0)}${r() < 0.3 ? '\n' : ''}`;
}

const ARRAYS = new Set(['R.Contents', 'R.CommonPrefixes', 'Contents.Key']);

describe('parseSimpleXml', () => {
  it('agrees with the general parser on 3000 generated documents, and takes most of them', () => {
    let taken = 0;
    for (let seed = 1; seed <= 3000; seed++) {
      const xml = document(rng(seed));
      const simple = parseSimpleXml(xml, ARRAYS);
      if (simple === undefined) continue;
      taken++;
      expect({ seed, xml, parsed: simple }).toEqual({ seed, xml, parsed: parseXmlGeneral(xml, ARRAYS) });
    }
    expect(taken).toBeGreaterThan(2000);
  });

  it('parses a local-oss listing of 100 entries like the general parser', () => {
    const xml = buildXml('ListBucketResult', {
      Name: 'bench',
      Prefix: 'list/',
      MaxKeys: '100',
      KeyCount: '100',
      IsTruncated: 'false',
      Contents: Array.from({ length: 100 }, (_, i) => ({
        Key: `list/${String(i).padStart(5, '0')} <&> "q" 'a'`,
        LastModified: '2026-11-29T17:00:00.000Z',
        ETag: `"${i.toString(16).padStart(32, '0')}"`,
        Size: String(i),
        StorageClass: 'Standard',
      })),
    });
    const arrays = new Set(['ListBucketResult.Contents', 'ListBucketResult.CommonPrefixes']);
    const simple = parseSimpleXml(xml, arrays);
    expect(simple).toBeDefined();
    expect(simple).toEqual(parseXmlGeneral(xml, arrays));
  });

  it.each([
    ['a comment', '<R><!-- c --><A>1</A></R>'],
    ['CDATA', '<R><A><![CDATA[x<y]]></A></R>'],
    ['a DOCTYPE', '<!DOCTYPE R><R/>'],
    ['an HTML entity', '<R><A>&nbsp;</A></R>'],
    ['a bare ampersand', '<R><A>a & b</A></R>'],
    ['a control character reference', '<R><A>&#1;</A></R>'],
    ['mixed content', '<R>text<A>1</A></R>'],
    ['a carriage return', '<R>\r\n<A>1</A></R>'],
    ['a processing instruction inside', '<R><?pi x?><A>1</A></R>'],
    ['mismatched tags', '<R><A></B></R>'],
    ['an unclosed root', '<R>'],
    ['two roots', '<R></R><S></S>'],
    ['text outside the root', 'x<R/>'],
    ['no element', 'not xml <'],
    ['a __proto__ element', '<R><__proto__>x</__proto__></R>'],
  ])('leaves %s to the general path', (_what, xml) => {
    expect(parseSimpleXml(xml, new Set())).toBeUndefined();
  });

  it('parseXml still throws OssResponseParseError on malformed input through the fallback', () => {
    for (const xml of ['<R><A></R>', '<R>', '<R><A>a & b</A></R>']) expect(() => parseXml(xml)).toThrow(OssResponseParseError);
  });
});
