/**
 * `Mutation.copyObject`: server-side copy with COPY or REPLACE metadata, one CopyObject below the
 * copy threshold and a multipart copy above it, optionally deleting the source once the copy is
 * verified.
 */
import { checkCopyIntent } from '../../auth/authorized-helpers.js';
import { headersFromSource } from '../../oss/helpers/copier.js';
import type { CopyResult } from '../../oss/helpers/copier.js';
import type { SystemHeaderChanges } from '../../oss/helpers/metadata-editor.js';
import type { CopyObjectRequest } from '../../oss/operations/copy-object.js';
import type { HeadObjectResult } from '../../oss/operations/head-object.js';
import type { ObjectAcl, ObjectWriteHeaders, StorageClass, SystemHeaders } from '../../oss/operations/shared/request-headers.js';
import { builder } from '../builder.js';
import { serializeSelfCopy } from '../coordinated-edits.js';
import type { GraphQLContext } from '../context.js';
import {
  AccessDeniedError,
  AlreadyExistsError,
  ApiError,
  BadUserInputError,
  ConflictError,
  IntegrityCheckFailedError,
  NotFoundError,
  PreconditionFailedError,
  UpstreamUnavailableError,
} from '../errors.js';
import type { StorageObjectSource } from '../object-source.js';
import { translateError } from '../translate-error.js';
import { checkBucket, checkHeaderValue, checkKey, checkMetadata, checkVersionId } from '../validation.js';
import { encodeTagging } from '../../oss/operations/shared/tags.js';
import { checkTags } from '../tag-checks.js';
import { MetadataEntryInput } from './metadata-entry.js';
import { TagInput } from './object-details.js';
import { StorageObjectRef } from './storage-object.js';
import { StorageClassEnum, checkSystemHeaderChanges, systemHeaderFields } from './system-headers.js';

/** What `CopyObjectSuccess` carries. */
export interface CopyObjectSuccessShape {
  readonly requestId: string;
  readonly etag: string;
  readonly hashCrc64?: string | undefined;
  readonly versionId?: string | undefined;
  readonly sourceVersionId?: string | undefined;
  readonly method: 'single' | 'multipart';
  readonly sourceDeleted: boolean;
  readonly object: StorageObjectSource;
}

const MetadataDirectiveEnum = builder.enumType('MetadataDirective', {
  description: 'COPY: the destination gets the source metadata. REPLACE: the given metadata and system headers apply.',
  values: ['COPY', 'REPLACE'] as const,
});

const TaggingDirectiveEnum = builder.enumType('TaggingDirective', {
  description: 'COPY: the destination gets the source tags. REPLACE: it gets `tags` (none when absent).',
  values: ['COPY', 'REPLACE'] as const,
});

const CopyObjectInput = builder.inputType('CopyObjectInput', {
  fields: (t) => ({
    sourceBucket: t.string({ required: true }),
    sourceKey: t.string({ required: true }),
    sourceVersionId: t.string(),
    bucket: t.string({ required: true, description: 'Destination bucket.' }),
    key: t.string({ required: true, description: 'Destination key.' }),
    metadataDirective: t.field({ type: MetadataDirectiveEnum, defaultValue: 'COPY' }),
    metadata: t.field({
      type: [MetadataEntryInput],
      description: 'REPLACE only: the complete user metadata of the destination. Absent: the source metadata is kept.',
    }),
    ...systemHeaderFields(t, 'edit'),
    storageClass: t.field({ type: StorageClassEnum, description: 'Storage class of the destination; absent: the source one.' }),
    taggingDirective: t.field({ type: TaggingDirectiveEnum, defaultValue: 'COPY' }),
    tags: t.field({ type: [TagInput], description: 'REPLACE tagging only: the tags of the destination (at most 10).' }),
    ifMatch: t.string({ description: 'Copy only if the source still has this ETag.' }),
    forbidOverwrite: t.boolean({ description: 'Fail with ALREADY_EXISTS instead of replacing an existing destination.' }),
    deleteSource: t.boolean({ description: 'Delete the source after the copy is verified (a move). Not allowed onto itself.' }),
  }),
});

const CopyObjectSuccess = builder.objectRef<CopyObjectSuccessShape>('CopyObjectSuccess').implement({
  description: 'The object was copied (and, with deleteSource, the source deleted after the copy was verified).',
  fields: (t) => ({
    requestId: t.exposeString('requestId'),
    etag: t.exposeString('etag'),
    hashCrc64: t.exposeString('hashCrc64', { nullable: true }),
    versionId: t.exposeString('versionId', { nullable: true }),
    sourceVersionId: t.exposeString('sourceVersionId', { nullable: true }),
    method: t.exposeString('method', { description: '`single` (CopyObject) or `multipart` (UploadPartCopy, above the copy threshold).' }),
    sourceDeleted: t.exposeBoolean('sourceDeleted'),
    object: t.field({ type: StorageObjectRef, resolve: (s) => s.object }),
  }),
});

