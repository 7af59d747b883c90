/**
 * `StorageObject` and the root fields that return it (`Query.object`, `Query.objects`). Fields
 * are lazy: each declares the metadata level it needs (DESIGN §4) and loads through the request's
 * two-level loader, so an object costs at most one store request however it is selected.
 */
import type { MetadataLevel } from '../../loaders/object-metadata.js';
import type { HeadObjectResult } from '../../oss/operations/head-object.js';
import { builder } from '../builder.js';
import type { GraphQLContext } from '../context.js';
import { argumentCheck } from '../argument-checks.js';
import { METADATA_LEVEL_EXTENSION, selectedMetadataLevel } from '../lookahead.js';
import { listingOf, loadExisting, loadMetadata } from '../object-source.js';
import type { StorageObjectSource } from '../object-source.js';
import { translateError } from '../translate-error.js';
import { checkExpiresIn, checkHeaderValue, checkObjectRef, checkRefCount } from '../validation.js';
import { MetadataEntryRef, toMetadataEntries } from './metadata-entry.js';
import { ObjectCorsRef } from './object-cors.js';

/** The `StorageObject` type. */
export const StorageObjectRef = builder.objectRef<StorageObjectSource>('StorageObject');

/** Field `extensions` declaring the metadata level the field needs (read by the lookahead). */
function level(value: MetadataLevel): { [METADATA_LEVEL_EXTENSION]: MetadataLevel } {
  return { [METADATA_LEVEL_EXTENSION]: value };
}

/** A full-level value of `source`: one HeadObject per object, shared by every full field. */
function fullValue<T>(context: GraphQLContext, source: StorageObjectSource, pick: (head: HeadObjectResult) => T | undefined): Promise<T | null> {
  return loadMetadata(context, source, 'full').then((m) => pick(m.full) ?? null);
}

