/**
 * The composition root: configuration → OSS client → concurrency limiter → schema → Yoga. Never
 * listens and never reads the environment, so tests call `app.fetch` in-process.
 */
import { performance } from 'node:perf_hooks';
import type { Dispatcher } from 'undici';
import type { YogaServerInstance } from 'graphql-yoga';
import { createAuth } from './auth/create-auth.js';
import type { Auth } from './auth/create-auth.js';
import { cacheMetricsObserver, registerCacheSizeMetrics } from './cache/cache-metrics.js';
import { createMetadataCacheLayer } from './cache/create-metadata-cache.js';
import { invalidateOnWrite } from './cache/invalidate-on-write.js';
import { ConfigError } from './config/index.js';
import type { AppConfig } from './config/index.js';
import { createEditCoordinator, createLeaseProvider } from './coordination/index.js';
import { createGraphQLContext } from './graphql/context.js';
import type { GraphQLContext } from './graphql/context.js';
import { buildPublicSchema, buildSubgraphSchema } from './graphql/schema.js';
import { createConcurrencyLimiter } from './loaders/concurrency.js';
import { createOssApi } from './oss/api.js';
import type { OssApi } from './oss/api.js';
import { createOssClient } from './oss/client.js';
import type { OssClientConfig } from './oss/client.js';
import { combineStoreObservers } from './oss/observer.js';
import { createAppMetrics } from './observability/metrics.js';
import { operationScopeOf } from './observability/request-scope.js';
import { storeRequestIdRecorder } from './observability/store-request-ids.js';
import { createTracing } from './observability/tracing.js';
import type { AppTracerProvider } from './observability/tracing.js';
import { createPresigner } from './oss/helpers/presigner.js';
import { toApiSettings } from './server/api-settings.js';
import { createServerYoga } from './server/create-yoga.js';
import { graphiqlOptions } from './server/graphiql.js';
import { operationLimitPlugins } from './server/limit-plugins.js';
import { createJsonLogger } from './server/logger.js';
import { metricsListener, useMetricsEndpoint } from './server/metrics-endpoint.js';
import { useFederatedTrace } from './server/plugins/use-federated-trace.js';
import { useGraphQLMetrics } from './server/plugins/use-graphql-metrics.js';
import { useOperationSpans } from './server/plugins/use-operation-spans.js';
import type { Logger } from './server/logger.js';
import { createReadiness } from './server/readiness.js';
import type { Readiness } from './server/readiness.js';
import { useBearerAuth } from './server/plugins/use-bearer-auth.js';
import { useGatewaySecret } from './server/plugins/use-gateway-secret.js';
import { createRouter } from './server/router.js';
import type { Router } from './server/router.js';
import { readTrustedDocuments } from './server/trusted-documents.js';

/** Paths the app serves. */
export const APP_PATHS = {
  graphql: '/graphql',
  subgraph: '/subgraph',
  health: '/healthz',
  ready: '/readyz',
} as const;

/** Edges a test (or an entry) may replace. */
export interface AppDeps {
  /** undici dispatcher for store requests (the client's own keep-alive agent otherwise). */
  readonly dispatcher?: Dispatcher;
  /** Wall-clock epoch milliseconds (request signing); default `Date.now`. */
  readonly now?: () => number;
  /** Monotonic milliseconds (request durations); default `performance.now`. */
  readonly monotonicNow?: () => number;
  /** Default: JSON lines on stdout at `config.logLevel`. */
  readonly logger?: Logger;
  /** Reads `OSSGRAPH_POLICY_FILE`; default `fs.readFileSync`. */
  readonly readFile?: (path: string) => string;
  /**
   * Where spans go; no tracing without one. The entries pass an OTLP provider when
   * `config.tracing` is on (`loadTracerProvider`); tests pass an in-memory one.
   */
  readonly tracerProvider?: AppTracerProvider;
  /** Whether `close()` shuts `tracerProvider` down (flushing its spans); default false. */
  readonly ownsTracerProvider?: boolean;
}

