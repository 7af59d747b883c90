/**
 * Apollo Federation v2: `StorageObject` as an entity, and the subgraph schema served on
 * `/subgraph` for the company gateway (never on the public `/graphql`).
 *
 * `resolveReference` goes through the request's two-level metadata loader, like `Query.object`:
 * the `_entities` representations of one gateway request share one batch, so N distinct objects
 * cost at most N store requests, GetObjectMeta unless a selected field needs HeadObject.
 */
import { printSubgraphSchema } from '@apollo/subgraph';
import { isObjectType } from 'graphql';
import type { GraphQLResolveInfo, GraphQLSchema } from 'graphql';
import { builder } from './builder.js';
import { capEntities } from './entities-cap.js';
import type { GraphQLContext } from './context.js';
import { checkRepresentation, withRepresentationCheck } from './entity-representation.js';
// Why: registers every type on the builder, so the subgraph schema is complete whoever imports
// this module first (schema.ts may re-export buildSubgraphSchema; the cycle only shares functions).
import './schema.js';
import { selectedExistenceCheck, selectedMetadataLevel } from './lookahead.js';
import type { FieldCost } from './lookahead.js';
import { checkExists } from './object-source.js';
import type { StorageObjectSource } from './object-source.js';
import { StorageObjectRef } from './types/storage-object.js';
import { withoutMutations } from './read-only-subgraph.js';

/** The Federation spec the subgraph links (`@link(url: …)`). */
export const FEDERATION_LINK_URL = 'https://specs.apollo.dev/federation/v2.6';

/** The keys of `StorageObject`: `bucket key` (current version) and `bucket key versionId`. */
export const STORAGE_OBJECT_KEYS = ['bucket key', 'bucket key versionId'] as const;

/** A representation of `StorageObject` as the gateway sends it in `_entities`. */
export interface StorageObjectRepresentation {
  readonly bucket: string;
  readonly key: string;
  /** Only with the second key; `null` when the router knew the object has no version. */
  readonly versionId?: string | null;
}

/**
 * The metadata level the `_entities` selection needs for `StorageObject`: `full` when any field
 * selected under `... on StorageObject` (or a fragment on it) needs HeadObject, else `basic`.
 *
 * Why a substituted return type: `_entities` returns the `_Entity` union, and the lookahead
 * reads field levels from the object type the selection is on.
 */
export function entityMetadataLevel(info: GraphQLResolveInfo): 'basic' | 'full' {
  const type = info.schema.getType(StorageObjectRef.name);
  if (!isObjectType(type)) return 'basic';
  return selectedMetadataLevel({ ...info, returnType: type });
}

/** How `_entities` checks that a `StorageObject` exists: the request its selection needs anyway (see `selectedExistenceCheck`). */
export function entityExistenceCheck(info: GraphQLResolveInfo): FieldCost {
  const type = info.schema.getType(StorageObjectRef.name);
  if (!isObjectType(type)) return 'basic';
  return selectedExistenceCheck({ ...info, returnType: type });
}

/**
 * Resolves one `_entities` representation: checks its shape and validates it like `Query.object`
 * arguments (bucket allowlist included; BAD_USER_INPUT at this representation only), then loads
 * it through the request's loader at the level the selection needs. Resolves `null` when the
 * object (or the requested version) does not exist.
 */
export async function resolveStorageObjectReference(
  representation: StorageObjectRepresentation,
  context: GraphQLContext,
  info: GraphQLResolveInfo,
): Promise<StorageObjectSource | null> {
  // Why a check of its own: `_Any` is unchecked, so the shape is not guaranteed by the type.
  const ref = checkRepresentation(representation, context.settings, info);
  // Why no `await` before the load: every representation must reach the loader in the same tick
  // so the whole `_entities` call is one batch.
  const exists = await checkExists(context, ref, entityExistenceCheck(info));
  // Why a copy: `_entities` writes `__typename` onto the value it gets.
  return exists ? { ...ref } : null;
}

let entityRegistered = false;
let subgraphSchema: GraphQLSchema | undefined;
let readOnlySubgraphSchema: GraphQLSchema | undefined;

/** Options of {@link buildSubgraphSchema}. */
export interface SubgraphSchemaOptions {
  /** Include the Mutation type (`OSSGRAPH_SUBGRAPH_MUTATIONS`); default false. */
  readonly mutations?: boolean;
}

/**
 * Declares `StorageObject` a federation entity on the shared builder (idempotent). Runs when this
 * module loads, before any schema is built, so every schema built from the builder agrees.
 */
function registerFederationEntities(): void {
  if (entityRegistered) return;
  entityRegistered = true;
  builder.asEntity(StorageObjectRef, {
    key: [
      builder.selection<{ bucket: string; key: string }>(STORAGE_OBJECT_KEYS[0]),
      builder.selection<{ bucket: string; key: string; versionId: string | null }>(STORAGE_OBJECT_KEYS[1]),
    ],
    resolveReference: (representation, context, info) => resolveStorageObjectReference(representation, context, info),
  });
}

registerFederationEntities();

/**
 * The federation subgraph schema, from the same builder as the public schema: the public types
 * plus `_service { sdl }` and `_entities`, with `@link`/`@key`/`@shareable` applied, sorted;
 * without the Mutation type unless `options.mutations`. Built once and reused. Serve it only
 * where the gateway can reach it (`/subgraph`).
 */
export function buildSubgraphSchema(options: SubgraphSchemaOptions = {}): GraphQLSchema {
  registerFederationEntities();
  subgraphSchema ??= capEntities(withRepresentationCheck(builder.toSubGraphSchema({ linkUrl: FEDERATION_LINK_URL })));
  if (options.mutations === true) return subgraphSchema;
  readOnlySubgraphSchema ??= withoutMutations(subgraphSchema);
  return readOnlySubgraphSchema;
}

/**
 * The subgraph SDL as a registry or `rover subgraph publish` wants it: printed with
 * `printSubgraphSchema`, so `@link`, `@key` and `@shareable` are kept (graphql-js `printSchema`
 * drops applied directives). Without options (no mutations, the default) this is the content of
 * `schema/subgraph.graphql`.
 */
export function printSubgraphSdl(options: SubgraphSchemaOptions = {}): string {
  return `${printSubgraphSchema(buildSubgraphSchema(options)).trimEnd()}\n`;
}
