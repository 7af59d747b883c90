/** The one XML builder configuration of the OSS layer. */
import { XMLBuilder } from 'fast-xml-parser';

const builder = new XMLBuilder({
  ignoreAttributes: true,
  format: false,
  processEntities: true,
  suppressEmptyNode: false,
});

/**
 * Serialises `value` as the document `<rootName>…</rootName>` preceded by
 * `<?xml version="1.0" encoding="UTF-8"?>\n`. Arrays become repeated elements, nested objects
 * nested elements, `undefined` members are omitted, and text is escaped (`&`, `<`, `>`, quotes).
 */
export function buildXml(rootName: string, value: Record<string, unknown>): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ [rootName]: stripUndefined(value) }) as string}`;
}

function stripUndefined(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(stripUndefined);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(node as Record<string, unknown>)) {
    if (value !== undefined) out[name] = stripUndefined(value);
  }
  return out;
}
