/**
 * The access policy: pure data, parsed and validated once at start-up. Its JSON shape (from
 * `OSSGRAPH_POLICY_FILE` or `OSSGRAPH_POLICY`):
 *
 * ```json
 * { "rules": [
 *     { "match": { "scope": "storage:admin" }, "bucket": "*", "prefix": "", "allow": ["read", "list", "write", "delete"] },
 *     { "bucket": "media", "prefix": "users/${sub}/", "allow": ["read", "list", "write", "delete"] },
 *     { "anonymous": true, "bucket": "media", "prefix": "public/", "allow": ["read", "list"] }
 * ] }
 * ```
 *
 * {@link decide} (in `decide.ts`) is the only reader.
 */

/** Every action the policy grants. */
export const ACTIONS = ['read', 'list', 'write', 'delete'] as const;

/**
 * What a caller wants to do: `read` an object (any `StorageObject` field, `downloadUrl`, `cors`,
 * a copy's source), `list` keys under a prefix, `write` an object (put, uploads, metadata edits,
 * a copy's destination), `delete` an object (a copy's `deleteSource`).
 */
export type Action = (typeof ACTIONS)[number];

/** A claim value a rule's `match` may require. */
export type ClaimValue = string | number | boolean;

/** One piece of a rule's prefix: literal text, or the value of a claim (`${claim}`). */
export type PrefixPart = { readonly text: string } | { readonly claim: string };

/** One validated rule. */
export interface PolicyRule {
  /** Position in the policy's `rules` (for messages and tests). */
  readonly index: number;
  /** Applies to every caller, with or without a token. */
  readonly anonymous: boolean;
  /** Claims an authenticated caller must carry (absent: any authenticated caller). */
  readonly match?: Readonly<Record<string, ClaimValue>>;
  /** A bucket name, or `*` for every bucket. */
  readonly bucket: string;
  /** The key prefix, split into literal text and `${claim}` substitutions. */
  readonly prefix: readonly PrefixPart[];
  readonly allow: ReadonlySet<Action>;
}

/** A validated policy. */
export interface Policy {
  readonly rules: readonly PolicyRule[];
}

/** One thing wrong with a policy document: where (`rules[2].allow[0]`) and which rule it broke. */
export interface PolicyProblem {
  readonly path: string;
  readonly problem: string;
}

/** The policy document is invalid; carries every problem found. */
export class PolicyError extends Error {
  override readonly name = 'PolicyError';
  readonly code = 'INVALID_POLICY';
  readonly problems: readonly PolicyProblem[];

  constructor(problems: readonly PolicyProblem[]) {
    super(`invalid access policy: ${problems.map((p) => `${p.path}: ${p.problem}`).join('; ')}`);
    this.problems = Object.freeze([...problems]);
  }
}

/** A policy that allows every action on everything to every caller (`OSSGRAPH_AUTH=none`, no policy). */
export const ALLOW_EVERYTHING: Policy = Object.freeze({
  rules: Object.freeze([{ index: 0, anonymous: true, bucket: '*', prefix: Object.freeze([]), allow: new Set(ACTIONS) }]),
});

/** A policy that allows every action on everything to any authenticated caller, and nothing to anonymous ones. */
export const ALLOW_AUTHENTICATED: Policy = Object.freeze({
  rules: Object.freeze([{ index: 0, anonymous: false, bucket: '*', prefix: Object.freeze([]), allow: new Set(ACTIONS) }]),
});

const RULE_FIELDS = ['match', 'anonymous', 'bucket', 'prefix', 'allow'] as const;
const BUCKET_NAME = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;
const MAX_PREFIX_BYTES = 1023;

