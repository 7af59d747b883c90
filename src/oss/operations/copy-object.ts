/** CopyObject: server-side copy in one request, also how metadata is changed (reference §4). */
import type { CallOptions, OssClient } from '../client.js';
import { OssInvalidArgumentError } from '../errors.js';
import { assertBucketName, assertObjectKey } from '../validation/index.js';
import { compact } from './shared/compact.js';
import { setCopySourceConditions } from './shared/copy-conditions.js';
import type { CopySourceConditions } from './shared/copy-conditions.js';
import { encodeCopySource } from './shared/copy-source.js';
import type { CopySource } from './shared/copy-source.js';
import { setHeader, setObjectWriteHeaders } from './shared/request-headers.js';
import type { ObjectWriteHeaders } from './shared/request-headers.js';
import { optionalHeader } from './shared/response-headers.js';
import { parseResponseXml, requiredDate, requiredText } from './shared/xml-fields.js';

/** `COPY` keeps the source's metadata (request metadata ignored); `REPLACE` uses only the request's. */
export type MetadataDirective = 'COPY' | 'REPLACE';

/** `Copy` keeps the source's tags; `Replace` uses `tagging`. */
export type TaggingDirective = 'Copy' | 'Replace';

/**
 * Input of {@link copyObject}: destination `bucket`/`key`, the source, and with `REPLACE` the
 * complete metadata of the destination (anything not given is lost, see DESIGN §6).
 */
export interface CopyObjectRequest extends ObjectWriteHeaders, CopySource, CopySourceConditions {
  readonly bucket: string;
  readonly key: string;
  /** Default `COPY`. */
  readonly metadataDirective?: MetadataDirective;
  readonly taggingDirective?: TaggingDirective;
  readonly requestPayer?: string;
}

/** Result of {@link copyObject}. */
export interface CopyObjectResult {
  /** ETag of the destination, with quotes. */
  readonly etag: string;
  readonly lastModified: Date;
  readonly versionId?: string;
  readonly sourceVersionId?: string;
  readonly hashCrc64?: string;
  readonly serverSideEncryption?: string;
  readonly serverSideDataEncryption?: string;
  readonly serverSideEncryptionKeyId?: string;
  readonly requestId: string;
}

/**
 * `PUT /<key>` with `x-oss-copy-source`. Failed source conditions reject with 412 (or 304);
 * `forbidOverwrite` with an existing destination with 409. Self-copies (same bucket and key) must
 * not set `forbidOverwrite` (it would always fail) and are rejected before sending if they do.
 */
export async function copyObject(client: OssClient, request: CopyObjectRequest, options?: CallOptions): Promise<CopyObjectResult> {
  assertBucketName(request.bucket);
  assertObjectKey(request.key);
  const directive = request.metadataDirective;
  if (directive !== undefined && directive !== 'COPY' && directive !== 'REPLACE') {
    throw new OssInvalidArgumentError('metadataDirective', 'must be COPY or REPLACE', directive);
  }
  if (request.taggingDirective !== undefined && request.taggingDirective !== 'Copy' && request.taggingDirective !== 'Replace') {
    throw new OssInvalidArgumentError('taggingDirective', 'must be Copy or Replace', request.taggingDirective);
  }
  const selfCopy = (request.sourceBucket ?? request.bucket) === request.bucket && request.sourceKey === request.key;
  if (selfCopy && request.forbidOverwrite === true) {
    throw new OssInvalidArgumentError('forbidOverwrite', 'must not be set when copying an object onto itself', true);
  }
  const headers: Record<string, string> = { 'x-oss-copy-source': encodeCopySource(request, request.bucket) };
  setObjectWriteHeaders(headers, request);
  setCopySourceConditions(headers, request);
  setHeader(headers, 'x-oss-metadata-directive', directive, 'metadataDirective');
  setHeader(headers, 'x-oss-tagging-directive', request.taggingDirective, 'taggingDirective');
  setHeader(headers, 'x-oss-request-payer', request.requestPayer, 'requestPayer');
  const response = await client.invoke(
    { operation: 'CopyObject', method: 'PUT', bucket: request.bucket, key: request.key, headers },
    options,
  );
  const xml = parseResponseXml(response, 'CopyObjectResult');
  return compact<CopyObjectResult>({
    etag: requiredText(xml, 'ETag'),
    lastModified: requiredDate(xml, 'LastModified'),
    versionId: optionalHeader(response, 'x-oss-version-id'),
    sourceVersionId: optionalHeader(response, 'x-oss-copy-source-version-id'),
    hashCrc64: optionalHeader(response, 'x-oss-hash-crc64ecma'),
    serverSideEncryption: optionalHeader(response, 'x-oss-server-side-encryption'),
    serverSideDataEncryption: optionalHeader(response, 'x-oss-server-side-data-encryption'),
    serverSideEncryptionKeyId: optionalHeader(response, 'x-oss-server-side-encryption-key-id'),
    requestId: response.requestId,
  });
}
