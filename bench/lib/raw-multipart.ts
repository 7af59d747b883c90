/**
 * Multipart upload and multipart copy sent raw (signed undici requests, no project helpers): to
 * create the 1 GiB object without holding it in memory, and as the baseline of `replaceMetadata`
 * on it — the store doing the same part copies with nobody in between.
 */
import { encodeKeyPath } from '../../src/oss/endpoint.js';
import { mapConcurrent } from './pool.js';
import type { RawOss, Ref } from './raw-oss.js';

function xmlValue(xml: string, tag: string): string {
  const match = new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml);
  if (match?.[1] === undefined) throw new Error(`no <${tag}> in ${xml.slice(0, 200)}`);
  return match[1];
}

async function initiate(raw: RawOss, ref: Ref, headers: Record<string, string>): Promise<string> {
  const res = await raw.send('POST', ref, [['uploads', '']], undefined, headers);
  if (res.status !== 200) throw new Error(`InitiateMultipartUpload: ${res.status} ${res.text}`);
  return xmlValue(res.text, 'UploadId');
}

async function complete(raw: RawOss, ref: Ref, uploadId: string, etags: readonly string[]): Promise<void> {
  const parts = etags.map((etag, i) => `<Part><PartNumber>${i + 1}</PartNumber><ETag>${etag}</ETag></Part>`).join('');
  const res = await raw.send('POST', ref, [['uploadId', uploadId]], `<CompleteMultipartUpload>${parts}</CompleteMultipartUpload>`, {
    'content-type': 'application/xml',
  });
  if (res.status !== 200) throw new Error(`CompleteMultipartUpload: ${res.status} ${res.text}`);
}

/**
 * Uploads an object of `parts × part.byteLength` bytes made of `part` repeated, `parallel` parts
 * at a time; only `part` is ever in memory.
 */
export async function uploadRepeated(raw: RawOss, ref: Ref, part: Uint8Array, parts: number, parallel: number): Promise<void> {
  const uploadId = await initiate(raw, ref, { 'content-type': 'application/octet-stream' });
  const numbers = Array.from({ length: parts }, (_, i) => i + 1);
  const etags = await mapConcurrent(numbers, parallel, async (n) => {
    const res = await raw.send('PUT', ref, [['partNumber', String(n)], ['uploadId', uploadId]], part);
    if (res.status !== 200) throw new Error(`UploadPart ${n}: ${res.status} ${res.text}`);
    return String(res.headers['etag']);
  });
  await complete(raw, ref, uploadId, etags);
}

/**
 * Copies `ref` onto itself with multipart copy (`partSize` parts, `parallel` at a time) and
 * `headers` (the new metadata) on InitiateMultipartUpload — what `replaceMetadata` makes the store
 * do for an object above the copy threshold, without the HEAD and GraphQL around it.
 */
export async function copyOntoItself(
  raw: RawOss,
  ref: Ref,
  size: number,
  partSize: number,
  parallel: number,
  headers: Record<string, string>,
): Promise<void> {
  const uploadId = await initiate(raw, ref, headers);
  const source = `/${ref.bucket}/${encodeKeyPath(ref.key)}`;
  const count = Math.ceil(size / partSize);
  const numbers = Array.from({ length: count }, (_, i) => i + 1);
  const etags = await mapConcurrent(numbers, parallel, async (n) => {
    const start = (n - 1) * partSize;
    const end = Math.min(size, start + partSize) - 1;
    const res = await raw.send('PUT', ref, [['partNumber', String(n)], ['uploadId', uploadId]], undefined, {
      'x-oss-copy-source': source,
      'x-oss-copy-source-range': `bytes=${start}-${end}`,
    });
    if (res.status !== 200) throw new Error(`UploadPartCopy ${n}: ${res.status} ${res.text}`);
    return xmlValue(res.text, 'ETag').replace(/&quot;/g, '"');
  });
  await complete(raw, ref, uploadId, etags);
}
