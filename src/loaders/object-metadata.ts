/** What the metadata loader answers: the basic description, and with `full` the HeadObject result. */
import type { GetObjectMetaResult } from '../oss/operations/get-object-meta.js';
import type { HeadObjectResult } from '../oss/operations/head-object.js';

/**
 * How much of an object a field needs: `basic` is answered by GetObjectMeta, `full` by HeadObject
 * (which also answers every basic field).
 */
export type MetadataLevel = 'basic' | 'full';

/**
 * The basic level: exactly what GetObjectMeta returns. A HeadObject result answers it too
 * ({@link basicFromHead}).
 */
export type BasicObjectMetadata = GetObjectMetaResult;

/** An object's metadata at the level it was loaded; `full` is present for `full` loads. */
export interface ObjectMetadata {
  readonly basic: BasicObjectMetadata;
  readonly full?: HeadObjectResult;
}

/** Metadata loaded at `full` level. */
export interface FullObjectMetadata extends ObjectMetadata {
  readonly full: HeadObjectResult;
}

/** {@link BasicObjectMetadata} from a HeadObject result (`x-oss-last-access-time` read from its headers). */
export function basicFromHead(head: HeadObjectResult): BasicObjectMetadata {
  const lastAccess = head.headers['x-oss-last-access-time'];
  const lastAccessTime = lastAccess === undefined ? undefined : new Date(lastAccess);
  return {
    contentLength: head.contentLength,
    etag: head.etag,
    lastModified: head.lastModified,
    ...(lastAccessTime !== undefined && !Number.isNaN(lastAccessTime.getTime()) ? { lastAccessTime } : {}),
    ...(head.versionId === undefined ? {} : { versionId: head.versionId }),
    ...(head.hashCrc64 === undefined ? {} : { hashCrc64: head.hashCrc64 }),
    ...(head.transitionTime === undefined ? {} : { transitionTime: head.transitionTime }),
    requestId: head.requestId,
  };
}
