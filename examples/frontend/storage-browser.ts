/**
 * An example frontend module over ossgraph: list a folder, show an object's metadata (and its tags,
 * ACL and image size), edit its metadata and tags, delete files, and upload a file straight to the store with the size-bounded form from `createUpload`.
 * Every operation is a typed document generated from `schema/operations/*.graphql` (codegen
 * client preset), so results and variables are checked by the compiler.
 */
import type { Client, OperationResult } from '@urql/core';
import {
  BucketObjectsDocument,
  CreateUploadDocument,
  DeleteObjectsDocument,
  ObjectDetailsDocument,
  ObjectExtrasDocument,
  UpdateMetadataDocument,
  UpdateTagsDocument,
} from '../../test/__generated__/graphql.js';
import type {
  BucketObjectsQuery,
  CreateUploadInput,
  DeleteObjectsMutation,
  ObjectDetailsQuery,
  ObjectExtrasQuery,
  UpdateMetadataInput,
  UpdateMetadataMutation,
  UpdateTagsInput,
  UpdateTagsMutation,
} from '../../test/__generated__/graphql.js';

/** A failure the API reported: a transport/GraphQL error, or a typed mutation error (`code`). */
export class OssgraphRequestError extends Error {
  /**
   * The typed error's `code` (e.g. `NOT_FOUND`), a GraphQL error's `extensions.code`, or
   * `NETWORK` / `GRAPHQL` when there is none.
   */
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'OssgraphRequestError';
    this.code = code;
  }
}

/** The data of `result`, or throws its GraphQL/network error. */
function dataOf<T>(result: OperationResult<T>): T {
  if (result.error !== undefined) {
    const extensionCode = result.error.graphQLErrors[0]?.extensions['code'];
    const code = typeof extensionCode === 'string' ? extensionCode : result.error.networkError !== undefined ? 'NETWORK' : 'GRAPHQL';
    throw new OssgraphRequestError(code, result.error.message, { cause: result.error });
  }
  if (result.data === undefined) throw new OssgraphRequestError('GRAPHQL', 'the API returned no data');
  return result.data;
}

/** Throws when a mutation payload is one of the typed errors (they all carry `code`). */
function successOf<T extends object>(payload: T): Exclude<T, { code: string }> {
  if ('code' in payload && typeof payload.code === 'string') {
    const message = 'message' in payload && typeof payload.message === 'string' ? payload.message : payload.code;
    throw new OssgraphRequestError(payload.code, message);
  }
  return payload as Exclude<T, { code: string }>;
}

/** One page of a folder: its sub-folders (common prefixes) and objects. */
export interface FolderPage {
  readonly folders: readonly string[];
  readonly objects: ReadonlyArray<NonNullable<BucketObjectsQuery['bucket']>['objects']['edges'][number]['node']>;
  /** Pass as `after` for the next page; null on the last page. */
  readonly nextCursor: string | null;
}

/**
 * Lists one level of a "folder" (`prefix` ending in `/`, or `''` for the top) with `/` as the
 * delimiter. Listed fields cost no extra store request. Throws {@link OssgraphRequestError} with
 * code `NOT_FOUND` when the bucket does not exist.
 */
export async function listFolder(
  client: Client,
  bucket: string,
  prefix: string,
  page: { first?: number; after?: string } = {},
): Promise<FolderPage> {
  const data = dataOf(
    await client
      .query(BucketObjectsDocument, { bucket, prefix, delimiter: '/', first: page.first ?? 50, after: page.after ?? null })
      .toPromise(),
  );
  if (data.bucket === null || data.bucket === undefined) throw new OssgraphRequestError('NOT_FOUND', `bucket ${bucket} does not exist`);
  const { objects } = data.bucket;
  return {
    folders: objects.folders,
    objects: objects.edges.map((edge) => edge.node),
    nextCursor: objects.pageInfo.hasNextPage ? (objects.pageInfo.endCursor ?? null) : null,
  };
}

/** The metadata of one object as the details view shows it. */
export type ObjectDetails = NonNullable<ObjectDetailsQuery['object']>;

/** All metadata of one object (one HeadObject), or null when it does not exist. */
export async function showObject(client: Client, bucket: string, key: string): Promise<ObjectDetails | null> {
  const data = dataOf(await client.query(ObjectDetailsDocument, { bucket, key }).toPromise());
  return data.object ?? null;
}

