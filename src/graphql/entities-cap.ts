/** `_entities` bounded like `Query.objects(refs)`. */
import type { GraphQLSchema } from 'graphql';
import type { GraphQLContext } from './context.js';
import { checkRefCount } from './validation.js';

/**
 * Wraps the `_entities` resolver of `schema` (in place) so that a call with more representations
 * than `settings.maxRefs` (`OSSGRAPH_MAX_REFS`) fails with `BAD_USER_INPUT` on `representations`
 * before any of them is resolved: no store request. Returns `schema`.
 */
export function capEntities(schema: GraphQLSchema): GraphQLSchema {
  const field = schema.getQueryType()?.getFields()['_entities'];
  const resolve = field?.resolve;
  if (field === undefined || resolve === undefined) return schema;
  field.resolve = (source, args: Record<string, unknown>, context: GraphQLContext, info) => {
    const representations = args['representations'];
    if (Array.isArray(representations)) checkRefCount(context.settings, representations.length, 'representations');
    return resolve(source, args, context, info);
  };
  return schema;
}
