/** The policy decision: pure, no I/O, the same answer for the same inputs. */
import type { Action, ClaimValue, Policy, PolicyRule } from './policy.js';
import type { Claims, Principal } from './principal.js';

/** The answer of {@link decide}: allowed by a rule (its index), or denied. */
export type Decision = { readonly allowed: true; readonly rule: number } | { readonly allowed: false };

const DENIED: Decision = Object.freeze({ allowed: false });

/**
 * Whether `claim` (the caller's value of `name`) satisfies `expected`: equal, or for an array
 * claim, one whole entry equal to it, or for the space-separated `scope` claim, one whole scope
 * equal to it (`storage:administrator` does not satisfy `storage:admin`).
 */
export function claimMatches(name: string, claim: unknown, expected: ClaimValue): boolean {
  if (Array.isArray(claim)) return claim.some((entry) => entry === expected);
  if (name === 'scope' && typeof claim === 'string' && typeof expected === 'string') {
    return claim.split(' ').some((scope) => scope === expected);
  }
  return claim === expected;
}

/** Whether `rule` applies to `principal` (its `anonymous` flag, or every claim of its `match`). */
function applies(rule: PolicyRule, principal: Principal): boolean {
  if (rule.anonymous) return true;
  if (principal.kind !== 'authenticated') return false;
  if (rule.match === undefined) return true;
  return Object.entries(rule.match).every(([name, expected]) => claimMatches(name, principal.claims[name], expected));
}

/**
 * The rule's prefix with every `${claim}` replaced by the caller's value, or `undefined` when a
 * claim is missing, empty, not a string or safe integer, or contains `/` (the rule then does not
 * apply: a `/` would let `${sub}` reach into another caller's folder).
 */
export function renderPrefix(rule: PolicyRule, claims: Claims | undefined): string | undefined {
  let out = '';
  for (const part of rule.prefix) {
    if ('text' in part) {
      out += part.text;
      continue;
    }
    const value = claims?.[part.claim];
    const text = typeof value === 'string' ? value : typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : undefined;
    if (text === undefined || text === '' || text.includes('/')) return undefined;
    out += text;
  }
  return out;
}

/**
 * Decides whether `principal` may do `action` on `keyOrPrefix` in `bucket`: allowed when some
 * rule applies to the caller, names the bucket (or `*`), allows the action, and its (rendered)
 * prefix is a prefix of `keyOrPrefix`. For an object, `keyOrPrefix` is its key; for a listing, its
 * `prefix` (`""` for the whole bucket), so a listing is allowed only when every key it could
 * return lies inside an allowed prefix (`users/a` is not inside `users/a/`). The first rule that
 * allows wins; no rule denies.
 */
export function decide(policy: Policy, principal: Principal, action: Action, bucket: string, keyOrPrefix: string): Decision {
  const claims = principal.kind === 'authenticated' ? principal.claims : undefined;
  for (const rule of policy.rules) {
    if (!rule.allow.has(action)) continue;
    if (rule.bucket !== '*' && rule.bucket !== bucket) continue;
    if (!applies(rule, principal)) continue;
    const prefix = renderPrefix(rule, claims);
    if (prefix !== undefined && keyOrPrefix.startsWith(prefix)) return { allowed: true, rule: rule.index };
  }
  return DENIED;
}

/** Whether some rule could allow `principal` to do `action` somewhere in `bucket` (any prefix). */
export function mayActInBucket(policy: Policy, principal: Principal, action: Action, bucket: string): boolean {
  const claims = principal.kind === 'authenticated' ? principal.claims : undefined;
  return policy.rules.some(
    (rule) =>
      rule.allow.has(action) && (rule.bucket === '*' || rule.bucket === bucket) && applies(rule, principal) && renderPrefix(rule, claims) !== undefined,
  );
}

/** Whether some rule allows `principal` to do `action` in every bucket (bucket `*`, any prefix). */
export function mayActInEveryBucket(policy: Policy, principal: Principal, action: Action): boolean {
  const claims = principal.kind === 'authenticated' ? principal.claims : undefined;
  return policy.rules.some(
    (rule) => rule.allow.has(action) && rule.bucket === '*' && applies(rule, principal) && renderPrefix(rule, claims) !== undefined,
  );
}

/** Whether some rule could allow `principal` to do `action` anywhere (some bucket, some prefix). */
export function mayActAnywhere(policy: Policy, principal: Principal, action: Action): boolean {
  const claims = principal.kind === 'authenticated' ? principal.claims : undefined;
  return policy.rules.some((rule) => rule.allow.has(action) && applies(rule, principal) && renderPrefix(rule, claims) !== undefined);
}
