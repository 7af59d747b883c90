/** Reading a persisted-documents manifest (`OSSGRAPH_TRUSTED_DOCUMENTS`). */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ConfigError } from '../config/index.js';
import type { TrustedDocuments } from './plugins/use-trusted-documents.js';

/**
 * Parses a manifest as the codegen client preset writes it (`persisted-documents.json`: an object
 * of sha256 hex hash → document text) and checks that each hash is the SHA-256 of its document, so
 * a hand-edited manifest cannot map a known hash to another operation. Throws {@link ConfigError}
 * naming `variable` for anything else.
 */
export function parseTrustedDocuments(text: string, variable: string, where: string): TrustedDocuments {
  const problem = (rule: string): ConfigError => new ConfigError([{ variable, rule, value: where }]);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw problem(`must name a JSON file (${error instanceof Error ? error.message : String(error)})`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw problem('must hold a JSON object of hash → document');
  const documents = new Map<string, string>();
  for (const [hash, document] of Object.entries(json)) {
    if (typeof document !== 'string') throw problem(`entry ${JSON.stringify(hash)} must be a document string`);
    const actual = createHash('sha256').update(document).digest('hex');
    if (actual !== hash) throw problem(`entry ${JSON.stringify(hash)} must be the SHA-256 of its document (it is ${actual})`);
    documents.set(hash, document);
  }
  if (documents.size === 0) throw problem('must hold at least one document');
  return documents;
}

/** Reads and parses the manifest at `path` (see {@link parseTrustedDocuments}). */
export function readTrustedDocuments(path: string, variable = 'OSSGRAPH_TRUSTED_DOCUMENTS'): TrustedDocuments {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError([{ variable, rule: `must name a readable file (${(error as NodeJS.ErrnoException).code ?? String(error)})`, value: path }]);
  }
  return parseTrustedDocuments(text, variable, path);
}
