/** HeadObject: every header OSS returns about an object (reference §1). */
import type { CallOptions, OssClient } from '../client.js';
import { assertBucketName, assertObjectKey } from '../validation/index.js';
import { setDefined } from './shared/compact.js';
import type { Mutable } from './shared/compact.js';
import { readObjectProperties } from './shared/object-properties.js';
import type { ObjectProperties } from './shared/object-properties.js';
import { setDateHeader, setHeader } from './shared/request-headers.js';
import { optionalIntHeader } from './shared/response-headers.js';

/** Conditions OSS evaluates before answering a read (304/412 on failure). */
export interface ReadConditions {
  readonly ifMatch?: string;
  readonly ifNoneMatch?: string;
  readonly ifModifiedSince?: Date;
  readonly ifUnmodifiedSince?: Date;
}

/** Input of {@link headObject}. */
export interface HeadObjectRequest extends ReadConditions {
  readonly bucket: string;
  readonly key: string;
  readonly versionId?: string;
  /** Sent as `Origin`, so the bucket's CORS rules answer in the `allow*` result fields. */
  readonly origin?: string;
  /** Sent as `Access-Control-Request-Method`, for `allowMethods`. */
  readonly accessControlRequestMethod?: string;
  /** `requester` when the bucket is requester-pays. */
  readonly requestPayer?: string;
}

/** The CORS answer of a HeadObject carrying `Origin` (reference §1.3). */
export interface CorsHeaders {
  readonly allowOrigin?: string;
  readonly allowMethods?: string;
  /** `Access-Control-Max-Age` in seconds (`Access-Control-Allow-Age` as fallback). */
  readonly maxAge?: number;
  readonly allowHeaders?: string;
  readonly exposeHeaders?: string;
}

/** Result of {@link headObject}: every documented header as a field, plus all raw headers. */
export interface HeadObjectResult extends ObjectProperties, CorsHeaders {
  readonly requestId: string;
  /** Every response header, lowercase names. */
  readonly headers: Record<string, string>;
}

/** Validates and sets the read-condition headers. */
export function setReadConditions(headers: Record<string, string>, conditions: ReadConditions): void {
  setHeader(headers, 'if-match', conditions.ifMatch, 'ifMatch');
  setHeader(headers, 'if-none-match', conditions.ifNoneMatch, 'ifNoneMatch');
  setDateHeader(headers, 'if-modified-since', conditions.ifModifiedSince, 'ifModifiedSince');
  setDateHeader(headers, 'if-unmodified-since', conditions.ifUnmodifiedSince, 'ifUnmodifiedSince');
}

/**
 * `HEAD /<key>[?versionId]`. A missing object or bucket rejects with a 404 `OssServiceError`
 * (`isNotFoundError`); a failed condition with 304/412.
 */
export async function headObject(client: OssClient, request: HeadObjectRequest, options?: CallOptions): Promise<HeadObjectResult> {
  assertBucketName(request.bucket);
  assertObjectKey(request.key);
  const headers: Record<string, string> = {};
  setReadConditions(headers, request);
  setHeader(headers, 'origin', request.origin, 'origin');
  setHeader(headers, 'access-control-request-method', request.accessControlRequestMethod, 'accessControlRequestMethod');
  setHeader(headers, 'x-oss-request-payer', request.requestPayer, 'requestPayer');
  const response = await client.invoke(
    {
      operation: 'HeadObject',
      method: 'HEAD',
      bucket: request.bucket,
      key: request.key,
      query: request.versionId === undefined ? [] : [['versionId', request.versionId]],
      headers,
    },
    options,
  );
  const result = readObjectProperties(response) as Mutable<HeadObjectResult>;
  const { headers: answer } = response;
  setDefined(result, 'allowOrigin', answer['access-control-allow-origin']);
  setDefined(result, 'allowMethods', answer['access-control-allow-methods']);
  setDefined(
    result,
    'maxAge',
    optionalIntHeader(response, 'access-control-max-age') ?? optionalIntHeader(response, 'access-control-allow-age'),
  );
  setDefined(result, 'allowHeaders', answer['access-control-allow-headers']);
  setDefined(result, 'exposeHeaders', answer['access-control-expose-headers']);
  result.requestId = response.requestId;
  // Why not a copy: the client builds this record for this one response and keeps no reference.
  result.headers = answer as Record<string, string>;
  return result;
}
