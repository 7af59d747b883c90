/**
 * PostObject policies as local-oss checks them (reference wave 2 §9.2–9.3): parsing the base64
 * policy, its expiry, every condition kind (exact, `eq`, `starts-with`, `in`, `not-in`,
 * `content-length-range`) and the rule that every form field is covered by a condition. Pure.
 */
import { LocalOssError } from './errors.js';

/** A condition on one form field (lowercase name, without `$`). */
export interface FieldCondition {
  readonly kind: 'eq' | 'starts-with' | 'in' | 'not-in';
  readonly field: string;
  readonly values: readonly string[];
  /** The condition as OSS prints it in `Policy Condition failed: …`. */
  readonly text: string;
}

/** A parsed policy. */
export interface PostPolicyDocument {
  /** Expiry in epoch milliseconds. */
  readonly expiration: number;
  readonly conditions: readonly FieldCondition[];
  /** Allowed file sizes (the intersection of every `content-length-range`); absent: any. */
  readonly sizeRange?: { readonly min: number; readonly max: number };
}

/** Form fields never named by a policy: the policy and the signatures themselves. */
const UNCOVERED_OK = new Set(['policy', 'signature', 'ossaccesskeyid', 'x-oss-signature', 'x-oss-security-token', 'file']);

function invalid(message: string): LocalOssError {
  return new LocalOssError('InvalidPolicyDocument', `Invalid Policy: ${message}`);
}

/**
 * Turns OSS's `\$` escape (a literal dollar sign) into `$` so the text is standard JSON; other
 * escapes are left for JSON.parse. An escaped backslash (`\\`) is skipped as a pair.
 */
export function unescapeDollar(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && i + 1 < text.length) {
      const next = text[i + 1];
      out += next === '$' ? '$' : `\\${next}`;
      i++;
    } else {
      out += c;
    }
  }
  return out;
}

function render(op: string, field: string, value: unknown): string {
  return `[${JSON.stringify(op)}, ${JSON.stringify(`$${field}`)}, ${JSON.stringify(value).replace(/","/g, '", "')}]`;
}

function fieldName(raw: unknown, condition: unknown): string {
  if (typeof raw !== 'string' || raw === '' || raw === '$') {
    throw invalid(`Invalid Condition: the field of ${JSON.stringify(condition)} must be a "$name" string.`);
  }
  return (raw.startsWith('$') ? raw.slice(1) : raw).toLowerCase();
}

function sizeBound(value: unknown, condition: unknown): number {
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
    throw invalid(`Invalid content-length-range: ${JSON.stringify(condition)} needs two non-negative integers.`);
  }
  return n;
}

/**
 * Parses the `policy` form field (base64 of UTF-8 JSON). Throws `InvalidPolicyDocument` for bad
 * base64 or JSON, a missing or unparseable `expiration`, missing or empty `conditions`, a
 * condition that is neither a one-property map nor a known list form, or a malformed range.
 */
