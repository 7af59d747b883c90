/**
 * Production entry: configuration from the environment → app → listen → graceful stop on
 * SIGINT/SIGTERM. Needs a store (`OSS_REGION`, credentials) and an explicit `OSSGRAPH_AUTH`
 * (`jwt` with a key source, or `none`); `npm start` (src/dev.ts) runs an embedded local-oss and
 * no authentication instead. `--help` prints every configuration variable.
 */
import { createApp, APP_PATHS } from './app.js';
import { requireAuthChoice } from './auth/create-auth.js';
import { ConfigError, formatConfigHelp, loadConfig } from './config/index.js';
import { createJsonLogger } from './server/logger.js';
import { loadTracerProvider } from './observability/tracing.js';
import { startMetricsServer } from './server/metrics-endpoint.js';
import { serve } from './server/serve.js';

const USAGE = 'usage: npm run serve [-- --help]\n\nServes the ossgraph GraphQL API over the OSS store given by OSS_REGION (and OSS_ENDPOINT).';

/** Runs the production server. */
async function main(): Promise<void> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    process.stdout.write(formatConfigHelp(USAGE));
    return;
  }
  const config = loadConfig(process.env);
  // Why here and not in loadConfig: only the production entry insists; `npm start` defaults to none.
  requireAuthChoice(config);
  const logger = createJsonLogger({ level: config.logLevel });
  const tracerProvider = await loadTracerProvider(config.tracing);
  const app = createApp(config, { logger, ...(tracerProvider === undefined ? {} : { tracerProvider, ownsTracerProvider: true }) });
  const metricsServer = await startMetricsServer(app.metricsListener, { host: config.host, port: config.metricsPort });
  await serve({
    listener: app.listener,
    host: config.host,
    port: config.port,
    path: APP_PATHS.graphql,
    readiness: app.readiness,
    shutdownTimeoutMs: config.shutdownTimeoutMs,
    close: async () => {
      await metricsServer?.stop();
      await app.close();
    },
    logger,
    process,
  });
}

main().catch((error: unknown) => {
  // Why plain stderr: configuration errors are for a human at a terminal, and list every problem.
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(error instanceof ConfigError ? 2 : 1);
});
