import { describe, expect, it } from 'vitest';
import { PAYLOAD_TOO_LARGE } from '../../../src/server/plugins/use-upload-limit.js';
import { useListeningAppFixture } from './app-fixture.js';

const LIMIT = 1024;
const PUT_OBJECT =
  'mutation ($file: File!) { putObject(input: { bucket: "demo", key: "big.bin", file: $file }) { __typename ... on PutObjectSuccess { object { contentLength } } } }';

/** A GraphQL multipart request uploading `size` bytes as `variables.file`. */
function upload(size: number): FormData {
  const form = new FormData();
  form.set('operations', JSON.stringify({ query: PUT_OBJECT, variables: { file: null } }));
  form.set('map', JSON.stringify({ 0: ['variables.file'] }));
  form.set('0', new Blob([new Uint8Array(size).fill(120)], { type: 'application/octet-stream' }), 'big.bin');
  return form;
}

interface ErrorBody {
  errors: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

/** Asserts the 413 answer: status, one error, code, limit and the pointer to createUpload. */
async function expectPayloadTooLarge(response: Response): Promise<void> {
  const body = (await response.json()) as ErrorBody;
  expect(response.status).toBe(413);
  expect(body.errors).toHaveLength(1);
  expect(body.errors[0]?.message).toContain('createUpload');
  expect(body.errors[0]?.message).toContain(`${LIMIT} bytes`);
  expect(body.errors[0]?.extensions).toEqual({ code: PAYLOAD_TOO_LARGE, maxUploadBytes: LIMIT });
}

describe('upload size limit', () => {
  const h = useListeningAppFixture({ OSSGRAPH_MAX_UPLOAD_BYTES: String(LIMIT) });

  const csrf = { 'x-graphql-yoga-csrf': '1' };

  it('answers an oversized file with 413 pointing to createUpload (in-process)', async () => {
    await expectPayloadTooLarge(await h.fixture.fetch('/graphql', { method: 'POST', body: upload(LIMIT + 1), headers: csrf }));
    expect(h.fixture.store.stats.total()).toBe(0);
  });

  it('answers an oversized file with 413 over a real socket', async () => {
    await expectPayloadTooLarge(await fetch(`${h.server.origin}/graphql`, { method: 'POST', body: upload(LIMIT * 4), headers: csrf }));
  });

  it('answers a body far over the limit with the same 413 before reading it', async () => {
    await expectPayloadTooLarge(await fetch(`${h.server.origin}/graphql`, { method: 'POST', body: upload(LIMIT + 2 * 1024 * 1024), headers: csrf }));
  });

  it('stores a file at the limit', async () => {
    const response = await h.fixture.fetch('/graphql', { method: 'POST', body: upload(LIMIT), headers: csrf });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { putObject: { __typename: 'PutObjectSuccess', object: { contentLength: LIMIT } } } });
  });
});
