/**
 * The subgraph schema without mutations: what `/subgraph` serves unless
 * `OSSGRAPH_SUBGRAPH_MUTATIONS=true`. Why a schema without the Mutation type (rather than a
 * refusal at run time): the router then never plans a mutation to this subgraph, and its
 * `_service { sdl }` tells the registry the truth.
 */
import { printSubgraphSchema } from '@apollo/subgraph';
import { GraphQLObjectType, GraphQLSchema, lexicographicSortSchema } from 'graphql';

/**
 * `schema` without its Mutation type and without the types only mutations reach, sorted, with
 * `_service { sdl }` answering the SDL of the result.
 */
export function withoutMutations(schema: GraphQLSchema): GraphQLSchema {
  const config = schema.toConfig();
  const query = schema.getQueryType();
  if (query === null || query === undefined) throw new Error('withoutMutations: the schema has no Query type');
  let sdl = '';
  const queryConfig = query.toConfig();
  const service = queryConfig.fields['_service'];
  const readOnlyQuery = new GraphQLObjectType({
    ...queryConfig,
    fields: { ...queryConfig.fields, ...(service === undefined ? {} : { _service: { ...service, resolve: () => ({ sdl }) } }) },
  });
  // Why `types: []`: the schema then holds only the types reachable from Query and the directives.
  const stripped = lexicographicSortSchema(new GraphQLSchema({ ...config, query: readOnlyQuery, mutation: null, types: [] }));
  sdl = printSubgraphSchema(stripped);
  return stripped;
}
