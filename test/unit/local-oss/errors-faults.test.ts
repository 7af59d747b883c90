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

describe('faults: apply then drop', () => {
  const write = { operation: 'CopyObject', method: 'PUT' };
  const read = { operation: 'HeadObject', method: 'HEAD' };

  it('applies to writes by default, never to reads, at about the configured rate, identically for a seed', () => {
    const decide = (seed: number): string[] => {
      const f = createFaultInjector({ seed, dropAfterApplyRate: 0.3 });
      return Array.from({ length: 2000 }, (_, i) => f.next(i % 2 === 0 ? write : read).kind);
    };
    const k = decide(4);
    expect(decide(4)).toEqual(k);
    expect(decide(5)).not.toEqual(k);
    expect(k.filter((x, i) => i % 2 === 1 && x !== 'none')).toEqual([]);
    const share = k.filter((x) => x === 'drop-after-apply').length / 1000;
    expect(share).toBeGreaterThan(0.25);
    expect(share).toBeLessThan(0.35);
    expect(createFaultInjector({ dropAfterApplyRate: 0.3 }).enabled).toBe(true);
  });

  it('its decisions for writes do not shift with the reads in between', () => {
    const writesOnly = createFaultInjector({ seed: 3, dropAfterApplyRate: 0.5 });
    const a = Array.from({ length: 50 }, () => writesOnly.next(write).kind);
    const mixed = createFaultInjector({ seed: 3, dropAfterApplyRate: 0.5 });
    const b = Array.from({ length: 50 }, () => (mixed.next(read), mixed.next(write).kind));
    expect(b).toEqual(a);
  });

  it('is limited to the named operations or methods', () => {
    const f = createFaultInjector({ dropAfterApplyRate: 1, dropAfterApplyOn: ['CompleteMultipartUpload', 'DELETE'] });
    expect(f.next(write).kind).toBe('none');
    expect(f.next({ operation: 'CompleteMultipartUpload', method: 'POST' }).kind).toBe('drop-after-apply');
    expect(f.next({ operation: 'AbortMultipartUpload', method: 'DELETE' }).kind).toBe('drop-after-apply');
    expect(f.next().kind).toBe('none');
    expect(() => createFaultInjector({ dropAfterApplyRate: 2 })).toThrow(RangeError);
  });
});
