/**
 * The Pothos schema builder: plugins and the type parameters, no types (DESIGN §11.8). Types
 * register themselves on it from `types/*.ts`; `schema.ts` turns it into schemas.
 */
import SchemaBuilder from '@pothos/core';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import DirectivePlugin from '@pothos/plugin-directives';
import ErrorsPlugin from '@pothos/plugin-errors';
import FederationPlugin from '@pothos/plugin-federation';
import RelayPlugin from '@pothos/plugin-relay';
import type { GraphQLContext } from './context.js';

/** The builder's type parameters. */
export interface BuilderTypes {
  Context: GraphQLContext;
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    SafeInt: { Input: number; Output: number };
    File: { Input: File; Output: never };
  };
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
}

/** The one schema builder of the API. */
export const builder = new SchemaBuilder<BuilderTypes>({
  // Why this order: errors wraps resolvers outermost so loader failures become typed results;
  // federation comes last, as its docs require, after every plugin that wraps resolvers.
  plugins: [ErrorsPlugin, DataloaderPlugin, RelayPlugin, DirectivePlugin, FederationPlugin],
  defaultFieldNullability: false,
  errors: {
    // Why empty: listing the JS `Error` class here would turn every unexpected failure into data
    // and bypass Yoga's masking; each mutation names the ApiError classes it can return.
    defaultTypes: [],
  },
  relay: {
    cursorType: 'String',
    clientMutationId: 'omit',
    nodeQueryOptions: false,
    nodesQueryOptions: false,
    nodesOnConnection: true,
    edgesFieldOptions: { nullable: false },
    nodeFieldOptions: { nullable: false },
    // Why shareable: PageInfo is a value type other subgraphs define too.
    pageInfoTypeOptions: { shareable: true },
  },
});

/** The builder's resolved schema types (for helpers that take Pothos field builders). */
export type ApiSchemaTypes = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;
