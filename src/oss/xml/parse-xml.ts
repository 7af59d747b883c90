/** The one XML parser configuration of the OSS layer (client responses and local-oss requests). */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { OssResponseParseError } from '../errors.js';
import { parseSimpleXml } from './parse-simple-xml.js';

/** Options of {@link parseXml}. */
export interface ParseXmlOptions {
  /** Dotted element paths that are always arrays, even with 0 or 1 element (`'ListBucketResult.Contents'`). */
  readonly arrays?: readonly string[];
}

/**
 * Parses `xml` into plain objects. Every text value stays a string (no number or boolean coercion:
 * `<Key>007</Key>` is `'007'`), text is not trimmed (keys may start or end with spaces), entities
 * are decoded, attributes and the XML declaration are ignored, an empty element is `''`, and an
 * element named in `options.arrays` is always an array. Throws {@link OssResponseParseError} on
 * malformed XML.
 */
export function parseXml(xml: string, options?: ParseXmlOptions): Record<string, unknown> {
  const arrays = new Set(options?.arrays ?? []);
  // Why first: the plain XML OSS sends parses in one pass; anything else (and every error) takes the general path.
  const simple = parseSimpleXml(xml, arrays);
  if (simple !== undefined) return simple;
  return parseXmlGeneral(xml, arrays);
}

/** The general path: validator, then fast-xml-parser; the reference {@link parseSimpleXml} agrees with. */
export function parseXmlGeneral(xml: string, arrays: ReadonlySet<string>): Record<string, unknown> {
  const validation = XMLValidator.validate(xml);
  if (validation !== true) {
    const { code, msg, line, col } = validation.err;
    throw new OssResponseParseError(`malformed XML (${code} at line ${line}, column ${col}): ${msg}`);
  }
  const parser = new XMLParser({
    ignoreAttributes: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
    parseTagValue: false,
    trimValues: false,
    processEntities: true,
    htmlEntities: true,
    jPath: true,
    isArray: (_tagName, jPath) => typeof jPath === 'string' && arrays.has(jPath),
  });
  let parsed: unknown;
  try {
    parsed = parser.parse(xml);
  } catch (cause) {
    throw new OssResponseParseError(`malformed XML: ${(cause as Error).message}`, { cause });
  }
  return dropLayoutText(parsed) as Record<string, unknown>;
}

// Why: with `trimValues: false` the indentation between child elements surfaces as a `#text` key
// on the parent; it is layout, not data, so it is removed (leaf text keeps its spaces).
function dropLayoutText(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(dropLayoutText);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(node as Record<string, unknown>)) {
    if (name === '#text' && typeof value === 'string' && value.trim() === '') continue;
    out[name] = dropLayoutText(value);
  }
  return out;
}
