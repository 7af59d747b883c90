import { writeFileSync } from 'node:fs';
import { printSubgraphSdl } from '../src/graphql/federation.js';
writeFileSync(new URL('../schema/subgraph.graphql', import.meta.url), printSubgraphSdl());
