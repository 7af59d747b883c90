/** Executes an operation against the public schema with a context over a fake API. */
import { graphql } from 'graphql';
import type { ExecutionResult } from 'graphql';
import { createGraphQLContext } from '../../../src/graphql/context.js';
import type { GraphQLContext } from '../../../src/graphql/context.js';
import { buildPublicSchema } from '../../../src/graphql/schema.js';
import type { ApiSettings } from '../../../src/graphql/settings.js';
import type { OssApi } from '../../../src/oss/api.js';

/** Settings for unit tests; the presigner signs nothing real. */
export function testSettings(overrides: Partial<ApiSettings> = {}): ApiSettings {
  return {
    maxRefs: 10,
    maxPageSize: 1000,
    defaultPageSize: 100,
    storeConcurrencyPerRequest: 4,
    maxUploadBytes: 1024,
    presign: {
      presigner: {
        presignGet: async (r) => ({ url: `https://signed.example/${r.bucket}/${r.key}?expires=${r.expiresInSeconds}`, method: 'GET', headers: {}, expiresAt: new Date(0) }),
        presignPut: async (r) => ({ url: `https://signed.example/${r.bucket}/${r.key}`, method: 'PUT', headers: {}, expiresAt: new Date(0) }),
        presignPostObject: async (r) => ({ url: `https://signed.example/${r.bucket}/`, fields: [{ name: 'key', value: r.key ?? '' }], expiresAt: new Date(0) }),
      },
      defaultExpiresIn: 900,
      maxExpiresIn: 3600,
    },
    ...overrides,
  };
}

/** Runs `source` with a fresh context; returns the result and the context (for `storeRequests()`). */
export async function execute(
  api: OssApi,
  source: string,
  variables?: Record<string, unknown>,
  settings: ApiSettings = testSettings(),
): Promise<{ result: ExecutionResult; context: GraphQLContext }> {
  const context = createGraphQLContext({ api, settings });
  const result = await graphql({ schema: buildPublicSchema(), source, contextValue: context, ...(variables === undefined ? {} : { variableValues: variables }) });
  return { result, context };
}
