import { describe, expect, it } from 'vitest';
import { errorHeaderValue, errorXml, LocalOssError } from '../../../src/local-oss/errors.js';
import { createFaultInjector, seededRandom } from '../../../src/local-oss/faults.js';
import { parseXml } from '../../../src/oss/xml/parse-xml.js';

describe('LocalOssError', () => {
  it('takes its status from the code table and renders the OSS <Error> document', () => {
    const error = new LocalOssError('NoSuchKey', undefined, { details: { Key: 'a&b' } });
    expect(error.status).toBe(404);
    const xml = errorXml(error, 'RID', 'b.oss-cn-hangzhou.aliyuncs.com');
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(parseXml(xml)).toEqual({
      Error: {
        Code: 'NoSuchKey',
        Message: 'The specified key does not exist.',
        RequestId: 'RID',
        HostId: 'b.oss-cn-hangzhou.aliyuncs.com',
        Key: 'a&b',
        EC: '0026-00000001',
        RecommendDoc: 'https://api.aliyun.com/troubleshoot?q=0026-00000001',
      },
    });
  });

  it('encodes x-oss-err as base64 of the XML', () => {
    const xml = errorXml(new LocalOssError('PreconditionFailed'), 'R', 'H');
    expect(Buffer.from(errorHeaderValue(xml), 'base64').toString('utf8')).toBe(xml);
  });

  it('lets fault injection override status and code text', () => {
    const error = new LocalOssError('ServiceUnavailable', 'x', { status: 429, codeText: 'TotalQpsLimitExceeded' });
    expect([error.status, error.code]).toEqual([429, 'TotalQpsLimitExceeded']);
  });
});

describe('faults', () => {
  it('seededRandom is deterministic per seed', () => {
    const a = seededRandom(5);
    const b = seededRandom(5);
    const c = seededRandom(6);
    const sa = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(sa);
    expect(Array.from({ length: 5 }, c)).not.toEqual(sa);
    expect(sa.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('injects errors and resets at about the configured rates, identically for a seed', () => {
    const kinds = (seed: number): string[] => {
      const f = createFaultInjector({ seed, errorRate: 0.2, resetRate: 0.1 });
      return Array.from({ length: 2000 }, () => f.next().kind);
    };
    const k = kinds(9);
    expect(kinds(9)).toEqual(k);
    const share = (kind: string): number => k.filter((x) => x === kind).length / k.length;
    expect(share('error')).toBeGreaterThan(0.15);
    expect(share('error')).toBeLessThan(0.25);
    expect(share('reset')).toBeGreaterThan(0.07);
    expect(share('reset')).toBeLessThan(0.13);
  });

  it('is disabled by default and validates rates', () => {
    expect(createFaultInjector().enabled).toBe(false);
    expect(createFaultInjector().next()).toEqual({ kind: 'none', latencyMs: 0 });
    expect(() => createFaultInjector({ errorRate: 1.5 })).toThrow(RangeError);
    expect(() => createFaultInjector({ errorRate: 0.6, resetRate: 0.6 })).toThrow(RangeError);
  });
});
