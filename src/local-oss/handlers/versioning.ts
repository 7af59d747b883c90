/**
 * Versioning (wave 2 §2): PutBucketVersioning, GetBucketVersioning, ListObjectVersions, and the
 * rules every object handler shares: the `versionId` parameter, the answers about delete markers
 * (404 `NoSuchKey` / 405 `MethodNotAllowed` with `x-oss-delete-marker`), `NoSuchVersion`, and
 * the `x-oss-version-id` response header.
 */
import { isDeleteMarker, versionIdOf, type ObjectRecord, type VersionRecord } from '../backend/backend.js';
import { compareKeys } from '../backend/backend-shared.js';
import { buildXml } from '../../oss/xml/build-xml.js';
import { parseXml } from '../../oss/xml/parse-xml.js';
import { uriEncode } from '../../oss/signer/canonical.js';
import { LocalOssError } from '../errors.js';
import { OWNER } from './bucket.js';
import { isoDate, readSmallBody, requireBucket, requireKey, type Handler, type RequestContext } from './context.js';
import { verifyBodyContentMd5 } from './object-headers.js';
import { restoreHeader } from './restore-object.js';

/**
 * The `versionId` query parameter: undefined when absent; `InvalidArgument` when empty (OSS:
 * "Version id can not be the empty string."). Any other text is looked up as it is: an id that
 * names nothing is `NoSuchVersion`, whatever its shape (OSS's test of a malformed id is
 * unverified; refusing less is the choice that breaks no client).
 */
export function versionIdParam(ctx: Pick<RequestContext, 'params'>): string | undefined {
  const versionId = ctx.params.get('versionId');
  if (versionId === '') {
    throw new LocalOssError('InvalidArgument', 'Version id can not be the empty string.', {
      details: { ArgumentName: 'versionId', ArgumentValue: '' },
    });
  }
  return versionId;
}

/** `x-oss-delete-marker` and `x-oss-version-id` of an answer about a delete marker. */
function markerHeaders(version: VersionRecord): Record<string, string> {
  return { 'x-oss-delete-marker': 'true', 'x-oss-version-id': versionIdOf(version) };
}

/**
 * The object version a request addresses (the current one, or `versionId`). Throws, as OSS
 * answers: 404 `NoSuchKey` when absent or when the current version is a delete marker (then
 * with `x-oss-delete-marker: true` and the marker's id), 404 `NoSuchVersion` for an unknown
 * version, 405 `MethodNotAllowed` (`Allow: DELETE`) when `versionId` names a delete marker.
 */
export async function addressedObject(ctx: RequestContext, bucket = requireBucket(ctx), key = requireKey(ctx)): Promise<ObjectRecord> {
  const versionId = versionIdParam(ctx);
  const version = await ctx.backend.headVersion(bucket, key, versionId);
  if (version === undefined) {
    if (versionId !== undefined) {
      throw new LocalOssError('NoSuchVersion', 'The specified version does not exist.', { details: { Key: key, VersionId: versionId } });
    }
    throw new LocalOssError('NoSuchKey', undefined, { details: { Key: key } });
  }
  if (!isDeleteMarker(version)) return version;
  if (versionId === undefined) {
    throw new LocalOssError('NoSuchKey', undefined, { details: { Key: key }, headers: markerHeaders(version) });
  }
  throw new LocalOssError('MethodNotAllowed', 'The specified method is not allowed against this resource.', {
    details: { Method: ctx.method, ResourceType: 'DeleteMarker' },
    headers: { ...markerHeaders(version), allow: 'DELETE' },
  });
}

/**
 * `x-oss-version-id` for a response about `record`: its id, or `null` for a version without one
 * in a bucket that is (or was) versioned; nothing in a bucket that never was.
 */
export async function versionHeader(ctx: RequestContext, bucket: string, record: VersionRecord): Promise<Record<string, string>> {
  if (record.versionId !== undefined) return { 'x-oss-version-id': record.versionId };
  const versioned = (await ctx.backend.getBucket(bucket))?.versioning !== undefined;
  return versioned ? { 'x-oss-version-id': 'null' } : {};
}

/** `x-oss-version-id` of a write's answer: the version the write made (none in an unversioned bucket). */
export function writtenVersionHeader(record: ObjectRecord): Record<string, string> {
  return record.versionId !== undefined ? { 'x-oss-version-id': record.versionId } : {};
}

async function requireBucketRecord(ctx: RequestContext, bucket: string) {
  const record = await ctx.backend.getBucket(bucket);
  if (record === undefined) throw new LocalOssError('NoSuchBucket', undefined, { details: { BucketName: bucket } });
  return record;
}