StorageObjectRef.implement({
  description:
    'An object in a bucket. Fields load lazily: basic fields (size, ETag, times, CRC-64) cost one GetObjectMeta per object, ' +
    'any other metadata field one HeadObject per object (which also answers the basic ones); fields a listing returned cost nothing.',
  fields: (t) => ({
    bucket: t.exposeString('bucket'),
    key: t.exposeString('key'),
    versionId: t.string({
      nullable: true,
      description: 'The version id (null in an unversioned bucket).',
      extensions: level('basic'),
      resolve: (o, _args, ctx) =>
        o.versionId !== undefined ? o.versionId : loadMetadata(ctx, o, 'basic').then((m) => m.basic.versionId ?? null),
    }),
    contentLength: t.field({
      type: 'SafeInt',
      description: 'Size in bytes.',
      extensions: level('basic'),
      resolve: (o, _args, ctx) => listingOf(ctx, o)?.size ?? loadMetadata(ctx, o, 'basic').then((m) => m.basic.contentLength),
    }),
    etag: t.string({
      description: 'The ETag, with its quotes as OSS sends it (use it as `ifMatch`).',
      extensions: level('basic'),
      resolve: (o, _args, ctx) => listingOf(ctx, o)?.etag ?? loadMetadata(ctx, o, 'basic').then((m) => m.basic.etag),
    }),
    lastModified: t.field({
      type: 'DateTime',
      extensions: level('basic'),
      resolve: (o, _args, ctx) => listingOf(ctx, o)?.lastModified ?? loadMetadata(ctx, o, 'basic').then((m) => m.basic.lastModified),
    }),
    lastAccessTime: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'Only when access tracking is enabled on the bucket.',
      extensions: level('basic'),
      resolve: (o, _args, ctx) => loadMetadata(ctx, o, 'basic').then((m) => m.basic.lastAccessTime ?? null),
    }),
    hashCrc64: t.string({
      nullable: true,
      description: 'CRC-64/XZ (ECMA-182) of the content as an unsigned decimal string.',
      extensions: level('basic'),
      resolve: (o, _args, ctx) => loadMetadata(ctx, o, 'basic').then((m) => m.basic.hashCrc64 ?? null),
    }),
    transitionTime: t.string({
      nullable: true,
      description: 'When a lifecycle rule last changed the storage class.',
      extensions: level('basic'),
      resolve: (o, _args, ctx) => loadMetadata(ctx, o, 'basic').then((m) => m.basic.transitionTime ?? null),
    }),
    contentType: t.string({ nullable: true, extensions: level('full'), resolve: (o, _a, ctx) => fullValue(ctx, o, (h) => h.contentType) }),
    cacheControl: t.string({ nullable: true, extensions: level('full'), resolve: (o, _a, ctx) => fullValue(ctx, o, (h) => h.cacheControl) }),
    contentDisposition: t.string({ nullable: true, extensions: level('full'), resolve: (o, _a, ctx) => fullValue(ctx, o, (h) => h.contentDisposition) }),
    contentEncoding: t.string({ nullable: true, extensions: level('full'), resolve: (o, _a, ctx) => fullValue(ctx, o, (h) => h.contentEncoding) }),
    contentLanguage: t.string({ nullable: true, extensions: level('full'), resolve: (o, _a, ctx) => fullValue(ctx, o, (h) => h.contentLanguage) }),
    expires: t.string({
      nullable: true,
      description: 'The `Expires` header, verbatim.',
      extensions: level('full'),
      resolve: (o, _a, ctx) => fullValue(ctx, o, (h) => h.expires),
    }),
    contentMd5: t.string({
      nullable: true,
      description: 'Base64 MD5 of the content; only for objects uploaded in one piece.',
      extensions: level('full'),
      resolve: (o, _a, ctx) => fullValue(ctx, o, (h) => h.contentMd5),
    }),
    storageClass: t.string({
      nullable: true,
      description: 'Standard, IA, Archive, ColdArchive or DeepColdArchive.',
      extensions: level('full'),
      resolve: (o, _a, ctx) => listingOf(ctx, o)?.storageClass ?? fullValue(ctx, o, (h) => h.storageClass),
    }),
    objectType: t.string({
      nullable: true,
      description: 'Normal, Multipart, Appendable or Symlink.',
      extensions: level('full'),
      resolve: (o, _a, ctx) => listingOf(ctx, o)?.type ?? fullValue(ctx, o, (h) => h.objectType),
    }),
    taggingCount: t.int({ nullable: true, extensions: level('full'), resolve: (o, _a, ctx) => fullValue(ctx, o, (h) => h.taggingCount) }),
    serverSideEncryption: t.string({
      nullable: true,
      extensions: level('full'),
      resolve: (o, _a, ctx) => fullValue(ctx, o, (h) => h.serverSideEncryption),
    }),
    serverSideDataEncryption: t.string({
      nullable: true,
      extensions: level('full'),
      resolve: (o, _a, ctx) => fullValue(ctx, o, (h) => h.serverSideDataEncryption),
    }),
    serverSideEncryptionKeyId: t.string({
      nullable: true,
      extensions: level('full'),
      resolve: (o, _a, ctx) => fullValue(ctx, o, (h) => h.serverSideEncryptionKeyId),
    }),
    nextAppendPosition: t.field({
      type: 'SafeInt',
      nullable: true,
      description: 'Appendable objects only.',
      extensions: level('full'),
      resolve: (o, _a, ctx) => fullValue(ctx, o, (h) => h.nextAppendPosition),
    }),
    expiration: t.string({
      nullable: true,
      description: 'The lifecycle expiry, as `expiry-date="…", rule-id="…"`.',
      extensions: level('full'),
      resolve: (o, _a, ctx) => fullValue(ctx, o, (h) => h.expiration),
    }),
    restore: t.string({
      nullable: true,
      description: 'Restore state of an archived object, as `ongoing-request="…"[, expiry-date="…"]`.',
      extensions: level('full'),
      resolve: (o, _a, ctx) => fullValue(ctx, o, (h) => h.restore),
    }),
    processStatus: t.string({ nullable: true, extensions: level('full'), resolve: (o, _a, ctx) => fullValue(ctx, o, (h) => h.processStatus) }),
    requestCharged: t.string({ nullable: true, extensions: level('full'), resolve: (o, _a, ctx) => fullValue(ctx, o, (h) => h.requestCharged) }),
    metadata: t.field({
      type: [MetadataEntryRef],
      description: 'User metadata (`x-oss-meta-*`), keys lowercase, sorted by key.',
      extensions: level('full'),
      resolve: (o, _a, ctx) => loadMetadata(ctx, o, 'full').then((m) => toMetadataEntries(m.full.metadata)),
    }),
    metadataValue: t.string({
      nullable: true,
      description: 'The value of one user metadata key (case-insensitive), or null.',
      args: { key: t.arg.string({ required: true }) },
      extensions: level('full'),
      resolve: (o, args, ctx) => {
        const wanted = args.key.toLowerCase();
        return loadMetadata(ctx, o, 'full').then((m) => {
          const entry = Object.entries(m.full.metadata).find(([name]) => name.toLowerCase() === wanted);
          return entry === undefined ? null : entry[1];
        });
      },
    }),
    cors: t.field({
      type: ObjectCorsRef,
      nullable: true,
      description:
        "The bucket's CORS answer for a request from `origin` (and `method`). One HeadObject with an `Origin` header per distinct (object, origin, method).",
      args: { origin: t.arg.string({ required: true }), method: t.arg.string() },
      extensions: argumentCheck((args) => {
        checkHeaderValue(args['origin'] as string, 'origin');
        checkHeaderValue(args['method'] as string | null | undefined, 'method');
      }),
      resolve: (o, args, ctx) => {
        const origin = checkHeaderValue(args.origin, 'origin') as string;
        const method = checkHeaderValue(args.method, 'method');
        const ref = o.versionId === undefined ? { bucket: o.bucket, key: o.key } : { bucket: o.bucket, key: o.key, versionId: o.versionId };
        return ctx.loaders.objectCors.load({ ref, origin, ...(method === undefined ? {} : { method }) }).catch((error: unknown) => {
          throw translateError(error, o);
        });
      },
    }),
    downloadUrl: t.string({
      description: 'A presigned GET URL, valid for `expiresIn` seconds (default from configuration). Signing sends no request.',
      args: { expiresIn: t.arg.int() },
      extensions: argumentCheck((args, ctx) => {
        checkExpiresIn(ctx.settings, args['expiresIn'] as number | null | undefined);
      }),
      resolve: async (o, args, ctx) => {
        const expiresInSeconds = checkExpiresIn(ctx.settings, args.expiresIn);
        try {
          const signed = await ctx.settings.presign.presigner.presignGet({
            bucket: o.bucket,
            key: o.key,
            expiresInSeconds,
            ...(o.versionId === undefined ? {} : { versionId: o.versionId }),
          });
          return signed.url;
        } catch (error) {
          throw translateError(error, o);
        }
      },
    }),
  }),
});

