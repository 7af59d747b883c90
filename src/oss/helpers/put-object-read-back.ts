/**
 * PutObject with an honest outcome: a PutObject whose answer was lost and whose retry was refused
 * (`FileAlreadyExists` under `forbidOverwrite`, because the lost attempt created the object) is
 * reported as done when the object holds exactly what was sent.
 */
import type { OssApi } from '../api.js';
import type { CallOptions } from '../client.js';
import { crc64, formatCrc64 } from '../checksum/crc64.js';
import { compact } from '../operations/shared/compact.js';
import type { UploadBody } from '../operations/shared/body.js';
import type { PutObjectRequest, PutObjectResult } from '../operations/put-object.js';
import { normalizeUserMetadata } from '../validation/index.js';
import { confirmWriteByReadBack, systemHeadersOf } from './write-read-back.js';
import type { IntendedObject } from './write-read-back.js';

/**
 * Sends `request` with PutObject. When it fails in a way an earlier, unanswered attempt could
 * explain (`writeOutcomeUnknown`), HEADs the object and resolves as a success (ETag, CRC-64,
 * version and request id from that HEAD) if it has exactly the request's system headers, user
 * metadata, storage class (when given), size, CRC-64 and — with `contentMd5` — ETag; otherwise
 * rejects with the PutObject's own error. A one-shot stream body cannot be hashed afterwards, so
 * its failures are reported as they are.
 */
export async function putObjectWithReadBack(
  api: Pick<OssApi, 'putObject' | 'headObject'>,
  request: PutObjectRequest,
  options: CallOptions = {},
): Promise<PutObjectResult> {
  try {
    return await api.putObject(request, options);
  } catch (error) {
    const head = await confirmWriteByReadBack(api, request, await intendedPut(request), error, options);
    return compact<PutObjectResult>({
      etag: head.etag,
      contentMd5: head.contentMd5,
      hashCrc64: head.hashCrc64,
      versionId: head.versionId,
      requestId: head.requestId,
    });
  }
}

/** What `request` leaves in the object, or `undefined` when its body cannot be read again. */
async function intendedPut(request: PutObjectRequest): Promise<IntendedObject | undefined> {
  const digest = await digestOf(request.body);
  if (digest === undefined) return undefined;
  return compact<IntendedObject>({
    systemHeaders: systemHeadersOf(request),
    metadata: normalizeUserMetadata(request.metadata ?? {}),
    storageClass: request.storageClass,
    contentLength: digest.length,
    hashCrc64: digest.crc64,
    etag: request.contentMd5 === undefined ? undefined : `"${Buffer.from(request.contentMd5, 'base64').toString('hex').toUpperCase()}"`,
  });
}

/** Length and CRC-64 of a body that can be read (again). */
async function digestOf(body: UploadBody): Promise<{ length: number; crc64: string } | undefined> {
  if (typeof body === 'string') {
    const bytes = Buffer.from(body, 'utf8');
    return { length: bytes.byteLength, crc64: formatCrc64(crc64(bytes)) };
  }
  if (body instanceof Uint8Array) return { length: body.byteLength, crc64: formatCrc64(crc64(body)) };
  if (!body.replayable) return undefined;
  let crc = 0n;
  let length = 0;
  for await (const chunk of body.stream()) {
    const bytes = chunk as Uint8Array;
    crc = crc64(bytes, crc);
    length += bytes.byteLength;
  }
  return { length, crc64: formatCrc64(crc) };
}
