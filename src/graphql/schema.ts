/**
 * The schemas built from the Pothos builder. Importing this module registers every type (and
 * nothing else: no I/O, no environment), so codegen can import it.
 */
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
import './types/delete-object.js';
import './types/delete-objects.js';
import './types/object-tags-mutations.js';
import './types/set-object-acl.js';
import './types/restore-object.js';
import './types/object-versions.js';

let publicSchema: GraphQLSchema | undefined;

/**
 * The public schema (frontends, GraphiQL): every type, sorted by name (Pothos sorts by default),
 * without federation's `_service`/`_entities`. Built once and reused.
 */
export function buildPublicSchema(): GraphQLSchema {
  publicSchema ??= builder.toSchema();
  return publicSchema;
}

// Why re-exported here: importing the federation module registers StorageObject as an entity on
// the shared builder, which must happen before the first schema is built from it.
/** The federation subgraph schema (see `federation.ts`); serve it only to the gateway. */
export { buildSubgraphSchema } from './federation.js';