/** The six system headers after applying `changes` to `current` (absent keeps, null removes). */
function applySystemHeaderChanges(current: SystemHeaders, changes: SystemHeaderChanges): SystemHeaders {
  const out: { -readonly [K in keyof SystemHeaders]?: string } = {};
  for (const field of ['contentType', 'cacheControl', 'contentDisposition', 'contentEncoding', 'contentLanguage', 'expires'] as const) {
    const change = changes[field];
    const value = change === undefined ? current[field] : change;
    if (value !== null && value !== undefined) out[field] = value;
  }
  return out;
}

/**
 * Whether the destination provably holds the source's bytes: equal CRC-64s, or when either CRC is
 * unknown, equal sizes and ETags (read back with GetObjectMeta).
 */
async function verifyCopy(context: GraphQLContext, destination: StorageObjectSource, source: HeadObjectResult, copy: CopyResult): Promise<boolean> {
  if (copy.hashCrc64 !== undefined && source.hashCrc64 !== undefined) return copy.hashCrc64 === source.hashCrc64;
  const stored = await context.api.getObjectMeta(destination);
  if (stored.hashCrc64 !== undefined && source.hashCrc64 !== undefined) return stored.hashCrc64 === source.hashCrc64;
  return stored.contentLength === source.contentLength && stored.etag === source.etag;
}

