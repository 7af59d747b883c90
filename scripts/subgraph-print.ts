/**
 * `npx tsx scripts/subgraph-print.ts > schema/subgraph.graphql`: writes the federation subgraph
 * SDL (with `@link`, `@key`, `@shareable`) to stdout, for `schema/subgraph.graphql` and registries.
 */
import { printSubgraphSdl } from '../src/graphql/federation.js';

process.stdout.write(printSubgraphSdl());
