/** Service- and bucket-level handlers: ListBuckets, PutBucket, DeleteBucket, GetBucketInfo. */
import type { BucketRecord } from '../backend/backend.js';
import { compareKeys } from '../backend/backend-shared.js';
import { parseXml } from '../../oss/xml/parse-xml.js';
import { LocalOssError } from '../errors.js';
import { header, isoDate, readSmallBody, requireBucket, type Handler, type RequestContext } from './context.js';
import { checkBucketName } from './object-headers.js';

/** The owner local-oss reports for every bucket and object. */
export const OWNER = { ID: 'local-oss', DisplayName: 'local-oss' } as const;

const STORAGE_CLASSES = new Set(['Standard', 'IA', 'Archive', 'ColdArchive', 'DeepColdArchive']);
const BUCKET_ACLS = new Set(['private', 'public-read', 'public-read-write']);

function bucketXml(ctx: RequestContext, record: BucketRecord): Record<string, unknown> {
  return {
    CreationDate: isoDate(record.creationDate),
    ExtranetEndpoint: ctx.config.virtualHostDomain,
    IntranetEndpoint: ctx.config.virtualHostDomain,
    Location: `oss-${ctx.config.region}`,
    Name: record.name,
    Region: ctx.config.region,
    StorageClass: record.storageClass ?? 'Standard',
  };
}

/** `max-keys` of ListBuckets when none is given (wave 2 §13). */
export const LIST_BUCKETS_DEFAULT_MAX_KEYS = 100;
/** Largest `max-keys` of ListBuckets. */
export const LIST_BUCKETS_MAX_KEYS = 1000;

function maxKeysOf(value: string | undefined): number {
  if (value === undefined) return LIST_BUCKETS_DEFAULT_MAX_KEYS;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > LIST_BUCKETS_MAX_KEYS) {
    throw new LocalOssError('InvalidArgument', `max-keys must be an integer between 1 and ${LIST_BUCKETS_MAX_KEYS}, inclusive.`, {
      details: { ArgumentName: 'max-keys', ArgumentValue: value },
    });
  }
  return Number(value);
}

/**
 * `GET /` → `<ListAllMyBucketsResult>`: buckets sorted by name after `marker` (exclusive) with
 * `prefix`, at most `max-keys` (default 100). A truncated page says `IsTruncated` and
 * `NextMarker` (the last name returned); when every bucket fits and no paging parameter was
 * given, the paging elements are omitted, as OSS does (wave 2 §13).
 */
export const listBuckets: Handler = async (ctx) => {
  const prefix = ctx.params.get('prefix') ?? '';
  const marker = ctx.params.get('marker') ?? '';
  const maxKeysParam = ctx.params.get('max-keys');
  const maxKeys = maxKeysOf(maxKeysParam);
  const matching = (await ctx.backend.listBuckets()).filter((b) => b.name.startsWith(prefix) && compareKeys(b.name, marker) > 0);
  const page = matching.slice(0, maxKeys);
  const truncated = matching.length > page.length;
  const paging = truncated || prefix !== '' || marker !== '' || maxKeysParam !== undefined;
  return {
    xml: {
      root: 'ListAllMyBucketsResult',
      value: {
        ...(paging
          ? {
              Prefix: prefix,
              Marker: marker,
              MaxKeys: String(maxKeys),
              IsTruncated: String(truncated),
              ...(truncated ? { NextMarker: page.at(-1)?.name ?? '' } : {}),
            }
          : {}),
        Owner: OWNER,
        Buckets: { Bucket: page.map((b) => bucketXml(ctx, b)) },
      },
    },
  };
};

/** The `<CreateBucketConfiguration>` of a PutBucket body (empty body: none). */
function createBucketConfiguration(body: Buffer): { storageClass?: string } {
  if (body.length === 0) return {};
  let parsed: Record<string, unknown>;
  try {
    parsed = parseXml(body.toString('utf8'));
  } catch {
    throw new LocalOssError('MalformedXML', 'The XML you provided was not well-formed.');
  }
  const root = parsed['CreateBucketConfiguration'];
  if (root === undefined || root === null || typeof root !== 'object') {
    if (root === '') return {};
    throw new LocalOssError('MalformedXML', 'The root element must be CreateBucketConfiguration.');
  }
  const storageClass = (root as { StorageClass?: unknown }).StorageClass;
  if (storageClass === undefined) return {};
  if (typeof storageClass !== 'string' || !STORAGE_CLASSES.has(storageClass.trim())) {
    throw new LocalOssError('InvalidArgument', `The storage class ${JSON.stringify(storageClass)} is invalid; use one of ${[...STORAGE_CLASSES].join(', ')}.`, {
      details: { ArgumentName: 'StorageClass', ArgumentValue: String(storageClass) },
    });
  }
  return { storageClass: storageClass.trim() };
}

/**
 * `PUT /` on a bucket: creates it (idempotent for its owner) with the `StorageClass` of the
 * optional `<CreateBucketConfiguration>` body and the `x-oss-acl` header; `InvalidBucketName`
 * for bad names. An existing bucket keeps its settings.
 */
export const putBucket: Handler = async (ctx) => {
  const bucket = requireBucket(ctx);
  checkBucketName(bucket);
  const config = createBucketConfiguration(await readSmallBody(ctx));
  const acl = header(ctx, 'x-oss-acl');
  if (acl !== undefined && !BUCKET_ACLS.has(acl)) {
    throw new LocalOssError('InvalidArgument', `The value of x-oss-acl is invalid: ${JSON.stringify(acl)}.`, {
      details: { ArgumentName: 'x-oss-acl', ArgumentValue: acl },
    });
  }
  await ctx.backend.createBucket(bucket, ctx.now.getTime(), { ...config, ...(acl !== undefined ? { acl } : {}) });
  return { headers: { location: `/${bucket}` } };
};

/** `DELETE /` on a bucket: 204; `BucketNotEmpty` while it holds objects or uploads. */
export const deleteBucket: Handler = async (ctx) => {
  await ctx.backend.deleteBucket(requireBucket(ctx));
  return { status: 204 };
};

/**
 * `GET /?bucketInfo` → `<BucketInfo><Bucket>…</Bucket></BucketInfo>` with the storage class and
 * ACL given at PutBucket and OSS's other info fields (local-oss models no monitoring,
 * acceleration, replication, logging or encryption: they are reported off; the versioning state
 * is answered by GetBucketVersioning, not here).
 */
export const getBucketInfo: Handler = async (ctx) => {
  const bucket = requireBucket(ctx);
  const record = await ctx.backend.getBucket(bucket);
  if (record === undefined) throw new LocalOssError('NoSuchBucket', undefined, { details: { BucketName: bucket } });
  return {
    xml: {
      root: 'BucketInfo',
      value: {
        Bucket: {
          AccessMonitor: 'Disabled',
          ...bucketXml(ctx, record),
          TransferAcceleration: 'Disabled',
          CrossRegionReplication: 'Disabled',
          DataRedundancyType: 'LRS',
          ResourceGroupId: '',
          Comment: '',
          Owner: OWNER,
          AccessControlList: { Grant: record.acl ?? 'private' },
          ServerSideEncryptionRule: { SSEAlgorithm: 'None' },
          BucketPolicy: { LogBucket: '', LogPrefix: '' },
        },
      },
    },
  };
};
