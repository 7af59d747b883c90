/**
 * `npm start`: with neither `OSS_REGION` nor `OSS_ENDPOINT` set, starts an embedded file-backed
 * local-oss (data in `OSSGRAPH_DATA_DIR`), seeds a `demo` bucket and serves ossgraph over it;
 * otherwise behaves exactly like `src/main.ts`. `--help` prints every configuration variable.
 */
import { createApp, APP_PATHS } from './app.js';
import { authModeOf } from './auth/create-auth.js';
import { ConfigError, formatConfigHelp, loadConfig } from './config/index.js';
import type { AppConfig } from './config/index.js';
import { withDevDefaults } from './dev/dev-defaults.js';
import { startEmbeddedStore, wantsEmbeddedStore } from './dev/embedded-store.js';
import type { EmbeddedStore } from './dev/embedded-store.js';
import { DEMO_BUCKET, seedDemoBucket } from './dev/seed-demo.js';
import { createJsonLogger } from './server/logger.js';
import { loadTracerProvider } from './observability/tracing.js';
import { startMetricsServer } from './server/metrics-endpoint.js';
import { serve } from './server/serve.js';

const USAGE =
  'usage: npm start [-- --help]\n\nServes the ossgraph GraphQL API. Without OSS_REGION and OSS_ENDPOINT it runs an embedded\n' +
  'local-oss with a seeded "demo" bucket, keeping its data in OSSGRAPH_DATA_DIR.';

/** Runs the development server. */
async function main(): Promise<void> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    process.stdout.write(formatConfigHelp(USAGE));
    return;
  }
  const loaded = loadConfig(withDevDefaults(process.env));
  const logger = createJsonLogger({ level: loaded.logLevel });
  let embedded: EmbeddedStore | undefined;
  let config: AppConfig = loaded;
  if (wantsEmbeddedStore(loaded)) {
    embedded = await startEmbeddedStore(loaded);
    config = embedded.config;
  }
  const tracerProvider = await loadTracerProvider(config.tracing);
  const app = createApp(config, { logger, ...(tracerProvider === undefined ? {} : { tracerProvider, ownsTracerProvider: true }) });
  const metricsServer = await startMetricsServer(app.metricsListener, { host: config.host, port: config.metricsPort });
  const close = async (): Promise<void> => {
    await metricsServer?.stop();
    await app.close();
    await embedded?.close();
  };
  try {
    if (embedded !== undefined) {
      const seed = await seedDemoBucket(app.api);
      const what = seed.seededObjects > 0 ? `seeded bucket "${DEMO_BUCKET}" with ${seed.seededObjects} objects` : `bucket "${DEMO_BUCKET}" kept as it was`;
      console.log(`using embedded local-oss at ${embedded.store.url} (no OSS_REGION/OSS_ENDPOINT set); data in ${embedded.dataDir}; ${what}`);
    }
    const running = await serve({
      listener: app.listener,
      host: config.host,
      port: config.port,
      path: APP_PATHS.graphql,
      readiness: app.readiness,
      shutdownTimeoutMs: config.shutdownTimeoutMs,
      close,
      logger,
      process,
    });
    if (config.graphiql) console.log(`GraphiQL: open ${running.origin}${APP_PATHS.graphql} in a browser`);
    if (authModeOf(config) === 'none') {
      console.log(
        'authentication is off (OSSGRAPH_AUTH=none): every caller may do what the policy allows anonymous callers (everything, without a policy). ' +
          'To turn it on: OSSGRAPH_AUTH=jwt with OSSGRAPH_JWKS_URL (or OSSGRAPH_JWT_PUBLIC_KEY) and OSSGRAPH_POLICY_FILE; see README "Security".',
      );
    }
  } catch (error) {
    await close();
    throw error;
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(error instanceof ConfigError ? 2 : 1);
});
