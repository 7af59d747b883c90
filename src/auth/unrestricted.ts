/** The access of a context built without one: everything allowed, as with `OSSGRAPH_AUTH=none` and no policy. */
import { createAccess } from './access.js';
import type { Access } from './access.js';
import { ALLOW_EVERYTHING } from './policy.js';
import { ANONYMOUS } from './principal.js';

/** Allows every action to the anonymous caller (the behaviour before authorization existed). */
export const UNRESTRICTED_ACCESS: Access = createAccess(ALLOW_EVERYTHING, ANONYMOUS);
