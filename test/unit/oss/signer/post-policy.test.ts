import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { OssInvalidArgumentError } from '../../../../src/oss/errors.js';
import { buildPostForm, encodePostPolicy, MAX_POST_OBJECT_BYTES, postPolicyJson } from '../../../../src/oss/signer/post-policy.js';

const NOW = new Date('2026-11-29T10:00:00.000Z');
const CREDS = { accessKeyId: 'ak', accessKeySecret: 'sk' };
const hmac = (key: string | Buffer, text: string): Buffer => createHmac('sha256', key).update(text).digest();

/** The V4 signing chain written out here, independently of sign-v4.ts (reference wave 2 §9.1). */
function v4Signature(secret: string, date8: string, region: string, policy: string): string {
  const k4 = hmac(hmac(hmac(hmac(`aliyun_v4${secret}`, date8), region), 'oss'), 'aliyun_v4_request');
  return createHmac('sha256', k4).update(policy).digest('hex');
}

const INPUT = {
  bucket: 'photos',
  key: 'users/alice/cat.png',
  fields: [
    { name: 'Content-Type', value: 'image/png' },
    { name: 'x-oss-meta-price', value: '$5 "each"' },
  ],
  successActionStatus: '201' as const,
  minBytes: 1,
  maxBytes: 1024,
  expiresInSeconds: 600,
};

describe('postPolicyJson', () => {
  it('escapes a literal $ as \\$ in values only, never in $field references', () => {
    const json = postPolicyJson({ expiration: 'E', conditions: [{ 'x-oss-meta-a': '$x' }, ['eq', '$key', 'a$b'], ['in', '$content-type', ['$1', 'b']], ['content-length-range', 0, 9]] });
    expect(json).toBe('{"expiration":"E","conditions":[{"x-oss-meta-a":"\\\\$x"},["eq","$key","a\\\\$b"],["in","$content-type",["\\\\$1","b"]],["content-length-range",0,9]]}'.replace(/\\\\\$/g, '\\$'));
    expect(JSON.parse(json.replace(/\\\$/g, '$'))).toEqual({
      expiration: 'E',
      conditions: [{ 'x-oss-meta-a': '$x' }, ['eq', '$key', 'a$b'], ['in', '$content-type', ['$1', 'b']], ['content-length-range', 0, 9]],
    });
  });
});

describe('buildPostForm', () => {
  it('V4: fields in sending order, a policy binding every field, the size range and the signing fields, signed with the V4 key', () => {
    const form = buildPostForm(INPUT, { version: 'v4', credentials: CREDS, region: 'cn-hangzhou', now: NOW });
    expect(form.fields.map((f) => f.name)).toEqual([
      'key', 'Content-Type', 'x-oss-meta-price', 'success_action_status',
      'x-oss-signature-version', 'x-oss-credential', 'x-oss-date', 'policy', 'x-oss-signature',
    ]);
    const value = (name: string): string => form.fields.find((f) => f.name === name)!.value;
    expect(value('x-oss-credential')).toBe('ak/20261129/cn-hangzhou/oss/aliyun_v4_request');
    expect(value('x-oss-date')).toBe('20261129T100000Z');
    expect(form.expiresAt.toISOString()).toBe('2026-11-29T10:10:00.000Z');
    expect(form.policy).toEqual({
      expiration: '2026-11-29T10:10:00.000Z',
      conditions: [
        { bucket: 'photos' },
        ['eq', '$key', 'users/alice/cat.png'],
        ['eq', '$Content-Type', 'image/png'],
        ['eq', '$x-oss-meta-price', '$5 "each"'],
        ['eq', '$success_action_status', '201'],
        ['content-length-range', 1, 1024],
        { 'x-oss-signature-version': 'OSS4-HMAC-SHA256' },
        { 'x-oss-credential': 'ak/20261129/cn-hangzhou/oss/aliyun_v4_request' },
        { 'x-oss-date': '20261129T100000Z' },
      ],
    });
    expect(value('policy')).toBe(encodePostPolicy(form.policy));
    expect(Buffer.from(value('policy'), 'base64').toString()).toContain('"\\$5 \\"each\\""');
    expect(value('x-oss-signature')).toBe(v4Signature('sk', '20261129', 'cn-hangzhou', value('policy')));
  });

  it('V1: OSSAccessKeyId, policy and Signature = base64 HMAC-SHA1 of the policy; an STS token is a bound field', () => {
    const form = buildPostForm({ ...INPUT, key: 'users/alice/', keyIsPrefix: true }, {
      version: 'v1',
      credentials: { ...CREDS, securityToken: 'tok' },
      region: 'cn-hangzhou',
      now: NOW,
    });
    expect(form.fields.map((f) => f.name)).toEqual([
      'key', 'Content-Type', 'x-oss-meta-price', 'success_action_status', 'x-oss-security-token', 'OSSAccessKeyId', 'policy', 'Signature',
    ]);
    expect(form.policy.conditions).toContainEqual(['starts-with', '$key', 'users/alice/']);
    expect(form.policy.conditions).toContainEqual({ 'x-oss-security-token': 'tok' });
    const policy = form.fields.find((f) => f.name === 'policy')!.value;
    expect(form.fields.find((f) => f.name === 'Signature')!.value).toBe(createHmac('sha1', 'sk').update(policy).digest('base64'));
  });

  it('refuses size ranges and lifetimes OSS would not accept, naming the field', () => {
    const signing = { version: 'v4' as const, credentials: CREDS, region: 'cn-hangzhou', now: NOW };
    for (const bad of [
      { maxBytes: MAX_POST_OBJECT_BYTES + 1 },
      { maxBytes: -1 },
      { maxBytes: 1.5 },
      { minBytes: 2000 },
      { expiresInSeconds: 0 },
      { expiresInSeconds: 604_801 },
    ]) {
      expect(() => buildPostForm({ ...INPUT, ...bad }, signing), JSON.stringify(bad)).toThrow(OssInvalidArgumentError);
    }
    expect(() => buildPostForm({ ...INPUT, minBytes: 2000 }, signing)).toThrow(/minBytes: must not exceed maxBytes \(1024\); received 2000/);
  });
});
