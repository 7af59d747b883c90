/** `putObject` with the body as a file of a GraphQL multipart request (the multipart request spec). */
import { FormData } from 'undici';
import type { GraphqlHttpClient, GraphqlResponse } from './graphql-http.js';

const PUT_OBJECT = `mutation Put($bucket: String!, $key: String!, $file: File!) {
  putObject(input: { bucket: $bucket, key: $key, file: $file, contentType: "application/octet-stream" }) {
    __typename
    ... on PutObjectSuccess { etag hashCrc64 }
    ... on Error { code message }
  }
}`;

/** Uploads `body` as `bucket/key` through the API; throws unless the result is `PutObjectSuccess`. */
export async function putObjectMultipart(client: GraphqlHttpClient, bucket: string, key: string, body: Uint8Array): Promise<void> {
  const form = new FormData();
  form.set('operations', JSON.stringify({ query: PUT_OBJECT, variables: { bucket, key, file: null } }));
  form.set('map', JSON.stringify({ '0': ['variables.file'] }));
  form.set('0', new Blob([body as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' }), 'payload.bin');
  const { status, json } = await client.postRaw(form, { 'x-graphql-yoga-csrf': '1' });
  const result = (json.data as { putObject?: { __typename: string; message?: string } } | null | undefined)?.putObject;
  if (status !== 200 || result?.__typename !== 'PutObjectSuccess') {
    throw new Error(`putObject ${body.byteLength} bytes: HTTP ${status} ${JSON.stringify(result ?? (json as GraphqlResponse).errors)}`);
  }
}

const REPLACE_METADATA = `mutation Replace($bucket: String!, $key: String!, $metadata: [MetadataEntryInput!]!) {
  replaceMetadata(input: { bucket: $bucket, key: $key, metadata: $metadata }) {
    __typename
    ... on ReplaceMetadataSuccess { etag }
    ... on Error { code message }
  }
}`;

/** Replaces the user metadata of `bucket/key` through the API; throws unless it succeeded. */
export async function replaceMetadata(
  client: GraphqlHttpClient,
  bucket: string,
  key: string,
  metadata: Array<{ key: string; value: string }>,
): Promise<void> {
  const json = await client.post(REPLACE_METADATA, { bucket, key, metadata });
  const result = (json.data as { replaceMetadata?: { __typename: string } } | null | undefined)?.replaceMetadata;
  if (result?.__typename !== 'ReplaceMetadataSuccess') {
    throw new Error(`replaceMetadata: ${JSON.stringify(result ?? json.errors)}`);
  }
}
