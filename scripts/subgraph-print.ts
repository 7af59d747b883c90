/**
 * `npm run -s schema:subgraph`: writes the federation subgraph
 * SDL (with `@link`, `@key`, `@shareable`) to stdout, for `schema/subgraph.graphql` and registries.
 */
import { printSubgraphSdl } from '../src/graphql/federation.js';

process.stdout.write(printSubgraphSdl());
