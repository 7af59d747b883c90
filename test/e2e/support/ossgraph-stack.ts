import type { App } from '../../../src/app.js';
import { startLocalOss } from '../../../src/local-oss/index.js';
import type { LocalOss } from '../../../src/local-oss/index.js';
import { listen } from '../../../src/server/http-server.js';
import { createAppOverLocalOss } from '../../integration/federation/support/app.js';

/** A listening ossgraph on 127.0.0.1 over its own local-oss. */
export interface OssgraphStack {
  readonly store: LocalOss;
  readonly app: App;
  /** `http://127.0.0.1:PORT` of the API. */
  readonly origin: string;
  close(): Promise<void>;
}

/** Options of {@link startOssgraphStack}. */
export interface OssgraphStackOptions {
  /** Buckets created in local-oss. */
  readonly buckets: readonly string[];
  /** `OSSGRAPH_CORS_ORIGINS` of the API. */
  readonly apiCorsOrigins?: readonly string[];
  /** Origins local-oss allows for presigned uploads. */
  readonly storeCorsOrigins?: readonly string[];
  /** More environment variables of the API (e.g. `OSSGRAPH_GRAPHIQL`). */
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * Starts local-oss and ossgraph (`createApp` from environment variables) listening on 127.0.0.1
 * port 0, as a browser reaches them.
 */
export async function startOssgraphStack(options: OssgraphStackOptions): Promise<OssgraphStack> {
  const store = await startLocalOss({
    buckets: options.buckets,
    ...(options.storeCorsOrigins === undefined ? {} : { corsAllowedOrigins: options.storeCorsOrigins }),
  });
  const app = createAppOverLocalOss(store, {
    env: { OSSGRAPH_CORS_ORIGINS: (options.apiCorsOrigins ?? []).join(','), ...options.env },
  });
  const running = await listen(app.listener, { host: '127.0.0.1', port: 0 });
  return {
    store,
    app,
    origin: running.origin,
    async close() {
      await running.stop(1000);
      await app.close();
      await store.close();
    },
  };
}
