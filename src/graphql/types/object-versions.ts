/**
 * Versions: `StorageObjectVersion`, `StorageObject.versions` and `isDeleteMarker`,
 * `Bucket.versioning` and `Bucket.objectVersions` (connections over ListObjectVersions), and
 * `Mutation.setBucketVersioning`.
 */
import type { ListObjectVersionsRequest, ListObjectVersionsResult, ObjectVersion } from '../../oss/operations/list-object-versions.js';
import { builder } from '../builder.js';
import type { GraphQLContext } from '../context.js';
import { AccessDeniedError, BadUserInputError, NotFoundError, UpstreamUnavailableError } from '../errors.js';
import type { StorageObjectSource } from '../object-source.js';
import { translateError } from '../translate-error.js';
import { checkBucket, checkPageSize } from '../validation.js';
import { decodeVersionCursor, encodeVersionCursor } from '../version-cursor.js';
import { BucketRef } from './bucket.js';
import type { BucketSource } from './bucket.js';
import { ObjectTypeEnum, StorageClassEnum, knownObjectType, knownStorageClass } from './object-enums.js';
import { StorageObjectRef } from './storage-object.js';

/** The parent value of `StorageObjectVersion`: one entry of a version listing. */
interface VersionSource {
  readonly bucket: string;
  readonly entry: ObjectVersion;
}

/** One page of a version listing, as the connections resolve it. */
interface VersionPage {
  readonly edges: Array<{ cursor: string; node: VersionSource }>;
  readonly pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  readonly folders: string[];
}

const StorageObjectVersionRef = builder.objectRef<VersionSource>('StorageObjectVersion').implement({
  description: 'One version of an object, or a delete marker, as ListObjectVersions reports it (no further request for its own fields).',
  fields: (t) => ({
    key: t.string({ resolve: (v) => v.entry.key }),
    versionId: t.string({ resolve: (v) => v.entry.versionId }),
    isLatest: t.boolean({ resolve: (v) => v.entry.isLatest }),
    isDeleteMarker: t.boolean({ resolve: (v) => v.entry.isDeleteMarker }),
    lastModified: t.field({ type: 'DateTime', resolve: (v) => v.entry.lastModified }),
    contentLength: t.field({ type: 'SafeInt', nullable: true, description: 'Null for a delete marker.', resolve: (v) => v.entry.size ?? null }),
    etag: t.string({ nullable: true, description: 'Null for a delete marker.', resolve: (v) => v.entry.etag ?? null }),
    storageClass: t.field({ type: StorageClassEnum, nullable: true, resolve: (v) => knownStorageClass(v.entry.storageClass) }),
    objectType: t.field({ type: ObjectTypeEnum, nullable: true, resolve: (v) => knownObjectType(v.entry.objectType) }),
    object: t.field({
      type: StorageObjectRef,
      nullable: true,
      description: 'This version as a `StorageObject` (its other fields load lazily, each kind one request); null for a delete marker.',
      resolve: (v): StorageObjectSource | null =>
        v.entry.isDeleteMarker ? null : { bucket: v.bucket, key: v.entry.key, versionId: v.entry.versionId },
    }),
  }),
});

const StorageObjectVersionConnection = builder.connectionObject(
  {
    type: StorageObjectVersionRef,
    name: 'StorageObjectVersionConnection',
    description: 'One page of a version listing (versions and delete markers, newest first per key).',
    fields: (t) => ({
      folders: t.stringList({
        description: 'Common prefixes up to `delimiter` on this page (bucket listings only).',
        resolve: (page) => (page as unknown as VersionPage).folders,
      }),
    }),
  },
  { name: 'StorageObjectVersionEdge' },
);

/** The page of `result`, keeping only entries `keep` accepts; `scope` binds the cursors. */
function toPage(bucket: string, scope: string, result: ListObjectVersionsResult, keep: (entry: ObjectVersion) => boolean, hasMore: boolean): VersionPage {
  const edges = result.versions.filter(keep).map((entry) => ({
    cursor: encodeVersionCursor({ keyMarker: entry.key, versionIdMarker: entry.versionId }, scope),
    node: { bucket, entry },
  }));
  const endCursor =
    hasMore && result.nextKeyMarker !== undefined
      ? encodeVersionCursor({ keyMarker: result.nextKeyMarker, versionIdMarker: result.nextVersionIdMarker ?? '' }, scope)
      : (edges.at(-1)?.cursor ?? null);
  return {
    edges,
    pageInfo: { hasNextPage: hasMore, hasPreviousPage: false, startCursor: edges[0]?.cursor ?? null, endCursor },
    folders: result.commonPrefixes,
  };
}

/** Loads one version listing page through the request's loader, translating failures. */
async function listVersions(ctx: GraphQLContext, request: ListObjectVersionsRequest, target: { bucket: string; key?: string }): Promise<ListObjectVersionsResult> {
  try {
    return await ctx.loaders.versionListing.load(request);
  } catch (error) {
    throw translateError(error, target);
  }
}

