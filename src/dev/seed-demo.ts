/**
 * The `demo` bucket `npm start` serves (a handful of objects with metadata and tags, under a few
 * prefixes, one PNG), and the versioned `demo-versions` bucket beside it.
 */
import type { OssApi } from '../oss/api.js';
import { isNotFoundError } from '../oss/errors.js';
import type { PutObjectRequest } from '../oss/operations/put-object.js';
import { gradientPng } from './tiny-png.js';

/** Name of the bucket seeded for `npm start`. */
export const DEMO_BUCKET = 'demo';

/** The objects of the demo bucket (without the bucket name). */
export const DEMO_OBJECTS: ReadonlyArray<Omit<PutObjectRequest, 'bucket'>> = [
  {
    key: 'docs/readme.md',
    body: '# ossgraph demo\n\nThis bucket lives in the embedded local-oss. Query it in GraphiQL.\n',
    contentType: 'text/markdown; charset=utf-8',
    contentLanguage: 'en',
    cacheControl: 'max-age=300',
    metadata: { author: 'ossgraph', reviewed: 'yes' },
  },
  {
    key: 'docs/guide/getting-started.md',
    body: '# Getting started\n\n1. `npm start`\n2. Open GraphiQL\n3. Run the default query\n',
    contentType: 'text/markdown; charset=utf-8',
    contentLanguage: 'en',
    metadata: { author: 'ossgraph' },
  },
  {
    key: 'images/logo.svg',
    body: '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><circle cx="32" cy="32" r="28" fill="#e535ab"/></svg>\n',
    contentType: 'image/svg+xml',
    cacheControl: 'public, max-age=86400',
    metadata: { width: '64', height: '64' },
  },
  {
    key: 'images/gradient.png',
    body: gradientPng(48, 32),
    contentType: 'image/png',
    cacheControl: 'public, max-age=86400',
    metadata: { alt: 'a colour gradient' },
    tagging: 'kind=image&license=cc0',
  },
  {
    key: 'reports/2026/q1.csv',
    body: 'month,revenue\n2026-01,1200\n2026-02,1350\n2026-03,1410\n',
    contentType: 'text/csv; charset=utf-8',
    contentDisposition: 'attachment; filename="q1.csv"',
    contentLanguage: 'en-GB',
    metadata: { department: 'finance', quarter: 'q1' },
    tagging: 'department=finance&status=final',
  },
  {
    key: 'reports/2026/q2.csv',
    body: 'month,revenue\n2026-04,1500\n2026-05,1620\n2026-06,1580\n',
    contentType: 'text/csv; charset=utf-8',
    contentDisposition: 'attachment; filename="q2.csv"',
    contentLanguage: 'en-GB',
    metadata: { department: 'finance', quarter: 'q2' },
  },
];

/** Name of the versioned bucket seeded beside {@link DEMO_BUCKET} (versions of one document). */
export const DEMO_VERSIONED_BUCKET = 'demo-versions';

/** The successive bodies of `notes.txt` in {@link DEMO_VERSIONED_BUCKET}, oldest first. */
export const DEMO_NOTE_VERSIONS: readonly string[] = ['first draft\n', 'second draft\n', 'final\n'];

/** What {@link seedDemoBucket} did. */
export interface SeedResult {
  readonly createdBucket: boolean;
  /** Objects written; 0 when the bucket already held objects. */
  readonly seededObjects: number;
}

/**
 * Creates {@link DEMO_BUCKET} when missing and writes {@link DEMO_OBJECTS} when it is empty, through
 * `api` (the real client, so the seed goes over the same wire protocol as everything else). A
 * bucket that already holds objects is left as it is.
 */
export async function seedDemoBucket(
  api: Pick<OssApi, 'listObjectsV2' | 'putBucket' | 'putObject' | 'putBucketVersioning'>,
): Promise<SeedResult> {
  await seedVersionedBucket(api);
  let createdBucket = false;
  try {
    const listing = await api.listObjectsV2({ bucket: DEMO_BUCKET, maxKeys: 1 });
    if (listing.keyCount > 0) return { createdBucket, seededObjects: 0 };
  } catch (error) {
    if (!isNotFoundError(error)) throw error;
    await api.putBucket({ bucket: DEMO_BUCKET });
    createdBucket = true;
  }
  for (const object of DEMO_OBJECTS) await api.putObject({ bucket: DEMO_BUCKET, ...object });
  return { createdBucket, seededObjects: DEMO_OBJECTS.length };
}

/**
 * Creates {@link DEMO_VERSIONED_BUCKET} with versioning enabled and writes the versions of
 * `notes.txt`, unless the bucket already exists.
 */
async function seedVersionedBucket(api: Pick<OssApi, 'listObjectsV2' | 'putBucket' | 'putObject' | 'putBucketVersioning'>): Promise<void> {
  try {
    await api.listObjectsV2({ bucket: DEMO_VERSIONED_BUCKET, maxKeys: 1 });
    return;
  } catch (error) {
    if (!isNotFoundError(error)) throw error;
  }
  await api.putBucket({ bucket: DEMO_VERSIONED_BUCKET });
  await api.putBucketVersioning({ bucket: DEMO_VERSIONED_BUCKET, status: 'Enabled' });
  for (const body of DEMO_NOTE_VERSIONS) {
    await api.putObject({ bucket: DEMO_VERSIONED_BUCKET, key: 'notes.txt', body, contentType: 'text/plain; charset=utf-8' });
  }
}
