import { printSubgraphSchema } from '@apollo/subgraph';
import { printSchema } from 'graphql';
import { buildPublicSchema } from '../src/graphql/schema.js';
import { buildSubgraphSchema } from '../src/graphql/federation.js';
const pub = buildPublicSchema();
const sub = buildSubgraphSchema();
console.log(printSubgraphSchema(sub));
console.log('PUBLIC has _entities:', pub.getQueryType()?.getFields()['_entities'] !== undefined, printSchema(pub).includes('@key'));
