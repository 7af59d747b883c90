/** Trusted documents (OSSGRAPH_TRUSTED_DOCUMENTS): only manifest operations run, sent by hash. */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/config/index.js';
import { readTrustedDocuments } from '../../../src/server/trusted-documents.js';
import { startAppFixture } from './app-fixture.js';
import type { AppFixture } from './app-fixture.js';

const MANIFEST = fileURLToPath(new URL('../../__generated__/persisted-documents.json', import.meta.url));
const documents = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Record<string, string>;
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The manifest entry of the operation named `name`. */
function entry(name: string): { hash: string; document: string } {
  const found = Object.entries(documents).find(([, document]) => new RegExp(`(query|mutation) ${name}\\b`).test(document));
  if (found === undefined) throw new Error(`no ${name} in the manifest`);
  return { hash: found[0], document: found[1] };
}

interface Body {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

async function send(fixture: AppFixture, path: string, payload: Record<string, unknown>): Promise<{ status: number; body: Body }> {
  const response = await fixture.fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });
  return { status: response.status, body: (await response.json()) as Body };
}

const byHash = (hash: string, variables: Record<string, unknown> = {}) => ({ variables, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });

describe('trusted documents', () => {
  let fixture: AppFixture;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ossgraph-trusted-'));
    fixture = await startAppFixture({ OSSGRAPH_TRUSTED_DOCUMENTS: MANIFEST });
    await fixture.app.api.putObject({ bucket: 'demo', key: 'docs/readme.md', body: 'hello', contentType: 'text/markdown' });
  });
  afterAll(async () => {
    await fixture.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs a manifest operation sent by its hash', async () => {
    const { hash } = entry('DemoBucket');
    fixture.store.stats.reset();
    const { status, body } = await send(fixture, '/graphql', byHash(hash));
    expect(body.errors).toBeUndefined();
    expect(status).toBe(200);
    expect(body.data?.['object']).toMatchObject({ key: 'docs/readme.md', contentType: 'text/markdown' });
    expect(fixture.store.stats.total()).toBeGreaterThan(0);
  });

  it('refuses an unknown hash, document text (even of a manifest operation) and a request with neither, at zero store requests', async () => {
    fixture.store.stats.reset();
    const unknown = await send(fixture, '/graphql', byHash(sha256('{ object(bucket: "demo", key: "docs/readme.md") { key } }')));
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors?.[0]).toMatchObject({
      message: expect.stringContaining('runs only trusted documents (OSSGRAPH_TRUSTED_DOCUMENTS)'),
      extensions: { code: 'TRUSTED_DOCUMENT_NOT_FOUND' },
    });
    for (const query of ['{ object(bucket: "demo", key: "docs/readme.md") { key } }', entry('DemoBucket').document]) {
      const text = await send(fixture, '/graphql', { query });
      expect(text.status).toBe(400);
      expect(text.body.errors?.[0]?.extensions).toEqual({ code: 'TRUSTED_DOCUMENT_REQUIRED', httpRequestId: expect.any(String) });
    }
    const neither = await send(fixture, '/graphql', { variables: {} });
    expect(neither.body.errors?.[0]?.extensions).toEqual({ code: 'TRUSTED_DOCUMENT_NOT_FOUND', httpRequestId: expect.any(String) });
    expect(neither.body.data ?? null).toBeNull();
    expect(fixture.store.stats.total()).toBe(0);
  });

  it('leaves /subgraph to the router (it sends operations it plans itself)', async () => {
    const { body } = await send(fixture, '/subgraph', { query: '{ _service { sdl } }' });
    expect(body.errors).toBeUndefined();
  });

  it('still applies every operation limit to manifest documents', async () => {
    const heavy = `{ ${Array.from({ length: 21 }, (_, i) => `a${i}: object(bucket: "demo", key: "k${i}") { key }`).join(' ')} }`;
    const path = join(dir, 'heavy.json');
    writeFileSync(path, JSON.stringify({ [sha256(heavy)]: heavy }));
    const strict = await startAppFixture({ OSSGRAPH_TRUSTED_DOCUMENTS: path });
    try {
      const { body } = await send(strict, '/graphql', byHash(sha256(heavy)));
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'maxAliases' });
      expect(strict.store.stats.total()).toBe(0);
    } finally {
      await strict.close();
    }
  });

  it('refuses to start with a manifest that is missing, not JSON, or maps a hash to another document', () => {
    const write = (name: string, text: string): string => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    };
    const cases: Array<[string, RegExp]> = [
      [join(dir, 'missing.json'), /must name a readable file \(ENOENT\)/],
      [write('bad.json', '{ not json'), /must name a JSON file/],
      [write('array.json', '[]'), /must hold a JSON object of hash → document/],
      [write('empty.json', '{}'), /must hold at least one document/],
      [write('forged.json', JSON.stringify({ [entry('DemoBucket').hash]: '{ buckets { name } }' })), /must be the SHA-256 of its document/],
    ];
    for (const [path, rule] of cases) {
      let thrown: unknown;
      try {
        readTrustedDocuments(path);
      } catch (error) {
        thrown = error;
      }
      expect(thrown, path).toBeInstanceOf(ConfigError);
      expect((thrown as ConfigError).message, path).toMatch(rule);
      expect((thrown as ConfigError).message, path).toContain('OSSGRAPH_TRUSTED_DOCUMENTS');
    }
    expect(readTrustedDocuments(MANIFEST).size).toBe(Object.keys(documents).length);
  });
});
