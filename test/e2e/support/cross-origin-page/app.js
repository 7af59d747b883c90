// A frontend on its own origin, as a browser runs it: plain ES module, no bundler, fetch only.
// The e2e test drives it through `window.ossgraphPage`.

const CREATE_UPLOAD = `mutation CreateUpload($input: CreateUploadInput!) {
  createUpload(input: $input) {
    __typename
    ... on CreateUploadSuccess { url method headers { name value } expiresAt form { url fields { name value } maxBytes } }
    ... on Error { message code }
  }
}`;

const PUT_OBJECT = `mutation PutObject($input: PutObjectInput!) {
  putObject(input: $input) {
    __typename
    ... on PutObjectSuccess { etag }
    ... on Error { message code }
  }
}`;

function log(line) {
  document.querySelector('#log').textContent += `${line}\n`;
}

/** POSTs a GraphQL operation as JSON (a non-simple request: the browser sends a CORS preflight). */
async function graphql(endpoint, query, variables = {}) {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
    body: JSON.stringify({ query, variables }),
  });
  log(`graphql ${response.status}`);
  return { status: response.status, body: await response.json() };
}

/** Asks the API for a presigned upload, then PUTs the file straight to the store with the returned headers. */
async function uploadDirect(endpoint, input, text) {
  const { body } = await graphql(endpoint, CREATE_UPLOAD, { input });
  const upload = body.data?.createUpload;
  if (upload?.__typename !== 'CreateUploadSuccess') return { upload, put: null };
  const headers = Object.fromEntries(upload.headers.map((h) => [h.name, h.value]));
  const put = await fetch(upload.url, { method: upload.method, headers, body: new Blob([text]) });
  log(`PUT ${put.status}`);
  return { upload, put: { status: put.status, etag: put.headers.get('etag'), crc64: put.headers.get('x-oss-hash-crc64ecma') } };
}

/**
 * Asks the API for an upload, then POSTs the size-bounded PostObject form straight to the store:
 * the fields in order, the file last (a FormData POST: a CORS simple request, no preflight).
 */
async function uploadForm(endpoint, input, text, type) {
  const { body } = await graphql(endpoint, CREATE_UPLOAD, { input });
  const upload = body.data?.createUpload;
  if (upload?.__typename !== 'CreateUploadSuccess') return { upload, post: null };
  const form = new FormData();
  for (const field of upload.form.fields) form.append(field.name, field.value);
  form.append('file', new File([text], 'upload.txt', { type }));
  const post = await fetch(upload.form.url, { method: 'POST', body: form });
  log(`POST form ${post.status}`);
  return { upload, post: { status: post.status, etag: post.headers.get('etag'), body: await post.text() } };
}

/** PUTs to a URL someone else presigned (for the refused-origin case). */
async function putTo(url, headers, text) {
  const put = await fetch(url, { method: 'PUT', headers, body: new Blob([text]) });
  return { status: put.status };
}

/** A GraphQL multipart upload (`putObject` with a File), with or without the CSRF header. */
async function multipartPut(endpoint, { bucket, key, text, csrfHeader }) {
  const form = new FormData();
  form.append('operations', JSON.stringify({ query: PUT_OBJECT, variables: { input: { bucket, key, file: null } } }));
  form.append('map', JSON.stringify({ 0: ['variables.input.file'] }));
  form.append('0', new File([text], 'hello.txt', { type: 'text/plain' }));
  const headers = csrfHeader ? { 'x-graphql-yoga-csrf': '1' } : {};
  const response = await fetch(endpoint, { method: 'POST', headers, body: form });
  return { status: response.status, body: await response.text() };
}

/** Runs `task`, turning a rejected fetch (CORS refusal) into `{ error }`. */
async function attempt(task) {
  try {
    return { ok: true, value: await task() };
  } catch (error) {
    return { ok: false, error: `${error.name}: ${error.message}` };
  }
}

window.ossgraphPage = {
  origin: location.origin,
  graphql: (endpoint, query, variables) => attempt(() => graphql(endpoint, query, variables)),
  uploadDirect: (endpoint, input, text) => attempt(() => uploadDirect(endpoint, input, text)),
  uploadForm: (endpoint, input, text, type) => attempt(() => uploadForm(endpoint, input, text, type)),
  putTo: (url, headers, text) => attempt(() => putTo(url, headers, text)),
  multipartPut: (endpoint, options) => attempt(() => multipartPut(endpoint, options)),
};
document.querySelector('#status').textContent = 'ready';
