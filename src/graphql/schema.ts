/**
 * The schemas built from the Pothos builder. Importing this module registers every type (and
 * nothing else: no I/O, no environment), so codegen can import it.
 */
import { lexicographicSortSchema } from 'graphql';
import type { GraphQLSchema } from 'graphql';
import { builder } from './builder.js';
import './scalars.js';
import './types/root.js';
import './types/error.js';
import './types/metadata-entry.js';
import './types/object-cors.js';
import './types/storage-object.js';
import './types/bucket.js';
import './types/put-object.js';
import './types/replace-metadata.js';
import './types/update-metadata.js';
import './types/copy-object.js';
import './types/create-upload.js';

let publicSchema: GraphQLSchema | undefined;

/**
 * The public schema (frontends, GraphiQL), sorted. Built once and reused: a schema is immutable
 * and the builder must not be asked to build it twice concurrently with type registration.
 */
export function buildPublicSchema(): GraphQLSchema {
  publicSchema ??= lexicographicSortSchema(builder.toSchema());
  return publicSchema;
}
