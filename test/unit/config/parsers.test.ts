import { describe, expect, it } from 'vitest';
import { boolean, byteSize, durationMs, endpoint, integer, list, oneOf, origin } from '../../../src/config/parsers.js';

describe('parsers', () => {
  it('boolean', () => {
    expect(boolean('TRUE')).toEqual({ ok: true, value: true });
    expect(boolean('0')).toEqual({ ok: true, value: false });
    expect(boolean('y').ok).toBe(false);
  });

  it('integer', () => {
    const port = integer(0, 65_535);
    expect(port('8080')).toEqual({ ok: true, value: 8080 });
    for (const raw of ['8080.5', '1e3', '65536', '-1', '0x10', '']) expect(port(raw).ok, raw).toBe(false);
  });

  it('byteSize', () => {
    const size = byteSize(1, 2 ** 40);
    expect(size('10MiB')).toEqual({ ok: true, value: 10 * 1024 * 1024 });
    expect(size('1 kb')).toEqual({ ok: true, value: 1000 });
    expect(size('7')).toEqual({ ok: true, value: 7 });
    for (const raw of ['0', '1.5MiB', 'MiB', '10 TiB', '-1']) expect(size(raw).ok, raw).toBe(false);
  });

  it('durationMs', () => {
    const duration = durationMs(0, 600_000);
    expect(duration('30s')).toEqual({ ok: true, value: 30_000 });
    expect(duration('2m')).toEqual({ ok: true, value: 120_000 });
    expect(duration('250')).toEqual({ ok: true, value: 250 });
    for (const raw of ['1h', '11m', '1.5s']) expect(duration(raw).ok, raw).toBe(false);
  });

  it('oneOf', () => {
    const level = oneOf(['a', 'b'] as const);
    expect(level('b')).toEqual({ ok: true, value: 'b' });
    expect(level('B')).toEqual({ ok: false, rule: 'must be one of a, b' });
  });

  it('origin', () => {
    expect(origin('https://app.example.com')).toEqual({ ok: true, value: 'https://app.example.com' });
    expect(origin('http://localhost:5173/')).toEqual({ ok: true, value: 'http://localhost:5173' });
    for (const raw of ['app.example.com', 'https://app.example.com/x', 'ftp://a.example.com', '*', 'null']) {
      expect(origin(raw).ok, raw).toBe(false);
    }
  });

  it('endpoint', () => {
    for (const raw of ['oss-cn-hangzhou.aliyuncs.com', 'http://127.0.0.1:9000', 'https://oss.example.com/']) {
      expect(endpoint(raw).ok, raw).toBe(true);
    }
    for (const raw of ['ftp://x', 'http://h/path', 'http://h?q=1', 'http://user@h']) expect(endpoint(raw).ok, raw).toBe(false);
  });

  it('list drops blanks and duplicates and names the bad item', () => {
    const origins = list(origin);
    expect(origins(' https://a.example.com ,, https://a.example.com')).toEqual({ ok: true, value: ['https://a.example.com'] });
    const bad = origins('https://a.example.com,nope');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.rule).toContain('"nope"');
  });
});
