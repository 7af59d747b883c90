import { describe, expect, it } from 'vitest';
import { claimMatches, decide } from '../../../src/auth/decide.js';
import { ACTIONS, ALLOW_AUTHENTICATED, ALLOW_EVERYTHING, parsePolicy } from '../../../src/auth/policy.js';
import type { Action } from '../../../src/auth/policy.js';
import { ANONYMOUS, authenticated } from '../../../src/auth/principal.js';
import type { Principal } from '../../../src/auth/principal.js';

/** The policy of the issue, verbatim. */
const ISSUE_POLICY = parsePolicy({
  rules: [
    { match: { scope: 'storage:admin' }, bucket: '*', prefix: '', allow: ['read', 'list', 'write', 'delete'] },
    { bucket: 'media', prefix: 'users/${sub}/', allow: ['read', 'list', 'write', 'delete'] },
    { anonymous: true, bucket: 'media', prefix: 'public/', allow: ['read', 'list'] },
  ],
});

const alice = authenticated({ sub: 'alice' });
const admin = authenticated({ sub: 'root', scope: 'openid storage:admin profile' });
const allowed = (p: Principal, action: Action, bucket: string, key: string): boolean => decide(ISSUE_POLICY, p, action, bucket, key).allowed;

describe('decide with the policy of the issue', () => {
  it('admin scope: every action on every bucket and key, by rule 0', () => {
    for (const action of ACTIONS) {
      expect(decide(ISSUE_POLICY, admin, action, 'media', 'users/bob/x')).toEqual({ allowed: true, rule: 0 });
      expect(decide(ISSUE_POLICY, admin, action, 'other', '')).toEqual({ allowed: true, rule: 0 });
    }
  });

  it('scope is matched as whole space-separated entries: storage:administrator is not storage:admin', () => {
    for (const scope of ['storage:administrator', 'xstorage:admin', 'storage:admin2', 'storage:ad', 'storage:admin,other', 'STORAGE:ADMIN', '']) {
      expect(allowed(authenticated({ sub: 'eve', scope }), 'write', 'other', 'k'), scope).toBe(false);
    }
    expect(allowed(authenticated({ sub: 'eve', scope: 'storage:admin' }), 'write', 'other', 'k')).toBe(true);
    expect(allowed(authenticated({ sub: 'eve', scope: 'a storage:admin' }), 'write', 'other', 'k')).toBe(true);
    // An array claim (e.g. `scope` as a list) must contain it as one whole entry.
    expect(allowed(authenticated({ sub: 'eve', scope: ['storage:admin'] }), 'write', 'other', 'k')).toBe(true);
    expect(allowed(authenticated({ sub: 'eve', scope: ['storage:admin read'] }), 'write', 'other', 'k')).toBe(false);
  });

  it('${sub} prefix: the caller’s own folder only, all actions', () => {
    for (const action of ACTIONS) {
      expect(decide(ISSUE_POLICY, alice, action, 'media', 'users/alice/photo.jpg')).toEqual({ allowed: true, rule: 1 });
      expect(allowed(alice, action, 'media', 'users/bob/photo.jpg')).toBe(false);
      expect(allowed(alice, action, 'other', 'users/alice/photo.jpg')).toBe(false);
    }
  });

  it('prefix containment: users/ab is not inside users/a/, and a listing must lie inside the prefix', () => {
    const a = authenticated({ sub: 'a' });
    expect(allowed(a, 'read', 'media', 'users/a/x')).toBe(true);
    expect(allowed(a, 'read', 'media', 'users/a/')).toBe(true);
    expect(allowed(a, 'read', 'media', 'users/ab')).toBe(false);
    expect(allowed(a, 'read', 'media', 'users/ab/x')).toBe(false);
    expect(allowed(a, 'read', 'media', 'users/a')).toBe(false);
    // Listings are decided on their prefix: every key they could return must be inside.
    expect(allowed(a, 'list', 'media', 'users/a/')).toBe(true);
    expect(allowed(a, 'list', 'media', 'users/a/2024/')).toBe(true);
    expect(allowed(a, 'list', 'media', 'users/a')).toBe(false);
    expect(allowed(a, 'list', 'media', 'users/')).toBe(false);
    expect(allowed(a, 'list', 'media', '')).toBe(false);
  });

  it('a claim that is missing, empty, contains "/" or is not a string makes the rule not apply', () => {
    for (const claims of [{}, { sub: '' }, { sub: 'a/b' }, { sub: '/' }, { sub: ['alice'] }, { sub: { id: 'alice' } }, { sub: true }, { sub: 1.5 }]) {
      const p = authenticated(claims);
      expect(allowed(p, 'read', 'media', 'users//x'), JSON.stringify(claims)).toBe(false);
      expect(allowed(p, 'read', 'media', 'users/a/b/x'), JSON.stringify(claims)).toBe(false);
      expect(allowed(p, 'list', 'media', 'users/'), JSON.stringify(claims)).toBe(false);
    }
    // A numeric subject is its decimal text.
    expect(allowed(authenticated({ sub: 42 }), 'read', 'media', 'users/42/x')).toBe(true);
  });

  it('anonymous rules apply to every caller, with or without a token; other rules never to anonymous callers', () => {
    for (const p of [ANONYMOUS, alice, authenticated({})]) {
      expect(decide(ISSUE_POLICY, p, 'read', 'media', 'public/a.png')).toEqual({ allowed: true, rule: 2 });
      expect(allowed(p, 'list', 'media', 'public/')).toBe(true);
      expect(allowed(p, 'write', 'media', 'public/a.png')).toBe(false);
      expect(allowed(p, 'delete', 'media', 'public/a.png')).toBe(false);
      expect(allowed(p, 'list', 'media', 'public')).toBe(false);
    }
    expect(allowed(ANONYMOUS, 'read', 'media', 'users/alice/x')).toBe(false);
    expect(allowed(ANONYMOUS, 'read', 'other', 'public/a.png')).toBe(false);
  });

  it('an anonymous principal never matches claim rules, even ones whose claim would be absent', () => {
    const policy = parsePolicy({ rules: [{ match: { tenant: 'acme' }, bucket: '*', prefix: '', allow: ['read'] }] });
    expect(decide(policy, ANONYMOUS, 'read', 'b1b', 'k').allowed).toBe(false);
    expect(decide(policy, authenticated({ tenant: 'acme' }), 'read', 'b1b', 'k').allowed).toBe(true);
    expect(decide(policy, authenticated({ tenant: 'acme2' }), 'read', 'b1b', 'k').allowed).toBe(false);
    expect(decide(policy, authenticated({ tenant: ['x', 'acme'] }), 'read', 'b1b', 'k').allowed).toBe(true);
    // Only `scope` is split on spaces; other string claims must be equal.
    expect(decide(policy, authenticated({ tenant: 'x acme' }), 'read', 'b1b', 'k').allowed).toBe(false);
  });

  it('every claim of a match must hold; values compare strictly (number 1 is not "1")', () => {
    const policy = parsePolicy({ rules: [{ match: { role: 'editor', level: 1, active: true }, bucket: 'b1b', prefix: 'p/', allow: ['write'] }] });
    expect(decide(policy, authenticated({ role: 'editor', level: 1, active: true }), 'write', 'b1b', 'p/x').allowed).toBe(true);
    expect(decide(policy, authenticated({ role: 'editor', level: '1', active: true }), 'write', 'b1b', 'p/x').allowed).toBe(false);
    expect(decide(policy, authenticated({ role: 'editor', level: 1 }), 'write', 'b1b', 'p/x').allowed).toBe(false);
    expect(decide(policy, authenticated({ role: 'editor', level: 1, active: 'true' }), 'write', 'b1b', 'p/x').allowed).toBe(false);
  });

  it('several ${claim}s in one prefix; each must be usable', () => {
    const policy = parsePolicy({ rules: [{ bucket: 'b1b', prefix: 'tenants/${tid}/users/${sub}/', allow: ['read'] }] });
    expect(decide(policy, authenticated({ tid: 't1', sub: 'u1' }), 'read', 'b1b', 'tenants/t1/users/u1/x').allowed).toBe(true);
    expect(decide(policy, authenticated({ tid: 't1', sub: 'u1' }), 'read', 'b1b', 'tenants/t1/users/u2/x').allowed).toBe(false);
    expect(decide(policy, authenticated({ tid: 't1' }), 'read', 'b1b', 'tenants/t1/users//x').allowed).toBe(false);
  });

  it('the action must be allowed by the same rule that matches bucket and prefix', () => {
    const policy = parsePolicy({
      rules: [
        { bucket: 'b1b', prefix: 'a/', allow: ['read'] },
        { bucket: 'b1b', prefix: 'b/', allow: ['write'] },
      ],
    });
    const p = authenticated({ sub: 'x' });
    expect(decide(policy, p, 'read', 'b1b', 'a/k').allowed).toBe(true);
    expect(decide(policy, p, 'write', 'b1b', 'a/k').allowed).toBe(false);
    expect(decide(policy, p, 'write', 'b1b', 'b/k')).toEqual({ allowed: true, rule: 1 });
    expect(decide(policy, p, 'read', 'b1b', 'b/k').allowed).toBe(false);
  });

  it('no rules: nothing is allowed; the defaults allow everything (none) or everything to authenticated callers (jwt)', () => {
    const empty = parsePolicy({ rules: [] });
    for (const action of ACTIONS) {
      expect(decide(empty, admin, action, 'b1b', 'k').allowed).toBe(false);
      expect(decide(ALLOW_EVERYTHING, ANONYMOUS, action, 'any-bucket', '').allowed).toBe(true);
      expect(decide(ALLOW_AUTHENTICATED, alice, action, 'any-bucket', '').allowed).toBe(true);
      expect(decide(ALLOW_AUTHENTICATED, ANONYMOUS, action, 'any-bucket', 'k').allowed).toBe(false);
    }
  });
});

describe('claimMatches', () => {
  it('equality, whole array entries, whole scope entries', () => {
    expect(claimMatches('role', 'admin', 'admin')).toBe(true);
    expect(claimMatches('role', 'administrator', 'admin')).toBe(false);
    expect(claimMatches('groups', ['a', 'admin'], 'admin')).toBe(true);
    expect(claimMatches('groups', ['administrator'], 'admin')).toBe(false);
    expect(claimMatches('scope', 'read write', 'write')).toBe(true);
    expect(claimMatches('scope', 'read  write', 'write')).toBe(true);
    expect(claimMatches('scope', 'readwrite', 'write')).toBe(false);
    expect(claimMatches('scope', undefined, 'write')).toBe(false);
    expect(claimMatches('n', 1, 1)).toBe(true);
    expect(claimMatches('n', 1, '1')).toBe(false);
  });
});
