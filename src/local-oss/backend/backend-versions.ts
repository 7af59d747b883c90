/**
 * Version chains, shared by every {@link Backend}: a key's versions newest first, what a write or
 * delete does to them in each versioning state, version ids, and listing pages of versions.
 */
import { randomBytes } from 'node:crypto';
import {
  versionIdOf,
  type ListedVersion,
  type ListVersionsInput,
  type VersioningStatus,
  type VersionRecord,
} from './backend.js';
import { compareKeys } from './backend-shared.js';

/**
 * One version in a chain. `seq` orders versions by commit (larger is newer, unique per backend);
 * a chain is always in descending `seq` order. Backends extend it with where the data lives.
 */
export interface ChainEntry {
  readonly version: VersionRecord;
  readonly seq: number;
}

/** Keys in UTF-8 byte order (what `SortedKeys` offers). */
export interface OrderedKeys {
  readonly length: number;
  at(index: number): string;
  lowerBound(key: string, strict: boolean): number;
}

// Why this shape: OSS version ids are base64 of a small protobuf (`CAEQ…`: field 1 = 1, field 2 =
// a sequence, field 3 = a time, field 4 = 32 hex characters). local-oss encodes the commit
// sequence in field 2 so an id can be placed in a chain even after its version is gone, and uses
// the URL-safe alphabet so ids survive clients that forget to encode `+` and `/` in a query.
const HEADER = Buffer.from([0x08, 0x01, 0x10]);

function varint(value: number): number[] {
  const out: number[] = [];
  let v = BigInt(value);
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) byte |= 0x80;
    out.push(byte);
  } while (v > 0n);
  return out;
}

function readVarint(bytes: Buffer, offset: number): { value: number; next: number } | undefined {
  let value = 0n;
  let shift = 0n;
  for (let i = offset; i < bytes.length && i < offset + 10; i++) {
    const byte = bytes[i] as number;
    value |= BigInt(byte & 0x7f) << shift;
    shift += 7n;
    if ((byte & 0x80) === 0) return value <= BigInt(Number.MAX_SAFE_INTEGER) ? { value: Number(value), next: i + 1 } : undefined;
  }
  return undefined;
}

/** A new version id for the version committed as `seq` at `now` (epoch ms). */
export function newVersionId(seq: number, now: number): string {
  const bytes = Buffer.concat([
    HEADER,
    Buffer.from(varint(seq)),
    Buffer.from([0x18, ...varint(Math.max(0, Math.trunc(now)))]),
    Buffer.from([0x22, 0x20]),
    Buffer.from(randomBytes(16).toString('hex'), 'latin1'),
  ]);
  return bytes.toString('base64url');
}

/** The commit sequence a version id from {@link newVersionId} encodes, or undefined for any other text. */
export function versionSeqOf(versionId: string): number | undefined {
  if (!/^[A-Za-z0-9_-]{20,200}$/.test(versionId)) return undefined;
  const bytes = Buffer.from(versionId, 'base64url');
  if (bytes.toString('base64url') !== versionId || !bytes.subarray(0, 3).equals(HEADER)) return undefined;
  const seq = readVarint(bytes, 3);
  if (seq === undefined || bytes[seq.next] !== 0x18) return undefined;
  const time = readVarint(bytes, seq.next + 1);
  if (time === undefined || bytes[time.next] !== 0x22 || bytes[time.next + 1] !== 0x20 || bytes.length !== time.next + 2 + 32) return undefined;
  return seq.value;
}

/** True for `'null'` and ids of {@link newVersionId}: the version ids a request may name. */
export function isWellFormedVersionId(versionId: string): boolean {
  return versionId === 'null' || versionSeqOf(versionId) !== undefined;
}

/** The version id a write committed as `seq` at `now` gets in a bucket of `status`. */
export function versionIdFor(status: VersioningStatus | undefined, seq: number, now: number): string | undefined {
  if (status === undefined) return undefined;
  return status === 'Suspended' ? 'null' : newVersionId(seq, now);
}

/** The entry a request addresses: the current one without `versionId`, else that version. */
export function findVersion<T extends ChainEntry>(chain: readonly T[] | undefined, versionId: string | undefined): T | undefined {
  if (chain === undefined) return undefined;
  if (versionId === undefined) return chain[0];
  return chain.find((e) => versionIdOf(e.version) === versionId);
}

/**
 * The chain after committing `entry` (the newest version) in a bucket of `status`, and the
 * entries it replaced: every one when unversioned, the `null` version when suspended, none when
 * enabled.
 */
export function commitToChain<T extends ChainEntry>(
  chain: readonly T[],
  entry: T,
  status: VersioningStatus | undefined,
): { chain: T[]; dropped: T[] } {
  if (status === undefined) return { chain: [entry], dropped: [...chain] };
  if (status === 'Enabled') return { chain: [entry, ...chain], dropped: [] };
  const isNull = (e: T): boolean => versionIdOf(e.version) === 'null';
  return { chain: [entry, ...chain.filter((e) => !isNull(e))], dropped: chain.filter(isNull) };
}

/** The chain without version `versionId`, and the entry removed (undefined when it was absent). */
export function removeFromChain<T extends ChainEntry>(chain: readonly T[], versionId: string): { chain: T[]; removed: T | undefined } {
  const index = chain.findIndex((e) => versionIdOf(e.version) === versionId);
  if (index < 0) return { chain: [...chain], removed: undefined };
  return { chain: [...chain.slice(0, index), ...chain.slice(index + 1)], removed: chain[index] };
}

/** The chain with the entry of the same version replaced by `entry` (same place, same seq). */
export function replaceInChain<T extends ChainEntry>(chain: readonly T[], entry: T): T[] {
  const id = versionIdOf(entry.version);
  return chain.map((e) => (versionIdOf(e.version) === id ? entry : e));
}

/** Where the versions of `keyMarker` resume after `versionIdMarker` (see {@link ListVersionsInput}). */
function resumeIndex(chain: readonly ChainEntry[], versionIdMarker: string): number {
  const found = chain.findIndex((e) => versionIdOf(e.version) === versionIdMarker);
  if (found >= 0) return found + 1;
  const seq = versionSeqOf(versionIdMarker);
  if (seq === undefined) return 0;
  const older = chain.findIndex((e) => e.seq < seq);
  return older < 0 ? chain.length : older;
}

/** One page of {@link Backend.listObjectVersions} over `keys` and their chains. */
export function pageOfVersions(
  keys: OrderedKeys,
  chainOf: (key: string) => readonly ChainEntry[] | undefined,
  input: ListVersionsInput,
): ListedVersion[] {
  const { prefix, keyMarker, versionIdMarker, limit } = input;
  const out: ListedVersion[] = [];
  const emit = (chain: readonly ChainEntry[], from: number): void => {
    for (let j = from; j < chain.length && out.length < limit; j++) {
      out.push({ version: (chain[j] as ChainEntry).version, isLatest: j === 0 });
    }
  };
  if (versionIdMarker !== undefined && keyMarker.startsWith(prefix)) {
    const chain = chainOf(keyMarker) ?? [];
    emit(chain, resumeIndex(chain, versionIdMarker));
  }
  let i = compareKeys(keyMarker, prefix) >= 0 ? keys.lowerBound(keyMarker, true) : keys.lowerBound(prefix, false);
  for (; i < keys.length && out.length < limit; i++) {
    const key = keys.at(i);
    if (!key.startsWith(prefix)) break;
    emit(chainOf(key) ?? [], 0);
  }
  return out;
}
