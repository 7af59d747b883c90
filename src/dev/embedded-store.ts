/** The embedded, file-backed local-oss that `npm start` uses when no store is configured. */
import { resolve } from 'node:path';
import type { AppConfig } from '../config/index.js';
import { createFileBackend } from '../local-oss/backend/file-backend.js';
import { startLocalOss } from '../local-oss/index.js';
import type { LocalOss } from '../local-oss/index.js';

/** A running embedded store and the configuration that points ossgraph at it. */
export interface EmbeddedStore {
  readonly store: LocalOss;
  /** Absolute path of the data directory. */
  readonly dataDir: string;
  /** `config` with the OSS settings replaced by the embedded store's. Frozen. */
  readonly config: AppConfig;
  /** Stops the store and releases the data directory. Idempotent. */
  close(): Promise<void>;
}

/** True when `config` names no store, so `npm start` should run an embedded one. */
export function wantsEmbeddedStore(config: AppConfig): boolean {
  return config.ossRegion === undefined && config.ossEndpoint === undefined;
}

/**
 * Starts local-oss on 127.0.0.1 (free port) over a file backend in `config.dataDir`. Accepts the
 * key pair from `OSS_ACCESS_KEY_ID`/`OSS_ACCESS_KEY_SECRET` when given (local-oss's own default
 * otherwise), and allows the configured CORS origins (any origin when none are configured, so a
 * browser can use presigned URLs against it).
 */
export async function startEmbeddedStore(config: AppConfig): Promise<EmbeddedStore> {
  const dataDir = resolve(config.dataDir);
  const backend = await createFileBackend({ dataDir, onWarning: (message) => console.warn(`local-oss: ${message}`) });
  let store: LocalOss;
  try {
    store = await startLocalOss({
      host: '127.0.0.1',
      port: 0,
      backend,
      ...(config.ossAccessKeyId !== undefined && config.ossAccessKeySecret !== undefined
        ? { credentials: [{ accessKeyId: config.ossAccessKeyId, accessKeySecret: config.ossAccessKeySecret }] }
        : {}),
      ...(config.corsOrigins.length === 0 ? {} : { corsAllowedOrigins: config.corsOrigins }),
    });
  } catch (error) {
    await backend.close();
    throw error;
  }
  const embedded: AppConfig = Object.freeze({
    ...config,
    ossRegion: store.region,
    ossEndpoint: store.url,
    ossAccessKeyId: store.credentials.accessKeyId,
    ossAccessKeySecret: store.credentials.accessKeySecret,
    ossSessionToken: undefined,
    ossPathStyle: true,
  });
  let closed: Promise<void> | undefined;
  return {
    store,
    dataDir,
    config: embedded,
    close() {
      closed ??= store.close().then(() => backend.close());
      return closed;
    },
  };
}
