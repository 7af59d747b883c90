/**
 * Redaction of log text. OSS errors carry `METHOD URL` in their message (the store's internal
 * endpoint, the object path and, for presigned requests, the signature in the query); other
 * libraries put connection strings with passwords in theirs. Logs keep the words, not the URLs.
 */

/** What a URL is replaced with. */
export const REDACTED_URL = '[url]';

/** Any `scheme://…` up to whitespace, a quote or a bracket that cannot be part of it. */
const URL_PATTERN = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>`]*/gi;

/** `text` with every URL (scheme, user info, host, path and query alike) replaced by {@link REDACTED_URL}. */
export function redactUrls(text: string): string {
  return text.replace(URL_PATTERN, REDACTED_URL);
}
