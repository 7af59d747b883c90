/**
 * Builds an {@link OssServiceError} from a non-2xx response: the `<Error>` XML body, or for
 * bodiless answers (HEAD) the base64 XML in `x-oss-err` (reference/oss-protocol.md §8).
 */
import { OssServiceError } from '../errors.js';
import type { RequestTarget } from '../errors.js';
import { parseXml } from '../xml/parse-xml.js';

/** Error code used when the response says nothing parseable about the error. */
export const BAD_ERROR_RESPONSE = 'BadErrorResponse';

/**
 * The service error of a non-2xx response. Never throws: an unparseable body gives code
 * {@link BAD_ERROR_RESPONSE} with the body text (cut) as message. Request id and EC fall back to
 * the `x-oss-request-id` and `x-oss-ec` headers; `serverDate` comes from `Date`.
 */
export function parseServiceError(
  status: number,
  headers: Readonly<Record<string, string>>,
  body: Uint8Array,
  target: RequestTarget,
): OssServiceError {
  let xml = Buffer.from(body).toString('utf8').trim();
  if (xml === '' && headers['x-oss-err']) {
    xml = Buffer.from(headers['x-oss-err'], 'base64').toString('utf8').trim();
  }
  const fields = xml === '' ? undefined : errorFields(xml);
  const date = headers['date'] ? new Date(headers['date']) : undefined;
  return new OssServiceError({
    status,
    code: fields?.Code || BAD_ERROR_RESPONSE,
    message: fields?.Message ?? (fields === undefined && xml !== '' ? xml.slice(0, 256) : httpReason(status)),
    requestId: fields?.RequestId || headers['x-oss-request-id'] || undefined,
    ec: fields?.EC || headers['x-oss-ec'] || undefined,
    hostId: fields?.HostId || undefined,
    target,
    serverDate: date !== undefined && !Number.isNaN(date.getTime()) ? date : undefined,
    deleteMarker: headers['x-oss-delete-marker'] === 'true',
    versionId: headers['x-oss-version-id'] || undefined,
  });
}

/** The text children of `<Error>`, or `undefined` when `xml` is not an error document. */
function errorFields(xml: string): Record<string, string | undefined> | undefined {
  try {
    const root = parseXml(xml)['Error'];
    if (root === null || typeof root !== 'object') return undefined;
    const out: Record<string, string | undefined> = {};
    for (const [name, value] of Object.entries(root as Record<string, unknown>)) {
      if (typeof value === 'string') out[name] = value;
    }
    return out;
  } catch {
    return undefined;
  }
}

function httpReason(status: number): string {
  return `HTTP ${status}`;
}
