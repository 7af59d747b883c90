import { readFile } from 'node:fs/promises';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { printSubgraphSdl } from '../../../src/graphql/federation.js';
import { PRODUCTS_SUBGRAPH_NAME, PRODUCTS_SUBGRAPH_SDL } from '../../fixtures/federation/products-subgraph.js';

const SUBGRAPH_FILE = new URL('../../../schema/subgraph.graphql', import.meta.url);

function compose(otherSdl: string) {
  return composeServices([
    { name: 'ossgraph', url: 'http://ossgraph.internal/subgraph', typeDefs: parse(printSubgraphSdl()) },
    { name: PRODUCTS_SUBGRAPH_NAME, url: 'http://products.internal/graphql', typeDefs: parse(otherSdl) },
  ]);
}

describe('ossgraph as a federation subgraph', () => {
  it('prints StorageObject as an entity with both keys and links Federation v2', () => {
    const sdl = printSubgraphSdl();
    expect(sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2.6"');
    expect(sdl).toMatch(/type StorageObject\s+implements Node\s+@key\(fields: "bucket key"\)\s+@key\(fields: "bucket key versionId"\)/);
    // Shared value types must be shareable, or a second subgraph defining them breaks composition.
    expect(sdl).toMatch(/type PageInfo\s+@shareable/);
  });

  it('composes with a company subgraph whose Product.image references StorageObject', () => {
    const result = compose(PRODUCTS_SUBGRAPH_SDL);
    expect(result.errors?.map((error) => error.message)).toBeUndefined();
    const supergraph = result.supergraphSdl ?? '';
    expect(supergraph).toContain('join__type(graph: OSSGRAPH, key: "bucket key")');
    expect(supergraph).toContain('join__type(graph: PRODUCTS, key: "bucket key", resolvable: false)');
    expect(supergraph).toMatch(/type Product\b[^{]*\{[^}]*image: StorageObject/);
  });

  it('reports a conflicting definition of the entity key (the check can fail)', () => {
    const conflicting = PRODUCTS_SUBGRAPH_SDL.replace('bucket: String!', 'bucket: Int!');
    expect(conflicting).not.toBe(PRODUCTS_SUBGRAPH_SDL);
    const result = compose(conflicting);
    expect(result.errors?.length ?? 0).toBeGreaterThan(0);
    expect(result.errors?.map((error) => error.message).join('\n')).toMatch(/StorageObject\.bucket/);
  });

  it('schema/subgraph.graphql is up to date', async () => {
    const committed = await readFile(SUBGRAPH_FILE, 'utf8').catch(() => '(missing)');
    expect(committed, 'schema/subgraph.graphql is stale: regenerate it (see README, "Federation")').toBe(printSubgraphSdl());
  });
});
