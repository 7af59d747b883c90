/** A fake of the two metadata operations: records calls, answers from a map, no sockets. */
import { OssServiceError } from '../../../src/oss/errors.js';
import type { MetadataApi } from '../../../src/loaders/load-object-metadata.js';
import type { GetObjectMetaRequest } from '../../../src/oss/operations/get-object-meta.js';
import type { HeadObjectRequest, HeadObjectResult } from '../../../src/oss/operations/head-object.js';

/** One recorded call. */
export interface FakeCall {
  readonly op: 'HeadObject' | 'GetObjectMeta';
  readonly key: string;
  readonly versionId?: string;
}

/** The fake plus what a test inspects and controls. */
export interface FakeMetadataApi extends MetadataApi {
  readonly calls: FakeCall[];
  /** Most calls that were in flight at once. */
  maxInFlight(): number;
  /** Keys that answer with a 500 error. */
  readonly failing: Set<string>;
}

function notFound(key: string): OssServiceError {
  return new OssServiceError({ status: 404, code: 'NoSuchKey', message: 'missing', requestId: `req-${key}`, ec: undefined, target: { method: 'HEAD', url: `/${key}` } });
}

function serverError(key: string): OssServiceError {
  return new OssServiceError({ status: 500, code: 'InternalError', message: 'boom', requestId: `req-${key}`, ec: undefined, target: { method: 'HEAD', url: `/${key}` } });
}

/** A fake where every key in `existing` exists with a body of `size` bytes; each call takes one macrotask. */
export function createFakeMetadataApi(existing: readonly string[], size = 10): FakeMetadataApi {
  const present = new Set(existing);
  const calls: FakeCall[] = [];
  const failing = new Set<string>();
  let inFlight = 0;
  let max = 0;

  async function answer<T>(op: FakeCall['op'], request: GetObjectMetaRequest | HeadObjectRequest, make: () => T): Promise<T> {
    calls.push({ op, key: request.key, ...(request.versionId === undefined ? {} : { versionId: request.versionId }) });
    inFlight++;
    max = Math.max(max, inFlight);
    try {
      await new Promise((resolve) => setImmediate(resolve));
      if (failing.has(request.key)) throw serverError(request.key);
      if (!present.has(request.key)) throw notFound(request.key);
      return make();
    } finally {
      inFlight--;
    }
  }

  return {
    calls,
    failing,
    maxInFlight: () => max,
    getObjectMeta: (request) =>
      answer('GetObjectMeta', request, () => ({
        contentLength: size,
        etag: `"E-${request.key}"`,
        lastModified: new Date('2024-01-01T00:00:00Z'),
        hashCrc64: '123',
        requestId: `meta-${request.key}`,
      })),
    headObject: (request) =>
      answer(
        'HeadObject',
        request,
        (): HeadObjectResult => ({
          contentLength: size,
          etag: `"E-${request.key}"`,
          lastModified: new Date('2024-01-01T00:00:00Z'),
          contentType: 'text/plain',
          hashCrc64: '123',
          metadata: { owner: 'me' },
          requestId: `head-${request.key}`,
          headers: { 'x-oss-last-access-time': 'Tue, 02 Jan 2024 00:00:00 GMT' },
        }),
      ),
  };
}
