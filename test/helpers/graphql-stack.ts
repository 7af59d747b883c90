/**
 * A GraphQL stack for tests: local-oss (memory backend) on port 0 and the real app (`createApp`)
 * pointed at it, plus helpers to run operations through `app.fetch`, count store requests and
 * read objects back with the official OSS Node SDK (ali-oss).
 */
import OSS from 'ali-oss';
import { createApp } from '../../src/app.js';
import type { App, AppDeps } from '../../src/app.js';
import { loadConfig } from '../../src/config/index.js';
import type { AppConfig } from '../../src/config/index.js';
import { startLocalOss } from '../../src/local-oss/index.js';
import type { FaultOptions, LocalOss } from '../../src/local-oss/index.js';
import { storeEnv } from './local-oss.js';

/** A GraphQL response body. */
export interface GraphQLResult<T = Record<string, any>> {
  data?: T | null;
  errors?: Array<{ message: string; path?: ReadonlyArray<string | number>; extensions?: Record<string, any> }>;
}

/** Options of {@link startGraphQLStack}. */
export interface GraphQLStackOptions {
  /** Buckets created in the store; default `['photos']`. */
  readonly buckets?: readonly string[];
  /** Configuration values replacing the loaded defaults (e.g. a small `copyThresholdBytes`). */
  readonly config?: Partial<AppConfig>;
  /** Fault injection in the store (off by default). */
  readonly faults?: FaultOptions;
  /** Edges of the app to replace (e.g. a dispatcher that hooks store requests). */
  readonly appDeps?: AppDeps;
}

/** A running stack. */
export interface GraphQLStack {
  readonly store: LocalOss;
  readonly app: App;
  /** POSTs `query` as JSON to `/graphql` and parses the answer. */
  graphql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResult<T>>;
  /** POSTs a GraphQL multipart request (one file at `variables.<fileVariable>`). */
  upload<T = Record<string, any>>(
    query: string,
    variables: Record<string, unknown>,
    file: { path: string; name: string; type: string; bytes: Uint8Array },
  ): Promise<{ status: number; body: GraphQLResult<T> }>;
  /** Writes objects straight to the store (not counted by the test: resets the stats after). */
  seed(bucket: string, objects: ReadonlyArray<{ key: string; body?: string; contentType?: string; metadata?: Record<string, string> }>): Promise<void>;
  /** An ali-oss client for `bucket`, talking to the store. */
  aliOss(bucket: string): OSS;
  close(): Promise<void>;
}

/** Starts local-oss and the app over it. */
export async function startGraphQLStack(options: GraphQLStackOptions = {}): Promise<GraphQLStack> {
  const store = await startLocalOss({ buckets: options.buckets ?? ['photos'], ...(options.faults === undefined ? {} : { faults: options.faults }) });
  const loaded = loadConfig({
    ...storeEnv(store),
    OSSGRAPH_LOG_LEVEL: 'silent',
  });
  const app = createApp({ ...loaded, ...options.config }, options.appDeps);
  const post = (init: RequestInit): Promise<Response> => app.fetch('http://ossgraph.test/graphql', { method: 'POST', ...init });

  const aliOss = (bucket: string): OSS =>
    new OSS({
      region: `oss-${store.region}`,
      endpoint: store.url,
      bucket,
      accessKeyId: store.credentials.accessKeyId,
      accessKeySecret: store.credentials.accessKeySecret,
      secure: false,
    });

  return {
    store,
    app,
    async graphql(query, variables) {
      const response = await post({
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
        body: JSON.stringify(variables === undefined ? { query } : { query, variables }),
      });
      return (await response.json()) as GraphQLResult<any>;
    },
    async upload(query, variables, file) {
      const form = new FormData();
      form.set('operations', JSON.stringify({ query, variables }));
      form.set('map', JSON.stringify({ '0': [`variables.${file.path}`] }));
      form.set('0', new File([Buffer.from(file.bytes)], file.name, { type: file.type }));
      const response = await post({ headers: { 'x-graphql-yoga-csrf': '1' }, body: form });
      const text = await response.text();
      let body: GraphQLResult<any>;
      try {
        body = JSON.parse(text) as GraphQLResult<any>;
      } catch {
        body = { errors: [{ message: text }] };
      }
      return { status: response.status, body };
    },
    async seed(bucket, objects) {
      await Promise.all(
        objects.map((o) =>
          app.api.putObject({
            bucket,
            key: o.key,
            body: o.body ?? `body of ${o.key}`,
            ...(o.contentType === undefined ? {} : { contentType: o.contentType }),
            ...(o.metadata === undefined ? {} : { metadata: o.metadata }),
          }),
        ),
      );
      store.stats.reset();
    },
    aliOss,
    async close() {
      await app.close();
      await store.close();
    },
  };
}
