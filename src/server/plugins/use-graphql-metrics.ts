/** GraphQL metrics (request and phase durations, errors, by operation) into the app's registry. */
import { usePrometheus } from '@graphql-yoga/plugin-prometheus';
import type { Plugin } from 'graphql-yoga';
import type { Registry } from 'prom-client';

/**
 * `@graphql-yoga/plugin-prometheus` on `registry`: HTTP request duration
 * (`graphql_yoga_http_duration`), operation count and duration, parse/validate/context/execute
 * phase durations and errors (`graphql_envelop_error_result`), labelled by operation name and type.
 * Left out: the per-operation summary (quantiles cost CPU on every request and cannot be
 * aggregated across replicas), deprecated-field and schema-change counters, and the `url` label
 * (the query string of GET requests would make it unbounded). Serving `/metrics` is
 * `useMetricsEndpoint`'s job. Several Yoga instances may share one registry.
 */
export function useGraphQLMetrics(registry: Registry): Plugin {
  return usePrometheus({
    registry,
    endpoint: false,
    labels: { url: false },
    metrics: {
      graphql_yoga_http_duration: true,
      graphql_envelop_request: true,
      graphql_envelop_request_duration: true,
      graphql_envelop_request_time_summary: false,
      graphql_envelop_phase_parse: true,
      graphql_envelop_phase_validate: true,
      graphql_envelop_phase_context: true,
      graphql_envelop_phase_execute: true,
      graphql_envelop_phase_subscribe: false,
      graphql_envelop_error_result: true,
      graphql_envelop_deprecated_field: false,
      graphql_envelop_schema_change: false,
      graphql_envelop_execute_resolver: false,
    },
  });
}
