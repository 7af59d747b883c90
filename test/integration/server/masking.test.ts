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
            throw new Error('lookup failed', { cause: new Error('connection string postgres://admin:hunter2@db failed') });
          },
          denied: () => {
            throw createGraphQLError('bucket "x" is not allowed', { extensions: { code: 'ACCESS_DENIED' } });
          },
          count: (_: unknown, __: unknown, context: { storeRequests(): number }) => context.storeRequests(),
        },
      },
    }),
    endpoint: '/graphql',
    context: ({ request }: { request: Request }) => {
      if (request.headers.has('x-break-context')) throw new Error('context failed at https://oss.internal/bucket?Signature=s3cret');
      return { storeRequests: () => 7 };
    },
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

  const post = (query: string, operationName?: string, headers: Record<string, string> = {}): Promise<Response> =>
    Promise.resolve(
      yoga.fetch('http://test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'req-1', ...headers },
        body: JSON.stringify({ query, operationName }),
      }),
    );

  it('masks an unexpected error and logs it exactly once, with the request id and the cause chain, URLs redacted', async () => {
    logs.length = 0;
    const response = await post('query Boom { boom }', 'Boom');
    const body = (await response.json()) as { errors: Array<{ message: string; extensions: Record<string, unknown> }> };
    expect(body.errors[0]?.message).toBe('Unexpected error.');
    expect(body.errors[0]?.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', httpRequestId: 'req-1' });
    expect(JSON.stringify(body)).not.toContain('hunter2');
    const errorLines = logs.filter((l) => l['level'] === 'error');
    expect(errorLines).toHaveLength(1);
    expect(errorLines[0]).toMatchObject({
      msg: 'unexpected error',
      requestId: 'req-1',
      graphqlPath: ['boom'],
      error: { name: 'Error', message: 'lookup failed', cause: { message: 'connection string [url] failed' } },
    });
    expect(JSON.stringify(logs)).not.toContain('hunter2');
    expect(JSON.stringify(logs)).not.toContain('postgres:');
  });

  it('logs an error outside execution (the context factory) once, without its URL', async () => {
    logs.length = 0;
    const response = await post('{ count }', undefined, { 'x-break-context': '1', 'x-request-id': 'req-ctx' });
    const body = (await response.json()) as { errors: Array<{ message: string; extensions: Record<string, unknown> }> };
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0]).toMatchObject({ message: 'Unexpected error.', extensions: { httpRequestId: 'req-ctx' } });
    const errorLines = logs.filter((l) => l['level'] === 'error');
    expect(errorLines).toHaveLength(1);
    expect(errorLines[0]).toMatchObject({ msg: 'unexpected error', requestId: 'req-ctx', error: { message: 'context failed at [url]' } });
    expect(JSON.stringify(logs)).not.toContain('s3cret');
    expect(JSON.stringify(logs)).not.toContain('oss.internal');
  });

  it('passes a deliberate GraphQL error through with its code', async () => {
    const response = await post('{ denied }');
    const body = (await response.json()) as { errors: Array<{ message: string; extensions: Record<string, unknown> }> };
    expect(body.errors[0]).toMatchObject({ message: 'bucket "x" is not allowed', extensions: { code: 'ACCESS_DENIED', httpRequestId: 'req-1' } });
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
