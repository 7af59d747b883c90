import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createOssApi } from '../../../../src/oss/api.js';
import { OssInvalidArgumentError, OssResponseParseError, isNotFoundError } from '../../../../src/oss/errors.js';
import { FIXED_NOW, errorReply, fakeOss, ok } from '../../../helpers/oss-client.js';

const fixture = (path: string): string => readFileSync(new URL(`../../../fixtures/xml/${path}`, import.meta.url), 'utf8');
const xml = (path: string) => ok({ 'content-type': 'application/xml' }, fixture(path));

describe('GetObjectAcl', () => {
  it('sends GET ?acl and reads the grant and owner', async () => {
    const oss = fakeOss(() => xml('get-object-acl/public-read.xml'));
    const result = await createOssApi(oss.client).getObjectAcl({ bucket: 'examplebucket', key: 'dir/a b.txt' });
    expect(oss.requests[0]).toMatchObject({ method: 'GET', path: '/dir/a%20b.txt?acl' });
    expect(result).toEqual({
      acl: 'public-read',
      owner: { id: '1234513715092****', displayName: '1234-****' },
      date: new Date(FIXED_NOW),
      requestId: 'REQ1',
    });
  });

  it('reads `default` and sends the version', async () => {
    const oss = fakeOss(() => xml('get-object-acl/default.xml'));
    const result = await createOssApi(oss.client).getObjectAcl({ bucket: 'examplebucket', key: 'a', versionId: 'v 1' });
    expect(oss.requests[0]?.path).toBe('/a?acl&versionId=v%201');
    expect(result.acl).toBe('default');
  });

  it('leaves out a missing or unparseable Date', async () => {
    const oss = fakeOss(() => ({ ...xml('get-object-acl/default.xml'), headers: { 'x-oss-request-id': 'R', date: 'not a date' } }));
    const result = await createOssApi(oss.client).getObjectAcl({ bucket: 'examplebucket', key: 'a' });
    expect(result).toEqual({ acl: 'default', owner: { id: '0022012****', displayName: '0022012****' }, requestId: 'R' });
  });

  it('keeps a grant it does not know verbatim', async () => {
    const body = fixture('get-object-acl/default.xml').replace('<Grant>default</Grant>', '<Grant>future-acl</Grant>');
    const oss = fakeOss(() => ok({ 'content-type': 'application/xml' }, body));
    expect((await createOssApi(oss.client).getObjectAcl({ bucket: 'examplebucket', key: 'a' })).acl).toBe('future-acl');
  });

  it('a document without a grant is a parse error', async () => {
    const oss = fakeOss(() => xml('get-object-acl/no-grant.xml'));
    await expect(createOssApi(oss.client).getObjectAcl({ bucket: 'examplebucket', key: 'a' })).rejects.toBeInstanceOf(OssResponseParseError);
  });

  it('a missing object is a 404', async () => {
    const oss = fakeOss(() => errorReply(404, 'NoSuchKey'));
    const error = await createOssApi(oss.client).getObjectAcl({ bucket: 'examplebucket', key: 'a' }).catch((e: unknown) => e);
    expect(isNotFoundError(error)).toBe(true);
  });

  it('validates bucket and key before sending', async () => {
    const oss = fakeOss(() => xml('get-object-acl/default.xml'));
    await expect(createOssApi(oss.client).getObjectAcl({ bucket: 'Bad_Bucket', key: 'a' })).rejects.toBeInstanceOf(OssInvalidArgumentError);
    await expect(createOssApi(oss.client).getObjectAcl({ bucket: 'examplebucket', key: '' })).rejects.toBeInstanceOf(OssInvalidArgumentError);
    expect(oss.requests).toHaveLength(0);
  });
});

describe('x-oss-object-acl on writes', () => {
  it('CopyObject and CompleteMultipartUpload send the given ACL', async () => {
    const copy = fakeOss(() => xml('copy-object/success.xml'));
    await createOssApi(copy.client).copyObject({ bucket: 'b-1', key: 'k', sourceKey: 'k', metadataDirective: 'REPLACE', acl: 'public-read' });
    expect(copy.requests[0]?.headers['x-oss-object-acl']).toBe('public-read');

    const complete = fakeOss(() => xml('complete-multipart-upload/encoded-key.xml'));
    await createOssApi(complete.client).completeMultipartUpload({ bucket: 'b-1', key: 'k', uploadId: 'U1', parts: [{ partNumber: 1, etag: '"A"' }], acl: 'private' });
    expect(complete.requests[0]?.headers['x-oss-object-acl']).toBe('private');
  });
});
