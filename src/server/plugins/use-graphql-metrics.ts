/** GraphQL metrics (HTTP and operation durations, operations, errors, by operation) into the app's registry. */
import { getOperationAST } from 'graphql';
import type { DocumentNode, GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { Counter, Histogram } from 'prom-client';
import type { Registry } from 'prom-client';

/** Default of distinct operation names kept as label values per registry; later new names count as {@link OTHER_OPERATIONS}. */
export const MAX_OPERATION_NAMES = 500;

/** The `operationName` label of operations beyond {@link MAX_OPERATION_NAMES}. */
export const OTHER_OPERATIONS = '__other__';

/** The phase an error was reported in (`phase` label of `graphql_envelop_error_result`). */
type ErrorPhase = 'parse' | 'validate' | 'execute';

/** The operation labels of one GraphQL request. */
interface OperationLabels {
  readonly operationName: string;
  readonly operationType: string;
}

/** The metrics of one registry, shared by every Yoga instance of an app (`/graphql`, `/subgraph`). */
interface Instruments {
  readonly httpDuration: Histogram<'operationName' | 'operationType' | 'method' | 'statusCode'>;
  readonly operations: Counter<'operationType' | 'operationName'>;
  readonly operationDuration: Histogram<'operationType' | 'operationName'>;
  readonly executeDuration: Histogram<'operationType' | 'operationName'>;
  readonly errors: Counter<'operationType' | 'operationName' | 'path' | 'phase'>;
  /** Operation names seen so far (bounded by the plugin's `maxOperationNames`). */
  readonly names: Set<string>;
}

const instrumentsByRegistry = new WeakMap<Registry, Instruments>();

function instrumentsFor(registry: Registry): Instruments {
  let instruments = instrumentsByRegistry.get(registry);
  if (instruments !== undefined) return instruments;
  const byOperation = ['operationType', 'operationName'] as const;
  instruments = {
    httpDuration: new Histogram({
      name: 'graphql_yoga_http_duration',
      help: 'Time spent on HTTP requests carrying GraphQL operations, by operation, method and status',
      labelNames: ['operationName', 'operationType', 'method', 'statusCode'] as const,
      registers: [registry],
    }),
    operations: new Counter({ name: 'graphql_envelop_request', help: 'GraphQL operations executed', labelNames: byOperation, registers: [registry] }),
    operationDuration: new Histogram({
      name: 'graphql_envelop_request_duration',
      help: 'Time spent on a GraphQL operation from parse to execute',
      labelNames: byOperation,
      registers: [registry],
    }),
    executeDuration: new Histogram({
      name: 'graphql_envelop_phase_execute',
      help: 'Time spent on running GraphQL "execute"',
      labelNames: byOperation,
      registers: [registry],
    }),
    errors: new Counter({
      name: 'graphql_envelop_error_result',
      help: 'Errors reported by any GraphQL phase, by operation, phase and field path',
      labelNames: ['operationType', 'operationName', 'path', 'phase'] as const,
      registers: [registry],
    }),
    names: new Set(),
  };
  instrumentsByRegistry.set(registry, instruments);
  return instruments;
}

/** What the plugin remembers of one HTTP request between its hooks. */
interface RequestRecord {
  readonly startedAt: number;
  parsedAt?: number;
  operation?: OperationLabels;
}

/**
 * GraphQL metrics on `registry`: HTTP request duration (`graphql_yoga_http_duration`, by
 * operation, method and status, for requests that carried an operation), operations and their
 * duration from parse to the end of execution (`graphql_envelop_request`,
 * `graphql_envelop_request_duration`), execution time (`graphql_envelop_phase_execute`), and
 * errors (`graphql_envelop_error_result`, by operation, phase and field path), labelled by
 * `operationName` and `operationType`. Several Yoga instances may share one registry.
 *
 * Why our own plugin rather than `@graphql-yoga/plugin-prometheus`: that one cost ≈ 12 µs of CPU
 * per request (label objects built and hashed for every phase, six histograms); this one keeps the
 * labelled children, so a request costs a few map lookups (issue 11). Left out: parse, validate and
 * context durations (repeated documents come from Yoga's cache; their timings were noise), the
 * per-operation summary (quantiles cannot be aggregated across replicas), and the URL.
 *
 * Why the label bounds: operation names come from clients, so a client sending a new name per
 * request would grow the registry without end; after `maxOperationNames` (default
 * {@link MAX_OPERATION_NAMES}) names per registry the rest share one label value. List indices in
 * error paths become `*` (`objects.*.contentType`).
 */
export function useGraphQLMetrics(
  registry: Registry,
  options: { readonly maxOperationNames?: number; readonly now?: () => number } = {},
): Plugin {
  const maxNames = options.maxOperationNames ?? MAX_OPERATION_NAMES;
  const now = options.now ?? (() => performance.now());
  const instruments = instrumentsFor(registry);
  const records = new WeakMap<Request, RequestRecord>();
  /** Labels per document and operation name: an operation's labels are worked out once. */
  const labelsByDocument = new WeakMap<DocumentNode, Map<string | undefined, OperationLabels>>();
  /** Labelled children per label string, so an observation does not hash its labels again. */
  const children = new Map<string, { observe?(value: number): void; inc?(): void }>();

  const boundedName = (name: string | undefined): string => {
    const value = name === undefined || name === '' ? 'Anonymous' : name;
    if (instruments.names.has(value)) return value;
    if (instruments.names.size >= maxNames) return OTHER_OPERATIONS;
    instruments.names.add(value);
    return value;
  };
  const labelsOf = (document: DocumentNode, requestedName: string | undefined): OperationLabels => {
    let byName = labelsByDocument.get(document);
    if (byName === undefined) {
      byName = new Map();
      labelsByDocument.set(document, byName);
    }
    let labels = byName.get(requestedName);
    if (labels === undefined) {
      const operation = getOperationAST(document, requestedName);
      labels = { operationName: boundedName(operation?.name?.value ?? requestedName), operationType: operation?.operation ?? 'unknown' };
      byName.set(requestedName, labels);
    }
    return labels;
  };
  const child = <T>(metric: string, key: string, make: () => T): T => {
    const id = `${metric}\u0000${key}`;
    let found = children.get(id) as T | undefined;
    if (found === undefined) {
      found = make();
      children.set(id, found as never);
    }
    return found;
  };
  const opKey = (labels: OperationLabels): string => `${labels.operationType}\u0000${labels.operationName}`;
  const countErrors = (labels: OperationLabels, phase: ErrorPhase, errors: readonly unknown[]): void => {
    for (const error of errors) {
      const path = (error as Partial<GraphQLError>).path?.map((segment) => (typeof segment === 'number' ? '*' : segment)).join('.') ?? '';
      instruments.errors.inc({ ...labels, phase, path });
    }
  };
  const unknownOperation = (name: unknown): OperationLabels => ({
    operationName: boundedName(typeof name === 'string' ? name : undefined),
    operationType: 'unknown',
  });

  return {
    onRequest({ request }) {
      records.set(request, { startedAt: now() });
    },
    onParse({ context }) {
      const request = (context as { request?: Request }).request;
      const record = request === undefined ? undefined : records.get(request);
      if (record !== undefined) record.parsedAt = now();
      return ({ result }) => {
        if (!(result instanceof Error)) return;
        const labels = unknownOperation((context as { params?: { operationName?: unknown } }).params?.operationName);
        if (record !== undefined) record.operation = labels;
        countErrors(labels, 'parse', [result]);
      };
    },
    onValidate({ params, context }) {
      return ({ result }) => {
        const labels = labelsOf(params.documentAST, (context as { params?: { operationName?: string } }).params?.operationName);
        const request = (context as { request?: Request }).request;
        const record = request === undefined ? undefined : records.get(request);
        if (record !== undefined) record.operation = labels;
        if (result.length > 0) countErrors(labels, 'validate', result);
      };
    },
    onExecute({ args }) {
      const labels = labelsOf(args.document, args.operationName ?? undefined);
      const request = (args.contextValue as { request?: Request }).request;
      const record = request === undefined ? undefined : records.get(request);
      if (record !== undefined) record.operation = labels;
      const startedAt = now();
      return {
        onExecuteDone({ result }) {
          const done = now();
          const key = opKey(labels);
          child('operations', key, () => instruments.operations.labels(labels)).inc();
          child('execute', key, () => instruments.executeDuration.labels(labels)).observe((done - startedAt) / 1000);
          child('operation', key, () => instruments.operationDuration.labels(labels)).observe((done - (record?.parsedAt ?? startedAt)) / 1000);
          if (!(Symbol.asyncIterator in result) && result.errors !== undefined) countErrors(labels, 'execute', result.errors);
        },
      };
    },
    onResponse({ request, response }) {
      const record = records.get(request);
      if (record?.operation === undefined) return;
      records.delete(request);
      const { operation } = record;
      const key = `${opKey(operation)}\u0000${request.method}\u0000${response.status}`;
      child('http', key, () => instruments.httpDuration.labels({ ...operation, method: request.method, statusCode: response.status })).observe(
        (now() - record.startedAt) / 1000,
      );
    },
  };
}
