/**
 * OpenTelemetry tracing with the SDK used directly and nothing registered globally: the app holds
 * its tracer, extracts the gateway's W3C `traceparent` itself, and parents spans explicitly
 * through the request scope (no context manager, hence no AsyncLocalStorage). A span per GraphQL
 * operation (`useOperationSpans`) and, through the OSS client's attempt hook, one per store
 * request. The SDK and exporter live in `otlp-tracer-provider.ts`, loaded only when tracing is on.
 */
import { ROOT_CONTEXT, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { Attributes, Context, TextMapGetter, Tracer, TracerProvider } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import type { StoreObserver } from '../oss/observer.js';
import { attemptScope } from './request-scope.js';

/** Instrumentation scope name of every ossgraph span. */
export const TRACER_NAME = 'ossgraph';

/** Attribute names of store spans. */
export const STORE_SPAN_ATTRIBUTES = {
  operation: 'oss.operation',
  bucket: 'oss.bucket',
  attempt: 'oss.attempt',
  requestId: 'oss.request_id',
  retryReason: 'oss.retry_reason',
  method: 'http.request.method',
  status: 'http.response.status_code',
  errorType: 'error.type',
} as const;

/** A tracer provider as the app uses it; `shutdown` flushes what is buffered. */
export interface AppTracerProvider extends TracerProvider {
  shutdown?(): Promise<void>;
}

/** One app's tracing. */
export interface Tracing {
  readonly tracer: Tracer;
  /** The context carried by `traceparent`/`tracestate`; the root context when absent or invalid. */
  extract(headers: Headers): Context;
  /** Opens a client span per store attempt, child of the operation span of the attempt's scope. */
  readonly storeObserver: StoreObserver;
  /** Flushes and stops the provider when the app created it; otherwise does nothing. */
  shutdown(): Promise<void>;
}

const headerGetter: TextMapGetter<Headers> = {
  get: (carrier, key) => carrier.get(key) ?? undefined,
  keys: (carrier) => [...carrier.keys()],
};

/** Tracing over `provider`; `owned` says whether {@link Tracing.shutdown} stops it. */
export function createTracing(provider: AppTracerProvider, owned: boolean): Tracing {
  const tracer = provider.getTracer(TRACER_NAME);
  const propagator = new W3CTraceContextPropagator();
  return {
    tracer,
    extract: (headers) => propagator.extract(ROOT_CONTEXT, headers, headerGetter),
    storeObserver: {
      attemptStarted(started) {
        const { operation, method, bucket, attempt } = started;
        const attributes: Attributes = {
          [STORE_SPAN_ATTRIBUTES.operation]: operation,
          [STORE_SPAN_ATTRIBUTES.method]: method,
          [STORE_SPAN_ATTRIBUTES.attempt]: attempt,
          ...(bucket === undefined ? {} : { [STORE_SPAN_ATTRIBUTES.bucket]: bucket }),
        };
        const span = tracer.startSpan(`OSS ${operation}`, { kind: SpanKind.CLIENT, attributes }, attemptScope(started)?.traceContext ?? ROOT_CONTEXT);
        return ({ status, requestId, error, retry }) => {
          if (status !== undefined) span.setAttribute(STORE_SPAN_ATTRIBUTES.status, status);
          if (requestId !== undefined && requestId !== '') span.setAttribute(STORE_SPAN_ATTRIBUTES.requestId, requestId);
          if (retry !== undefined) span.setAttribute(STORE_SPAN_ATTRIBUTES.retryReason, retry.reason);
          if (error !== undefined) {
            const code = (error as { code?: unknown }).code;
            span.setAttribute(STORE_SPAN_ATTRIBUTES.errorType, typeof code === 'string' ? code : 'Error');
            // Why no recordException: OSS error messages carry the store's URL (see redact.ts).
            span.setStatus({ code: SpanStatusCode.ERROR, message: typeof code === 'string' ? code : 'store request failed' });
          }
          span.end();
        };
      },
    },
    shutdown: () => (owned && provider.shutdown !== undefined ? provider.shutdown() : Promise.resolve()),
  };
}

/**
 * The OTLP tracer provider when `enabled` (`OSSGRAPH_TRACING`), else `undefined`; loads the SDK
 * only then. For the entries, which pass it to `createApp` with `ownsTracerProvider: true`.
 */
export async function loadTracerProvider(enabled: boolean): Promise<AppTracerProvider | undefined> {
  if (!enabled) return undefined;
  const { createOtlpTracerProvider } = await import('./otlp-tracer-provider.js');
  return createOtlpTracerProvider();
}
