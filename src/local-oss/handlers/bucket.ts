/** Service- and bucket-level handlers: ListBuckets, PutBucket, DeleteBucket, GetBucketInfo. */
import { LocalOssError } from '../errors.js';
import { isoDate, requireBucket, type Handler, type RequestContext } from './context.js';
import { checkBucketName } from './object-headers.js';

/** The owner local-oss reports for every bucket and object. */
export const OWNER = { ID: 'local-oss', DisplayName: 'local-oss' } as const;

function bucketXml(ctx: RequestContext, name: string, creationDate: number): Record<string, unknown> {
  return {
    CreationDate: isoDate(creationDate),
    ExtranetEndpoint: ctx.config.virtualHostDomain,
    IntranetEndpoint: ctx.config.virtualHostDomain,
    Location: `oss-${ctx.config.region}`,
    Name: name,
    Region: ctx.config.region,
    StorageClass: 'Standard',
  };
}

/** `GET /` → `<ListAllMyBucketsResult>` with every bucket, sorted by name (`prefix` honoured). */
export const listBuckets: Handler = async (ctx) => {
  const prefix = ctx.params.get('prefix') ?? '';
  const buckets = (await ctx.backend.listBuckets()).filter((b) => b.name.startsWith(prefix));
  return {
    xml: {
      root: 'ListAllMyBucketsResult',
      value: {
        ...(prefix !== '' ? { Prefix: prefix } : {}),
        Owner: OWNER,
        Buckets: { Bucket: buckets.map((b) => bucketXml(ctx, b.name, b.creationDate)) },
      },
    },
  };
};

/** `PUT /` on a bucket: creates it (idempotent for its owner); `InvalidBucketName` for bad names. */
export const putBucket: Handler = async (ctx) => {
  const bucket = requireBucket(ctx);
  checkBucketName(bucket);
  // Why: the optional CreateBucketConfiguration body is accepted but not needed.
  for await (const _chunk of ctx.body) void _chunk;
  await ctx.backend.createBucket(bucket, ctx.now.getTime());
  return { headers: { location: `/${bucket}` } };
};

/** `DELETE /` on a bucket: 204; `BucketNotEmpty` while it holds objects or uploads. */
export const deleteBucket: Handler = async (ctx) => {
  await ctx.backend.deleteBucket(requireBucket(ctx));
  return { status: 204 };
};

/** `GET /?bucketInfo` → `<BucketInfo><Bucket>…</Bucket></BucketInfo>`. */
export const getBucketInfo: Handler = async (ctx) => {
  const bucket = requireBucket(ctx);
  const record = await ctx.backend.getBucket(bucket);
  if (record === undefined) throw new LocalOssError('NoSuchBucket', undefined, { details: { BucketName: bucket } });
  return {
    xml: {
      root: 'BucketInfo',
      value: {
        Bucket: {
          ...bucketXml(ctx, record.name, record.creationDate),
          AccessControlList: { Grant: 'private' },
          Owner: OWNER,
          Versioning: undefined,
        },
      },
    },
  };
};