builder.objectFields(StorageObjectRef, (t) => ({
  versions: t.field({
    type: StorageObjectVersionConnection,
    description:
      'Every version of this key and its delete markers, newest first, `first` per page (one ListObjectVersions per object and page). In a bucket that never had versioning it lists the one `null` version.',
    args: { first: t.arg.int(), after: t.arg.string() },
    resolve: async (o, args, ctx) => {
      const maxKeys = checkPageSize(ctx.settings, args.first);
      const position = args.after === undefined || args.after === null ? undefined : decodeVersionCursor(args.after, 'after', `key:${o.key}`);
      const result = await listVersions(
        ctx,
        { bucket: o.bucket, prefix: o.key, maxKeys, ...(position === undefined ? {} : { keyMarker: position.keyMarker, versionIdMarker: position.versionIdMarker }) },
        o,
      );
      // Why: the prefix also matches longer keys (`a` lists `a/b`); they sort after `a`, so more
      // versions of this key remain only when the listing stopped inside it.
      const hasMore = result.isTruncated && result.nextKeyMarker === o.key;
      return toPage(o.bucket, `key:${o.key}`, result, (entry) => entry.key === o.key, hasMore);
    },
  }),
  isDeleteMarker: t.boolean({
    description:
      'Always false: a `StorageObject` is a readable object or version (a delete marker is null in `object`/`objects` and has no `StorageObject`; see `StorageObjectVersion.isDeleteMarker`).',
    resolve: () => false,
  }),
}));

const BucketVersioningEnum = builder.enumType('BucketVersioning', {
  description: 'The versioning state of a bucket. OFF: versioning was never enabled.',
  values: ['OFF', 'ENABLED', 'SUSPENDED'] as const,
});

builder.objectFields(BucketRef, (t) => ({
  versioning: t.field({
    type: BucketVersioningEnum,
    description: 'The versioning state (one GetBucketVersioning per bucket per request).',
    resolve: async (b: BucketSource, _args, ctx) => {
      try {
        const status = await ctx.loaders.bucketVersioning.load(b.name);
        return status === 'Enabled' ? 'ENABLED' : status === 'Suspended' ? 'SUSPENDED' : 'OFF';
      } catch (error) {
        throw translateError(error, { bucket: b.name });
      }
    },
  }),
  objectVersions: t.field({
    type: StorageObjectVersionConnection,
    description: 'Versions and delete markers of the objects under `prefix` (ListObjectVersions), `first` per page; with `delimiter`, common prefixes in `folders`.',
    args: { prefix: t.arg.string(), delimiter: t.arg.string(), first: t.arg.int(), after: t.arg.string() },
    resolve: async (b: BucketSource, args, ctx) => {
      const maxKeys = checkPageSize(ctx.settings, args.first);
      const prefix = args.prefix ?? '';
      if (args.delimiter === '') throw new BadUserInputError('delimiter', 'must not be empty', args.delimiter);
      const position = args.after === undefined || args.after === null ? undefined : decodeVersionCursor(args.after, 'after', `prefix:${prefix}`);
      const result = await listVersions(
        ctx,
        {
          bucket: b.name,
          maxKeys,
          ...(prefix === '' ? {} : { prefix }),
          ...(args.delimiter === undefined || args.delimiter === null ? {} : { delimiter: args.delimiter }),
          ...(position === undefined ? {} : { keyMarker: position.keyMarker, versionIdMarker: position.versionIdMarker }),
        },
        { bucket: b.name },
      );
      return toPage(b.name, `prefix:${prefix}`, result, () => true, result.isTruncated);
    },
  }),
}));

const SetBucketVersioningInput = builder.inputType('SetBucketVersioningInput', {
  fields: (t) => ({
    bucket: t.string({ required: true }),
    status: t.field({
      type: builder.enumType('VersioningStatus', { description: 'A versioning state one can set.', values: ['ENABLED', 'SUSPENDED'] as const }),
      required: true,
    }),
  }),
});

const SetBucketVersioningSuccess = builder
  .objectRef<{ requestId: string; bucket: BucketSource }>('SetBucketVersioningSuccess')
  .implement({
    description: 'The versioning state was set.',
    fields: (t) => ({
      requestId: t.exposeString('requestId'),
      bucket: t.field({ type: BucketRef, resolve: (s) => s.bucket }),
    }),
  });

builder.mutationField('setBucketVersioning', (t) =>
  t.field({
    type: SetBucketVersioningSuccess,
    description: 'Enables or suspends versioning of a bucket (PutBucketVersioning). Once enabled, a bucket can only be suspended, never turned off.',
    errors: {
      types: [BadUserInputError, AccessDeniedError, NotFoundError, UpstreamUnavailableError],
      directResult: true,
      union: { name: 'SetBucketVersioningResult' },
    },
    args: { input: t.arg({ type: SetBucketVersioningInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      checkBucket(ctx.settings, input.bucket, 'input.bucket');
      try {
        const result = await ctx.api.putBucketVersioning({ bucket: input.bucket, status: input.status === 'ENABLED' ? 'Enabled' : 'Suspended' });
        ctx.loaders.bucketVersioning.clear(input.bucket);
        return { requestId: result.requestId, bucket: { name: input.bucket } };
      } catch (error) {
        throw translateError(error, { bucket: input.bucket });
      }
    },
  }),
);