/** `input ObjectRefInput { bucket key versionId }`. */
export const ObjectRefInput = builder.inputType('ObjectRefInput', {
  description: 'Which object: bucket, key and optionally a version.',
  fields: (t) => ({
    bucket: t.string({ required: true }),
    key: t.string({ required: true }),
    versionId: t.string(),
  }),
});

builder.queryFields((t) => ({
  object: t.field({
    type: StorageObjectRef,
    nullable: true,
    description:
      'One object, or null when it (or the given `versionId` of it) does not exist. Costs one store request (HeadObject if any metadata field beyond the basic ones is selected).',
    args: {
      bucket: t.arg.string({ required: true }),
      key: t.arg.string({ required: true }),
      versionId: t.arg.string(),
    },
    resolve: async (_root, args, ctx, info) => {
      const ref = checkObjectRef(ctx.settings, args);
      const metadata = await loadExisting(ctx, ref, selectedMetadataLevel(info));
      return metadata === null ? null : ref;
    },
  }),
  objects: t.field({
    type: [StorageObjectRef],
    nullable: { list: false, items: true },
    description: 'Objects in the order of `refs`, null for each that (or whose given `versionId`) does not exist. Repeated refs cost one request.',
    args: { refs: t.arg({ type: [ObjectRefInput], required: true }) },
    resolve: (_root, args, ctx, info) => {
      checkRefCount(ctx.settings, args.refs.length);
      const refs = args.refs.map((input, i) => checkObjectRef(ctx.settings, input, `refs[${i}].`));
      const chosen = selectedMetadataLevel(info);
      // Why no await before the loads: every load must enter the loader in this tick to share a batch.
      return refs.map((ref) => loadExisting(ctx, ref, chosen).then((m) => (m === null ? null : ref)));
    },
  }),
}));
