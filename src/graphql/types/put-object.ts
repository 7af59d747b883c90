/** `Mutation.putObject`: upload a small object with its metadata in one request, CRC-64 verified. */
import { createHash } from 'node:crypto';
import { putObjectWithReadBack } from '../../oss/helpers/put-object-read-back.js';
import type { UploadBody } from '../../oss/operations/shared/body.js';
import type { StorageClass } from '../../oss/operations/shared/request-headers.js';
import { builder } from '../builder.js';
import {
  AccessDeniedError,
  AlreadyExistsError,
  BadUserInputError,
  IntegrityCheckFailedError,
  NotFoundError,
  UpstreamUnavailableError,
} from '../errors.js';
import type { StorageObjectSource } from '../object-source.js';
import { translateError } from '../translate-error.js';
import { checkBucket, checkKey, checkMetadata } from '../validation.js';
import type { GraphQLContext } from '../context.js';
import { encodeTagging } from '../../oss/operations/shared/tags.js';
import { checkTags } from '../tag-checks.js';
import { MetadataEntryInput } from './metadata-entry.js';
import { TagInput } from './object-details.js';
import { StorageObjectRef } from './storage-object.js';
import { StorageClassEnum, checkSystemHeaders, systemHeaderFields } from './system-headers.js';

/** What `PutObjectSuccess` carries. */
export interface PutObjectSuccessShape {
  readonly requestId: string;
  readonly etag: string;
  readonly hashCrc64?: string | undefined;
  readonly versionId?: string | undefined;
  readonly contentMd5?: string | undefined;
  readonly object: StorageObjectSource;
}

const PutObjectInput = builder.inputType('PutObjectInput', {
  description: 'Exactly one of `file`, `content` or `contentBase64` is the body (at most the configured upload limit; use `createUpload` beyond it).',
  fields: (t) => ({
    bucket: t.string({ required: true }),
    key: t.string({ required: true }),
    file: t.field({ type: 'File', description: 'The body as a file of a GraphQL multipart request.' }),
    content: t.string({ description: 'The body as text (stored as UTF-8).' }),
    contentBase64: t.string({ description: 'The body as base64.' }),
    ...systemHeaderFields(t, 'new'),
    metadata: t.field({ type: [MetadataEntryInput], description: 'User metadata.' }),
    storageClass: t.field({ type: StorageClassEnum }),
    tags: t.field({ type: [TagInput], description: 'Object tags (at most 10), sent with the upload (`x-oss-tagging`).' }),
    forbidOverwrite: t.boolean({ description: 'Fail with ALREADY_EXISTS instead of replacing an existing object.' }),
  }),
});

const PutObjectSuccess = builder.objectRef<PutObjectSuccessShape>('PutObjectSuccess').implement({
  description: 'The object was stored and its CRC-64 matched the body sent.',
  fields: (t) => ({
    requestId: t.exposeString('requestId'),
    etag: t.exposeString('etag'),
    hashCrc64: t.exposeString('hashCrc64', { nullable: true }),
    versionId: t.exposeString('versionId', { nullable: true }),
    contentMd5: t.exposeString('contentMd5', { nullable: true }),
    object: t.field({ type: StorageObjectRef, resolve: (s) => s.object }),
  }),
});

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** An upload body and the base64 MD5 OSS checks it against. */
interface PreparedBody {
  readonly body: UploadBody;
  readonly contentMd5: string;
}

/**
 * The body of `input`, after checking there is exactly one and it is within the limit.
 *
 * Why a file is streamed rather than copied: Yoga already holds the multipart file in memory;
 * reading it into another buffer would double the peak for every upload. Its stream can be
 * opened again, so the body stays replayable for retries.
 */
