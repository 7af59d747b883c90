import { createGraphQLError, createSchema } from 'graphql-yoga';
import { Registry } from 'prom-client';
import { afterAll, describe, expect, it } from 'vitest';
import { createServerYoga } from '../../../src/server/create-yoga.js';
import { OTHER_OPERATIONS, useGraphQLMetrics } from '../../../src/server/plugins/use-graphql-metrics.js';
import { parseMetrics, sumBy } from '../../helpers/prometheus.js';
import { BARE_YOGA_OPTIONS } from '../../helpers/bare-yoga.js';

describe('useGraphQLMetrics label bounds', () => {
  const registry = new Registry();
  const yoga = createServerYoga({
    schema: createSchema({
      typeDefs: 'type Item { name: String } type Query { ok: Int, items: [Item] }',
      resolvers: {
        Query: { ok: () => 1, items: () => [{}, {}, {}] },
        Item: {
          name: () => {
            throw createGraphQLError('no name', { extensions: { code: 'NOT_FOUND' } });
          },
        },
      },
    }),
    endpoint: '/graphql',
    context: () => ({}),
    ...BARE_YOGA_OPTIONS,
    plugins: [useGraphQLMetrics(registry, { maxOperationNames: 3 })],
  });
  afterAll(() => yoga.dispose());

  const post = (query: string) =>
    Promise.resolve(yoga.fetch('http://test/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) })).then((r) => r.text());

  it('keeps the first operation names, folds the rest into one value, and drops list indices from error paths', async () => {
    for (const name of ['A', 'B', 'C', 'D', 'E', 'A', 'F']) await post(`query ${name} { ok }`);
    await post('query A { items { name } }');
    const samples = parseMetrics(await registry.metrics());
    expect(sumBy(samples, 'graphql_envelop_request', 'operationName')).toEqual({ A: 3, B: 1, C: 1, [OTHER_OPERATIONS]: 3 });
    expect(sumBy(samples, 'graphql_envelop_error_result', 'path', { operationName: 'A' })).toEqual({ 'items.*.name': 3 });
    expect(sumBy(samples, 'graphql_yoga_http_duration_count', 'statusCode')).toEqual({ '200': 8 });
  });
});
