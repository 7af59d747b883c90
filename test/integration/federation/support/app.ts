import { createApp } from '../../../../src/app.js';
import type { App } from '../../../../src/app.js';
import { loadConfig } from '../../../../src/config/index.js';
import type { LocalOss } from '../../../../src/local-oss/index.js';
import { storeEnv } from '../../../helpers/local-oss.js';

/** Options of {@link createAppOverLocalOss}: extra environment variables, as an operator sets them. */
export interface AppOverLocalOssOptions {
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * Composes a real ossgraph (`createApp`, configured from environment variables exactly as
 * `main.ts` is) whose store is `store`. Logging is silent unless `env` says otherwise.
 */
export function createAppOverLocalOss(store: LocalOss, options: AppOverLocalOssOptions = {}): App {
  const config = loadConfig({
    ...storeEnv(store),
    OSSGRAPH_LOG_LEVEL: 'silent',
    ...options.env,
  });
  return createApp(config);
}

/** A GraphQL response body. */
export interface GraphQLBody<T> {
  data?: T;
  errors?: Array<{ message: string; path?: ReadonlyArray<string | number>; extensions?: Record<string, unknown> }>;
}

/** POSTs a GraphQL operation as JSON to `path` of an in-process server and parses the answer. */
export async function postGraphQL<T = Record<string, unknown>>(
  server: { fetch(input: string, init?: RequestInit): Promise<Response> | Response },
  path: string,
  query: string,
  variables?: Record<string, unknown>,
): Promise<GraphQLBody<T>> {
  const response = await server.fetch(`http://ossgraph.test${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
    body: JSON.stringify(variables === undefined ? { query } : { query, variables }),
  });
  return (await response.json()) as GraphQLBody<T>;
}
