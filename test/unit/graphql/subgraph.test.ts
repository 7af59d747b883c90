import { graphql } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createGraphQLContext } from '../../../src/graphql/context.js';
import { buildPublicSchema, buildSubgraphSchema } from '../../../src/graphql/schema.js';
import { createFakeOssApi } from './fake-oss-api.js';
import { testSettings } from './execute.js';

describe('one builder, two schemas', () => {
  it('the public schema has no federation fields; the subgraph resolves entities through the same loader', async () => {
    expect(buildPublicSchema().getQueryType()?.getFields()['_entities']).toBeUndefined();
    const fake = createFakeOssApi({ a: { size: 1, contentType: 'text/plain' }, b: { size: 2 } });
    const contextValue = createGraphQLContext({ api: fake.api, settings: testSettings() });
    const result = await graphql({
      schema: buildSubgraphSchema(),
      contextValue,
      source: `query ($r: [_Any!]!) { _entities(representations: $r) { ... on StorageObject { key contentLength } } }`,
      variableValues: {
        r: [
          { __typename: 'StorageObject', bucket: 'b1b', key: 'a' },
          { __typename: 'StorageObject', bucket: 'b1b', key: 'b' },
          { __typename: 'StorageObject', bucket: 'b1b', key: 'a' },
          { __typename: 'StorageObject', bucket: 'b1b', key: 'missing' },
        ],
      },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ _entities: [{ key: 'a', contentLength: 1 }, { key: 'b', contentLength: 2 }, { key: 'a', contentLength: 1 }, null] });
    expect(fake.calls).toEqual(['GetObjectMeta', 'GetObjectMeta', 'GetObjectMeta']);
  });
});
