import { createGraphQLError, createSchema } from 'graphql-yoga';
import { afterAll, describe, expect, it } from 'vitest';
import { createServerYoga } from '../../../src/server/create-yoga.js';
import { MASKED_TRACE_MESSAGE, useFederatedTrace } from '../../../src/server/plugins/use-federated-trace.js';
import { BARE_YOGA_OPTIONS } from '../../helpers/bare-yoga.js';

describe('useFederatedTrace', () => {
  const yoga = createServerYoga({
    schema: createSchema({
      typeDefs: 'type Query { boom: String, denied: String }',
      resolvers: {
        Query: {
          boom: () => {
            throw new Error('GET http://oss-internal.example/bucket?Signature=s3cret failed');
          },
          denied: () => {
            throw createGraphQLError('bucket "x" is not allowed', { extensions: { code: 'ACCESS_DENIED' } });
          },
        },
      },
    }),
    endpoint: '/subgraph',
    context: () => ({}),
    ...BARE_YOGA_OPTIONS,
    plugins: [useFederatedTrace()],
  });
  afterAll(() => yoga.dispose());

  it('masks an unexpected error in the trace as the response does, keeps an expected one', async () => {
    const response = await yoga.fetch('http://test/subgraph', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'apollo-federation-include-trace': 'ftv1' },
      body: JSON.stringify({ query: '{ boom denied }' }),
    });
    const body = (await response.json()) as { errors: Array<{ message: string }>; extensions: { ftv1: string } };
    expect(body.errors.map((e) => e.message).sort()).toEqual(['Unexpected error.', 'bucket "x" is not allowed']);
    const trace = Buffer.from(body.extensions.ftv1, 'base64');
    // Yoga masks before the trace plugin sees the result; the plugin's own mask is the backstop.
    expect(trace.includes('Unexpected error.') || trace.includes(MASKED_TRACE_MESSAGE)).toBe(true);
    expect(trace.includes('bucket "x" is not allowed')).toBe(true);
    expect(trace.includes('s3cret')).toBe(false);
    expect(trace.includes('oss-internal')).toBe(false);
  });
});
