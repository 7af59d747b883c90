/** Credentials given once, in code or configuration. */
import { OssCredentialsError } from '../errors.js';
import type { Credentials, CredentialsProvider } from './credentials.js';

/**
 * A provider that always returns `credentials`. Throws {@link OssCredentialsError} at once when
 * the key id or secret is empty.
 */
export function staticCredentials(credentials: Credentials): CredentialsProvider {
  if (!credentials.accessKeyId || !credentials.accessKeySecret) {
    throw new OssCredentialsError('static credentials need a non-empty accessKeyId and accessKeySecret');
  }
  const frozen: Credentials = Object.freeze({ ...credentials });
  return { getCredentials: () => Promise.resolve(frozen) };
}

/** True when `value` is a provider rather than a credentials object. */
export function isCredentialsProvider(value: Credentials | CredentialsProvider): value is CredentialsProvider {
  return typeof (value as Partial<CredentialsProvider>).getCredentials === 'function';
}

/** `value` as a provider: providers pass through, plain credentials are wrapped. */
export function toCredentialsProvider(value: Credentials | CredentialsProvider): CredentialsProvider {
  return isCredentialsProvider(value) ? value : staticCredentials(value);
}
