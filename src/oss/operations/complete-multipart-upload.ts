/** CompleteMultipartUpload: assemble the uploaded parts into the object. */
import type { CallOptions, OssClient } from '../client.js';
import { OssInvalidArgumentError } from '../errors.js';
import { assertBucketName, assertObjectKey } from '../validation/index.js';
import { buildXml } from '../xml/build-xml.js';
import { compact } from './shared/compact.js';
import { assertPartNumber, assertUploadId } from './shared/part-number.js';
import { setHeader } from './shared/request-headers.js';
import type { ObjectAcl } from './shared/request-headers.js';
import { optionalHeader } from './shared/response-headers.js';
import { optionalText, parseResponseXml, requiredText, urlDecode } from './shared/xml-fields.js';

/** A part to assemble: its number and the ETag UploadPart/UploadPartCopy returned. */
export interface CompletedPart {
  readonly partNumber: number;
  readonly etag: string;
}

/** Input of {@link completeMultipartUpload}. Parts may be given in any order; they are sent sorted. */
export interface CompleteMultipartUploadRequest {
  readonly bucket: string;
  readonly key: string;
  readonly uploadId: string;
  readonly parts: readonly CompletedPart[];
  readonly forbidOverwrite?: boolean;
  readonly acl?: ObjectAcl;
  readonly requestPayer?: string;
}

/** Result of {@link completeMultipartUpload}. */
export interface CompleteMultipartUploadResult {
  readonly bucket: string;
  /** Decoded key. */
  readonly key: string;
  readonly etag: string;
  readonly location: string;
  /** CRC-64 of the whole object. */
  readonly hashCrc64?: string;
  readonly versionId?: string;
  readonly requestId: string;
}

/** `POST /<key>?uploadId=ID&encoding-type=url` with the part list as XML. */
export async function completeMultipartUpload(
  client: OssClient,
  request: CompleteMultipartUploadRequest,
  options?: CallOptions,
): Promise<CompleteMultipartUploadResult> {
  assertBucketName(request.bucket);
  assertObjectKey(request.key);
  assertUploadId(request.uploadId);
  if (request.parts.length === 0) throw new OssInvalidArgumentError('parts', 'must name at least one part', []);
  const parts = [...request.parts].sort((a, b) => a.partNumber - b.partNumber);
  parts.forEach((part, index) => {
    assertPartNumber(part.partNumber, `parts[${index}].partNumber`);
    if (index > 0 && parts[index - 1]?.partNumber === part.partNumber) {
      throw new OssInvalidArgumentError('parts', 'must not name a part number twice', part.partNumber);
    }
  });
  const headers: Record<string, string> = { 'content-type': 'application/xml' };
  if (request.forbidOverwrite !== undefined) headers['x-oss-forbid-overwrite'] = String(request.forbidOverwrite);
  setHeader(headers, 'x-oss-object-acl', request.acl, 'acl');
  setHeader(headers, 'x-oss-request-payer', request.requestPayer, 'requestPayer');
  const body = Buffer.from(
    buildXml('CompleteMultipartUpload', { Part: parts.map((p) => ({ PartNumber: String(p.partNumber), ETag: p.etag })) }),
    'utf8',
  );
  const response = await client.invoke(
    {
      operation: 'CompleteMultipartUpload',
      method: 'POST',
      bucket: request.bucket,
      key: request.key,
      query: [['uploadId', request.uploadId], ['encoding-type', 'url']],
      headers,
      body,
    },
    options,
  );
  const xml = parseResponseXml(response, 'CompleteMultipartUploadResult');
  const encoded = optionalText(xml, 'EncodingType') === 'url';
  const key = requiredText(xml, 'Key');
  return compact<CompleteMultipartUploadResult>({
    bucket: requiredText(xml, 'Bucket'),
    key: encoded ? urlDecode(key) : key,
    etag: requiredText(xml, 'ETag'),
    location: optionalText(xml, 'Location') ?? '',
    hashCrc64: optionalHeader(response, 'x-oss-hash-crc64ecma'),
    versionId: optionalHeader(response, 'x-oss-version-id'),
    requestId: response.requestId,
  });
}
