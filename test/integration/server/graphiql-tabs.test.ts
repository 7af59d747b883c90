/**
 * The GraphiQL example tabs run as they are against the seeded demo bucket (the real app over
 * local-oss, the seed written through the real client), and the served page carries them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoBucket } from '../../../src/dev/seed-demo.js';
import { GRAPHIQL_TABS, graphiqlOptions } from '../../../src/server/graphiql.js';
import { startGraphQLStack } from '../../helpers/graphql-stack.js';
import type { GraphQLStack } from '../../helpers/graphql-stack.js';

let stack: GraphQLStack;
beforeAll(async () => {
  stack = await startGraphQLStack({ buckets: [] });
  await seedDemoBucket(stack.app.api);
});
afterAll(async () => {
  await stack.close();
});

/** The operation name of a tab (`query Name`/`mutation Name`). */
const nameOf = (query: string): string => /(?:query|mutation)\s+(\w+)/.exec(query)?.[1] ?? '';

describe('GraphiQL tabs on the demo bucket', () => {
  it('are passed to GraphiQL as its default tabs, the first one the default query', () => {
    const options = graphiqlOptions();
    expect(options.defaultTabs?.map((t) => nameOf(t.query ?? ''))).toEqual(['DemoBucket', 'ListFolder', 'OneObject', 'EditMetadata', 'Tags', 'Versions', 'ImageSize']);
    expect(options.defaultTabs?.[0]?.query).toBe(options.defaultQuery);
  });

  it.each(GRAPHIQL_TABS.map((tab) => [nameOf(tab.query), tab] as const))('%s runs without errors', async (_name, tab) => {
    const result = await stack.graphql(tab.query, tab.variables === undefined ? undefined : (JSON.parse(tab.variables) as Record<string, unknown>));
    expect(result.errors).toBeUndefined();
    const payload = JSON.stringify(result.data);
    expect(payload).not.toContain('"Error"');
    expect(payload).not.toMatch(/"code":"[A-Z_]+"/);
  });

  it('ImageSize gives the seeded PNG its dimensions and the SVG none (not a raster image)', async () => {
    const tab = GRAPHIQL_TABS.find((t) => nameOf(t.query) === 'ImageSize');
    const result = await stack.graphql(tab?.query ?? '');
    expect(result.data?.['bucket'].objects.nodes).toEqual([
      { key: 'images/gradient.png', contentType: 'image/png', image: { width: 48, height: 32, format: 'png' } },
      { key: 'images/logo.svg', contentType: 'image/svg+xml', image: null },
    ]);
  });

  it('Versions lists the three seeded versions of notes.txt, newest first', async () => {
    const tab = GRAPHIQL_TABS.find((t) => nameOf(t.query) === 'Versions');
    const result = await stack.graphql(tab?.query ?? '');
    expect(result.data?.['bucket']).toEqual({ versioning: 'ENABLED' });
    const nodes = result.data?.['object'].versions.nodes;
    expect(nodes.map((n: any) => [n.isLatest, n.contentLength])).toEqual([
      [true, 'final\n'.length],
      [false, 'second draft\n'.length],
      [false, 'first draft\n'.length],
    ]);
  });

  it('OneObject shows the seeded tags', async () => {
    const tab = GRAPHIQL_TABS.find((t) => nameOf(t.query) === 'OneObject');
    const result = await stack.graphql(tab?.query ?? '');
    expect(result.data?.['object']).toMatchObject({ tags: [{ key: 'department', value: 'finance' }, { key: 'status', value: 'final' }], acl: 'DEFAULT' });
  });
});
