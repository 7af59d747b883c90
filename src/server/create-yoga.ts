/** A Yoga server over one schema with ossgraph's HTTP policy: limits, CORS, CSRF, masking, logging. */
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { createFetch } from '@whatwg-node/fetch';
import type { GraphQLSchema } from 'graphql';
import { createYoga } from 'graphql-yoga';
import type { GraphiQLOptions, Plugin, YogaInitialContext, YogaServerInstance } from 'graphql-yoga';
import type { Logger } from './logger.js';
import { createMaskedErrorLogging } from './masked-errors.js';
import type { Readiness } from './readiness.js';
import { renderOfflineGraphiQL } from './graphiql.js';
import { useCompiledExecution } from './plugins/use-compiled-execution.js';
import type { CompiledExecutionOptions } from './plugins/use-compiled-execution.js';
import { useCorsAllowlist } from './plugins/use-cors-allowlist.js';
import { useInputChecks } from './plugins/use-input-checks.js';
import { useReadiness } from './plugins/use-readiness.js';
import { useRequestId } from './plugins/use-request-id.js';
import type { RequestIdOptions } from './plugins/use-request-id.js';
import { useRequestBodyLimit } from './plugins/use-request-body-limit.js';
import { useRequestDebugLog } from './plugins/use-request-debug-log.js';
import { useRequestLog } from './plugins/use-request-log.js';
import { useUploadLimit } from './plugins/use-upload-limit.js';

/** The header browsers must send on requests that skip a CORS preflight (multipart uploads, GET). */
export const CSRF_HEADER = 'x-graphql-yoga-csrf';

/** Request headers a browser on an allowed origin may send. */
export const CORS_ALLOWED_HEADERS = ['content-type', 'accept', 'authorization', 'x-request-id', CSRF_HEADER] as const;

/** Methods a browser on an allowed origin may use. */
export const CORS_METHODS = ['GET', 'POST', 'OPTIONS'] as const;

/**
 * Room for the multipart fields (`operations`, `map`) and part headers next to the file itself.
 * Why: Yoga also caps the whole body (25 MB by default); without this margin an upload just under
 * the file limit would fail on the body cap, and above 25 MB every upload would.
 */
export const MULTIPART_OVERHEAD_BYTES = 1024 * 1024;

/** Options of {@link createServerYoga}. */
export interface ServerYogaOptions<TContext extends object> {
  readonly schema: GraphQLSchema;
  /** Path of the GraphQL endpoint (`/graphql`). */
  readonly endpoint: string;
  /** Builds the GraphQL context of one operation. */
  readonly context: (initial: YogaInitialContext) => TContext;
  readonly logger: Logger;
  /** Monotonic milliseconds, for request durations. */
  readonly now: () => number;
  /** Largest file of a multipart request; larger → 413 pointing to `createUpload`. */
  readonly maxUploadBytes: number;
  /** Browser origins allowed by CORS; empty → no CORS headers. */
  readonly corsOrigins: readonly string[];
  /** GraphiQL options, or `false` to serve none. */
  readonly graphiql: GraphiQLOptions | false;
  /** Liveness path (always 200). */
  readonly healthEndpoint?: string;
  /** Readiness path and state; omit for no readiness endpoint. */
  readonly readiness?: { readonly endpoint: string; readonly state: Readiness };
  /** Added to every request log line. */
  readonly logFields?: Readonly<Record<string, unknown>>;
  /** Endpoints answered before the request log, like the probes (e.g. `/metrics`): not logged. */
  readonly probes?: readonly Plugin[];
  /** How request ids are generated when a request brings none. */
  readonly requestIds?: RequestIdOptions;
  readonly plugins?: readonly Plugin[];
  /**
   * Run operations compiled by graphql-jit ({@link useCompiledExecution}); `false` keeps Yoga's
   * executor. Default on; operations graphql-jit cannot compile are logged at warn (unless
   * `onCompile` is given) and run on Yoga's executor.
   */
  readonly compiledExecution?: CompiledExecutionOptions | false;
}

/**
 * Creates a Yoga instance. Multipart files are capped at `maxUploadBytes` (one file per request);
 * CORS follows the allowlist only; requests that skip a preflight must carry {@link CSRF_HEADER};
 * unexpected errors are masked as "Unexpected error." and logged once with their cause chain;
 * every request has an id (`x-request-id`, echoed, on every log line written while it runs) and
 * writes one log line. GraphiQL, when on, is rendered offline. Unknown paths answer 404.
 */
export function createServerYoga<TContext extends object>(options: ServerYogaOptions<TContext>): YogaServerInstance<object, TContext> {
  const { logger } = options;
  const masking = createMaskedErrorLogging(logger);
  return createYoga<object, TContext>({
    schema: options.schema,
    graphqlEndpoint: options.endpoint,
    healthCheckEndpoint: options.healthEndpoint ?? '/healthz',
    context: options.context,
    fetchAPI: createFetch({ formDataLimits: { fileSize: options.maxUploadBytes, files: 1 } }),
    // Why off: `useRequestBodyLimit` (last plugin) enforces the same limit without piping bodies whose Content-Length bounds them.
    maxRequestBodySize: false,
    cors: false,
    graphiql: options.graphiql,
    renderGraphiQL: renderOfflineGraphiQL,
    landingPage: false,
    logging: masking.yogaLogger,
    maskedErrors: { isDev: false, maskError: masking.maskError },
    plugins: [
      // Why before useRequestId: it recognises the masked errors before they are copied with httpRequestId.
      masking.plugin,
      // Why this early: its `onRequest` binds the request's scope (its id) before the other plugins' hooks run.
      useRequestId(options.requestIds),
      useRequestDebugLog(logger),
      // Why before the request log: probes answer before it, so they are not logged.
      ...(options.readiness === undefined ? [] : [useReadiness({ endpoint: options.readiness.endpoint, readiness: options.readiness.state })]),
      ...(options.probes ?? []),
      useRequestLog({ logger, now: options.now, ...(options.logFields === undefined ? {} : { fields: options.logFields }) }),
      useCorsAllowlist({
        origins: options.corsOrigins,
        allowedHeaders: CORS_ALLOWED_HEADERS,
        methods: CORS_METHODS,
        exposedHeaders: ['x-request-id'],
        maxAgeSeconds: 600,
      }),
      useCSRFPrevention({ requestHeaders: [CSRF_HEADER] }),
      useUploadLimit({ maxUploadBytes: options.maxUploadBytes }),
      useInputChecks(),
      ...(options.compiledExecution === false
        ? []
        : [
            useCompiledExecution({
              onCompile: (outcome) => {
                if (outcome.kind === 'failed') {
                  logger.warn('graphql-jit could not compile an operation; the standard executor runs it', {
                    operationName: outcome.operationName ?? null,
                    errors: outcome.errors.map((e) => e.message),
                  });
                }
              },
              ...options.compiledExecution,
            }),
          ]),
      ...(options.plugins ?? []),
      // Why last: it wraps whichever request parser the plugins before it selected.
      useRequestBodyLimit(options.maxUploadBytes + MULTIPART_OVERHEAD_BYTES),
    ],
  });
}
