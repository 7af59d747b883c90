/**
 * An access key pair, optionally with the session token of temporary (STS) credentials.
 * Signers take one of these per attempt, so a provider may rotate them between attempts.
 */
export interface Credentials {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  /** Sent as `x-oss-security-token` (header) or `x-oss-security-token`/`security-token` (query). */
  readonly securityToken?: string;
}

/** Supplies credentials on demand. Called once per attempt; may cache. */
export interface CredentialsProvider {
  getCredentials(): Promise<Credentials>;
}
