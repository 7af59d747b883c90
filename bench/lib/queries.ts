/** The GraphQL operations the scenarios send, by selection (DESIGN §4 levels). */

/** Fields answered by GetObjectMeta (or a listing). */
export const BASIC_FIELDS = 'bucket key contentLength etag lastModified';

/** Basic fields plus fields only HeadObject answers. */
export const FULL_FIELDS = `${BASIC_FIELDS} contentType cacheControl metadata { key value }`;

/** Which fields a query selects. */
export type Selection = 'basic' | 'full';

/** One object by bucket and key. */
export function objectQuery(selection: Selection): string {
  const fields = selection === 'full' ? FULL_FIELDS : BASIC_FIELDS;
  return `query One($bucket: String!, $key: String!) { object(bucket: $bucket, key: $key) { ${fields} } }`;
}

/** Many objects by reference, in input order. */
export function objectsQuery(selection: Selection): string {
  const fields = selection === 'full' ? FULL_FIELDS : BASIC_FIELDS;
  return `query Many($refs: [ObjectRefInput!]!) { objects(refs: $refs) { ${fields} } }`;
}

/**
 * The same objects asked twice over, through aliases, a fragment and duplicated refs: the store
 * must still see one request per distinct object.
 */
export function duplicatedObjectsQuery(): string {
  return `query Dup($refs: [ObjectRefInput!]!) {
    a: objects(refs: $refs) { ...Basic contentType }
    b: objects(refs: $refs) { ...Basic metadata { key value } cacheControl }
  }
  fragment Basic on StorageObject { bucket key contentLength etag lastModified }`;
}

/** A listing page selecting only fields the listing returns. */
export function listingQuery(): string {
  return `query List($bucket: String!, $prefix: String, $first: Int) {
    bucket(name: $bucket) { objects(prefix: $prefix, first: $first) { nodes { bucket key contentLength etag lastModified } } }
  }`;
}

/** The fields of the peer comparison (issue 11): two from a listing or HEAD, two only HeadObject answers. */
export const PEER_FIELDS = 'key contentLength contentType metadata { key value }';

/** Fields a listing entry answers (no HEAD on either server). */
export const LISTED_FIELDS = 'key contentLength etag';

/** One object with `fields`. */
export function objectWithFields(fields: string): string {
  return `query One($bucket: String!, $key: String!) { object(bucket: $bucket, key: $key) { ${fields} } }`;
}

/** Objects by reference with `fields`. */
export function objectsWithFields(fields: string): string {
  return `query Many($refs: [ObjectRefInput!]!) { objects(refs: $refs) { ${fields} } }`;
}

/** One listing page (`nodes`) with `fields`. */
export function listingWithFields(fields: string): string {
  return `query List($bucket: String!, $prefix: String, $first: Int) {
    bucket(name: $bucket) { objects(prefix: $prefix, first: $first) { nodes { ${fields} } } }
  }`;
}