/** A composed ossgraph. */
export interface App {
  /** The public GraphQL server: `/graphql` (with GraphiQL), `/healthz`, `/readyz`. */
  readonly yoga: YogaServerInstance<object, GraphQLContext>;
  /** The federation subgraph server on `/subgraph` (for the company router), unless switched off. */
  readonly subgraphYoga: YogaServerInstance<object, GraphQLContext> | undefined;
  /** The process-wide OSS API (uncounted; each GraphQL request wraps it). */
  readonly api: OssApi;
  /** Who callers are and what the policy lets them do (`src/auth/`). */
  readonly auth: Auth;
  readonly readiness: Readiness;
  /** In-process HTTP: routes to the right server by path. */
  readonly fetch: Router['fetch'];
  /** The `node:http` request listener. */
  readonly listener: Router['listener'];
  /** Serves `/metrics` on a port of its own; set when metrics are on and `config.metricsPort` is set. */
  readonly metricsListener: Router['listener'] | undefined;
  /** Fails readiness, disposes the Yoga servers and closes the OSS client's connections. Idempotent. */
  close(): Promise<void>;
}

/** The OSS client configuration for `config`; throws {@link ConfigError} when no store is configured. */
export function toOssClientConfig(config: AppConfig, deps: Pick<AppDeps, 'dispatcher' | 'now'> = {}): OssClientConfig {
  const { ossRegion, ossAccessKeyId, ossAccessKeySecret } = config;
  if (ossRegion === undefined || ossAccessKeyId === undefined || ossAccessKeySecret === undefined) {
    throw new ConfigError([
      {
        variable: 'OSS_REGION',
        rule: 'must be set, with OSS_ACCESS_KEY_ID and OSS_ACCESS_KEY_SECRET (`npm start` runs an embedded local-oss instead)',
        value: ossRegion,
      },
    ]);
  }
  return {
    region: ossRegion,
    ...(config.ossEndpoint === undefined ? {} : { endpoint: config.ossEndpoint }),
    internal: config.ossInternalEndpoint,
    pathStyle: config.ossPathStyle,
    credentials: {
      accessKeyId: ossAccessKeyId,
      accessKeySecret: ossAccessKeySecret,
      ...(config.ossSessionToken === undefined ? {} : { securityToken: config.ossSessionToken }),
    },
    signatureVersion: config.ossSignatureVersion,
    maxAttempts: config.storeMaxAttempts,
    timeouts: {
      connectMs: config.storeConnectTimeoutMs,
      headersMs: config.storeHeadersTimeoutMs,
      bodyMs: config.storeBodyTimeoutMs,
    },
    connections: config.storeConcurrency,
    ...(deps.dispatcher === undefined ? {} : { dispatcher: deps.dispatcher }),
    ...(deps.now === undefined ? {} : { now: deps.now }),
  };
}

/**
 * Composes ossgraph from `config`. Throws {@link ConfigError} when `config` names no store (no
 * `OSS_REGION`) or has a bad key or access policy, and whatever the OSS client throws for a bad
 * region or endpoint.
 */
