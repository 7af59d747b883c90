/**
 * A token issuer for tests: a real JWKS endpoint (node:http on 127.0.0.1, port 0) serving the
 * public keys of ES256 key pairs made with `jose`, and a signer for tokens with any claims.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, exportSPKI, generateKeyPair } from 'jose';
import type { CryptoKey, JWK, JWTPayload } from 'jose';

/** One signing key: its `kid`, its private half and its public JWK. */
export interface SigningKey {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly publicKey: CryptoKey;
  readonly jwk: JWK;
}

/** How to sign one token (times in epoch seconds; `null` leaves a registered claim out). */
export interface SignOptions {
  /** Default: the first key. */
  readonly key?: SigningKey;
  /** Overrides the `kid` header (e.g. one the JWKS does not have). */
  readonly kid?: string;
  readonly issuer?: string | null;
  readonly audience?: string | string[] | null;
  readonly expiresAt?: number | null;
  readonly notBefore?: number;
}

/** A running issuer. */
export interface TestIssuer {
  /** The JWKS URL. */
  readonly url: string;
  readonly issuer: string;
  readonly audience: string;
  readonly keys: readonly SigningKey[];
  /** GET requests the JWKS endpoint has answered. */
  fetches(): number;
  /** Makes a new key pair; with `publish` (default) the JWKS serves it from now on (a rotation). */
  addKey(publish?: boolean): Promise<SigningKey>;
  /** When false, the endpoint answers 500 (an issuer outage). */
  setAvailable(available: boolean): void;
  /** A compact JWS with `claims`, valid for 10 minutes from now unless `options` say otherwise. */
  sign(claims: JWTPayload, options?: SignOptions): Promise<string>;
  /** The SPKI PEM of `key` (default the first). */
  publicKeyPem(key?: SigningKey): Promise<string>;
  close(): Promise<void>;
}

async function makeKey(n: number): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const kid = `test-key-${n}`;
  return { kid, privateKey, publicKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' } };
}

/** Starts an issuer with one published key. */
export async function startTestIssuer(): Promise<TestIssuer> {
  const keys: SigningKey[] = [await makeKey(1)];
  const published = new Set<string>([keys[0]!.kid]);
  let fetches = 0;
  let available = true;
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url !== '/.well-known/jwks.json') {
      response.writeHead(404).end();
      return;
    }
    fetches++;
    if (!available) {
      response.writeHead(500).end('down');
      return;
    }
    const body = JSON.stringify({ keys: keys.filter((k) => published.has(k.kid)).map((k) => k.jwk) });
    response.writeHead(200, { 'content-type': 'application/jwk-set+json' }).end(body);
  });
  server.keepAliveTimeout = 100;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = 'https://issuer.ossgraph.test/';
  const audience = 'ossgraph-api';
  return {
    url: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    issuer,
    audience,
    keys,
    fetches: () => fetches,
    async addKey(publish = true) {
      const key = await makeKey(keys.length + 1);
      keys.push(key);
      if (publish) published.add(key.kid);
      return key;
    },
    setAvailable(value) {
      available = value;
    },
    async sign(claims, options = {}) {
      const key = options.key ?? keys[0]!;
      const now = Math.floor(Date.now() / 1000);
      let jwt = new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: options.kid ?? key.kid }).setIssuedAt(now);
      if (options.issuer !== null) jwt = jwt.setIssuer(options.issuer ?? issuer);
      if (options.audience !== null) jwt = jwt.setAudience(options.audience ?? audience);
      if (options.expiresAt !== null) jwt = jwt.setExpirationTime(options.expiresAt ?? now + 600);
      if (options.notBefore !== undefined) jwt = jwt.setNotBefore(options.notBefore);
      return jwt.sign(key.privateKey);
    },
    publicKeyPem: (key) => exportSPKI((key ?? keys[0]!).publicKey),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