/**
 * `PUT /?versioning` with `<VersioningConfiguration><Status>Enabled|Suspended</Status>…` → 200.
 * Any other status (including none) is 400 `InvalidArgument`; a malformed body `MalformedXML`.
 */
export const putBucketVersioning: Handler = async (ctx) => {
  const bucket = requireBucket(ctx);
  const body = await readSmallBody(ctx);
  verifyBodyContentMd5(ctx, body);
  let parsed: Record<string, unknown>;
  try {
    parsed = parseXml(body.toString('utf8'));
  } catch {
    throw new LocalOssError('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema.');
  }
  const root = parsed['VersioningConfiguration'];
  const status = root !== null && typeof root === 'object' ? (root as { Status?: unknown }).Status : undefined;
  if (status !== 'Enabled' && status !== 'Suspended') {
    throw new LocalOssError('InvalidArgument', `The versioning Status must be Enabled or Suspended, got ${JSON.stringify(status ?? null)}.`, {
      details: { ArgumentName: 'Status', ArgumentValue: typeof status === 'string' ? status : '' },
    });
  }
  await ctx.backend.putBucketVersioning(bucket, status);
  return {};
};

/** `GET /?versioning` → `<VersioningConfiguration>` with `Status`, or empty for a never-versioned bucket. */
export const getBucketVersioning: Handler = async (ctx) => {
  const record = await requireBucketRecord(ctx, requireBucket(ctx));
  return {
    xml: { root: 'VersioningConfiguration', value: record.versioning !== undefined ? { Status: record.versioning } : {} },
  };
};

/** `max-keys` of ListObjectVersions when none is given, and its largest value. */
export const VERSIONS_DEFAULT_MAX_KEYS = 100;
export const VERSIONS_MAX_KEYS = 1000;
/** Longest prefix, key-marker and delimiter (bytes). */
const MAX_PARAM_BYTES = 1023;
const PAGE = 1000;
// Why: appended to a common prefix, it sorts after every key starting with that prefix (see list-objects.ts).
const MAX_CODE_POINT = '\u{10FFFF}';

function invalid(name: string, value: string, message: string): LocalOssError {
  return new LocalOssError('InvalidArgument', message, { details: { ArgumentName: name, ArgumentValue: value } });
}

/** One entry of a versions page, in listing order. */
type PageEntry = { readonly version: VersionRecord; readonly isLatest: boolean } | { readonly commonPrefix: string };

/**
 * `GET /?versions` → `<ListVersionsResult>`: keys ascending, each key's versions newest first
 * (`Version` and `DeleteMarker` elements interleaved in that order), `prefix`, `delimiter`
 * (common prefixes count toward `max-keys` and are not repeated when a listing resumes from
 * one), `key-marker` / `version-id-marker`, `max-keys` (default 100, at most 1000),
 * `encoding-type=url` (keys, prefixes, key markers and the delimiter encoded, `/` included).
 * A never-versioned bucket lists its objects with version id `null`.
 */