export function createApp(config: AppConfig, deps: AppDeps = {}): App {
  const logger = deps.logger ?? createJsonLogger({ level: config.logLevel, ...(deps.now === undefined ? {} : { now: deps.now }) });
  // Why first: a bad key or policy stops start-up before any connection is opened.
  const auth = createAuth(config, { ...(deps.now === undefined ? {} : { now: deps.now }), ...(deps.readFile === undefined ? {} : { readFile: deps.readFile }) });
  const metrics = config.metrics ? createAppMetrics(deps.monotonicNow === undefined ? {} : { now: deps.monotonicNow }) : undefined;
  const tracing = deps.tracerProvider === undefined ? undefined : createTracing(deps.tracerProvider, deps.ownsTracerProvider ?? false);
  const observer = combineStoreObservers([storeRequestIdRecorder, ...(metrics ? [metrics.storeObserver] : []), ...(tracing ? [tracing.storeObserver] : [])]);
  const client = createOssClient({ ...toOssClientConfig(config, deps), ...(observer === undefined ? {} : { observer }) });
  // Why around the process-wide API: every write path (mutations, copier, editor, `app.api`) wraps it.
  const metadataCache = createMetadataCacheLayer(config, {
    onWarning: (message) => logger.warn(message),
    ...(metrics ? { observer: cacheMetricsObserver(metrics.registry) } : {}),
  });
  if (metadataCache !== undefined && metrics !== undefined) registerCacheSizeMetrics(metrics.registry, metadataCache.cache);
  const api = metadataCache === undefined ? createOssApi(client) : invalidateOnWrite(createOssApi(client), metadataCache.invalidate);
  const limiter = createConcurrencyLimiter(config.storeConcurrency);
  const settings = toApiSettings(config, createPresigner(client));
  const readiness = createReadiness();
  if (auth.mode === 'none') logger.warn('authentication is off (OSSGRAPH_AUTH=none): every caller is anonymous', { policy: auth.policySource });
  else logger.info('authentication: bearer JWTs', { keys: config.jwksUrl ?? 'OSSGRAPH_JWT_PUBLIC_KEY', policy: auth.policySource });
  for (const warning of auth.warnings) logger.warn(warning);
  const editCoordinator = createEditCoordinator({
    leases: createLeaseProvider({
      redisUrl: config.redisUrl,
      ttlMs: config.editLeaseTtlMs,
      maxWaitMs: config.editLeaseMaxWaitMs,
      onWarning: (message) => logger.warn(message),
    }),
  });
  const trusted = config.trustedDocuments === undefined ? undefined : readTrustedDocuments(config.trustedDocuments);
  const shared = {
    context: (initial: { request: Request }) =>
      createGraphQLContext({
        api,
        settings,
        limiter,
        request: initial.request,
        access: auth.accessFor(initial.request),
        editCoordinator,
        ...(metrics ? { onLoaderBatch: metrics.observeLoaderBatch } : {}),
        ...(metadataCache === undefined ? {} : { metadataCache: metadataCache.cache }),
        scope: operationScopeOf(initial),
      }),
    logger,
    now: deps.monotonicNow ?? (() => performance.now()),
    maxUploadBytes: config.maxUploadBytes,
    compiledExecution: config.compiledExecution ? {} : (false as const),
  };
  const observability = [...(metrics ? [useGraphQLMetrics(metrics.registry)] : []), ...(tracing ? [useOperationSpans(tracing)] : [])];
  const yoga = createServerYoga<GraphQLContext>({
    ...shared,
    schema: buildPublicSchema(),
    endpoint: APP_PATHS.graphql,
    healthEndpoint: APP_PATHS.health,
    readiness: { endpoint: APP_PATHS.ready, state: readiness },
    corsOrigins: config.corsOrigins,
    graphiql: config.graphiql ? graphiqlOptions() : false,
    logFields: { endpoint: 'graphql' },
    probes: metrics !== undefined && config.metricsPort === undefined ? [useMetricsEndpoint(metrics.registry)] : [],
    plugins: [...observability, useBearerAuth({ authenticator: auth.authenticator, endpoint: APP_PATHS.graphql }), ...operationLimitPlugins(config, trusted)],
  });
  // Why no CORS and no GraphiQL: only the company router calls the subgraph, server to server;
  // `_entities` and `_service` are not for browsers (reference/graphql-stack.md §0).
  const subgraphYoga = config.subgraph
    ? createServerYoga<GraphQLContext>({
        ...shared,
        schema: buildSubgraphSchema({ mutations: config.subgraphMutations }),
        endpoint: APP_PATHS.subgraph,
        healthEndpoint: `${APP_PATHS.subgraph}${APP_PATHS.health}`,
        corsOrigins: [],
        graphiql: false,
        logFields: { endpoint: 'subgraph' },
        // Why no trusted documents: the router sends operations it plans itself. Why ftv1 only
        // here: the gateway asks for it; /graphql never exposes resolver timings.
        plugins: [
          ...observability,
          ...(config.subgraphSecret === undefined ? [] : [useGatewaySecret({ secret: config.subgraphSecret, endpoint: APP_PATHS.subgraph })]),
          useBearerAuth({ authenticator: auth.authenticator, endpoint: APP_PATHS.subgraph }),
          ...operationLimitPlugins(config),
          useFederatedTrace(),
        ],
      })
    : undefined;
  const router = createRouter(yoga, subgraphYoga === undefined ? [] : [{ prefix: APP_PATHS.subgraph, server: subgraphYoga }]);
  let closed: Promise<void> | undefined;
  return {
    yoga,
    subgraphYoga,
    api,
    auth,
    readiness,
    fetch: router.fetch,
    listener: router.listener,
    metricsListener: metrics !== undefined && config.metricsPort !== undefined ? metricsListener(metrics.registry) : undefined,
    close() {
      readiness.drain();
      closed ??= (async () => {
        await Promise.all([yoga.dispose(), subgraphYoga?.dispose()]);
        await editCoordinator.close();
        await metadataCache?.close();
        await client.close();
        await tracing?.shutdown();
      })();
      return closed;
    },
  };
}
