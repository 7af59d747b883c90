/** `Mutation.createUpload`: a presigned PUT URL for a direct browser upload, and the exact headers to send. */
import type { PresignedRequest } from '../../oss/client.js';
import { builder } from '../builder.js';
import { AccessDeniedError, BadUserInputError } from '../errors.js';
import { translateError } from '../translate-error.js';
import { checkBucket, checkExpiresIn, checkKey, checkMetadata } from '../validation.js';
import { MetadataEntryInput } from './metadata-entry.js';
import { checkSystemHeaders, systemHeaderFields } from './system-headers.js';

/** One HTTP header the uploader must send. */
interface HttpHeaderShape {
  readonly name: string;
  readonly value: string;
}

const HttpHeaderRef = builder.objectRef<HttpHeaderShape>('HttpHeader').implement({
  description: 'An HTTP header, name in lowercase.',
  fields: (t) => ({ name: t.exposeString('name'), value: t.exposeString('value') }),
});

const CreateUploadInput = builder.inputType('CreateUploadInput', {
  fields: (t) => ({
    bucket: t.string({ required: true }),
    key: t.string({ required: true }),
    ...systemHeaderFields(t, 'new'),
    metadata: t.field({ type: [MetadataEntryInput], description: 'User metadata the upload will carry (signed: the uploader must send it as given in `headers`).' }),
    expiresIn: t.int({ description: 'Seconds the URL stays valid; default and maximum from configuration.' }),
    forbidOverwrite: t.boolean({ description: 'The upload fails instead of replacing an existing object.' }),
  }),
});

const CreateUploadSuccess = builder.objectRef<PresignedRequest>('CreateUploadSuccess').implement({
  description: 'Send `method` to `url` with exactly `headers` and the body. No store request was made to create it.',
  fields: (t) => ({
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
    description: 'Presigns a PUT for uploading an object straight to the store (for files above the `putObject` limit). Costs no store request.',
    errors: { types: [BadUserInputError, AccessDeniedError], directResult: true, union: { name: 'CreateUploadResult' } },
    args: { input: t.arg({ type: CreateUploadInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      checkBucket(ctx.settings, input.bucket, 'input.bucket');
      checkKey(input.key, 'input.key');
      const headers = checkSystemHeaders(input);
      const metadata = input.metadata === undefined || input.metadata === null ? undefined : checkMetadata(input.metadata, 'input.metadata');
      const expiresInSeconds = checkExpiresIn(ctx.settings, input.expiresIn, 'input.expiresIn');
      try {
        return await ctx.settings.presign.presigner.presignPut({
          bucket: input.bucket,
          key: input.key,
          ...headers,
          ...(metadata === undefined ? {} : { metadata }),
          ...(input.forbidOverwrite === true ? { forbidOverwrite: true } : {}),
          expiresInSeconds,
        });
      } catch (error) {
        throw translateError(error, { bucket: input.bucket, key: input.key });
      }
    },
  }),
);