export function parsePostPolicy(base64: string): PostPolicyDocument {
  const trimmed = base64.trim();
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(trimmed) || trimmed.length % 4 !== 0) {
    throw invalid('the policy is not valid base64.');
  }
  let json: unknown;
  try {
    json = JSON.parse(unescapeDollar(Buffer.from(trimmed, 'base64').toString('utf8')));
  } catch (error) {
    throw invalid(`Invalid JSON: ${(error as Error).message}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw invalid('the policy must be a JSON object.');
  const { expiration, conditions } = json as { expiration?: unknown; conditions?: unknown };
  if (typeof expiration !== 'string' || Number.isNaN(Date.parse(expiration))) {
    throw invalid('expiration must be an ISO 8601 date such as 2030-01-01T12:00:00.000Z.');
  }
  if (!Array.isArray(conditions) || conditions.length === 0) throw invalid('conditions must be a non-empty list.');

  const out: FieldCondition[] = [];
  let min = 0;
  let max = Number.POSITIVE_INFINITY;
  let ranged = false;
  for (const condition of conditions as unknown[]) {
    if (Array.isArray(condition)) {
      const [op, a, b] = condition as unknown[];
      const opName = typeof op === 'string' ? op.toLowerCase() : op;
      if (opName === 'content-length-range') {
        if (condition.length !== 3) throw invalid(`Invalid content-length-range: ${JSON.stringify(condition)}.`);
        const lo = sizeBound(a, condition);
        const hi = sizeBound(b, condition);
        if (lo > hi) throw invalid(`Invalid content-length-range: minimum ${lo} exceeds maximum ${hi}.`);
        min = Math.max(min, lo);
        max = Math.min(max, hi);
        ranged = true;
        continue;
      }
      if (condition.length !== 3) throw invalid(`Invalid Condition: ${JSON.stringify(condition)} must have three elements.`);
      const field = fieldName(a, condition);
      if (opName === 'eq' || opName === 'starts-with') {
        if (typeof b !== 'string') throw invalid(`Invalid Condition: the value of ${JSON.stringify(condition)} must be a string.`);
        out.push({ kind: opName, field, values: [b], text: render(opName, field, b) });
        continue;
      }
      if (opName === 'in' || opName === 'not-in') {
        if (!Array.isArray(b) || b.some((v) => typeof v !== 'string')) {
          throw invalid(`Invalid Condition: the values of ${JSON.stringify(condition)} must be a list of strings.`);
        }
        out.push({ kind: opName, field, values: b as string[], text: render(opName, field, b) });
        continue;
      }
      throw invalid(`Invalid Condition: unknown matching mode ${JSON.stringify(op)}.`);
    }
    if (typeof condition === 'object' && condition !== null) {
      const entries = Object.entries(condition);
      if (entries.length !== 1) throw invalid('Invalid Simple-Condition: Simple-Conditions must have exactly one property specified.');
      const [name, value] = entries[0] as [string, unknown];
      if (typeof value !== 'string') throw invalid(`Invalid Simple-Condition: the value of ${JSON.stringify(name)} must be a string.`);
      const field = fieldName(name, condition);
      out.push({ kind: 'eq', field, values: [value], text: render('eq', field, value) });
      continue;
    }
    throw invalid(`Invalid Condition: ${JSON.stringify(condition)} is neither a map nor a list.`);
  }
  return { expiration: Date.parse(expiration), conditions: out, ...(ranged ? { sizeRange: { min, max } } : {}) };
}

function denied(detail: string): LocalOssError {
  return new LocalOssError('AccessDenied', `Invalid according to Policy: ${detail}`);
}

function holds(condition: FieldCondition, value: string): boolean {
  switch (condition.kind) {
    case 'eq':
      return value === condition.values[0];
    case 'starts-with':
      return value.startsWith(condition.values[0] ?? '');
    case 'in':
      return condition.values.includes(value);
    case 'not-in':
      return !condition.values.includes(value);
  }
}

/**
 * Checks a parsed policy against the form (AccessDenied "Invalid according to Policy: …"):
 * not expired at `now`; every condition holds for the value of its field in `values` (lowercase
 * names; a field a condition names but the form lacks fails, as OSS documents); and every field
 * in `formFields` other than the policy and signature fields and `x-ignore-*` is named by some
 * condition ("Extra input fields"). The size range is checked while the file streams.
 */
export function checkPostPolicy(
  policy: PostPolicyDocument,
  values: ReadonlyMap<string, string>,
  formFields: readonly string[],
  now: Date,
): void {
  if (now.getTime() > policy.expiration) throw denied('Policy expired.');
  for (const condition of policy.conditions) {
    const value = values.get(condition.field);
    if (value === undefined || !holds(condition, value)) throw denied(`Policy Condition failed: ${condition.text}`);
  }
  const covered = new Set(policy.conditions.map((c) => c.field));
  const extra = formFields.filter((name) => !UNCOVERED_OK.has(name) && !name.startsWith('x-ignore-') && !covered.has(name));
  if (extra.length > 0) throw denied(`Extra input fields: ${extra.join(', ')}`);
}

/** True when the policy has a condition naming `field` (lowercase). */
export function policyNames(policy: PostPolicyDocument, field: string): boolean {
  return policy.conditions.some((c) => c.field === field);
}
