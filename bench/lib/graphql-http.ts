/** Posting GraphQL operations: over a real socket (undici) or in-process (`yoga.fetch`). */
import { Agent, request } from 'undici';
import type { Dispatcher, FormData } from 'undici';

/** A GraphQL response body. */
export interface GraphqlResponse {
  readonly data?: Record<string, unknown> | null;
  readonly errors?: ReadonlyArray<{ message: string; extensions?: Record<string, unknown> }>;
}

/** Anything that answers a fetch `Request` (a Yoga instance does). */
export interface FetchLike {
  fetch(input: string, init: RequestInit): Promise<Response> | Response;
}

/** Headers every bench request sends: JSON in and out, plus the CSRF-prevention header. */
export const GRAPHQL_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'application/json',
  accept: 'application/graphql-response+json, application/json',
  'x-graphql-yoga-csrf': '1',
  'apollo-require-preflight': 'true',
};

/** Throws with the first error message when the response has errors or no data. */
export function assertNoErrors(response: GraphqlResponse, what: string): Record<string, unknown> {
  if (response.errors !== undefined && response.errors.length > 0) {
    throw new Error(`${what}: ${response.errors[0]?.message ?? 'error'} ${JSON.stringify(response.errors[0]?.extensions ?? {})}`);
  }
  if (response.data === undefined || response.data === null) throw new Error(`${what}: no data`);
  return response.data;
}

/** A client for one GraphQL endpoint over a keep-alive pool. */
export interface GraphqlHttpClient {
  post(query: string, variables?: Record<string, unknown>): Promise<GraphqlResponse>;
  /** Sends a prepared body (e.g. GraphQL multipart `FormData`) with extra headers. */
  postRaw(body: string | FormData, headers: Record<string, string>): Promise<{ status: number; json: GraphqlResponse }>;
  close(): Promise<void>;
}

/** Creates a client for `url` (`http://127.0.0.1:PORT/graphql`). */
export function createGraphqlHttpClient(url: string, connections = 8): GraphqlHttpClient {
  const dispatcher: Dispatcher = new Agent({ connections, keepAliveTimeout: 30_000 });
  const postRaw: GraphqlHttpClient['postRaw'] = async (body, headers) => {
    const res = await request(url, { method: 'POST', headers, body, dispatcher });
    const text = await res.body.text();
    let json: GraphqlResponse;
    try {
      json = JSON.parse(text) as GraphqlResponse;
    } catch {
      json = { errors: [{ message: `HTTP ${res.statusCode}: ${text.slice(0, 200)}` }] };
    }
    return { status: res.statusCode, json };
  };
  return {
    async post(query, variables = {}) {
      return (await postRaw(JSON.stringify({ query, variables }), { ...GRAPHQL_HEADERS })).json;
    },
    postRaw,
    close: () => dispatcher.close(),
  };
}

/** Posts `query` to an in-process Yoga instance. */
export async function postInProcess(
  yoga: FetchLike,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GraphqlResponse> {
  const response = await yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { ...GRAPHQL_HEADERS },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphqlResponse;
}
