import { describe, expect, it } from 'vitest';
import { parseListVersions } from '../../../../src/oss/operations/list-object-versions.js';

const response = (xml: string) => ({ status: 200, headers: {}, requestId: 'r', body: Buffer.from(xml, 'utf8') });

describe('parseListVersions', () => {
  it('keeps the document order of Version and DeleteMarker elements (a marker between two versions of a key)', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<ListVersionsResult><Name>b</Name><Prefix></Prefix><KeyMarker></KeyMarker><VersionIdMarker></VersionIdMarker><MaxKeys>100</MaxKeys><IsTruncated>false</IsTruncated>
  <Version><Key>a</Key><VersionId>v3</VersionId><IsLatest>true</IsLatest><LastModified>2024-05-01T10:00:03.000Z</LastModified><ETag>"E3"</ETag><Type>Normal</Type><Size>3</Size><StorageClass>Standard</StorageClass></Version>
  <DeleteMarker><Key>a</Key><VersionId>m2</VersionId><IsLatest>false</IsLatest><LastModified>2024-05-01T10:00:02.000Z</LastModified></DeleteMarker>
  <Version><Key>a</Key><VersionId>v1</VersionId><IsLatest>false</IsLatest><LastModified>2024-05-01T10:00:01.000Z</LastModified><ETag>"E1"</ETag><Type>Normal</Type><Size>1</Size><StorageClass>IA</StorageClass></Version>
  <Version><Key>&lt;Version&gt;</Key><VersionId/><IsLatest>true</IsLatest><LastModified>2024-05-01T10:00:00.000Z</LastModified><ETag>"E0"</ETag><Type>Normal</Type><Size>0</Size><StorageClass>Standard</StorageClass></Version>
</ListVersionsResult>`;
    const result = parseListVersions(response(xml));
    expect(result.versions.map((v) => [v.key, v.versionId, v.isDeleteMarker, v.isLatest, v.size])).toEqual([
      ['a', 'v3', false, true, 3],
      ['a', 'm2', true, false, undefined],
      ['a', 'v1', false, false, 1],
      ['<Version>', 'null', false, true, 0],
    ]);
    expect(result.versions[2]?.storageClass).toBe('IA');
    expect(result.isTruncated).toBe(false);
    expect(result).not.toHaveProperty('nextKeyMarker');
  });

  it('decodes url-encoded keys, prefixes and key markers, not version-id markers', () => {
    const xml = `<ListVersionsResult><Name>b</Name><Prefix>d%2F</Prefix><KeyMarker>d%2Fa%2B</KeyMarker><VersionIdMarker>x%2B</VersionIdMarker><NextKeyMarker>d%2Fb%20c</NextKeyMarker><NextVersionIdMarker>CAEQ%2B</NextVersionIdMarker><MaxKeys>1</MaxKeys><Delimiter>%2F</Delimiter><EncodingType>url</EncodingType><IsTruncated>true</IsTruncated>
<DeleteMarker><Key>d%2Fb%20c</Key><VersionId>CAEQ%2B</VersionId><IsLatest>true</IsLatest><LastModified>2024-05-01T10:00:00.000Z</LastModified></DeleteMarker><CommonPrefixes><Prefix>d%2Fsub%2F</Prefix></CommonPrefixes></ListVersionsResult>`;
    const result = parseListVersions(response(xml));
    expect([result.prefix, result.keyMarker, result.versionIdMarker, result.delimiter, result.nextKeyMarker, result.nextVersionIdMarker]).toEqual([
      'd/', 'd/a+', 'x%2B', '/', 'd/b c', 'CAEQ%2B',
    ]);
    expect(result.versions.map((v) => v.key)).toEqual(['d/b c']);
    expect(result.commonPrefixes).toEqual(['d/sub/']);
  });
});
