/** The presigner: URLs a browser can use without credentials (DESIGN §5 downloadUrl/createUpload). */
import type { OssClient, PresignedPost, PresignedRequest } from '../client.js';
import { DEFAULT_PRESIGN_EXPIRES_SECONDS } from '../defaults.js';
import { OssInvalidArgumentError } from '../errors.js';
import { setHeader, setObjectWriteHeaders } from '../operations/shared/request-headers.js';
import type { ObjectWriteHeaders } from '../operations/shared/request-headers.js';
import { assertBucketName, assertHeaderValue, assertObjectKey } from '../validation/index.js';

/** The client capability the presigner needs. */
export type PresignerClient = Pick<OssClient, 'presign' | 'presignPost'>;

/** Input of {@link Presigner.presignGet}. */
export interface PresignGetRequest {
  readonly bucket: string;
  readonly key: string;
  readonly versionId?: string;
  /** Default 15 minutes; at most 7 days. */
  readonly expiresInSeconds?: number;
  /** Overrides the response's Content-Disposition (`response-content-disposition`). */
  readonly responseContentDisposition?: string;
  /** Overrides the response's Content-Type (`response-content-type`). */
  readonly responseContentType?: string;
}

/**
 * Input of {@link Presigner.presignPut}: the metadata the upload will carry. Every header given
 * here is signed, so the uploader must send exactly these headers (returned in `headers`).
 */
export interface PresignPutRequest extends ObjectWriteHeaders {
  readonly bucket: string;
  readonly key: string;
  readonly expiresInSeconds?: number;
  /** Base64 MD5 the upload must match. */
  readonly contentMd5?: string;
}

/**
 * Input of {@link Presigner.presignPostObject}: where the browser may upload, what the object
 * will carry, and how large the file may be. Exactly one of `key` and `keyPrefix`.
 */
export interface PresignPostObjectRequest extends ObjectWriteHeaders {
  readonly bucket: string;
  /** The only key the form may write. */
  readonly key?: string;
  /**
   * Any key starting with this (non-empty) prefix may be written; the form's `key` field holds
   * the prefix and the uploader completes it.
   */
  readonly keyPrefix?: string;
  /** Largest file in bytes (`content-length-range`); at most 5 GiB. */
  readonly maxBytes: number;
  /** Smallest file in bytes; default 0. */
  readonly minBytes?: number;
  /** Default 15 minutes; at most 7 days. */
  readonly expiresInSeconds?: number;
}

/** Content-Type a form fixes when the request gives none: never the type the uploader's file claims. */
export const DEFAULT_POST_CONTENT_TYPE = 'application/octet-stream';

/** Form field names of the standard headers, spelled as OSS documents them. */
const FORM_FIELD_NAMES: Readonly<Record<string, string>> = {
  'content-type': 'Content-Type',
  'cache-control': 'Cache-Control',
  'content-disposition': 'Content-Disposition',
  'content-encoding': 'Content-Encoding',
  'content-language': 'Content-Language',
  expires: 'Expires',
};

/** Presigns GET and PUT URLs and PostObject forms. */
export interface Presigner {
  /** A GET URL for the object; `headers` is empty. */
  presignGet(request: PresignGetRequest): Promise<PresignedRequest>;
  /** A PUT URL and the exact headers (content-type, x-oss-meta-*, …) the uploader must send. */
  presignPut(request: PresignPutRequest): Promise<PresignedRequest>;
  /**
   * A PostObject form (URL + ordered fields; the file goes last) whose signed policy fixes the
   * bucket, the key (or key prefix), the content type (default {@link DEFAULT_POST_CONTENT_TYPE}),
   * every other given header and metadata entry, the expiry and the file size range. Unlike a
   * presigned PUT, the store itself refuses a file outside the range.
   */
  presignPostObject(request: PresignPostObjectRequest): Promise<PresignedPost>;
}

/** A presigner over `client` (V4 unless the client signs V1). Inputs are validated before signing. */
export function createPresigner(client: PresignerClient): Presigner {
  return {
    async presignGet(request) {
      assertBucketName(request.bucket);
      assertObjectKey(request.key);
      const query: Array<[string, string]> = [];
      if (request.versionId !== undefined) query.push(['versionId', request.versionId]);
      if (request.responseContentDisposition !== undefined) {
        assertHeaderValue(request.responseContentDisposition, 'responseContentDisposition');
        query.push(['response-content-disposition', request.responseContentDisposition]);
      }
      if (request.responseContentType !== undefined) {
        assertHeaderValue(request.responseContentType, 'responseContentType');
        query.push(['response-content-type', request.responseContentType]);
      }
      return client.presign({
        method: 'GET',
        bucket: request.bucket,
        key: request.key,
        query,
        expiresInSeconds: request.expiresInSeconds ?? DEFAULT_PRESIGN_EXPIRES_SECONDS,
      });
    },
    async presignPut(request) {
      assertBucketName(request.bucket);
      assertObjectKey(request.key);
      const headers: Record<string, string> = {};
      setObjectWriteHeaders(headers, request);
      setHeader(headers, 'content-md5', request.contentMd5, 'contentMd5');
      return client.presign({
        method: 'PUT',
        bucket: request.bucket,
        key: request.key,
        headers,
        expiresInSeconds: request.expiresInSeconds ?? DEFAULT_PRESIGN_EXPIRES_SECONDS,
      });
    },
    async presignPostObject(request) {
      assertBucketName(request.bucket);
      const { key, keyPrefix } = request;
      if ((key === undefined) === (keyPrefix === undefined)) {
        throw new OssInvalidArgumentError('key', 'give exactly one of key and keyPrefix', { key, keyPrefix });
      }
      if (key !== undefined) assertObjectKey(key);
      if (keyPrefix !== undefined) {
        if (keyPrefix === '') throw new OssInvalidArgumentError('keyPrefix', 'must not be empty (it would allow every key)', keyPrefix);
        assertObjectKey(keyPrefix, 'keyPrefix');
      }
      const headers: Record<string, string> = {};
      setObjectWriteHeaders(headers, { ...request, contentType: request.contentType ?? DEFAULT_POST_CONTENT_TYPE });
      return client.presignPost({
        bucket: request.bucket,
        key: key ?? (keyPrefix as string),
        ...(keyPrefix !== undefined ? { keyIsPrefix: true } : {}),
        fields: Object.entries(headers).map(([name, value]) => ({ name: FORM_FIELD_NAMES[name] ?? name, value })),
        successActionStatus: '201',
        minBytes: request.minBytes ?? 0,
        maxBytes: request.maxBytes,
        expiresInSeconds: request.expiresInSeconds ?? DEFAULT_PRESIGN_EXPIRES_SECONDS,
      });
    },
  };
}
