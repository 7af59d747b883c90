/** GetImageInfo: `GET /<key>?x-oss-process=image/info`, an image's size and format (wave 2 §8). */
import type { CallOptions, OssClient } from '../client.js';
import { OssResponseParseError } from '../errors.js';
import { assertBucketName, assertObjectKey } from '../validation/index.js';
import { compact } from './shared/compact.js';

/** Input of {@link getImageInfo}. */
export interface GetImageInfoRequest {
  readonly bucket: string;
  readonly key: string;
  readonly versionId?: string;
}

/** Result of {@link getImageInfo}. */
export interface GetImageInfoResult {
  readonly width: number;
  readonly height: number;
  /** OSS's name: `jpg`, `png`, `gif`, `webp`, `bmp`, `tiff`, … */
  readonly format: string;
  /** Bytes of the source object. */
  readonly fileSize: number;
  /** Every field of the answer (EXIF fields included), by name, as the strings OSS sent. */
  readonly fields: Readonly<Record<string, string>>;
  readonly requestId: string;
}

function intField(fields: Readonly<Record<string, string>>, name: string, requestId: string): number {
  const text = fields[name];
  if (text === undefined || !/^\d+$/.test(text.trim())) {
    throw new OssResponseParseError(`image info ${name} is not a non-negative integer: ${JSON.stringify(text)} (request id ${requestId || '(none)'})`);
  }
  return Number(text);
}

/**
 * Sends the request and parses OSS's JSON (`{"ImageWidth": {"value": "400"}, …}`). A missing
 * object rejects with a 404 `OssServiceError`; a non-image with a 4xx one.
 */
export async function getImageInfo(client: OssClient, request: GetImageInfoRequest, options?: CallOptions): Promise<GetImageInfoResult> {
  assertBucketName(request.bucket);
  assertObjectKey(request.key);
  const query: Array<[string, string]> = [['x-oss-process', 'image/info']];
  if (request.versionId !== undefined) query.push(['versionId', request.versionId]);
  const response = await client.invoke(
    // Why final: OSS answers `BadRequest` for an object that is not an image; retrying cannot change that.
    { operation: 'GetImageInfo', method: 'GET', bucket: request.bucket, key: request.key, query, finalCodes: ['BadRequest'] },
    options,
  );
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(response.body).toString('utf8'));
  } catch (cause) {
    throw new OssResponseParseError(`image info is not JSON (request id ${response.requestId || '(none)'})`, { cause });
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new OssResponseParseError(`image info is not a JSON object (request id ${response.requestId || '(none)'})`);
  }
  const fields: Record<string, string> = {};
  for (const [name, entry] of Object.entries(parsed as Record<string, unknown>)) {
    const value = entry !== null && typeof entry === 'object' ? (entry as { value?: unknown }).value : undefined;
    if (typeof value === 'string') fields[name] = value;
  }
  const format = fields['Format'];
  if (format === undefined) throw new OssResponseParseError(`image info has no Format (request id ${response.requestId || '(none)'})`);
  return compact<GetImageInfoResult>({
    width: intField(fields, 'ImageWidth', response.requestId),
    height: intField(fields, 'ImageHeight', response.requestId),
    format,
    fileSize: intField(fields, 'FileSize', response.requestId),
    fields,
    requestId: response.requestId,
  });
}
