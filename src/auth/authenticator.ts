/**
 * From an HTTP request to a {@link Principal}: no `Authorization` header → anonymous; a bearer
 * token → verified (or refused). The outcome is remembered per request, so the HTTP plugin that
 * refuses bad tokens and the context factory that builds the authorized views agree.
 */
import { ANONYMOUS } from './principal.js';
import type { Principal } from './principal.js';
import { InvalidTokenError, KeySourceUnavailableError } from './verify-token.js';
import type { TokenVerifier } from './verify-token.js';

/** How callers are identified: verified bearer JWTs, or nobody (everyone is anonymous). */
export type AuthMode = 'jwt' | 'none';

/** A request's identity, or why it has none. */
export type AuthOutcome =
  | { readonly ok: true; readonly principal: Principal }
  | {
      readonly ok: false;
      /** 401 for a bad token, 503 when the keys could not be fetched. */
      readonly status: 401 | 503;
      /** RFC 6750 error code (`invalid_token`), or `temporarily_unavailable`. */
      readonly error: 'invalid_token' | 'temporarily_unavailable';
      readonly description: string;
    };

/** Identifies the callers of one app. */
export interface Authenticator {
  readonly mode: AuthMode;
  /** Identifies `request` (once per request object; later calls return the same outcome). */
  authenticate(request: Request): Promise<AuthOutcome>;
  /**
   * The principal {@link Authenticator.authenticate} found for `request`. In `jwt` mode, throws
   * when `request` was not authenticated first or was refused (fail closed: no identity, no access).
   */
  principalOf(request: Request | undefined): Principal;
}

const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

/** An authenticator; `verifier` is required in `jwt` mode. */
export function createAuthenticator(mode: AuthMode, verifier?: TokenVerifier): Authenticator {
  if (mode === 'jwt' && verifier === undefined) throw new Error('createAuthenticator: jwt mode needs a token verifier');
  const outcomes = new WeakMap<Request, Promise<AuthOutcome>>();
  const settled = new WeakMap<Request, AuthOutcome>();

  async function identify(request: Request): Promise<AuthOutcome> {
    if (mode === 'none') return { ok: true, principal: ANONYMOUS };
    const header = request.headers.get('authorization');
    if (header === null) return { ok: true, principal: ANONYMOUS };
    const token = BEARER.exec(header)?.[1];
    if (token === undefined) {
      return { ok: false, status: 401, error: 'invalid_token', description: 'the Authorization header must be "Bearer <token>"' };
    }
    try {
      return { ok: true, principal: await (verifier as TokenVerifier).verify(token) };
    } catch (error) {
      if (error instanceof KeySourceUnavailableError) {
        return { ok: false, status: 503, error: 'temporarily_unavailable', description: 'the token cannot be verified right now; retry later' };
      }
      if (error instanceof InvalidTokenError) return { ok: false, status: 401, error: 'invalid_token', description: error.message };
      throw error;
    }
  }

  return {
    mode,
    authenticate(request) {
      let outcome = outcomes.get(request);
      if (outcome === undefined) {
        outcome = identify(request).then((o) => {
          settled.set(request, o);
          return o;
        });
        outcomes.set(request, outcome);
      }
      return outcome;
    },
    principalOf(request) {
      if (mode === 'none') return ANONYMOUS;
      const outcome = request === undefined ? undefined : settled.get(request);
      if (outcome === undefined) throw new Error('the request was not authenticated before its GraphQL context was built');
      if (!outcome.ok) throw new Error(`the request's token was refused (${outcome.description})`);
      return outcome.principal;
    },
  };
}
