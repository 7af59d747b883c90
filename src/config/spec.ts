/**
 * The configuration spec: every option ossgraph reads, with its environment variable, parser,
 * default and one line of documentation. `loadConfig` and `--help` are both driven from here, and
 * the type of the loaded configuration is derived from it.
 */
import { boolean, byteSize, durationMs, endpoint, httpUrl, integer, list, matching, oneOf, origin, text } from './parsers.js';
import type { Parser } from './parsers.js';

/** Headings of `--help`, in print order. */
export const CONFIG_GROUPS = ['OSS', 'Store requests', 'Server', 'API', 'Security', 'Embedded local-oss'] as const;

/** A heading of `--help`. */
export type ConfigGroup = (typeof CONFIG_GROUPS)[number];

/** One configuration option. `T` is the parsed type; `undefined` defaults mean "not set". */
export interface OptionSpec<T> {
  /** The environment variable that sets it. */
  readonly env: string;
  readonly group: ConfigGroup;
  readonly parse: Parser<T>;
  /** Used when the variable is unset or blank. */
  readonly default: T;
  /** One line for `--help`. */
  readonly doc: string;
  /** Never echo the value back (in errors or anywhere else). */
  readonly secret?: boolean;
  /** Unit of a bare number, shown after the default in `--help`. */
  readonly unit?: 'ms' | 'bytes';
}

/** Identity helper that lets TypeScript infer `T` per option, from the parser alone. */
function option<T>(spec: Omit<OptionSpec<T>, 'default'> & { readonly default: NoInfer<T> }): OptionSpec<T> {
  return spec;
}

/** An option that is unset unless the variable is given. */
function optional<T>(spec: Omit<OptionSpec<T | undefined>, 'default' | 'parse'> & { readonly parse: Parser<T> }): OptionSpec<T | undefined> {
  return { ...spec, default: undefined };
}

const BUCKET_NAME = matching(
  /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/,
  'must be a bucket name: 3 to 63 characters, lowercase letters, digits and hyphens, starting and ending with a letter or digit',
);

const MIB = 1024 * 1024;

/**
 * Every option, keyed by its name in the loaded configuration. Defaults of store tunables repeat
 * `src/oss/defaults.ts` (a unit test keeps them equal; `config` may not import `oss`).
 */
