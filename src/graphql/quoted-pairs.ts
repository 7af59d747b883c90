/**
 * Parsing OSS's `name="value", name="value"` headers (`x-oss-restore`, `x-oss-expiration`) into
 * the typed values the API returns.
 */

/** The `name="value"` pairs of `header`, names lowercased; unquoted values are taken up to the next comma. */
export function parseQuotedPairs(header: string): Map<string, string> {
  const pairs = new Map<string, string>();
  const pattern = /\s*([A-Za-z0-9_-]+)\s*=\s*(?:"([^"]*)"|([^,]*))\s*,?/g;
  for (const match of header.matchAll(pattern)) {
    const name = match[1];
    if (name === undefined) continue;
    pairs.set(name.toLowerCase(), (match[2] ?? match[3] ?? '').trim());
  }
  return pairs;
}

/** An HTTP or ISO date, or undefined when absent or unreadable. */
function parseDate(text: string | undefined): Date | undefined {
  if (text === undefined || text === '') return undefined;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** The restore state of an archived object (`x-oss-restore`). */
export interface RestoreState {
  /** True while the restore runs. */
  readonly ongoing: boolean;
  /** Until when the restored copy is readable (once the restore finished). */
  readonly expiresAt?: Date;
}

/** `x-oss-restore: ongoing-request="true"` or `ongoing-request="false", expiry-date="…"`. */
export function parseRestoreHeader(header: string): RestoreState {
  const pairs = parseQuotedPairs(header);
  const expiresAt = parseDate(pairs.get('expiry-date'));
  return { ongoing: pairs.get('ongoing-request')?.toLowerCase() === 'true', ...(expiresAt === undefined ? {} : { expiresAt }) };
}

/** A lifecycle expiry (`x-oss-expiration`). */
export interface ExpirationState {
  readonly expiresAt?: Date;
  readonly ruleId?: string;
}

/** `x-oss-expiration: expiry-date="…", rule-id="…"`. */
export function parseExpirationHeader(header: string): ExpirationState {
  const pairs = parseQuotedPairs(header);
  const expiresAt = parseDate(pairs.get('expiry-date'));
  const ruleId = pairs.get('rule-id');
  return { ...(expiresAt === undefined ? {} : { expiresAt }), ...(ruleId === undefined ? {} : { ruleId }) };
}
