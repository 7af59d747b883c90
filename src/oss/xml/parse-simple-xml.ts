/**
 * A single-pass parser for the plain XML that OSS and local-oss send (elements, text, the five XML
 * entities and character references, attributes to ignore, one leading declaration), producing
 * exactly what {@link parseXml}'s general path (validator + fast-xml-parser) produces for it.
 *
 * Why: a ListObjectsV2 page of 100 entries spent ≈ 40 % of the API's busy time in the validator and
 * fast-xml-parser (bench scenario 3). Anything outside that subset — comments, CDATA, DOCTYPE,
 * processing instructions after the start, HTML entities, mixed content, carriage returns, a
 * structural error — returns `undefined`, and the caller falls back to the general path, which
 * also produces the error for malformed input. So the subset never has to decide what is malformed.
 */

/** Decodes the entities of one text run; `undefined` for one outside the subset. */
function decodeText(text: string): string | undefined {
  let amp = text.indexOf('&');
  if (amp === -1) return text;
  let out = '';
  let from = 0;
  while (amp !== -1) {
    const semi = text.indexOf(';', amp + 1);
    if (semi === -1 || semi - amp > 12) return undefined;
    const name = text.slice(amp + 1, semi);
    let ch: string;
    switch (name) {
      case 'amp':
        ch = '&';
        break;
      case 'lt':
        ch = '<';
        break;
      case 'gt':
        ch = '>';
        break;
      case 'quot':
        ch = '"';
        break;
      case 'apos':
        ch = "'";
        break;
      default: {
        const code = /^#x[0-9a-fA-F]{1,6}$/.test(name)
          ? Number.parseInt(name.slice(2), 16)
          : /^#[0-9]{1,7}$/.test(name)
            ? Number.parseInt(name.slice(1), 10)
            : Number.NaN;
        // Why only plain code points: control characters, surrogates and out-of-range values are
        // left to the general path, whatever it makes of them.
        if (!(code >= 0x20 && code <= 0x10ffff) || (code >= 0xd800 && code <= 0xdfff)) return undefined;
        ch = String.fromCodePoint(code);
      }
    }
    out += text.slice(from, amp) + ch;
    from = semi + 1;
    amp = text.indexOf('&', from);
  }
  return out + text.slice(from);
}

const NAME = /^[A-Za-z_][A-Za-z0-9_.:-]*$/;

/** An element being filled: its path, its children (when any) and its text. */
interface Frame {
  readonly name: string;
  /** The dotted path, kept only while it may still lead to an `arrays` path (else `undefined`). */
  readonly path: string | undefined;
  /** Whether the path is one of `arrays`. */
  readonly alwaysArray: boolean;
  children: Record<string, unknown> | undefined;
  text: string;
}

/**
 * Adds `value` under `name` to `parent`, as fast-xml-parser does: a path in `arrays` is always an
 * array, a repeated name becomes one. Values are strings or objects, never arrays, so an array
 * already there is one this function made.
 */
function addChild(parent: Frame, name: string, alwaysArray: boolean, value: unknown): void {
  const children = (parent.children ??= {});
  const existing = children[name];
  if (existing === undefined) children[name] = alwaysArray ? [value] : value;
  else if (Array.isArray(existing)) existing.push(value);
  else children[name] = [existing, value];
}

/**
 * Parses `xml` when it is inside the subset described above; `undefined` otherwise (including
 * every malformed input), never throws.
 */
export function parseSimpleXml(xml: string, arrays: ReadonlySet<string>): Record<string, unknown> | undefined {
  if (xml.includes('\r') || xml.includes('<!')) return undefined;
  let i = 0;
  const len = xml.length;
  while (i < len && /\s/.test(xml[i] ?? '')) i++;
  if (xml.startsWith('<?xml', i)) {
    const end = xml.indexOf('?>', i);
    if (end === -1) return undefined;
    i = end + 2;
  }
  // Why prefixes: only an element on the way to an `arrays` path needs its dotted path; building
  // (and hashing) the path of every element cost ≈ 30 % of parsing a 100-entry listing (228 → 158 µs).
  const prefixes = new Set<string>();
  for (const path of arrays) {
    for (let dot = path.indexOf('.'); dot !== -1; dot = path.indexOf('.', dot + 1)) prefixes.add(path.slice(0, dot));
  }
  const root: Frame = { name: '', path: '', alwaysArray: false, children: undefined, text: '' };
  const stack: Frame[] = [root];
  let rootElements = 0;
  while (i < len) {
    const lt = xml.indexOf('<', i);
    const textEnd = lt === -1 ? len : lt;
    if (textEnd > i) {
      const raw = xml.slice(i, textEnd);
      const top = stack[stack.length - 1] as Frame;
      if (top === root) {
        if (raw.trim() !== '') return undefined;
      } else {
        top.text += raw;
      }
    }
    if (lt === -1) break;
    const next = xml.charCodeAt(lt + 1);
    if (next === 0x2f /* / */) {
      const gt = xml.indexOf('>', lt + 2);
      if (gt === -1) return undefined;
      const name = xml.slice(lt + 2, gt).trimEnd();
      const frame = stack.pop();
      if (frame === undefined || frame === root || frame.name !== name) return undefined;
      const parent = stack[stack.length - 1] as Frame;
      let value: unknown;
      if (frame.children === undefined) {
        const decoded = decodeText(frame.text);
        if (decoded === undefined) return undefined;
        value = decoded;
      } else {
        // Layout whitespace between children is dropped; other text beside children is mixed content.
        if (frame.text.trim() !== '') return undefined;
        value = frame.children;
      }
      addChild(parent, name, frame.alwaysArray, value);
      i = gt + 1;
      continue;
    }
    if (next === 0x3f /* ? */ || next === 0x21 /* ! */) return undefined;
    // A start tag: the name, then attributes (ignored) up to `>` or `/>`, honouring quotes.
    let j = lt + 1;
    while (j < len) {
      const c = xml.charCodeAt(j);
      if (c === 0x3e || c === 0x2f || c === 0x20 || c === 0x09 || c === 0x0a) break;
      j++;
    }
    const name = xml.slice(lt + 1, j);
    if (!NAME.test(name) || name === '__proto__') return undefined;
    let quote = 0;
    let k = j;
    for (; k < len; k++) {
      const c = xml.charCodeAt(k);
      if (quote !== 0) {
        if (c === quote) quote = 0;
      } else if (c === 0x22 || c === 0x27) {
        quote = c;
      } else if (c === 0x3c) {
        return undefined;
      } else if (c === 0x3e) {
        break;
      }
    }
    if (k >= len) return undefined;
    const attributes = xml.slice(j, k);
    const selfClosing = attributes.endsWith('/');
    if (attributes.trim() !== '' && !/^\s/.test(attributes) && !(attributes === '/')) return undefined;
    const parent = stack[stack.length - 1] as Frame;
    if (parent === root && ++rootElements > 1) return undefined;
    const path = parent === root ? name : parent.path === undefined ? undefined : `${parent.path}.${name}`;
    if (selfClosing) {
      addChild(parent, name, path !== undefined && arrays.has(path), '');
    } else {
      const kept = path !== undefined && prefixes.has(path) ? path : undefined;
      stack.push({ name, path: kept, alwaysArray: path !== undefined && arrays.has(path), children: undefined, text: '' });
    }
    i = k + 1;
  }
  if (stack.length !== 1 || rootElements !== 1) return undefined;
  return root.children;
}
