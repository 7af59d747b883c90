/**
 * A process that writes to a FileBackend in a loop, for crash tests that SIGKILL it mid-write.
 *
 * Run: `node --import tsx test/helpers/file-backend-worker.ts <dataDir> <firstVersion>`.
 * Each iteration v (from firstVersion up) writes, in bucket {@link CRASH_BUCKET}:
 * - `big`: a PutObject of {@link versionData}(v, bigSize(v)), user metadata `version=v`;
 * - `copy`: a CopyObject of `big`, then a metadata replacement (`replaced=v`);
 * - `mp`: a two-part multipart upload of versionData(v, multipartSize(v)), then its completion.
 * Around each step it prints `<step> <v>` before and `<step>-done <v>` after (steps: `put`,
 * `copy`, `replace`, `upload`, `complete`), and `upload-id <v> <id>` once the upload exists.
 */
import { pathToFileURL } from 'node:url';
import { createFileBackend } from '../../src/local-oss/backend/file-backend.js';
import type { ObjectMetadata } from '../../src/local-oss/backend/backend.js';
import { deterministicBytes } from './deterministic-bytes.js';

/** Bucket the worker writes to. */
export const CRASH_BUCKET = 'crash';

const MiB = 1024 * 1024;

/** Size of version v of `big` (sizes differ per version, so a mix shows in the size too). */
export function bigSize(version: number): number {
  return 12 * MiB + version * 4099;
}

/** Size of version v of `mp`. */
export function multipartSize(version: number): number {
  return 6 * MiB + version * 4099;
}

/** Size of the first part of version v of `mp` (the second part is the rest). */
export const FIRST_PART_SIZE = 4 * MiB;

const BLOCK = 4096;
const CHUNK = MiB;

/**
 * The bytes of `version` of an object of `size` bytes, as chunks of up to 1 MiB. Every 4 KiB
 * block starts with the version and the block number, so bytes of two versions never mix
 * unnoticed; the rest of a block is a fixed pseudo-random filler.
 */
export function* versionData(version: number, size: number, from = 0): Generator<Buffer> {
  for (let offset = from; offset < size; offset += CHUNK) {
    const length = Math.min(CHUNK, size - offset);
    const chunk = Buffer.from(FILLER.subarray(0, length));
    for (let block = Math.ceil(offset / BLOCK) * BLOCK; block < offset + length; block += BLOCK) {
      const at = block - offset;
      if (at + 8 <= length) {
        chunk.writeUInt32LE(version, at);
        chunk.writeUInt32LE(block / BLOCK, at + 4);
      }
    }
    yield chunk;
  }
}

const FILLER = deterministicBytes(CHUNK, 0x9e3779b9);

async function* asAsync(chunks: Iterable<Buffer>): AsyncGenerator<Uint8Array> {
  yield* chunks;
}

function sliceOf(version: number, size: number, start: number, end: number): AsyncGenerator<Uint8Array> {
  return asAsync(
    (function* () {
      let offset = 0;
      for (const chunk of versionData(version, size)) {
        const lo = Math.max(start, offset);
        const hi = Math.min(end, offset + chunk.length);
        if (lo < hi) yield chunk.subarray(lo - offset, hi - offset);
        offset += chunk.length;
      }
    })(),
  );
}

function meta(userMetadata: Record<string, string>): ObjectMetadata {
  return { contentType: 'application/octet-stream', headers: {}, userMetadata, storageClass: 'Standard', acl: 'default' };
}

function say(line: string): void {
  // Why synchronous: the parent decides what was in flight from the last line it saw, so a line
  // must be out before the step it announces starts.
  process.stdout.write(`${line}\n`);
}

async function main(dataDir: string, firstVersion: number): Promise<void> {
  const backend = await createFileBackend({ dataDir });
  await backend.createBucket(CRASH_BUCKET, 0);
  say('ready');
  for (let v = firstVersion; ; v++) {
    const now = v;
    say(`put ${v}`);
    await backend.putObject(CRASH_BUCKET, 'big', asAsync(versionData(v, bigSize(v))), { metadata: meta({ version: String(v) }), now });
    say(`put-done ${v}`);

    say(`copy ${v}`);
    await backend.copyObject({ bucket: CRASH_BUCKET, key: 'big' }, { bucket: CRASH_BUCKET, key: 'copy' }, {
      now,
      resolve: (source) => meta({ version: source.userMetadata['version'] ?? '?' }),
    });
    say(`copy-done ${v}`);

    say(`replace ${v}`);
    await backend.replaceMetadata(CRASH_BUCKET, 'copy', {
      now,
      resolve: (current) => meta({ ...current.userMetadata, replaced: String(v) }),
    });
    say(`replace-done ${v}`);

    say(`upload ${v}`);
    const size = multipartSize(v);
    const upload = await backend.createMultipartUpload(CRASH_BUCKET, 'mp', { metadata: meta({ version: String(v) }), now });
    say(`upload-id ${v} ${upload.uploadId}`);
    const p1 = await backend.uploadPart(CRASH_BUCKET, 'mp', upload.uploadId, 1, sliceOf(v, size, 0, FIRST_PART_SIZE), { now });
    const p2 = await backend.uploadPart(CRASH_BUCKET, 'mp', upload.uploadId, 2, sliceOf(v, size, FIRST_PART_SIZE, size), { now });
    say(`upload-done ${v}`);

    say(`complete ${v}`);
    await backend.completeMultipartUpload(CRASH_BUCKET, 'mp', upload.uploadId, [p1, p2], { now });
    say(`complete-done ${v}`);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [dataDir, first] = process.argv.slice(2);
  if (dataDir === undefined || first === undefined) {
    process.stderr.write('usage: file-backend-worker.ts <dataDir> <firstVersion>\n');
    process.exit(2);
  }
  main(dataDir, Number(first)).catch((error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  });
}