/** The successful payload of {@link editMetadata}. */
export type MetadataEdit = Exclude<UpdateMetadataMutation['updateMetadata'], { code: string }>;

/**
 * Sets and removes user metadata keys, keeping every other key and header (`updateMetadata`).
 * Pass the ETag the user saw as `ifMatch` to refuse editing an object that changed meanwhile.
 * Throws {@link OssgraphRequestError} with the typed error's code (`NOT_FOUND`, `PRECONDITION_FAILED`, …).
 */
export async function editMetadata(client: Client, input: UpdateMetadataInput): Promise<MetadataEdit> {
  const data = dataOf(await client.mutation(UpdateMetadataDocument, { input }).toPromise());
  return successOf(data.updateMetadata);
}

/** What {@link uploadFile} did. */
export interface UploadOutcome {
  /** The ETag the store answered the upload with. */
  readonly etag: string | null;
  /** The object as the API sees it after the upload. */
  readonly object: ObjectDetails | null;
}

/**
 * Uploads `body` straight to the store through the size-bounded form of `createUpload` (an OSS
 * PostObject form; signing it costs no store request): the returned fields in order, then the
 * file last, as `multipart/form-data`. The store refuses a file above `form.maxBytes`, another
 * key, content type or metadata. Then the object is read back through the API. The store must
 * allow the page's origin (CORS) for the POST. (`createUpload` also returns a presigned PUT,
 * which cannot bound the size.)
 */
export async function uploadFile(
  client: Client,
  input: CreateUploadInput,
  body: Blob,
  fetchImpl: typeof fetch = fetch,
): Promise<UploadOutcome> {
  const data = dataOf(await client.mutation(CreateUploadDocument, { input }).toPromise());
  const { form } = successOf(data.createUpload);
  if (body.size > form.maxBytes) {
    throw new OssgraphRequestError('UPLOAD_TOO_LARGE', `the file has ${body.size} bytes; this upload admits at most ${form.maxBytes}`);
  }
  const multipart = new FormData();
  for (const field of form.fields) multipart.append(field.name, field.value);
  multipart.append('file', body);
  const response = await fetchImpl(form.url, { method: 'POST', body: multipart });
  if (!response.ok) {
    throw new OssgraphRequestError('UPLOAD_FAILED', `the store answered the upload with HTTP ${response.status}: ${await response.text()}`);
  }
  return { etag: response.headers.get('etag'), object: await showObject(client, input.bucket, input.key) };
}

/** Tags, ACL and image dimensions of one object, as a details view shows them. */
export type ObjectExtras = NonNullable<ObjectExtrasQuery['object']>;

/** Tags, ACL and image size of one object (three store requests, no HeadObject), or null when it does not exist. */
export async function showObjectExtras(client: Client, bucket: string, key: string): Promise<ObjectExtras | null> {
  const data = dataOf(await client.query(ObjectExtrasDocument, { bucket, key }).toPromise());
  return data.object ?? null;
}

/** The successful payload of {@link editTags}. */
export type TagsEdit = Exclude<UpdateTagsMutation['updateTags'], { code: string }>;

/**
 * Adds or changes (`set`) and removes (`remove`) tags, keeping the others (`updateTags`; concurrent
 * edits of one object do not lose each other's tags). Throws {@link OssgraphRequestError} with the
 * typed error's code.
 */
export async function editTags(client: Client, input: UpdateTagsInput): Promise<TagsEdit> {
  const data = dataOf(await client.mutation(UpdateTagsDocument, { input }).toPromise());
  return successOf(data.updateTags);
}

/** The successful payload of {@link deleteFiles}. */
export type FilesDeletion = Exclude<DeleteObjectsMutation['deleteObjects'], { code: string }>;

/** Deletes up to 1000 keys of `bucket` in one store request (`deleteObjects`); keys the store could not delete are in `errors`. */
export async function deleteFiles(client: Client, bucket: string, keys: readonly string[]): Promise<FilesDeletion> {
  const data = dataOf(await client.mutation(DeleteObjectsDocument, { input: { bucket, objects: keys.map((key) => ({ key })) } }).toPromise());
  return successOf(data.deleteObjects);
}
