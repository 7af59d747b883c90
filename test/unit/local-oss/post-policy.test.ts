import { describe, expect, it } from 'vitest';
import { LocalOssError } from '../../../src/local-oss/errors.js';
import { checkPostPolicy, parsePostPolicy, unescapeDollar } from '../../../src/local-oss/post-policy.js';
import { encodePostPolicy, type PostPolicy } from '../../../src/oss/signer/post-policy.js';

const NOW = new Date('2026-11-29T10:00:00.000Z');
const b64 = (text: string): string => Buffer.from(text).toString('base64');
const policy = (conditions: unknown[], expiration = '2026-11-29T11:00:00.000Z'): string =>
  encodePostPolicy({ expiration, conditions } as unknown as PostPolicy);

/** A policy written with plain JSON (the client's encoder only writes well-formed ones). */
const raw = (conditions: unknown[]): string => b64(JSON.stringify({ expiration: '2026-11-29T11:00:00.000Z', conditions }));

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return (error as LocalOssError).code;
  }
  return undefined;
}

describe('unescapeDollar', () => {
  it('turns \\$ into $ and leaves other escapes, including an escaped backslash before $', () => {
    expect(unescapeDollar('"\\$5"')).toBe('"$5"');
    expect(unescapeDollar('"\\\\$"')).toBe('"\\\\$"');
    expect(unescapeDollar('"a\\"b\\n\\u0041"')).toBe('"a\\"b\\n\\u0041"');
    expect(JSON.parse(unescapeDollar('["\\\\\\$"]'))).toEqual(['\\$']);
  });
});

describe('parsePostPolicy', () => {
  it('reads every condition kind; field names are case-insensitive; ranges intersect', () => {
    const parsed = parsePostPolicy(policy([
      { bucket: 'b' },
      ['eq', '$Key', 'k'],
      ['starts-with', '$x-oss-meta-a', 'p'],
      ['in', '$Content-Type', ['a', 'b']],
      ['not-in', '$cache-control', ['no-cache']],
      ['content-length-range', 1, 100],
      ['content-length-range', 10, 50],
      ['eq', 'success_action_status', '201'],
    ]));
    expect(parsed.expiration).toBe(Date.parse('2026-11-29T11:00:00.000Z'));
    expect(parsed.sizeRange).toEqual({ min: 10, max: 50 });
    expect(parsed.conditions.map((c) => [c.kind, c.field, c.values])).toEqual([
      ['eq', 'bucket', ['b']],
      ['eq', 'key', ['k']],
      ['starts-with', 'x-oss-meta-a', ['p']],
      ['in', 'content-type', ['a', 'b']],
      ['not-in', 'cache-control', ['no-cache']],
      ['eq', 'success_action_status', ['201']],
    ]);
    expect(parsePostPolicy(policy([{ bucket: 'b' }])).sizeRange).toBeUndefined();
  });

  it('refuses malformed policies with InvalidPolicyDocument', () => {
    for (const bad of [
      'not base64!',
      b64('{not json'),
      b64('[]'),
      b64('{"conditions":[{"bucket":"b"}]}'),
      b64('{"expiration":"tomorrow","conditions":[{"bucket":"b"}]}'),
      b64('{"expiration":"2026-11-29T11:00:00.000Z"}'),
      raw([]),
      raw([123]),
      raw([{ bucket: 'b', key: 'k' }]),
      raw([['$key']]),
      raw([['matches', '$key', 'k']]),
      raw([['content-length-range', 10, 1]]),
      raw([['content-length-range', -1, 1]]),
      raw([['content-length-range', 1]]),
      raw([['in', '$key', 'k']]),
      raw([['eq', '$key', 5]]),
    ]) {
      expect(codeOf(() => parsePostPolicy(bad)), bad).toBe('InvalidPolicyDocument');
    }
  });
});

describe('checkPostPolicy', () => {
  const parsed = parsePostPolicy(policy([{ bucket: 'b' }, ['eq', '$key', 'k'], ['in', '$content-type', ['text/plain']], ['content-length-range', 0, 9]]));
  const values = (extra: Record<string, string> = {}): Map<string, string> =>
    new Map(Object.entries({ bucket: 'b', key: 'k', 'content-type': 'text/plain', ...extra }));

  it('passes a matching form; the policy and signature fields and x-ignore-* need no condition', () => {
    expect(() => checkPostPolicy(parsed, values(), ['key', 'content-type', 'policy', 'signature', 'ossaccesskeyid', 'x-ignore-submit'], NOW)).not.toThrow();
  });

  it('refuses an expired policy, a failed or unmatched condition, and an extra field, with OSS messages', () => {
    const expired = parsePostPolicy(policy([{ bucket: 'b' }], '2026-11-29T09:59:59.000Z'));
    expect(() => checkPostPolicy(expired, values(), [], NOW)).toThrow('Invalid according to Policy: Policy expired.');
    expect(() => checkPostPolicy(parsed, values({ key: 'k2' }), ['key'], NOW)).toThrow(
      'Invalid according to Policy: Policy Condition failed: ["eq", "$key", "k"]',
    );
    const noType = values();
    noType.delete('content-type');
    expect(codeOf(() => checkPostPolicy(parsed, noType, ['key'], NOW))).toBe('AccessDenied');
    expect(() => checkPostPolicy(parsed, values(), ['key', 'x-oss-meta-a'], NOW)).toThrow('Invalid according to Policy: Extra input fields: x-oss-meta-a');
  });
});