builder.mutationField('copyObject', (t) =>
  t.field({
    type: CopyObjectSuccess,
    description:
      'Copies an object. COPY keeps the source metadata, system headers, storage class and encryption; REPLACE sets `metadata` (absent: kept) and ' +
      'the given system headers (absent: kept, null: removed). Above the copy threshold the copy is multipart and its CRC-64 is compared with the source. ' +
      'The object ACL is not copied to another key (as in OSS): the destination gets `default` (the bucket ACL applies). ' +
      'A copy onto itself keeps the object ACL (it is read and re-sent).',
    errors: {
      types: [
        BadUserInputError,
        AccessDeniedError,
        NotFoundError,
        PreconditionFailedError,
        ConflictError,
        AlreadyExistsError,
        UpstreamUnavailableError,
        IntegrityCheckFailedError,
      ],
      directResult: true,
      union: { name: 'CopyObjectResult' },
    },
    args: { input: t.arg({ type: CopyObjectInput, required: true }) },
    // Why serialized: a copy onto itself is a metadata edit; its read and commit must not interleave with another edit.
    resolve: (_root, { input }, ctx) => serializeSelfCopy(ctx.editCoordinator, input, async () => {
      checkBucket(ctx.settings, input.sourceBucket, 'input.sourceBucket');
      checkKey(input.sourceKey, 'input.sourceKey');
      const sourceVersionId = input.sourceVersionId ?? undefined;
      if (sourceVersionId !== undefined) checkVersionId(sourceVersionId, 'input.sourceVersionId');
      checkBucket(ctx.settings, input.bucket, 'input.bucket');
      checkKey(input.key, 'input.key');
      const directive = input.metadataDirective ?? 'COPY';
      const metadata = input.metadata === undefined || input.metadata === null ? undefined : checkMetadata(input.metadata, 'input.metadata');
      const changes = checkSystemHeaderChanges(input);
      if (directive === 'COPY' && (metadata !== undefined || Object.keys(changes).length > 0)) {
        const field = metadata !== undefined ? 'input.metadata' : `input.${Object.keys(changes)[0] ?? ''}`;
        throw new BadUserInputError(field, 'metadata and system headers can be given only with metadataDirective REPLACE', directive);
      }
      const taggingDirective = input.taggingDirective ?? 'COPY';
      const tags = input.tags === undefined || input.tags === null ? undefined : checkTags(input.tags, 'input.tags');
      if (taggingDirective === 'COPY' && tags !== undefined) {
        throw new BadUserInputError('input.tags', 'can be given only with taggingDirective REPLACE', taggingDirective);
      }
      const ifMatch = checkHeaderValue(input.ifMatch, 'input.ifMatch');
      const selfCopy = input.sourceBucket === input.bucket && input.sourceKey === input.key;
      if (selfCopy && input.deleteSource === true) {
        throw new BadUserInputError('input.deleteSource', 'must not be set when copying an object onto itself (it would delete the copy)', true);
      }
      if (selfCopy && input.forbidOverwrite === true) {
        throw new BadUserInputError('input.forbidOverwrite', 'must not be set when copying an object onto itself', true);
      }

      // Why before any request: a denied destination or deletion must cost nothing and leave nothing behind.
      checkCopyIntent(ctx.access, { ...input, deleteSource: input.deleteSource === true });
      const sourceRef = { bucket: input.sourceBucket, key: input.sourceKey, ...(sourceVersionId === undefined ? {} : { versionId: sourceVersionId }) };
      const destination = { bucket: input.bucket, key: input.key };
      // Why read the ACL of a self-copy: the copy replaces the object, and OSS resets the ACL of
      // a copy's destination to `default` unless it is re-sent; for a copy elsewhere that is the
      // documented OSS behaviour, for a copy onto itself it would silently lose the object's ACL.
      const aclRead = selfCopy ? ctx.api.getObjectAcl(sourceRef) : undefined;
      aclRead?.catch(() => undefined);
      let source: HeadObjectResult;
      let acl: string | undefined;
      try {
        source = await ctx.api.headObject({ ...sourceRef, ...(ifMatch === undefined ? {} : { ifMatch }) });
        acl = (await aclRead)?.acl;
      } catch (error) {
        throw translateError(error, sourceRef);
      }

      const storageClass = input.storageClass === undefined || input.storageClass === null ? undefined : (input.storageClass as StorageClass);
      let headers: ObjectWriteHeaders = storageClass === undefined ? {} : { storageClass };
      if (directive === 'REPLACE') {
        const carried = headersFromSource(source);
        const systemHeaders = applySystemHeaderChanges(carried, changes);
        // Why not spread `carried` whole: a header removed by `changes` (null) must not come back.
        headers = {
          ...(carried.storageClass === undefined ? {} : { storageClass: carried.storageClass }),
          ...(carried.serverSideEncryption === undefined ? {} : { serverSideEncryption: carried.serverSideEncryption }),
          ...(carried.serverSideDataEncryption === undefined ? {} : { serverSideDataEncryption: carried.serverSideDataEncryption }),
          ...(carried.serverSideEncryptionKeyId === undefined ? {} : { serverSideEncryptionKeyId: carried.serverSideEncryptionKeyId }),
          ...systemHeaders,
          metadata: metadata ?? source.metadata,
          ...(storageClass === undefined ? {} : { storageClass }),
        };
      }
      const request: CopyObjectRequest = {
        bucket: input.bucket,
        key: input.key,
        sourceBucket: input.sourceBucket,
        sourceKey: input.sourceKey,
        ...(sourceVersionId === undefined ? {} : { sourceVersionId }),
        ...headers,
        metadataDirective: directive,
        ...(taggingDirective === 'REPLACE' ? { taggingDirective: 'Replace' as const, ...(tags === undefined || tags.length === 0 ? {} : { tagging: encodeTagging(tags) }) } : {}),
        copySourceIfMatch: ifMatch ?? source.etag,
        // Why: onto itself this is a metadata edit, and a metadata-only change keeps the ETag.
        ...(selfCopy ? { copySourceIfUnmodifiedSince: source.lastModified } : {}),
        ...(input.forbidOverwrite === true ? { forbidOverwrite: true } : {}),
        ...(acl === undefined || acl === 'default' ? {} : { acl: acl as ObjectAcl }),
      };

      let copied: CopyResult;
      try {
        copied = await ctx.copier.copy(request, { source });
      } catch (error) {
        throw translateError(error, destination);
      } finally {
        ctx.loaders.objectMetadata.clear(destination);
      }
      const object: StorageObjectSource = copied.versionId === undefined ? destination : { ...destination, versionId: copied.versionId };

      let sourceDeleted = false;
      if (input.deleteSource === true) {
        let verified: boolean;
        try {
          verified = await verifyCopy(ctx, object, source, copied);
        } catch (error) {
          throw translateError(error, destination);
        }
        if (!verified) {
          throw new IntegrityCheckFailedError(
            `the copy of ${JSON.stringify(input.sourceKey)} to ${JSON.stringify(input.key)} does not match its source; the source was not deleted`,
          );
        }
        try {
          await ctx.api.deleteObject(sourceRef);
        } catch (error) {
          const translated = translateError(error, sourceRef);
          const code = translated instanceof ApiError ? translated.code : 'UNKNOWN';
          throw new UpstreamUnavailableError(
            `the object was copied (ETag ${copied.etag}) but deleting the source failed (${code}); the source still exists`,
            { requestId: translated instanceof ApiError ? translated.requestId : undefined, cause: error, extensions: { deleteErrorCode: code } },
          );
        } finally {
          ctx.loaders.objectMetadata.clear(sourceRef);
        }
        sourceDeleted = true;
      }

      return {
        requestId: copied.requestId,
        etag: copied.etag,
        hashCrc64: copied.hashCrc64,
        versionId: copied.versionId,
        sourceVersionId: source.versionId,
        method: copied.method,
        sourceDeleted,
        object,
      };
    }),
  }),
);
