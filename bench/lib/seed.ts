/** Seeding local-oss quickly: concurrent raw PUTs with the metadata the full selection reads. */
import { mapConcurrent } from './pool.js';
import type { RawOss, Ref } from './raw-oss.js';

/** `count` refs `prefix00000`, `prefix00001`, … in `bucket` (sorted as listed). */
export function makeRefs(bucket: string, prefix: string, count: number): Ref[] {
  return Array.from({ length: count }, (_, i) => ({ bucket, key: `${prefix}${String(i).padStart(5, '0')}` }));
}

/** PUTs a small body with content-type, cache-control and two user metadata entries to every ref. */
export async function seedObjects(raw: RawOss, refs: readonly Ref[], concurrency = 32): Promise<void> {
  await mapConcurrent(refs, concurrency, async (ref, i) => {
    const body = Buffer.from(`object ${i}\n`);
    await raw.put(ref, body, body.byteLength, {
      'content-type': 'text/plain',
      'cache-control': 'max-age=60',
      'x-oss-meta-index': String(i),
      'x-oss-meta-owner': 'bench',
    });
  });
}

/** Creates `bucket` (PutBucket); ignores "already exists". */
export async function createBucket(raw: RawOss, bucket: string): Promise<void> {
  const res = await raw.send('PUT', { bucket });
  if (res.status !== 200 && res.status !== 409) throw new Error(`PutBucket ${bucket}: ${res.status} ${res.text}`);
}