export const listObjectVersions: Handler = async (ctx) => {
  const bucket = requireBucket(ctx);
  await requireBucketRecord(ctx, bucket);
  const prefix = ctx.params.get('prefix') ?? '';
  const delimiter = ctx.params.get('delimiter') ?? '';
  const keyMarker = ctx.params.get('key-marker') ?? '';
  const versionIdMarkerParam = ctx.params.get('version-id-marker');
  const maxKeysText = ctx.params.get('max-keys');
  const encodingType = ctx.params.get('encoding-type');
  for (const [name, value] of [['prefix', prefix], ['key-marker', keyMarker], ['delimiter', delimiter]] as const) {
    if (Buffer.byteLength(value, 'utf8') > MAX_PARAM_BYTES) throw invalid(name, value, `The ${name} must be shorter than 1024 bytes.`);
  }
  if (versionIdMarkerParam !== undefined && versionIdMarkerParam !== '' && keyMarker === '') {
    throw invalid('version-id-marker', versionIdMarkerParam, 'A version-id-marker cannot be specified without a key-marker.');
  }
  const versionIdMarker = versionIdMarkerParam === undefined || versionIdMarkerParam === '' ? undefined : versionIdMarkerParam;
  let maxKeys = VERSIONS_DEFAULT_MAX_KEYS;
  if (maxKeysText !== undefined && maxKeysText !== '') {
    if (!/^\d+$/.test(maxKeysText) || Number(maxKeysText) < 1 || Number(maxKeysText) > VERSIONS_MAX_KEYS) {
      throw invalid('max-keys', maxKeysText, `max-keys must be an integer from 1 to ${VERSIONS_MAX_KEYS}.`);
    }
    maxKeys = Number(maxKeysText);
  }
  if (encodingType !== undefined && encodingType !== '' && encodingType !== 'url') {
    throw invalid('encoding-type', encodingType, 'The encoding-type must be "url".');
  }
  const url = encodingType === 'url';
  const encode = url ? (v: string) => uriEncode(v, false) : (v: string) => v;

  const entries: PageEntry[] = [];
  let truncated = false;
  let cursorKey = keyMarker;
  let cursorVersion = versionIdMarker;
  let lastCommon: string | undefined;
  scan: for (;;) {
    const page = await ctx.backend.listObjectVersions(bucket, {
      prefix,
      keyMarker: cursorKey,
      ...(cursorVersion !== undefined ? { versionIdMarker: cursorVersion } : {}),
      limit: PAGE,
    });
    for (const item of page) {
      const key = item.version.key;
      cursorKey = key;
      cursorVersion = versionIdOf(item.version);
      const index = delimiter === '' ? -1 : key.indexOf(delimiter, prefix.length);
      if (index >= 0) {
        const common = key.slice(0, index + delimiter.length);
        if (compareKeys(common, keyMarker) > 0 && common !== lastCommon) {
          if (entries.length === maxKeys) {
            truncated = true;
            break scan;
          }
          entries.push({ commonPrefix: common });
          lastCommon = common;
        }
        cursorKey = common + MAX_CODE_POINT;
        cursorVersion = undefined;
        continue scan;
      }
      if (entries.length === maxKeys) {
        truncated = true;
        break scan;
      }
      entries.push(item);
    }
    if (page.length < PAGE) break;
  }

  // Why versions are built one by one: `Version` and `DeleteMarker` elements must interleave in
  // listing order, and the XML builder groups an object's members by name. A key holding the
  // placeholder text cannot collide with it: its `<` would be escaped.
  const now = ctx.clock();
  const fragments: string[] = [];
  for (const entry of entries) {
    if ('commonPrefix' in entry) continue;
    const v = entry.version;
    const common = { Key: encode(v.key), VersionId: versionIdOf(v), IsLatest: String(entry.isLatest), LastModified: isoDate(v.lastModified) };
    if (isDeleteMarker(v)) {
      fragments.push(fragment('DeleteMarker', { ...common, Owner: OWNER }));
      continue;
    }
    const restore = restoreHeader(v, now);
    fragments.push(
      fragment('Version', {
        ...common,
        ETag: v.etag,
        Type: v.objectType,
        Size: String(v.size),
        StorageClass: v.storageClass,
        Owner: OWNER,
        ...(restore !== undefined ? { RestoreInfo: restore } : {}),
      }),
    );
  }
  const last = entries.at(-1);
  const next =
    truncated && last !== undefined
      ? 'commonPrefix' in last
        ? { NextKeyMarker: encode(last.commonPrefix), NextVersionIdMarker: '' }
        : { NextKeyMarker: encode(last.version.key), NextVersionIdMarker: versionIdOf(last.version) }
      : {};
  const xml = buildXml('ListVersionsResult', {
    Name: bucket,
    Prefix: encode(prefix),
    KeyMarker: encode(keyMarker),
    VersionIdMarker: versionIdMarker ?? '',
    ...next,
    MaxKeys: String(maxKeys),
    Delimiter: encode(delimiter),
    ...(url ? { EncodingType: 'url' } : {}),
    IsTruncated: String(truncated),
    Entries: ENTRIES_PLACEHOLDER,
    CommonPrefixes: entries.flatMap((e) => ('commonPrefix' in e ? [{ Prefix: encode(e.commonPrefix) }] : [])),
  }).replace(`<Entries>${ENTRIES_PLACEHOLDER}</Entries>`, () => fragments.join(''));
  // Why: as for every XML answer (server.ts), a CR survives XML parsing only as a reference.
  return {
    headers: { 'content-type': 'application/xml' },
    body: Buffer.from(xml.replace(/\r/g, '&#13;'), 'utf8'),
  };
};

const ENTRIES_PLACEHOLDER = 'local-oss-version-entries';

/** `<name>…</name>` without the XML declaration. */
function fragment(name: string, value: Record<string, unknown>): string {
  return buildXml(name, value).replace(/^<\?xml[^>]*\?>\n/, '');
}
