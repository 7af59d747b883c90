/** Tries providers in order. */
import { OssCredentialsError } from '../errors.js';
import type { Credentials, CredentialsProvider } from './credentials.js';

/**
 * A provider that asks each of `providers` in order and returns the first credentials obtained.
 * The provider that answered is remembered and asked first next time (so a chain does not
 * re-walk failing providers on every attempt); if it later fails, the walk starts over. When
 * every provider fails, rejects with {@link OssCredentialsError} whose `cause` is an
 * `AggregateError` of the individual failures.
 */
export function credentialsChain(providers: readonly CredentialsProvider[]): CredentialsProvider {
  if (providers.length === 0) throw new OssCredentialsError('a credentials chain needs at least one provider');
  let last: CredentialsProvider | undefined;
  return {
    async getCredentials(): Promise<Credentials> {
      if (last !== undefined) {
        try {
          return await last.getCredentials();
        } catch {
          last = undefined;
        }
      }
      const errors: unknown[] = [];
      for (const provider of providers) {
        try {
          const credentials = await provider.getCredentials();
          last = provider;
          return credentials;
        } catch (error) {
          errors.push(error);
        }
      }
      const detail = errors.map((e) => (e instanceof Error ? e.message : String(e))).join('; ');
      throw new OssCredentialsError(`no provider in the chain supplied credentials: ${detail}`, {
        cause: new AggregateError(errors, 'every credentials provider failed'),
      });
    },
  };
}
