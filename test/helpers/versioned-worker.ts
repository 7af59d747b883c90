/**
 * A process that writes versions of one key to a FileBackend in a loop, for the crash test of
 * version chains that SIGKILLs it mid-write.
 *
 * Run: `node --import tsx test/helpers/versioned-worker.ts <dataDir> <firstVersion>`.
 * In bucket {@link VERSIONED_BUCKET} (versioning Enabled), iteration v puts `k` with
 * `versionData(v, versionedSize(v))` (user metadata `version=v`); every third iteration then adds
 * a delete marker, every second removes the oldest version for good. Around each step it prints
 * `<step> <v>` before and `<step>-done <v> <versionId>` after (steps `put`, `delete`, `purge`;
 * `purge <v> <versionId>` names the version being removed).
 */
import { pathToFileURL } from 'node:url';
import { createFileBackend } from '../../src/local-oss/backend/file-backend.js';
import { versionIdOf } from '../../src/local-oss/backend/backend.js';
import { versionData } from './file-backend-worker.js';

/** Bucket the worker writes to. */
export const VERSIONED_BUCKET = 'crash-versions';

/** Size of version v (differs per version, so a mix shows in the size too). */
export function versionedSize(version: number): number {
  return 3 * 1024 * 1024 + version * 4099;
}

async function* asAsync(chunks: Iterable<Buffer>): AsyncGenerator<Uint8Array> {
  yield* chunks;
}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function main(dataDir: string, firstVersion: number): Promise<void> {
  const backend = await createFileBackend({ dataDir });
  await backend.createBucket(VERSIONED_BUCKET, 0);
  await backend.putBucketVersioning(VERSIONED_BUCKET, 'Enabled');
  say('ready');
  for (let v = firstVersion; ; v++) {
    say(`put ${v}`);
    const put = await backend.putObject(VERSIONED_BUCKET, 'k', asAsync(versionData(v, versionedSize(v))), {
      metadata: { contentType: 'application/octet-stream', headers: {}, userMetadata: { version: String(v) }, storageClass: 'Standard', acl: 'default' },
      now: v,
    });
    say(`put-done ${v} ${put.versionId ?? 'null'}`);
    if (v % 3 === 0) {
      say(`delete ${v}`);
      const marker = await backend.deleteObject(VERSIONED_BUCKET, 'k', { now: v });
      say(`delete-done ${v} ${marker.versionId ?? 'null'}`);
    }
    if (v % 2 === 0) {
      const chain = await backend.listObjectVersions(VERSIONED_BUCKET, { prefix: 'k', keyMarker: '', limit: 1000 });
      const oldest = chain.at(-1);
      if (oldest !== undefined) {
        const id = versionIdOf(oldest.version);
        say(`purge ${v} ${id}`);
        await backend.deleteObject(VERSIONED_BUCKET, 'k', { versionId: id });
        say(`purge-done ${v} ${id}`);
      }
    }
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [dataDir, first] = process.argv.slice(2);
  if (dataDir === undefined || first === undefined) {
    process.stderr.write('usage: versioned-worker.ts <dataDir> <firstVersion>\n');
    process.exit(2);
  }
  main(dataDir, Number(first)).catch((error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  });
}
