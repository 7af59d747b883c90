/** ListBuckets (GetService): the buckets of the account. */
import type { CallOptions, OssClient } from '../client.js';
import { OssInvalidArgumentError } from '../errors.js';
import { compact } from './shared/compact.js';
import { booleanText, elements, optionalText, parseResponseXml, requiredDate, requiredText } from './shared/xml-fields.js';
import type { XmlElement } from './shared/xml-fields.js';

/** Input of {@link listBuckets}. */
export interface ListBucketsRequest {
  readonly prefix?: string;
  /** List buckets after this name (the previous page's `nextMarker`). */
  readonly marker?: string;
  /** 1‥1000. */
  readonly maxKeys?: number;
}

/** One bucket of {@link ListBucketsResult}. */
export interface BucketSummary {
  readonly name: string;
  readonly creationDate: Date;
  /** `oss-<region>`. */
  readonly location?: string;
  readonly region?: string;
  readonly storageClass?: string;
  readonly extranetEndpoint?: string;
  readonly intranetEndpoint?: string;
}

/** Result of {@link listBuckets}. */
export interface ListBucketsResult {
  readonly buckets: BucketSummary[];
  readonly prefix?: string;
  readonly marker?: string;
  readonly maxKeys?: number;
  readonly isTruncated: boolean;
  readonly nextMarker?: string;
  readonly owner?: { readonly id: string; readonly displayName: string };
  readonly requestId: string;
}

/** `GET /` on the endpoint itself (no bucket). */
export async function listBuckets(client: OssClient, request: ListBucketsRequest = {}, options?: CallOptions): Promise<ListBucketsResult> {
  const query: Array<[string, string]> = [];
  if (request.prefix !== undefined) query.push(['prefix', request.prefix]);
  if (request.marker !== undefined) query.push(['marker', request.marker]);
  if (request.maxKeys !== undefined) {
    if (!Number.isInteger(request.maxKeys) || request.maxKeys < 1 || request.maxKeys > 1000) {
      throw new OssInvalidArgumentError('maxKeys', 'must be an integer from 1 to 1000', request.maxKeys);
    }
    query.push(['max-keys', String(request.maxKeys)]);
  }
  const response = await client.invoke({ operation: 'ListBuckets', method: 'GET', query }, options);
  const xml = parseResponseXml(response, 'ListAllMyBucketsResult', ['ListAllMyBucketsResult.Buckets.Bucket']);
  const container = xml['Buckets'];
  const list = container !== null && typeof container === 'object' ? elements(container as XmlElement, 'Bucket') : [];
  const owner = elements(xml, 'Owner')[0];
  const maxKeys = optionalText(xml, 'MaxKeys');
  return compact<ListBucketsResult>({
    buckets: list.map((b) =>
      compact<BucketSummary>({
        name: requiredText(b, 'Name'),
        creationDate: requiredDate(b, 'CreationDate'),
        location: optionalText(b, 'Location'),
        region: optionalText(b, 'Region'),
        storageClass: optionalText(b, 'StorageClass'),
        extranetEndpoint: optionalText(b, 'ExtranetEndpoint'),
        intranetEndpoint: optionalText(b, 'IntranetEndpoint'),
      }),
    ),
    prefix: optionalText(xml, 'Prefix') || undefined,
    marker: optionalText(xml, 'Marker') || undefined,
    maxKeys: maxKeys ? Number(maxKeys) : undefined,
    isTruncated: booleanText(xml, 'IsTruncated'),
    nextMarker: optionalText(xml, 'NextMarker') || undefined,
    owner: owner === undefined ? undefined : { id: optionalText(owner, 'ID') ?? '', displayName: optionalText(owner, 'DisplayName') ?? '' },
    requestId: response.requestId,
  });
}
