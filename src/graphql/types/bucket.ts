/**
 * `Bucket`, its object listing (a Relay-style connection over ListObjectsV2 continuation
 * tokens) and the root fields `Query.buckets` and `Query.bucket`.
 */
import type { BucketSummary } from '../../oss/operations/list-buckets.js';
import type { ListObjectsV2Request, ListObjectsV2Result } from '../../oss/operations/list-objects-v2.js';
import { builder } from '../builder.js';
import { decodeListCursor, encodeKeyCursor, encodeTokenCursor } from '../list-cursor.js';
import type { StorageObjectSource } from '../object-source.js';
import { translateError } from '../translate-error.js';
import { checkBucket, checkPageSize } from '../validation.js';
import { BadUserInputError } from '../errors.js';
import { StorageObjectRef } from './storage-object.js';

/** The parent value of `Bucket`: its name and, from `Query.buckets`, what the listing said. */
export interface BucketSource {
  readonly name: string;
  readonly summary?: BucketSummary;
}

/** One page of a bucket listing, as the connection resolves it. */
interface ObjectPage {
  readonly edges: Array<{ cursor: string; node: StorageObjectSource }>;
  readonly pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  readonly folders: string[];
}

/** The `Bucket` type. */
export const BucketRef = builder.objectRef<BucketSource>('Bucket');

const StorageObjectConnection = builder.connectionObject(
  {
    type: StorageObjectRef,
    name: 'StorageObjectConnection',
    description: 'One page of a bucket listing. Listed fields (size, ETag, lastModified, storageClass, objectType) cost no further request.',
    fields: (t) => ({
      folders: t.stringList({
        description: 'Common prefixes ("folders") under `prefix` up to `delimiter`, on this page.',
        resolve: (page) => (page as unknown as ObjectPage).folders,
      }),
    }),
  },
  { name: 'StorageObjectEdge' },
);

/** Longest prefix or delimiter, in UTF-8 bytes (an object key's limit). */
const MAX_PREFIX_BYTES = 1023;

function checkListText(value: string | null | undefined, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (Buffer.byteLength(value, 'utf8') > MAX_PREFIX_BYTES) {
    throw new BadUserInputError(field, `must be at most ${MAX_PREFIX_BYTES} UTF-8 bytes`, value);
  }
  return value;
}

function toPage(bucket: string, prefix: string, result: ListObjectsV2Result): ObjectPage {
  const edges = result.contents.map((entry) => ({
    cursor: encodeKeyCursor(entry.key),
    node: { bucket, key: entry.key, listing: entry } satisfies StorageObjectSource,
  }));
  const last = edges.at(-1);
  const endCursor =
    result.isTruncated && result.nextContinuationToken !== undefined
      ? encodeTokenCursor(result.nextContinuationToken, prefix)
      : (last?.cursor ?? null);
  return {
    edges,
    pageInfo: { hasNextPage: result.isTruncated, hasPreviousPage: false, startCursor: edges[0]?.cursor ?? null, endCursor },
    folders: result.commonPrefixes,
  };
}

BucketRef.implement({
  description: 'A bucket. Its fields other than `name` are known only when it came from `Query.buckets`.',
  fields: (t) => ({
    name: t.exposeString('name'),
    creationDate: t.field({ type: 'DateTime', nullable: true, resolve: (b) => b.summary?.creationDate ?? null }),
    region: t.string({ nullable: true, resolve: (b) => b.summary?.region ?? null }),
    location: t.string({ nullable: true, resolve: (b) => b.summary?.location ?? null }),
    storageClass: t.string({ nullable: true, resolve: (b) => b.summary?.storageClass ?? null }),
    objects: t.field({
      type: StorageObjectConnection,
      description:
        'Objects whose keys start with `prefix`, in key order, `first` per page (1..1000). With `delimiter`, keys containing it after the prefix are grouped into `folders`. ' +
        'Page forward by passing `pageInfo.endCursor` (or any edge cursor) as `after`, with the same `prefix`; a cursor from another prefix, or one not returned by a listing, is BAD_USER_INPUT.',
      args: {
        prefix: t.arg.string(),
        delimiter: t.arg.string(),
        first: t.arg.int(),
        after: t.arg.string(),
      },
      resolve: async (bucket, args, ctx) => {
        const maxKeys = checkPageSize(ctx.settings, args.first);
        const prefix = checkListText(args.prefix, 'prefix');
        const delimiter = checkListText(args.delimiter, 'delimiter');
        if (delimiter === '') throw new BadUserInputError('delimiter', 'must not be empty', delimiter);
        const position = args.after === undefined || args.after === null ? undefined : decodeListCursor(args.after, 'after', prefix ?? '');
        const request: ListObjectsV2Request = {
          bucket: bucket.name,
          maxKeys,
          ...(prefix === undefined || prefix === '' ? {} : { prefix }),
          ...(delimiter === undefined ? {} : { delimiter }),
          ...(position?.kind === 'token' ? { continuationToken: position.value } : {}),
          ...(position?.kind === 'key' ? { startAfter: position.value } : {}),
        };
        try {
          const page = toPage(bucket.name, prefix ?? '', await ctx.loaders.listing.load(request));
          return page;
        } catch (error) {
          throw translateError(error, { bucket: bucket.name });
        }
      },
    }),
  }),
});

builder.queryFields((t) => ({
  buckets: t.field({
    type: [BucketRef],
    description: 'The buckets the credentials can see (only the allowed ones when an allowlist is configured).',
    resolve: async (_root, _args, ctx) => {
      const buckets: BucketSource[] = [];
      let marker: string | undefined;
      try {
        do {
          const page = await ctx.api.listBuckets({ maxKeys: 1000, ...(marker === undefined ? {} : { marker }) });
          for (const summary of page.buckets) buckets.push({ name: summary.name, summary });
          marker = page.isTruncated ? page.nextMarker : undefined;
        } while (marker !== undefined);
      } catch (error) {
        throw translateError(error);
      }
      const allowed = ctx.settings.allowedBuckets;
      return allowed === undefined ? buckets : buckets.filter((b) => allowed.includes(b.name));
    },
  }),
  bucket: t.field({
    type: BucketRef,
    nullable: true,
    description: 'A bucket by name. Costs no request; a missing bucket surfaces as NOT_FOUND on `objects`.',
    args: { name: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => {
      checkBucket(ctx.settings, args.name, 'name');
      return { name: args.name };
    },
  }),
}));
