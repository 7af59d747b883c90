/** Credentials from environment variables, with the names the official SDKs use. */
import { OssCredentialsError } from '../errors.js';
import type { Credentials, CredentialsProvider } from './credentials.js';

/** The variables read by {@link environmentCredentials}. */
export const CREDENTIALS_ENV = {
  accessKeyId: 'OSS_ACCESS_KEY_ID',
  accessKeySecret: 'OSS_ACCESS_KEY_SECRET',
  securityToken: 'OSS_SESSION_TOKEN',
} as const;

/**
 * A provider reading `OSS_ACCESS_KEY_ID`, `OSS_ACCESS_KEY_SECRET` and optional
 * `OSS_SESSION_TOKEN` from `env` (pass `process.env` from an entry file) on every call, so a
 * rotated environment is picked up. Rejects with {@link OssCredentialsError} naming the missing
 * variables.
 */
export function environmentCredentials(env: Readonly<Record<string, string | undefined>>): CredentialsProvider {
  return {
    getCredentials(): Promise<Credentials> {
      const accessKeyId = env[CREDENTIALS_ENV.accessKeyId];
      const accessKeySecret = env[CREDENTIALS_ENV.accessKeySecret];
      const securityToken = env[CREDENTIALS_ENV.securityToken];
      const missing = [
        accessKeyId ? undefined : CREDENTIALS_ENV.accessKeyId,
        accessKeySecret ? undefined : CREDENTIALS_ENV.accessKeySecret,
      ].filter((name) => name !== undefined);
      if (!accessKeyId || !accessKeySecret) {
        return Promise.reject(new OssCredentialsError(`environment credentials: ${missing.join(' and ')} not set`));
      }
      return Promise.resolve(securityToken ? { accessKeyId, accessKeySecret, securityToken } : { accessKeyId, accessKeySecret });
    },
  };
}
