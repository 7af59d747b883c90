/**
 * The settle rule of the metadata editor's single-copy guard. Pure.
 *
 * A metadata-only self-copy keeps the ETag, so the only guard that sees a concurrent metadata edit
 * is `x-oss-copy-source-if-unmodified-since: <Last-Modified read>`, and Last-Modified has
 * one-second resolution: an edit landing in the same second as the one read is invisible to it.
 * Every write committed after a read carries a Last-Modified no earlier than the server's clock at
 * that read, so once the store's own clock (its `Date` header) was in a later second than the
 * Last-Modified at the time of the read, any later write fails the guard.
 */

/**
 * Milliseconds to wait, counted from when the reads' answers arrived, until the store's clock is
 * surely in a later second than `lastModified`; 0 when it already was at every read.
 *
 * `serverDates` are the `Date` headers of the reads (HEAD, and the ACL read that is not guarded
 * by the copy). An HTTP date is truncated to the second, so a `Date` of D says the store's clock
 * was somewhere in [D, D + 1 s) when it answered, and has moved on by at least the local time
 * elapsed since: it is past the end of Last-Modified's second T = ⌊lastModified⌋ + 1 s once
 * T − D has elapsed locally. That bound is exact for the worst case and never early; it is at
 * most one second more than the shortest safe wait.
 */
export function settleWaitMs(lastModified: Date, serverDates: readonly Date[]): number {
  if (serverDates.length === 0) throw new RangeError('settleWaitMs: at least one server Date is needed');
  const earliest = Math.min(...serverDates.map((d) => Math.floor(d.getTime() / 1000) * 1000));
  const secondAfter = (Math.floor(lastModified.getTime() / 1000) + 1) * 1000;
  return Math.max(0, secondAfter - earliest);
}