export const CONFIG_SPEC = {
  // OSS: where the store is and who we are.
  ossRegion: optional({
    env: 'OSS_REGION',
    group: 'OSS',
    parse: matching(/^(oss-)?[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a region id like cn-hangzhou'),
    doc: 'Region id, e.g. cn-hangzhou. With neither OSS_REGION nor OSS_ENDPOINT, `npm start` runs an embedded local-oss.',
  }),
  ossEndpoint: optional({
    env: 'OSS_ENDPOINT',
    group: 'OSS',
    parse: endpoint,
    doc: 'Explicit endpoint (host[:port] or http(s) URL); default derived from the region. Needs OSS_REGION (the signing region).',
  }),
  ossAccessKeyId: optional({
    env: 'OSS_ACCESS_KEY_ID',
    group: 'OSS',
    parse: text,
    doc: 'AccessKey id; required with OSS_REGION.',
  }),
  ossAccessKeySecret: optional({
    env: 'OSS_ACCESS_KEY_SECRET',
    group: 'OSS',
    parse: text,
    secret: true,
    doc: 'AccessKey secret; required with OSS_REGION.',
  }),
  ossSessionToken: optional({
    env: 'OSS_SESSION_TOKEN',
    group: 'OSS',
    parse: text,
    secret: true,
    doc: 'STS session token, for temporary credentials.',
  }),
  ossInternalEndpoint: option({
    env: 'OSS_INTERNAL_ENDPOINT',
    group: 'OSS',
    parse: boolean,
    default: false,
    doc: 'Use oss-<region>-internal.aliyuncs.com (from inside Alibaba Cloud). Ignored when OSS_ENDPOINT is set.',
  }),
  ossPathStyle: option({
    env: 'OSS_PATH_STYLE',
    group: 'OSS',
    parse: boolean,
    default: false,
    doc: 'Address buckets as /bucket/key instead of bucket.host (automatic for IP and localhost endpoints).',
  }),
  ossSignatureVersion: option({
    env: 'OSS_SIGNATURE_VERSION',
    group: 'OSS',
    parse: oneOf(['v4', 'v1'] as const),
    default: 'v4',
    doc: 'Request signature version.',
  }),

  // Store requests: how ossgraph talks to the store.
  storeConcurrency: option({
    env: 'OSSGRAPH_STORE_CONCURRENCY',
    group: 'Store requests',
    parse: integer(1, 10_000),
    default: 64,
    doc: 'Most store requests in flight at once for the whole process.',
  }),
  storeConcurrencyPerRequest: option({
    env: 'OSSGRAPH_STORE_CONCURRENCY_PER_REQUEST',
    group: 'Store requests',
    parse: integer(1, 10_000),
    default: 16,
    doc: 'Most store requests in flight at once for one GraphQL request.',
  }),
  storeMaxAttempts: option({
    env: 'OSSGRAPH_STORE_MAX_ATTEMPTS',
    group: 'Store requests',
    parse: integer(1, 10),
    default: 3,
    doc: 'Attempts per store request, the first included (1 disables retries).',
  }),
  storeConnectTimeoutMs: option({
    env: 'OSSGRAPH_STORE_CONNECT_TIMEOUT',
    group: 'Store requests',
    parse: durationMs(1, 600_000),
    unit: 'ms',
    default: 10_000,
    doc: 'TCP + TLS connect timeout (e.g. 10s, 500ms).',
  }),
  storeHeadersTimeoutMs: option({
    env: 'OSSGRAPH_STORE_HEADERS_TIMEOUT',
    group: 'Store requests',
    parse: durationMs(1, 3_600_000),
    unit: 'ms',
    default: 120_000,
    doc: 'Wait for response headers after sending; large copies answer only when done.',
  }),
  storeBodyTimeoutMs: option({
    env: 'OSSGRAPH_STORE_BODY_TIMEOUT',
    group: 'Store requests',
    parse: durationMs(1, 3_600_000),
    unit: 'ms',
    default: 20_000,
    doc: 'Longest gap between two chunks of a response body.',
  }),
  metadataCacheTtlMs: option({
    env: 'OSSGRAPH_METADATA_CACHE_TTL',
    group: 'Store requests',
    parse: durationMs(0, 60_000),
    unit: 'ms',
    default: 0,
    doc: 'Cross-request object metadata cache: how long a HeadObject/GetObjectMeta answer may be served (≤ 60s). 0: off. Writes by anything but ossgraph are seen within it.',
  }),
  metadataCacheMaxEntries: option({
    env: 'OSSGRAPH_METADATA_CACHE_MAX_ENTRIES',
    group: 'Store requests',
    parse: integer(1, 10_000_000),
    default: 10_000,
    doc: 'Most answers the metadata cache holds (least recently used dropped first).',
  }),
  metadataCacheMaxBytes: option({
    env: 'OSSGRAPH_METADATA_CACHE_MAX_BYTES',
    group: 'Store requests',
    parse: byteSize(64 * 1024, 4 * 1024 * MIB),
    unit: 'bytes',
    default: 64 * MIB,
    doc: 'Most (estimated) bytes the metadata cache holds (least recently used dropped first).',
  }),

  // Server: the HTTP side.
  port: option({
    env: 'PORT',
    group: 'Server',
    parse: integer(0, 65_535),
    default: 4000,
    doc: 'TCP port of the HTTP server (0 picks a free one; the real port is printed).',
  }),
  host: option({
    env: 'HOST',
    group: 'Server',
    parse: matching(/^[^\s/]+$/, 'must be a host name or IP address'),
    default: '127.0.0.1',
    doc: 'Interface to listen on; 0.0.0.0 for all.',
  }),
  corsOrigins: option({
    env: 'OSSGRAPH_CORS_ORIGINS',
    group: 'Server',
    parse: list(origin),
    default: [],
    doc: 'Comma-separated browser origins allowed to call the API (CORS). Empty: no CORS headers at all.',
  }),
  graphiql: option({
    env: 'OSSGRAPH_GRAPHIQL',
    group: 'Server',
    parse: boolean,
    default: false,
    doc: 'Serve GraphiQL (offline, no CDN) on GET /graphql for browsers. Default off in `npm run serve`, on in `npm start`.',
  }),
  introspection: option({
    env: 'OSSGRAPH_INTROSPECTION',
    group: 'Server',
    parse: boolean,
    default: false,
    doc: 'Answer introspection (__schema, __type). Default off in `npm run serve`, on in `npm start`; GraphiQL needs it.',
  }),
  compiledExecution: option({
    env: 'OSSGRAPH_COMPILED_EXECUTION',
    group: 'Server',
    parse: boolean,
    default: true,
    doc: 'Run GraphQL operations compiled by graphql-jit (cached per document); off: the standard executor runs every operation.',
  }),
  trustedDocuments: optional({
    env: 'OSSGRAPH_TRUSTED_DOCUMENTS',
    group: 'Server',
    parse: text,
    doc: 'Path of a persisted-documents manifest (hash → document); when set, /graphql runs only those operations, sent by hash.',
  }),
  maxUploadBytes: option({
    env: 'OSSGRAPH_MAX_UPLOAD_BYTES',
    group: 'Server',
    parse: byteSize(1, 5 * 1024 * MIB),
    unit: 'bytes',
    default: 10 * MIB,
    doc: 'Largest file accepted by putObject over GraphQL multipart (larger: HTTP 413; use createUpload).',
  }),
  shutdownTimeoutMs: option({
    env: 'OSSGRAPH_SHUTDOWN_TIMEOUT',
    group: 'Server',
    parse: durationMs(0, 600_000),
    unit: 'ms',
    default: 10_000,
    doc: 'On SIGINT/SIGTERM, how long open requests may finish before connections are cut.',
  }),
  subgraph: option({
    env: 'OSSGRAPH_SUBGRAPH',
    group: 'Server',
    parse: boolean,
    default: true,
    doc: 'Serve the federation subgraph on /subgraph, for the company router only (restrict it at the network level).',
  }),
  redisUrl: optional({
    env: 'OSSGRAPH_REDIS_URL',
    group: 'Server',
    parse: matching(/^rediss?:\/\/\S+$/, 'must be a redis:// or rediss:// URL'),
    secret: true,
    doc: 'Redis holding per-object edit leases shared by every ossgraph replica. Unset: metadata edits are serialized within this process only.',
  }),
  editLeaseTtlMs: option({
    env: 'OSSGRAPH_EDIT_LEASE_TTL',
    group: 'Server',
    parse: durationMs(1000, 600_000),
    unit: 'ms',
    default: 15_000,
    doc: 'Lifetime of a Redis edit lease without renewal (renewed while its edit runs); a crashed replica blocks its object this long.',
  }),
  editLeaseMaxWaitMs: option({
    env: 'OSSGRAPH_EDIT_LEASE_MAX_WAIT',
    group: 'Server',
    parse: durationMs(0, 600_000),
    unit: 'ms',
    default: 20_000,
    doc: 'Longest an edit waits for the lease of an object another edit holds before failing with CONFLICT (retryable).',
  }),
  logLevel: option({
    env: 'OSSGRAPH_LOG_LEVEL',
    group: 'Server',
    parse: oneOf(['debug', 'info', 'warn', 'error', 'silent'] as const),
    default: 'info',
    doc: 'Least severe JSON log line written to stdout; request lines are info.',
  }),
  metrics: option({
    env: 'OSSGRAPH_METRICS',
    group: 'Server',
    parse: boolean,
    default: true,
    doc: 'Serve Prometheus metrics at GET /metrics (on the API port unless OSSGRAPH_METRICS_PORT is set).',
  }),
  metricsPort: optional({
    env: 'OSSGRAPH_METRICS_PORT',
    group: 'Server',
    parse: integer(0, 65_535),
    doc: 'Serve /metrics on this port of HOST instead of the API port (keep it off the public ingress).',
  }),
  tracing: option({
    env: 'OSSGRAPH_TRACING',
    group: 'Server',
    parse: boolean,
    default: false,
    doc: 'Export OpenTelemetry traces over OTLP/HTTP, set up by the standard OTEL_* variables (OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_SERVICE_NAME, OTEL_TRACES_SAMPLER, ...).',
  }),

  // API: limits of the GraphQL schema.
  allowedBuckets: option({
    env: 'OSSGRAPH_BUCKETS',
    group: 'API',
    parse: list(BUCKET_NAME),
    default: [],
    doc: 'Comma-separated buckets the API may touch (others: ACCESS_DENIED, no store request). Empty: any bucket.',
  }),
  maxRefs: option({
    env: 'OSSGRAPH_MAX_REFS',
    group: 'API',
    parse: integer(1, 10_000),
    default: 100,
    doc: 'Most object references one Query.objects call may ask for.',
  }),
  defaultPageSize: option({
    env: 'OSSGRAPH_DEFAULT_PAGE_SIZE',
    group: 'API',
    parse: integer(1, 1000),
    default: 100,
    doc: 'Objects per listing page when `first` is not given.',
  }),
  maxPageSize: option({
    env: 'OSSGRAPH_MAX_PAGE_SIZE',
    group: 'API',
    parse: integer(1, 1000),
    default: 1000,
    doc: 'Largest `first` of a listing (OSS returns at most 1000 keys per page).',
  }),
  maxStoreRequests: option({
    env: 'OSSGRAPH_MAX_STORE_REQUESTS',
    group: 'API',
    parse: integer(1, 1_000_000),
    default: 1000,
    doc: 'Most store requests one GraphQL request may cause; the next one fails with LIMIT_EXCEEDED instead of reaching the store.',
  }),
  maxDepth: option({
    env: 'OSSGRAPH_MAX_DEPTH',
    group: 'API',
    parse: integer(1, 1000),
    default: 10,
    doc: 'Deepest field nesting of an operation (fragments flattened; __schema is bounded by graphql-js itself).',
  }),
  maxAliases: option({
    env: 'OSSGRAPH_MAX_ALIASES',
    group: 'API',
    parse: integer(0, 1_000_000),
    default: 20,
    doc: 'Most aliases in one operation (use Query.objects(refs) for many objects).',
  }),
  maxTokens: option({
    env: 'OSSGRAPH_MAX_TOKENS',
    group: 'API',
    parse: integer(1, 10_000_000),
    default: 1000,
    doc: 'Most lexical tokens in one GraphQL document; parsing stops at the first token over.',
  }),
  maxDirectives: option({
    env: 'OSSGRAPH_MAX_DIRECTIVES',
    group: 'API',
    parse: integer(0, 1_000_000),
    default: 20,
    doc: 'Most directives (@include, @skip, …) in one operation.',
  }),
  maxDocumentBytes: option({
    env: 'OSSGRAPH_MAX_DOCUMENT_BYTES',
    group: 'API',
    parse: byteSize(1, 100 * MIB),
    unit: 'bytes',
    default: 32 * 1024,
    doc: 'Largest GraphQL document (query text, UTF-8) of one request; larger: HTTP 413 before parsing.',
  }),
  copyThresholdBytes: option({
    env: 'OSSGRAPH_COPY_THRESHOLD',
    group: 'API',
    parse: byteSize(1, 5 * 1024 * MIB),
    unit: 'bytes',
    default: 200 * MIB,
    doc: 'Objects larger than this are copied (and have metadata edited) with multipart copy.',
  }),
  copyPartSizeBytes: option({
    env: 'OSSGRAPH_COPY_PART_SIZE',
    group: 'API',
    parse: byteSize(100 * 1024, 5 * 1024 * MIB),
    unit: 'bytes',
    default: 64 * MIB,
    doc: 'Part size of multipart copies.',
  }),
  copyParallel: option({
    env: 'OSSGRAPH_COPY_PARALLEL',
    group: 'API',
    parse: integer(1, 100),
    default: 3,
    doc: 'Parts copied at once by a multipart copy.',
  }),
  presignExpiresSeconds: option({
    env: 'OSSGRAPH_PRESIGN_EXPIRES_SECONDS',
    group: 'API',
    parse: integer(1, 7 * 24 * 60 * 60),
    default: 15 * 60,
    doc: 'Lifetime of presigned URLs (downloadUrl, createUpload) when the caller gives none.',
  }),
  maxDirectUploadBytes: option({
    env: 'OSSGRAPH_MAX_DIRECT_UPLOAD_BYTES',
    group: 'API',
    parse: byteSize(1, 5 * 1024 * MIB),
    unit: 'bytes',
    default: 100 * MIB,
    doc: 'Largest file the createUpload form (OSS PostObject) lets a browser upload; the store refuses more. A caller may ask for less.',
  }),
  presignMaxExpiresSeconds: option({
    env: 'OSSGRAPH_PRESIGN_MAX_EXPIRES_SECONDS',
    group: 'API',
    parse: integer(1, 7 * 24 * 60 * 60),
    default: 7 * 24 * 60 * 60,
    doc: 'Longest lifetime a caller may ask for a presigned URL (OSS accepts at most 7 days).',
  }),

  // Security: who the caller is (bearer JWTs) and what the policy lets them do (README "Security").
  auth: optional({
    env: 'OSSGRAPH_AUTH',
    group: 'Security',
    parse: oneOf(['jwt', 'none'] as const),
    doc: 'How callers are identified: jwt (verified bearer tokens) or none (everyone anonymous). `npm run serve` requires it; `npm start` defaults to none.',
  }),
  jwksUrl: optional({
    env: 'OSSGRAPH_JWKS_URL',
    group: 'Security',
    parse: httpUrl,
    doc: 'JSON Web Key Set URL of the token issuer (cached; refetched when a token names an unknown kid). Or OSSGRAPH_JWT_PUBLIC_KEY.',
  }),
  jwtPublicKey: optional({
    env: 'OSSGRAPH_JWT_PUBLIC_KEY',
    group: 'Security',
    parse: matching(/-----BEGIN [A-Z ]+-----/, 'must be a PEM public key (-----BEGIN PUBLIC KEY-----; "\\n" escapes allowed)'),
    doc: 'PEM public key that signs the tokens, instead of OSSGRAPH_JWKS_URL.',
  }),
  jwtIssuer: optional({
    env: 'OSSGRAPH_JWT_ISSUER',
    group: 'Security',
    parse: text,
    doc: 'Required `iss` of tokens, when set.',
  }),
  jwtAudience: option({
    env: 'OSSGRAPH_JWT_AUDIENCE',
    group: 'Security',
    parse: list(text),
    default: [],
    doc: 'Comma-separated accepted `aud` values (a token must carry one), when set.',
  }),
  jwtAlgorithms: option({
    env: 'OSSGRAPH_JWT_ALGORITHMS',
    group: 'Security',
    parse: list(oneOf(['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'] as const)),
    default: [],
    doc: 'Comma-separated accepted signature algorithms. Empty: every asymmetric one (never none or HMAC).',
  }),
  jwtClockSkewMs: option({
    env: 'OSSGRAPH_JWT_CLOCK_SKEW',
    group: 'Security',
    parse: durationMs(0, 600_000),
    unit: 'ms',
    default: 30_000,
    doc: 'Clock skew tolerated on token exp and nbf.',
  }),
  jwksCooldownMs: option({
    env: 'OSSGRAPH_JWKS_COOLDOWN',
    group: 'Security',
    parse: durationMs(0, 3_600_000),
    unit: 'ms',
    default: 30_000,
    doc: 'Least time between two JWKS refetches caused by tokens with an unknown kid.',
  }),
  policyFile: optional({
    env: 'OSSGRAPH_POLICY_FILE',
    group: 'Security',
    parse: text,
    doc: 'JSON access policy file ({ "rules": [...] }, see README "Security"). Default: everything for any caller with auth none, for any authenticated caller with jwt.',
  }),
  policy: optional({
    env: 'OSSGRAPH_POLICY',
    group: 'Security',
    parse: text,
    doc: 'The access policy as inline JSON, instead of OSSGRAPH_POLICY_FILE.',
  }),
  subgraphSecret: optional({
    env: 'OSSGRAPH_SUBGRAPH_SECRET',
    group: 'Security',
    parse: text,
    secret: true,
    doc: 'When set, /subgraph requires the header x-gateway-secret with this value (401 without, 403 wrong).',
  }),
  subgraphMutations: option({
    env: 'OSSGRAPH_SUBGRAPH_MUTATIONS',
    group: 'Security',
    parse: boolean,
    default: false,
    doc: 'Expose mutations on /subgraph (off: the subgraph schema has no Mutation type).',
  }),

  // Embedded local-oss (npm start without OSS_REGION / OSS_ENDPOINT).
  dataDir: option({
    env: 'OSSGRAPH_DATA_DIR',
    group: 'Embedded local-oss',
    parse: text,
    default: './.local-oss-data',
    doc: 'Where the embedded local-oss keeps its buckets and objects.',
  }),
} as const;

/** The name of an option in the loaded configuration. */
export type ConfigKey = keyof typeof CONFIG_SPEC;

/** The loaded configuration: one property per option, typed by its parser. Frozen. */
export type AppConfig = {
  readonly [K in ConfigKey]: (typeof CONFIG_SPEC)[K] extends OptionSpec<infer T> ? T : never;
};
