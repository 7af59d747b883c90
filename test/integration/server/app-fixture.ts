/** An ossgraph app over a memory-backed local-oss, with its log lines captured. */
import { afterAll, beforeAll } from 'vitest';
import { createApp } from '../../../src/app.js';
import type { App } from '../../../src/app.js';
import { loadConfig } from '../../../src/config/index.js';
import { startLocalOss } from '../../../src/local-oss/index.js';
import type { LocalOss } from '../../../src/local-oss/index.js';
import { listen } from '../../../src/server/http-server.js';
import type { RunningServer } from '../../../src/server/http-server.js';
import { createJsonLogger } from '../../../src/server/logger.js';
import { storeEnv } from '../../helpers/local-oss.js';

/** A running app and what a test inspects. */
export interface AppFixture {
  readonly app: App;
  readonly store: LocalOss;
  /** Every log line written so far, parsed. */
  readonly logs: Array<Record<string, unknown>>;
  /** `app.fetch` on `http://ossgraph.test<path>`. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** POSTs a JSON GraphQL request to `/graphql`. */
  graphql(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

/**
 * Starts local-oss (memory backend, bucket `demo`) and an app configured from `env` on top of
 * the variables that point it at the store.
 */
export async function startAppFixture(env: Record<string, string> = {}, buckets: readonly string[] = ['demo']): Promise<AppFixture> {
  const store = await startLocalOss({ buckets });
  const logs: Array<Record<string, unknown>> = [];
  const logger = createJsonLogger({ level: 'debug', write: (line) => logs.push(JSON.parse(line) as Record<string, unknown>) });
  const config = loadConfig({
    ...storeEnv(store),
    ...env,
  });
  const app = createApp(config, { logger });
  const fetch = (path: string, init?: RequestInit): Promise<Response> => app.fetch(`http://ossgraph.test${path}`, init);
  return {
    app,
    store,
    logs,
    fetch,
    graphql: (query, variables, headers) =>
      fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, ...(variables === undefined ? {} : { variables }) }),
      }),
    async close() {
      await app.close();
      await store.close();
    },
  };
}

/** An {@link AppFixture} and the same app listening on 127.0.0.1 (real sockets). Filled in `beforeAll`. */
export interface ListeningAppFixture {
  fixture: AppFixture;
  server: RunningServer;
}

/** Starts an app fixture configured from `env` and a listening server for it before the file's tests, and stops both after. */
export function useListeningAppFixture(env: Record<string, string>): ListeningAppFixture {
  const holder = {} as ListeningAppFixture;
  beforeAll(async () => {
    holder.fixture = await startAppFixture(env);
    holder.server = await listen(holder.fixture.app.listener, { host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await holder.server?.stop(1000);
    await holder.fixture?.close();
  });
  return holder;
}
