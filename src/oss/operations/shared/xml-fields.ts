/** Reading fields out of parsed response XML (see `parseXml`: every value is a string). */
import { OssResponseParseError } from '../../errors.js';
import { parseXml } from '../../xml/parse-xml.js';
import type { OssResponse } from '../../transport/types.js';

/** A parsed XML element: child name → string, element or array of them. */
export type XmlElement = Record<string, unknown>;

/**
 * Parses the response body and returns its root element `rootName`. Throws
 * {@link OssResponseParseError} when the body is not XML or has another root.
 */
export function parseResponseXml(response: OssResponse, rootName: string, arrays: readonly string[] = []): XmlElement {
  const { body } = response;
  // A view, not `Buffer.from(body)`, which would copy the whole body before decoding it.
  const parsed = parseXml(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'), { arrays });
  const root = parsed[rootName];
  if (root === '') return {};
  if (root === null || typeof root !== 'object' || Array.isArray(root)) {
    throw new OssResponseParseError(`expected a <${rootName}> document (request id ${response.requestId || '(none)'})`);
  }
  return root as XmlElement;
}

/** The text of child `name`, or `undefined` when absent. Throws when it is not text. */
export function optionalText(element: XmlElement, name: string): string | undefined {
  const value = element[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new OssResponseParseError(`<${name}> is not a text element`);
  return value;
}

/** The text of child `name`; throws when absent. */
export function requiredText(element: XmlElement, name: string): string {
  const value = optionalText(element, name);
  if (value === undefined) throw new OssResponseParseError(`missing <${name}> element`);
  return value;
}

/** Child `name` as a non-negative integer; throws when absent or malformed. */
export function requiredInt(element: XmlElement, name: string): number {
  const value = requiredText(element, name).trim();
  if (!/^\d+$/.test(value)) throw new OssResponseParseError(`<${name}> is not a non-negative integer: ${JSON.stringify(value)}`);
  return Number(value);
}

/** Child `name` as `true`/`false`; absent is `false`. */
export function booleanText(element: XmlElement, name: string): boolean {
  return optionalText(element, name)?.trim() === 'true';
}

/** Child `name` as a date (ISO 8601); throws when absent or malformed. */
export function requiredDate(element: XmlElement, name: string): Date {
  const text = requiredText(element, name);
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) throw new OssResponseParseError(`<${name}> is not a date: ${JSON.stringify(text)}`);
  return date;
}

/** Child `name` as a list of elements (absent → empty). */
export function elements(element: XmlElement, name: string): XmlElement[] {
  const value = element[name];
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.map((item) => (item !== null && typeof item === 'object' ? (item as XmlElement) : {}));
}

/** Decodes a value of an `encoding-type=url` response (`%XX` only; `+` stays `+`). */
export function urlDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch (cause) {
    throw new OssResponseParseError(`bad URL encoding in listing value ${JSON.stringify(value)}`, { cause });
  }
}
