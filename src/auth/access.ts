/** The per-request access check: one principal, one policy, and the error a denial raises. */
import { AccessDeniedError } from '../graphql/errors.js';
import { decide, mayActAnywhere, mayActInBucket, mayActInEveryBucket } from './decide.js';
import type { Action, Policy } from './policy.js';
import type { Principal } from './principal.js';

/** The checks of one request. Create one per request with {@link createAccess}. */
export interface Access {
  readonly principal: Principal;
  readonly policy: Policy;
  /** Whether the policy allows `action` on `keyOrPrefix` (an object key, or a listing's prefix) in `bucket`. */
  allows(action: Action, bucket: string, keyOrPrefix: string): boolean;
  /** Throws {@link AccessDeniedError} (`ACCESS_DENIED`) unless {@link Access.allows}. */
  check(action: Action, bucket: string, keyOrPrefix: string): void;
  /** Whether some rule could allow `action` somewhere in `bucket`. */
  mayActInBucket(action: Action, bucket: string): boolean;
  /** Whether some rule allows `action` in every bucket. */
  mayActInEveryBucket(action: Action): boolean;
  /** Whether some rule could allow `action` anywhere at all. */
  mayActAnywhere(action: Action): boolean;
  /** Throws {@link AccessDeniedError} for a bucket-level operation (ListBuckets, PutBucket, DeleteBucket). */
  deny(what: string): never;
}

function subject(principal: Principal): string {
  return principal.kind === 'anonymous' ? 'an anonymous caller (no bearer token)' : 'this caller';
}

/** The message of a denial of `action` on `keyOrPrefix` in `bucket`. */
export function denialMessage(principal: Principal, action: Action, bucket: string, keyOrPrefix: string): string {
  const target =
    action === 'list'
      ? `list keys under prefix ${JSON.stringify(keyOrPrefix)} in bucket ${JSON.stringify(bucket)} (a listing must lie inside a prefix the policy allows)`
      : `${action} object ${JSON.stringify(keyOrPrefix)} in bucket ${JSON.stringify(bucket)}`;
  return `access denied: the policy does not allow ${subject(principal)} to ${target}`;
}

/** The checks of `principal` under `policy`. */
export function createAccess(policy: Policy, principal: Principal): Access {
  const allows = (action: Action, bucket: string, keyOrPrefix: string): boolean => decide(policy, principal, action, bucket, keyOrPrefix).allowed;
  return {
    principal,
    policy,
    allows,
    check(action, bucket, keyOrPrefix) {
      if (allows(action, bucket, keyOrPrefix)) return;
      throw new AccessDeniedError(denialMessage(principal, action, bucket, keyOrPrefix), {
        extensions: { action, bucket, [action === 'list' ? 'prefix' : 'key']: keyOrPrefix },
      });
    },
    mayActInBucket: (action, bucket) => mayActInBucket(policy, principal, action, bucket),
    mayActInEveryBucket: (action) => mayActInEveryBucket(policy, principal, action),
    mayActAnywhere: (action) => mayActAnywhere(policy, principal, action),
    deny(what) {
      throw new AccessDeniedError(`access denied: the policy does not allow ${subject(principal)} to ${what}`);
    },
  };
}
