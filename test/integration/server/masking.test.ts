import { createGraphQLError, createSchema } from 'graphql-yoga';
import { afterAll, describe, expect, it } from 'vitest';
import { createServerYoga } from '../../../src/server/create-yoga.js';
import { createJsonLogger } from '../../../src/server/logger.js';

/** A Yoga over a two-field schema: one unexpected failure, one deliberate GraphQL error. */
function createTestYoga(logs: Array<Record<string, unknown>>) {
  return createServerYoga({
    schema: createSchema({
      typeDefs: 'type Query { boom: String, denied: String, count: Int }',
      resolvers: {
        Query: {
          boom: () => {
            throw new Error('connection string postgres://admin:hunter2@db');
          },
          denied: () => {
            throw createGraphQLError('bucket "x" is not allowed', { extensions: { code: 'ACCESS_DENIED' } });
          },
          count: (_: unknown, __: unknown, context: { storeRequests(): number }) => context.storeRequests(),
        },
      },
    }),
    endpoint: '/graphql',
    context: () => ({ storeRequests: () => 7 }),
    logger: createJsonLogger({ level: 'debug', write: (line) => logs.push(JSON.parse(line) as Record<string, unknown>) }),
    now: (() => {
      let t = 1000;
      return () => (t += 12.5);
    })(),
    maxUploadBytes: 1024,
    corsOrigins: [],
    graphiql: false,
  });
}

describe('error masking and the request log line', () => {
  const logs: Array<Record<string, unknown>> = [];
  const yoga = createTestYoga(logs);
  afterAll(() => yoga.dispose());

  const post = (query: string, operationName?: string): Promise<Response> =>
    Promise.resolve(
      yoga.fetch('http://test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'req-1' },
        body: JSON.stringify({ query, operationName }),
      }),
    );

  it('masks an unexpected error and logs its cause', async () => {
    const response = await post('query Boom { boom }', 'Boom');
    const body = (await response.json()) as { errors: Array<{ message: string; extensions: Record<string, unknown> }> };
    expect(body.errors[0]?.message).toBe('Unexpected error.');
    expect(body.errors[0]?.extensions['code']).toBe('INTERNAL_SERVER_ERROR');
    expect(JSON.stringify(body)).not.toContain('hunter2');
    const logged = logs.find((l) => l['msg'] === 'unexpected error');
    expect((logged?.['error'] as { message: string }).message).toContain('hunter2');
  });

  it('passes a deliberate GraphQL error through with its code', async () => {
    const response = await post('{ denied }');
    const body = (await response.json()) as { errors: Array<{ message: string; extensions: Record<string, unknown> }> };
    expect(body.errors[0]).toMatchObject({ message: 'bucket "x" is not allowed', extensions: { code: 'ACCESS_DENIED' } });
  });

  it('writes one line per request with duration, store requests, operations and error codes', async () => {
    logs.length = 0;
    await post('query Count { count }', 'Count');
    const lines = logs.filter((l) => l['msg'] === 'request');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 'info',
      method: 'POST',
      path: '/graphql',
      status: 200,
      durationMs: 12.5,
      storeRequests: 7,
      operations: ['Count'],
      requestId: 'req-1',
    });
    logs.length = 0;
    await post('{ denied }');
    expect(logs.find((l) => l['msg'] === 'request')).toMatchObject({ operations: [null], errorCodes: ['ACCESS_DENIED'] });
  });
});
