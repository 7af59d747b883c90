/**
 * The OTLP tracer provider of the entries. Its own module, imported dynamically when tracing is
 * on, so a server without tracing never loads the SDK and the exporter (start-up time, memory).
 */
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { defaultResource, detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';

/**
 * A tracer provider exporting over OTLP/HTTP in batches, configured the standard way by the
 * `OTEL_*` variables the SDK reads itself: `OTEL_EXPORTER_OTLP_ENDPOINT` (or `…_TRACES_ENDPOINT`),
 * `OTEL_EXPORTER_OTLP_HEADERS`, `OTEL_SERVICE_NAME` (default `ossgraph`), `OTEL_RESOURCE_ATTRIBUTES`,
 * `OTEL_TRACES_SAMPLER(_ARG)` and `OTEL_BSP_*`.
 */
export function createOtlpTracerProvider(): BasicTracerProvider {
  const resource = defaultResource()
    .merge(resourceFromAttributes({ 'service.name': 'ossgraph' }))
    .merge(detectResources({ detectors: [envDetector] }));
  return new BasicTracerProvider({ resource, spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())] });
}
