/** GraphQL metrics (request and phase durations, errors, by operation) into the app's registry. */
import { createCounter, createHistogram, usePrometheus } from '@graphql-yoga/plugin-prometheus';
import type { FillLabelsFnParams } from '@graphql-yoga/plugin-prometheus';
import type { Plugin } from 'graphql-yoga';
import type { Registry } from 'prom-client';

/** Default of distinct operation names kept as label values per registry; later new names count as {@link OTHER_OPERATIONS}. */
export const MAX_OPERATION_NAMES = 500;

/** Operation names seen per registry (shared by the Yoga instances of one app). */
const namesByRegistry = new WeakMap<Registry, Set<string>>();

/** The `operationName` label of operations beyond {@link MAX_OPERATION_NAMES}. */
export const OTHER_OPERATIONS = '__other__';

/**
 * `@graphql-yoga/plugin-prometheus` on `registry`: HTTP request duration
 * (`graphql_yoga_http_duration`, by operation, method and status), operation count and duration
 * (`graphql_envelop_request`, `graphql_envelop_request_duration`), parse/validate/context/execute
 * phase durations, and errors (`graphql_envelop_error_result`, by operation, phase and field path),
 * labelled by `operationName` and `operationType`. Several Yoga instances may share one registry.
 *
 * Why the label bounds: operation names come from clients, so a client sending a new name per
 * request would grow the registry without end; after `maxOperationNames` (default
 * {@link MAX_OPERATION_NAMES}) names per registry the rest share one label value. List indices in error paths become `*` (`objects.*.contentType`).
 * Left out: the per-operation summary (quantiles cost CPU per request and cannot be aggregated
 * across replicas), deprecated-field and schema-change counters, and the URL (unbounded query
 * strings). Serving `/metrics` is `useMetricsEndpoint`'s job.
 */
export function useGraphQLMetrics(registry: Registry, options: { readonly maxOperationNames?: number } = {}): Plugin {
  const maxNames = options.maxOperationNames ?? MAX_OPERATION_NAMES;
  let known = namesByRegistry.get(registry);
  if (known === undefined) {
    known = new Set<string>();
    namesByRegistry.set(registry, known);
  }
  const operationName = (name: string | undefined): string => {
    const value = name === undefined || name === '' ? 'Anonymous' : name;
    if (known.has(value)) return value;
    if (known.size >= maxNames) return OTHER_OPERATIONS;
    known.add(value);
    return value;
  };
  const operationLabels = (params: FillLabelsFnParams) => ({
    operationName: operationName(params.operationName),
    operationType: params.operationType ?? 'unknown',
  });
  const operationLabelNames = ['operationType', 'operationName'] as const;
  const phaseHistogram = <P extends string>(name: string, help: string, phases: [P, ...P[]]) =>
    createHistogram({ registry, histogram: { name, help, labelNames: operationLabelNames }, fillLabelsFn: operationLabels, phases });
  return usePrometheus({
    registry,
    endpoint: false,
    metrics: {
      graphql_yoga_http_duration: createHistogram({
        registry,
        histogram: {
          name: 'graphql_yoga_http_duration',
          help: 'Time spent on HTTP requests carrying GraphQL operations, by operation, method and status',
          labelNames: ['operationName', 'operationType', 'method', 'statusCode'] as const,
        },
        fillLabelsFn: (params: FillLabelsFnParams & { request: Request; response: Response }) => ({
          ...operationLabels(params),
          method: params.request.method,
          statusCode: params.response.status,
        }),
        phases: ['request'],
      }),
      graphql_envelop_request: createCounter({
        registry,
        counter: { name: 'graphql_envelop_request', help: 'GraphQL operations executed', labelNames: operationLabelNames },
        fillLabelsFn: operationLabels,
        phases: ['execute', 'subscribe'],
      }),
      graphql_envelop_request_duration: phaseHistogram('graphql_envelop_request_duration', 'Time spent on a GraphQL operation from parse to execute', ['execute', 'subscribe']),
      graphql_envelop_phase_parse: phaseHistogram('graphql_envelop_phase_parse', 'Time spent on running GraphQL "parse"', ['parse']),
      graphql_envelop_phase_validate: phaseHistogram('graphql_envelop_phase_validate', 'Time spent on running GraphQL "validate"', ['validate']),
      graphql_envelop_phase_context: phaseHistogram('graphql_envelop_phase_context', 'Time spent on building the GraphQL context', ['context']),
      graphql_envelop_phase_execute: phaseHistogram('graphql_envelop_phase_execute', 'Time spent on running GraphQL "execute"', ['execute']),
      graphql_envelop_error_result: createCounter({
        registry,
        counter: {
          name: 'graphql_envelop_error_result',
          help: 'Errors reported by any GraphQL phase, by operation, phase and field path',
          labelNames: ['operationType', 'operationName', 'path', 'phase'] as const,
        },
        fillLabelsFn: (params: FillLabelsFnParams) => ({
          ...operationLabels(params),
          phase: params.errorPhase ?? 'unknown',
          path: params.error?.path?.map((segment) => (typeof segment === 'number' ? '*' : segment)).join('.') ?? '',
        }),
        phases: ['parse', 'validate', 'context', 'execute', 'subscribe'],
      }),
      graphql_envelop_request_time_summary: false,
      graphql_envelop_phase_subscribe: false,
      graphql_envelop_deprecated_field: false,
      graphql_envelop_schema_change: false,
      graphql_envelop_execute_resolver: false,
    },
  });
}
