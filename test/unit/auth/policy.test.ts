import { describe, expect, it } from 'vitest';
import { PolicyError, parsePolicy, parsePolicyJson } from '../../../src/auth/policy.js';

/** The problems `document` is refused with, as `path: problem` lines. */
function problems(document: unknown): string[] {
  try {
    parsePolicy(document);
  } catch (error) {
    if (error instanceof PolicyError) return error.problems.map((p) => `${p.path}: ${p.problem}`);
    throw error;
  }
  throw new Error('the policy was accepted');
}

const ok = { bucket: 'media', prefix: 'public/', allow: ['read'] };

describe('parsePolicy', () => {
  it('accepts the policy of the issue and compiles ${claim} prefixes', () => {
    const policy = parsePolicy({
      rules: [
        { match: { scope: 'storage:admin' }, bucket: '*', prefix: '', allow: ['read', 'list', 'write', 'delete'] },
        { bucket: 'media', prefix: 'users/${sub}/', allow: ['read', 'list', 'write', 'delete'] },
        { anonymous: true, bucket: 'media', prefix: 'public/', allow: ['read', 'list'] },
      ],
    });
    expect(policy.rules).toHaveLength(3);
    expect(policy.rules[1]?.prefix).toEqual([{ text: 'users/' }, { claim: 'sub' }, { text: '/' }]);
    expect(policy.rules[2]?.anonymous).toBe(true);
    expect([...(policy.rules[0]?.allow ?? [])]).toEqual(['read', 'list', 'write', 'delete']);
  });

  it('names the rule index and the field of every problem, and reports them all at once', () => {
    expect(
      problems({
        rules: [
          ok,
          { bucket: 'Media', prefix: 'x/', allow: ['read'] },
          { bucket: 'media', prefix: '/abs', allow: [] },
          { bucket: 'media', prefix: 'users/${sub', allow: ['read', 'raed', 'read'] },
          { bucket: 'media', prefix: 'users/${}/', allow: ['read'], allows: ['write'] },
          'not a rule',
        ],
      }),
    ).toEqual([
      'rules[1].bucket: must be a bucket name (3 to 63 lowercase letters, digits and hyphens) or "*" for every bucket (received "Media")',
      'rules[2].prefix: must not start with "/" or "\\" (object keys never do) (received "/abs")',
      'rules[2].allow: must be a non-empty array of actions (read, list, write, delete) (received [])',
      'rules[3].prefix: has a "${" without its closing "}" (received "users/${sub")',
      'rules[3].allow[1]: must be one of read, list, write, delete (received "raed")',
      'rules[3].allow[2]: repeats "read"',
      'rules[4].allows: is not a rule field (known: match, anonymous, bucket, prefix, allow)',
      'rules[4].prefix: has an invalid placeholder "${}" (a claim name: no spaces, "$" or "{") (received "users/${}/")',
      'rules[5]: must be an object with bucket, prefix and allow (received "not a rule")',
    ]);
  });

  it('refuses contradictions and empty or odd matches', () => {
    expect(problems({ rules: [{ ...ok, anonymous: true, match: { sub: 'x' } }] })).toEqual([
      'rules[0].match: must not be given with "anonymous": true (an anonymous rule applies to every caller)',
    ]);
    expect(problems({ rules: [{ ...ok, anonymous: true, prefix: 'users/${sub}/' }] })).toEqual([
      'rules[0].prefix: must not use ${claim} in an anonymous rule (an anonymous caller has no claims) (received "users/${sub}/")',
    ]);
    expect(problems({ rules: [{ ...ok, match: {} }] })[0]).toContain('rules[0].match: must name at least one claim');
    expect(problems({ rules: [{ ...ok, match: { groups: ['a'] } }] })).toEqual([
      'rules[0].match.groups: must be a string, number or boolean (received ["a"])',
    ]);
    expect(problems({ rules: [{ ...ok, anonymous: 'yes' }] })).toEqual(['rules[0].anonymous: must be true or false (received "yes")']);
    expect(problems({ rules: [{ ...ok, prefix: 7 }] })[0]).toContain('rules[0].prefix: must be a string');
    expect(problems({ rules: [{ ...ok, bucket: undefined }] })[0]).toContain('rules[0].bucket: must be a bucket name');
  });

  it('refuses a document that is not { rules: [...] }', () => {
    expect(problems([])).toEqual(['(document): must be an object { "rules": [...] } (received [])']);
    expect(problems({ rule: [] })).toEqual(['rule: is not a policy field (the only one is "rules")', 'rules: must be an array of rules (received undefined)']);
    expect(() => parsePolicyJson('{"rules": [')).toThrow(/\(document\): is not valid JSON/);
  });

  it('accepts an empty rule list (everything denied)', () => {
    expect(parsePolicy({ rules: [] }).rules).toEqual([]);
  });
});
