import { composeServices } from '@apollo/composition';
import { createGatewayRuntime, useCustomFetch } from '@graphql-hive/gateway-runtime';
import type { GatewayRuntime } from '@graphql-hive/gateway-runtime';
import { parse, print } from 'graphql';
import type { DocumentNode } from 'graphql';

/** Anything that answers WHATWG requests in-process, like a Yoga instance. */
export interface FetchHandler {
  fetch(input: string | URL | Request, init?: RequestInit): Response | Promise<Response>;
}

/** One subgraph as the gateway sees it: a name, the URL it is registered under, a handler. */
export interface InProcessSubgraph {
  readonly name: string;
  /** Absolute URL of the subgraph endpoint, e.g. `http://ossgraph.internal/subgraph`. */
  readonly url: string;
  readonly handler: FetchHandler;
}

/**
 * Reads a subgraph's SDL the way a registry or `IntrospectAndCompose` does: `{ _service { sdl } }`
 * posted to its endpoint.
 */
export async function fetchSubgraphSdl(subgraph: InProcessSubgraph): Promise<string> {
  const response = await subgraph.handler.fetch(subgraph.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query: '{ _service { sdl } }' }),
  });
  const body = (await response.json()) as { data?: { _service?: { sdl?: string } }; errors?: unknown };
  const sdl = body.data?._service?.sdl;
  if (typeof sdl !== 'string') {
    throw new Error(`${subgraph.name}: no _service.sdl at ${subgraph.url}: ${JSON.stringify(body)}`);
  }
  return sdl;
}

/**
 * Composes subgraph SDLs into a supergraph with `@apollo/composition`; throws with every
 * composition error when it fails.
 */
export function composeSupergraph(services: ReadonlyArray<{ name: string; url: string; sdl: string }>): string {
  const result = composeServices(services.map(({ name, url, sdl }) => ({ name, url, typeDefs: parse(sdl) })));
  if (result.errors !== undefined) {
    throw new Error(`composition failed:\n${result.errors.map((error) => error.message).join('\n')}`);
  }
  return result.supergraphSdl;
}

/**
 * The gateway's `http` transport, reduced to one POST per subgraph request through the fetch
 * the gateway hands it (so `useCustomFetch` applies).
 *
 * Why: the runtime loads `@graphql-mesh/transport-http` by dynamic import for `http` subgraphs,
 * and that package is not a dependency of ossgraph; a real gateway deployment ships it.
 */
const minimalHttpTransport = (extraHeaders: Readonly<Record<string, string>>) => ({
  getSubgraphExecutor: ({
    transportEntry,
    fetch,
  }: {
    transportEntry: { subgraph: string; location?: string };
    fetch?: (url: string, init: { method: string; headers: Record<string, string>; body: string }) => Promise<Response> | Response;
  }) => {
    const endpoint = transportEntry.location;
    if (endpoint === undefined || fetch === undefined) {
      throw new Error(`subgraph ${transportEntry.subgraph} has no location or fetch`);
    }
    return async (request: { document: DocumentNode; variables?: unknown; operationName?: string }) => {
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...extraHeaders },
        body: JSON.stringify({
          query: print(request.document),
          variables: request.variables,
          operationName: request.operationName,
        }),
      });
      // Why `never`: the gateway's Executor is generic in its result type; JSON has none.
      return (await response.json()) as never;
    };
  },
});

/** A running in-process gateway plus the requests it sent to each subgraph. */
export interface InProcessGateway {
  readonly runtime: GatewayRuntime;
  readonly supergraphSdl: string;
  /** Subgraph name → bodies of the GraphQL requests the gateway sent to it. */
  readonly subgraphRequests: ReadonlyMap<string, readonly string[]>;
  /** Subgraph name → bodies of the subgraph's answers to those requests. */
  readonly subgraphResponses: ReadonlyMap<string, readonly string[]>;
  /** Posts a GraphQL operation to the gateway and returns the parsed response body. */
  execute<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<{ data?: T; errors?: Array<{ message: string }> }>;
  close(): Promise<void>;
}

/**
 * Composes the given subgraphs (SDL read through `_service`) and runs Hive Gateway's runtime
 * over them with `useCustomFetch`, routing each subgraph URL to its handler's `.fetch`: a real
 * query planner and `_entities` calls, no sockets.
 */
export async function startInProcessGateway(
  subgraphs: readonly InProcessSubgraph[],
  options: { readonly subgraphHeaders?: Readonly<Record<string, string>> } = {},
): Promise<InProcessGateway> {
  const services = await Promise.all(
    subgraphs.map(async (subgraph) => ({ name: subgraph.name, url: subgraph.url, sdl: await fetchSubgraphSdl(subgraph) })),
  );
  const supergraphSdl = composeSupergraph(services);
  const subgraphRequests = new Map<string, string[]>(subgraphs.map((subgraph) => [subgraph.name, []]));
  const subgraphResponses = new Map<string, string[]>(subgraphs.map((subgraph) => [subgraph.name, []]));
  const route = async (url: string, init?: RequestInit): Promise<Response> => {
    const target = subgraphs.find((subgraph) => url === subgraph.url || url.startsWith(`${subgraph.url}?`));
    if (target === undefined) return new Response(`no subgraph at ${url}`, { status: 502 });
    if (typeof init?.body === 'string') subgraphRequests.get(target.name)?.push(init.body);
    const response = await target.handler.fetch(url, init);
    subgraphResponses.get(target.name)?.push(await response.clone().text());
    return response;
  };
  const runtime = createGatewayRuntime({
    supergraph: supergraphSdl,
    logging: false,
    // Why unmasked: a failing subgraph call should show its real message in the test output.
    maskedErrors: false,
    transports: { http: minimalHttpTransport(options.subgraphHeaders ?? {}) },
    plugins: () => [useCustomFetch(route as Parameters<typeof useCustomFetch>[0])],
  });
  return {
    runtime,
    supergraphSdl,
    subgraphRequests,
    subgraphResponses,
    async execute(query, variables) {
      const response = await runtime.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(variables === undefined ? { query } : { query, variables }),
      });
      return (await response.json()) as never;
    },
    close: async () => {
      await runtime.dispose();
    },
  };
}