function received(value: unknown): string {
  const json = JSON.stringify(value);
  return json === undefined ? String(value) : json.length > 80 ? `${json.slice(0, 77)}...` : json;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Splits `prefix` into text and `${claim}` parts; returns a problem string when a placeholder is malformed. */
function parsePrefix(prefix: string): PrefixPart[] | string {
  const parts: PrefixPart[] = [];
  let rest = prefix;
  while (rest.length > 0) {
    const start = rest.indexOf('${');
    if (start < 0) {
      parts.push({ text: rest });
      break;
    }
    if (start > 0) parts.push({ text: rest.slice(0, start) });
    const end = rest.indexOf('}', start + 2);
    if (end < 0) return 'has a "${" without its closing "}"';
    const claim = rest.slice(start + 2, end);
    if (claim === '' || /[${\s]/.test(claim)) return `has an invalid placeholder "\${${claim}}" (a claim name: no spaces, "$" or "{")`;
    parts.push({ claim });
    rest = rest.slice(end + 1);
  }
  return parts;
}

function checkRule(raw: unknown, index: number, problems: PolicyProblem[]): PolicyRule | undefined {
  const at = `rules[${index}]`;
  const before = problems.length;
  const report = (field: string, problem: string): void => {
    problems.push({ path: field === '' ? at : `${at}.${field}`, problem });
  };
  if (!isPlainObject(raw)) {
    report('', `must be an object with bucket, prefix and allow (received ${received(raw)})`);
    return undefined;
  }
  for (const field of Object.keys(raw)) {
    if (!(RULE_FIELDS as readonly string[]).includes(field)) report(field, `is not a rule field (known: ${RULE_FIELDS.join(', ')})`);
  }

  const anonymous = raw['anonymous'] ?? false;
  if (typeof anonymous !== 'boolean') report('anonymous', `must be true or false (received ${received(anonymous)})`);

  let match: Record<string, ClaimValue> | undefined;
  if (raw['match'] !== undefined) {
    const value = raw['match'];
    if (!isPlainObject(value)) {
      report('match', `must be an object of claim names to values (received ${received(value)})`);
    } else if (Object.keys(value).length === 0) {
      report('match', 'must name at least one claim (leave match out to apply the rule to any authenticated caller)');
    } else {
      match = {};
      for (const [claim, expected] of Object.entries(value)) {
        if (claim === '') report('match', 'must not have an empty claim name');
        else if (typeof expected === 'string' || typeof expected === 'boolean' || (typeof expected === 'number' && Number.isFinite(expected))) {
          match[claim] = expected;
        } else report(`match.${claim}`, `must be a string, number or boolean (received ${received(expected)})`);
      }
      if (anonymous === true) report('match', 'must not be given with "anonymous": true (an anonymous rule applies to every caller)');
    }
  }

  const bucket = raw['bucket'];
  if (typeof bucket !== 'string' || (bucket !== '*' && !BUCKET_NAME.test(bucket))) {
    report('bucket', `must be a bucket name (3 to 63 lowercase letters, digits and hyphens) or "*" for every bucket (received ${received(bucket)})`);
  }

  let prefix: PrefixPart[] = [];
  const rawPrefix = raw['prefix'];
  if (typeof rawPrefix !== 'string') {
    report('prefix', `must be a string ("" for the whole bucket) (received ${received(rawPrefix)})`);
  } else if (rawPrefix.startsWith('/') || rawPrefix.startsWith('\\')) {
    report('prefix', `must not start with "/" or "\\" (object keys never do) (received ${received(rawPrefix)})`);
  } else if (Buffer.byteLength(rawPrefix, 'utf8') > MAX_PREFIX_BYTES) {
    report('prefix', `must be at most ${MAX_PREFIX_BYTES} UTF-8 bytes (received ${Buffer.byteLength(rawPrefix, 'utf8')} bytes)`);
  } else {
    const parsed = parsePrefix(rawPrefix);
    if (typeof parsed === 'string') report('prefix', `${parsed} (received ${received(rawPrefix)})`);
    else if (anonymous === true && parsed.some((p) => 'claim' in p)) {
      report('prefix', `must not use \${claim} in an anonymous rule (an anonymous caller has no claims) (received ${received(rawPrefix)})`);
    } else prefix = parsed;
  }

  const allow = new Set<Action>();
  const rawAllow = raw['allow'];
  if (!Array.isArray(rawAllow) || rawAllow.length === 0) {
    report('allow', `must be a non-empty array of actions (${ACTIONS.join(', ')}) (received ${received(rawAllow)})`);
  } else {
    rawAllow.forEach((action: unknown, i) => {
      if (typeof action !== 'string' || !(ACTIONS as readonly string[]).includes(action)) {
        report(`allow[${i}]`, `must be one of ${ACTIONS.join(', ')} (received ${received(action)})`);
      } else if (allow.has(action as Action)) report(`allow[${i}]`, `repeats ${received(action)}`);
      else allow.add(action as Action);
    });
  }

  if (problems.length > before) return undefined;
  return Object.freeze({
    index,
    anonymous: anonymous === true,
    ...(match === undefined ? {} : { match: Object.freeze(match) }),
    bucket: bucket as string,
    prefix: Object.freeze(prefix),
    allow,
  });
}

/**
 * Validates a policy document (already parsed JSON) and returns it compiled. Throws
 * {@link PolicyError} listing every problem, each naming the rule index and the field.
 */
export function parsePolicy(document: unknown): Policy {
  const problems: PolicyProblem[] = [];
  if (!isPlainObject(document)) throw new PolicyError([{ path: '(document)', problem: `must be an object { "rules": [...] } (received ${received(document)})` }]);
  for (const field of Object.keys(document)) {
    if (field !== 'rules') problems.push({ path: field, problem: 'is not a policy field (the only one is "rules")' });
  }
  const rules = document['rules'];
  if (!Array.isArray(rules)) {
    problems.push({ path: 'rules', problem: `must be an array of rules (received ${received(rules)})` });
    throw new PolicyError(problems);
  }
  const compiled = rules.map((raw: unknown, index) => checkRule(raw, index, problems));
  if (problems.length > 0) throw new PolicyError(problems);
  return Object.freeze({ rules: Object.freeze(compiled as PolicyRule[]) });
}

/** Parses policy JSON text; a syntax error is a {@link PolicyError} too. */
export function parsePolicyJson(text: string): Policy {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new PolicyError([{ path: '(document)', problem: `is not valid JSON: ${error instanceof Error ? error.message : String(error)}` }]);
  }
  return parsePolicy(document);
}
