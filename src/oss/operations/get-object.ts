/** GetObject: read an object (or a byte range of it) as a stream. */
import { Crc64, formatCrc64 } from '../checksum/crc64.js';
import type { CallOptions, OssClient } from '../client.js';
import { OssIntegrityError, OssInvalidArgumentError } from '../errors.js';
import { readBody, toRequestError } from '../transport/send-once.js';
import type { ResponseStream } from '../transport/types.js';
import { assertBucketName, assertObjectKey } from '../validation/index.js';
import { setReadConditions } from './head-object.js';
import type { ReadConditions } from './head-object.js';
import { compact } from './shared/compact.js';
import { readObjectProperties } from './shared/object-properties.js';
import type { ObjectProperties } from './shared/object-properties.js';
import { optionalHeader } from './shared/response-headers.js';

/** An inclusive byte range; `end` omitted means to the end of the object. */
export interface ByteRange {
  readonly start: number;
  readonly end?: number;
}

/** Input of {@link getObject}. */
export interface GetObjectRequest extends ReadConditions {
  readonly bucket: string;
  readonly key: string;
  readonly versionId?: string;
  readonly range?: ByteRange;
  readonly requestPayer?: string;
}

/**
 * The body of a GetObject, read once: iterate it, or call `bytes()`/`text()`, or `cancel()` to
 * release the connection unread. For a whole-object read with a CRC-64 header, reading to the
 * end verifies the CRC and fails with `OssIntegrityError` on a mismatch.
 */
export interface ObjectBody extends AsyncIterable<Uint8Array> {
  bytes(): Promise<Uint8Array>;
  text(): Promise<string>;
  cancel(): void;
}

/** Result of {@link getObject}: the object's properties and its body. */
export interface GetObjectResult extends ObjectProperties {
  /** `bytes first-last/total` for a range read. */
  readonly contentRange?: string;
  readonly body: ObjectBody;
  readonly requestId: string;
  readonly headers: Record<string, string>;
}

/** Validates a range and renders it as a `Range` header value. */
function rangeHeader(range: ByteRange): string {
  const { start, end } = range;
  if (!Number.isSafeInteger(start) || start < 0) throw new OssInvalidArgumentError('range.start', 'must be a non-negative integer', start);
  if (end !== undefined && (!Number.isSafeInteger(end) || end < start)) {
    throw new OssInvalidArgumentError('range.end', 'must be an integer ≥ range.start', end);
  }
  return `bytes=${start}-${end ?? ''}`;
}

/**
 * `GET /<key>` returning once the headers arrive; the body is streamed. Retries cover the
 * request up to the response headers, not the body. A missing object rejects with 404.
 */
export async function getObject(client: OssClient, request: GetObjectRequest, options?: CallOptions): Promise<GetObjectResult> {
  assertBucketName(request.bucket);
  assertObjectKey(request.key);
  const headers: Record<string, string> = {};
  setReadConditions(headers, request);
  if (request.range !== undefined) headers['range'] = rangeHeader(request.range);
  if (request.requestPayer !== undefined) headers['x-oss-request-payer'] = request.requestPayer;
  const response = await client.invoke(
    {
      operation: 'GetObject',
      method: 'GET',
      bucket: request.bucket,
      key: request.key,
      query: request.versionId === undefined ? [] : [['versionId', request.versionId]],
      headers,
      responseType: 'stream',
    },
    options,
  );
  const stream = response.stream as ResponseStream;
  let properties;
  try {
    properties = readObjectProperties(response);
  } catch (error) {
    stream.destroy();
    throw error;
  }
  // Why: the CRC header describes the whole object, so only a whole-object read can be checked.
  const expectedCrc = response.status === 200 ? properties.hashCrc64 : undefined;
  const target = { method: 'GET', url: client.urlFor(request.bucket, request.key) };
  return compact<GetObjectResult>({
    ...properties,
    contentRange: optionalHeader(response, 'content-range'),
    body: objectBody(stream, expectedCrc, target, options?.signal),
    requestId: response.requestId,
    headers: { ...response.headers },
  });
}

function objectBody(
  stream: ResponseStream,
  expectedCrc: string | undefined,
  target: { method: string; url: string },
  signal: AbortSignal | undefined,
): ObjectBody {
  async function* verified(): AsyncGenerator<Uint8Array> {
    const crc = new Crc64();
    try {
      for await (const chunk of stream) {
        if (expectedCrc !== undefined) crc.update(chunk);
        yield chunk;
      }
    } catch (error) {
      throw toRequestError(error, target, signal);
    }
    if (expectedCrc !== undefined && crc.toString() !== expectedCrc) {
      throw new OssIntegrityError(`${target.method} ${target.url} body`, expectedCrc, formatCrc64(crc.digest()));
    }
  }
  const iterable = verified();
  return {
    [Symbol.asyncIterator]: () => iterable,
    bytes: () => readBody(iterable),
    text: async () => Buffer.from(await readBody(iterable)).toString('utf8'),
    cancel: () => {
      stream.destroy();
      void iterable.return(undefined);
    },
  };
}
