/**
 * `Mutation.createUpload`: a direct browser upload to the store, two ways — a PostObject form
 * whose signed policy bounds the file size (the store refuses more), and a presigned PUT with
 * the exact headers to send (which cannot bound the size).
 */
import type { PresignedPost, PresignedRequest } from '../../oss/client.js';
import { builder } from '../builder.js';
import { AccessDeniedError, BadUserInputError } from '../errors.js';
import { DEFAULT_MAX_DIRECT_UPLOAD_BYTES, type ApiSettings } from '../settings.js';
import { translateError } from '../translate-error.js';
import { checkBucket, checkExpiresIn, checkKey, checkMetadata } from '../validation.js';
import { encodeTagging } from '../../oss/operations/shared/tags.js';
import { checkTags } from '../tag-checks.js';
import { MetadataEntryInput } from './metadata-entry.js';
import { TagInput } from './object-details.js';
import { checkSystemHeaders, systemHeaderFields } from './system-headers.js';

/** The form's size bound: `maxBytes` when given (0 ≤ maxBytes ≤ the configured maximum), else the configured maximum. */
function checkMaxBytes(settings: ApiSettings, maxBytes: number | null | undefined, field: string): number {
  const limit = settings.maxDirectUploadBytes ?? DEFAULT_MAX_DIRECT_UPLOAD_BYTES;
  if (maxBytes === undefined || maxBytes === null) return limit;
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 0 || maxBytes > limit) {
    throw new BadUserInputError(field, `must be a number of bytes from 0 to ${limit} (OSSGRAPH_MAX_DIRECT_UPLOAD_BYTES)`, maxBytes);
  }
  return maxBytes;
}

/** One HTTP header the uploader must send. */
interface HttpHeaderShape {
  readonly name: string;
  readonly value: string;
}

const HttpHeaderRef = builder.objectRef<HttpHeaderShape>('HttpHeader').implement({
  description: 'An HTTP header, name in lowercase.',
  fields: (t) => ({ name: t.exposeString('name'), value: t.exposeString('value') }),
});

/** A signed PostObject form and the largest file it admits. */
interface UploadFormShape extends PresignedPost {
  readonly maxBytes: number;
}

/** What `createUpload` resolves to. */
interface CreateUploadShape extends PresignedRequest {
  readonly form: UploadFormShape;
}

const FormFieldRef = builder.objectRef<{ readonly name: string; readonly value: string }>('FormField').implement({
  description: 'One multipart/form-data field: send it with exactly this name and value.',
  fields: (t) => ({ name: t.exposeString('name'), value: t.exposeString('value') }),
});

const UploadFormRef = builder.objectRef<UploadFormShape>('UploadForm').implement({
  description:
    'An OSS PostObject form: POST `multipart/form-data` to `url` with `fields` in this order, then the file as the last field, named `file`. ' +
    'Its signed policy fixes the bucket, key, content type, metadata, expiry and size range: the store itself refuses anything else.',
  fields: (t) => ({
    url: t.exposeString('url'),
    fields: t.field({ type: [FormFieldRef], description: 'Fields to send in this order, before the file.', resolve: (p) => p.fields }),
    maxBytes: t.field({ type: 'SafeInt', description: 'Largest file the store accepts through this form, in bytes.', resolve: (p) => p.maxBytes }),
    expiresAt: t.field({ type: 'DateTime', resolve: (p) => p.expiresAt }),
  }),
});

const CreateUploadInput = builder.inputType('CreateUploadInput', {
  fields: (t) => ({
    bucket: t.string({ required: true }),
    key: t.string({ required: true }),
    ...systemHeaderFields(t, 'new'),
    metadata: t.field({ type: [MetadataEntryInput], description: 'User metadata the upload will carry (signed: the uploader must send it as given in `headers`).' }),
    tags: t.field({ type: [TagInput], description: 'Object tags (at most 10) the upload will carry (signed: sent as `x-oss-tagging`).' }),
    expiresIn: t.int({ description: 'Seconds the URL stays valid; default and maximum from configuration.' }),
    forbidOverwrite: t.boolean({ description: 'The upload fails instead of replacing an existing object.' }),
    maxBytes: t.field({
      type: 'SafeInt',
      description: 'Largest file the form admits, in bytes (0 or more); default and maximum from configuration (OSSGRAPH_MAX_DIRECT_UPLOAD_BYTES). Does not bind the presigned PUT.',
    }),
  }),
});

const CreateUploadSuccess = builder.objectRef<CreateUploadShape>('CreateUploadSuccess').implement({
  description:
    'Two ways to upload straight to the store; no store request was made to create them. `form` (a PostObject form) is the bounded way: the store refuses a file larger than `form.maxBytes`. ' +
    'The presigned PUT (`method` to `url` with exactly `headers` and the body) cannot bound the size.',
  fields: (t) => ({
    form: t.field({ type: UploadFormRef, description: 'The size-bounded upload: a PostObject form.', resolve: (p) => p.form }),
    url: t.exposeString('url'),
    method: t.exposeString('method'),
    headers: t.field({
      type: [HttpHeaderRef],
      description: 'Headers that were signed; send them exactly (names are case-insensitive).',
      resolve: (p) =>
        Object.entries(p.headers)
          .map(([name, value]) => ({ name: name.toLowerCase(), value }))
          .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    }),
    expiresAt: t.field({ type: 'DateTime', resolve: (p) => p.expiresAt }),
  }),
});

builder.mutationField('createUpload', (t) =>
  t.field({
    type: CreateUploadSuccess,
    description:
      'Signs a direct upload to the store (for files above the `putObject` limit): a PostObject form bounded by `maxBytes`, and a presigned PUT (unbounded). Costs no store request.',
    errors: { types: [BadUserInputError, AccessDeniedError], directResult: true, union: { name: 'CreateUploadResult' } },
    args: { input: t.arg({ type: CreateUploadInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      checkBucket(ctx.settings, input.bucket, 'input.bucket');
      checkKey(input.key, 'input.key');
      const headers = checkSystemHeaders(input);
      const metadata = input.metadata === undefined || input.metadata === null ? undefined : checkMetadata(input.metadata, 'input.metadata');
      const tags = input.tags === undefined || input.tags === null ? undefined : checkTags(input.tags, 'input.tags');
      const expiresInSeconds = checkExpiresIn(ctx.settings, input.expiresIn, 'input.expiresIn');
      const maxBytes = checkMaxBytes(ctx.settings, input.maxBytes, 'input.maxBytes');
      const request = {
        bucket: input.bucket,
        key: input.key,
        ...headers,
        ...(metadata === undefined ? {} : { metadata }),
        ...(input.forbidOverwrite === true ? { forbidOverwrite: true } : {}),
        ...(tags === undefined || tags.length === 0 ? {} : { tagging: encodeTagging(tags) }),
        expiresInSeconds,
      };
      try {
        const { presigner } = ctx.settings.presign;
        const [put, form] = await Promise.all([presigner.presignPut(request), presigner.presignPostObject({ ...request, maxBytes })]);
        return { ...put, form: { ...form, maxBytes } };
      } catch (error) {
        throw translateError(error, { bucket: input.bucket, key: input.key });
      }
    },
  }),
);
