/**
 * The policy in front of the presigner: a presigned URL is a capability handed to the caller, so
 * signing one needs the same permission as the request it signs.
 */
import type { Presigner } from '../oss/helpers/presigner.js';
import type { Access } from './access.js';

type Guard<K extends keyof Presigner> = (access: Access, request: Parameters<Presigner[K]>[0]) => void;

/**
 * The check of every presigner method. Why a mapped type: a method added to {@link Presigner}
 * (e.g. a PostObject form) without a line here stops compiling, so it must be classified.
 */
const GUARDS: { readonly [K in keyof Presigner]: Guard<K> } = {
  presignGet: (access, r) => access.check('read', r.bucket, r.key),
  presignPut: (access, r) => access.check('write', r.bucket, r.key),
  // Why the prefix works like a key: every key a prefix form allows starts with it, so a rule
  // whose prefix contains `keyPrefix` covers them all — the same containment as for one key.
  presignPostObject: (access, r) => access.check('write', r.bucket, r.key ?? r.keyPrefix ?? ''),
};

/** A view of `presigner` that signs only what `access` allows (`ACCESS_DENIED` otherwise, nothing signed). */
export function authorizePresigner(presigner: Presigner, access: Access): Presigner {
  const view: Record<string, unknown> = {};
  for (const name of Object.keys(GUARDS) as Array<keyof Presigner>) {
    const guard = GUARDS[name] as (access: Access, request: unknown) => void;
    const method = presigner[name] as (...args: unknown[]) => Promise<unknown>;
    view[name] = async (...args: unknown[]): Promise<unknown> => {
      guard(access, args[0]);
      return method.apply(presigner, args);
    };
  }
  return view as unknown as Presigner;
}