async function prepareBody(
  context: GraphQLContext,
  input: { file?: File | null | undefined; content?: string | null | undefined; contentBase64?: string | null | undefined },
): Promise<PreparedBody> {
  const given = (['file', 'content', 'contentBase64'] as const).filter((name) => input[name] !== undefined && input[name] !== null);
  if (given.length !== 1) {
    throw new BadUserInputError('input', 'give exactly one of file, content or contentBase64', given);
  }
  const limit = context.settings.maxUploadBytes;
  const tooLarge = (field: string, size: number): BadUserInputError =>
    new BadUserInputError(field, `must be at most ${limit} bytes; upload larger objects with createUpload (a presigned PUT URL)`, `${size} bytes`);
  const inMemory = (bytes: Uint8Array): PreparedBody => ({ body: bytes, contentMd5: createHash('md5').update(bytes).digest('base64') });
  if (input.file !== undefined && input.file !== null) {
    const file = input.file;
    if (file.size > limit) throw tooLarge('input.file', file.size);
    const md5 = createHash('md5');
    for await (const chunk of chunksOf(file)) md5.update(chunk);
    return { body: { stream: () => chunksOf(file), replayable: true, contentLength: file.size }, contentMd5: md5.digest('base64') };
  }
  if (input.content !== undefined && input.content !== null) {
    const size = Buffer.byteLength(input.content, 'utf8');
    if (size > limit) throw tooLarge('input.content', size);
    return inMemory(Buffer.from(input.content, 'utf8'));
  }
  const base64 = input.contentBase64 as string;
  if (!BASE64.test(base64)) throw new BadUserInputError('input.contentBase64', 'must be standard base64 with padding', base64.slice(0, 64));
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.byteLength > limit) throw tooLarge('input.contentBase64', bytes.byteLength);
  return inMemory(bytes);
}

/**
 * The chunks of `file`, read afresh on every call. Why a reader loop: Yoga's `File` comes from the
 * whatwg-node ponyfill, whose stream is not Node's own web stream (`Readable.fromWeb` rejects it).
 */
async function* chunksOf(file: File): AsyncGenerator<Uint8Array> {
  const reader = file.stream().getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

builder.mutationField('putObject', (t) =>
  t.field({
    type: PutObjectSuccess,
    description: 'Stores an object with its system headers and metadata in one PutObject; the CRC-64 OSS reports is compared with the body.',
    errors: {
      types: [BadUserInputError, AccessDeniedError, NotFoundError, AlreadyExistsError, UpstreamUnavailableError, IntegrityCheckFailedError],
      directResult: true,
      union: { name: 'PutObjectResult' },
    },
    args: { input: t.arg({ type: PutObjectInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      checkBucket(ctx.settings, input.bucket, 'input.bucket');
      checkKey(input.key, 'input.key');
      const headers = checkSystemHeaders(input);
      const metadata = input.metadata === undefined || input.metadata === null ? undefined : checkMetadata(input.metadata, 'input.metadata');
      const tags = input.tags === undefined || input.tags === null ? undefined : checkTags(input.tags, 'input.tags');
      const { body, contentMd5 } = await prepareBody(ctx, input);
      const target = { bucket: input.bucket, key: input.key };
      try {
        const result = await putObjectWithReadBack(ctx.api, {
          ...target,
          body,
          ...headers,
          ...(metadata === undefined ? {} : { metadata }),
          ...(input.storageClass === undefined || input.storageClass === null ? {} : { storageClass: input.storageClass as StorageClass }),
          ...(input.forbidOverwrite === true ? { forbidOverwrite: true } : {}),
          ...(tags === undefined || tags.length === 0 ? {} : { tagging: encodeTagging(tags) }),
          contentMd5,
        });
        ctx.loaders.objectMetadata.clear(target);
        return {
          requestId: result.requestId,
          etag: result.etag,
          hashCrc64: result.hashCrc64,
          versionId: result.versionId,
          contentMd5: result.contentMd5,
          object: result.versionId === undefined ? target : { ...target, versionId: result.versionId },
        };
      } catch (error) {
        throw translateError(error, target);
      }
    },
  }),
);
