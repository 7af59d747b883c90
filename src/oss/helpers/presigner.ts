/** The presigner: URLs a browser can use without credentials (DESIGN §5 downloadUrl/createUpload). */
import type { OssClient, PresignedRequest } from '../client.js';
import { DEFAULT_PRESIGN_EXPIRES_SECONDS } from '../defaults.js';
import { setHeader, setObjectWriteHeaders } from '../operations/shared/request-headers.js';
import type { ObjectWriteHeaders } from '../operations/shared/request-headers.js';
import { assertBucketName, assertHeaderValue, assertObjectKey } from '../validation/index.js';

/** The client capability the presigner needs. */
export type PresignerClient = Pick<OssClient, 'presign'>;

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

/** Presigns GET and PUT URLs. */
export interface Presigner {
  /** A GET URL for the object; `headers` is empty. */
  presignGet(request: PresignGetRequest): Promise<PresignedRequest>;
  /** A PUT URL and the exact headers (content-type, x-oss-meta-*, …) the uploader must send. */
  presignPut(request: PresignPutRequest): Promise<PresignedRequest>;
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
  };
}
