/** The composition rule of group commit and the per-edit checks before an edit may join a group (pure). */
import { describe, expect, it } from 'vitest';
import { composeEdits } from '../../../src/coordination/compose-edits.js';
import { prepareEdit } from '../../../src/coordination/prepare-edit.js';
import type { EditMetadataRequest } from '../../../src/oss/helpers/metadata-editor.js';
import { OssInvalidArgumentError } from '../../../src/oss/errors.js';

const base = { bucket: 'photos', key: 'cat.png', mode: 'update' } as const;

function update(extra: Partial<EditMetadataRequest>): EditMetadataRequest {
  return { ...base, ...extra };
}

/** What applying `edits` one by one does to `metadata` (the reference the composition must equal). */
function applySequentially(metadata: Record<string, string>, edits: readonly EditMetadataRequest[]): Record<string, string> {
  let current = { ...metadata };
  for (const edit of edits) {
    const next: Record<string, string> = { ...current };
    for (const [k, v] of Object.entries(edit.metadata ?? {})) next[k.toLowerCase()] = v;
    for (const k of edit.removeKeys ?? []) delete next[k.toLowerCase()];
    current = next;
  }
  return current;
}

describe('composeEdits', () => {
  it('unions sets of different keys', () => {
    const edits = Array.from({ length: 20 }, (_, i) => update({ metadata: { [`k${i}`]: `v${i}` } }));
    const composed = composeEdits(edits.map(prepareEdit));
    expect(composed).toMatchObject({ ...base, removeKeys: [] });
    expect(Object.keys(composed.metadata ?? {})).toHaveLength(20);
    expect(composed.metadata?.['k7']).toBe('v7');
  });

  it('lets a later set override an earlier remove of the same key, and a later remove an earlier set', () => {
    const composed = composeEdits(
      [
        update({ removeKeys: ['a'], metadata: { b: '1' } }),
        update({ metadata: { a: 'back' } }),
        update({ removeKeys: ['B'] }),
      ].map(prepareEdit),
    );
    expect(composed.metadata).toEqual({ a: 'back' });
    expect(composed.removeKeys).toEqual(['b']);
  });

  it('keeps the last value of a key set twice, folding case', () => {
    const composed = composeEdits([update({ metadata: { Owner: 'ann' } }), update({ metadata: { owner: 'bob' } })].map(prepareEdit));
    expect(composed.metadata).toEqual({ owner: 'bob' });
  });

  it('keeps the last change of each system header, null included', () => {
    const composed = composeEdits(
      [
        update({ systemHeaders: { contentType: 'text/plain', cacheControl: 'no-cache' } }),
        update({ systemHeaders: { contentType: null } }),
        update({ systemHeaders: { contentLanguage: 'en' } }),
        update({ systemHeaders: { cacheControl: 'max-age=60' } }),
      ].map(prepareEdit),
    );
    expect(composed.systemHeaders).toEqual({ contentType: null, cacheControl: 'max-age=60', contentLanguage: 'en' });
  });

  it('equals applying the edits one after the other (random sequences)', () => {
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const names = ['a', 'b', 'c', 'd', 'e'];
    for (let round = 0; round < 200; round++) {
      const edits: EditMetadataRequest[] = [];
      for (let i = 0; i < 1 + random(8); i++) {
        const metadata: Record<string, string> = {};
        const removeKeys: string[] = [];
        for (const name of names) {
          const pick = random(4);
          if (pick === 0) metadata[name] = `v${round}-${i}`;
          if (pick === 1) removeKeys.push(name);
        }
        edits.push(update({ metadata, removeKeys }));
      }
      const start = { a: 'x', c: 'y', z: 'kept' };
      const composed = composeEdits(edits.map(prepareEdit));
      expect(applySequentially(start, [composed])).toEqual(applySequentially(start, edits));
      // The composed request is itself a valid edit (no key both set and removed).
      expect(() => prepareEdit(composed)).not.toThrow();
    }
  });

  it('refuses edits that do not compose', () => {
    expect(() => composeEdits([])).toThrow(RangeError);
    expect(() => composeEdits([prepareEdit({ ...base, mode: 'replace', metadata: {} })])).toThrow(RangeError);
    expect(() => composeEdits([prepareEdit(update({ ifMatch: '"abc"' }))])).toThrow(RangeError);
    expect(() => composeEdits([prepareEdit(update({})), prepareEdit({ ...base, key: 'dog.png' })])).toThrow(RangeError);
  });
});

describe('prepareEdit', () => {
  it('marks updates without ifMatch as composable, and nothing else', () => {
    expect(prepareEdit(update({ metadata: { a: '1' } })).composable).toBe(true);
    expect(prepareEdit(update({ ifMatch: '"e"' })).composable).toBe(false);
    expect(prepareEdit({ ...base, mode: 'replace', metadata: {} }).composable).toBe(false);
  });

  it.each<[string, EditMetadataRequest, string]>([
    ['a bad bucket', { ...base, bucket: 'No' }, 'bucket'],
    ['an empty key', { ...base, key: '' }, 'key'],
    ['an unknown mode', { ...base, mode: 'merge' as 'update' }, 'mode'],
    ['removeKeys in replace mode', { ...base, mode: 'replace', removeKeys: ['a'] }, 'removeKeys'],
    ['a bad metadata name', update({ metadata: { 'a b': '1' } }), 'metadata'],
    ['a non-ASCII metadata value', update({ metadata: { a: 'é' } }), 'metadata.a'],
    ['more than 8 KB of metadata', update({ metadata: { a: 'x'.repeat(9000) } }), 'metadata'],
    ['a key both set and removed', update({ metadata: { a: '1' }, removeKeys: ['A'] }), 'removeKeys'],
    ['an unknown system header', update({ systemHeaders: { contentMd5: 'x' } as never }), 'systemHeaders'],
    ['a CR/LF in a system header', update({ systemHeaders: { contentType: 'text/plain\r\nx-evil: 1' } }), 'systemHeaders.contentType'],
  ])('rejects %s naming the field', (_name, request, field) => {
    let error: unknown;
    try {
      prepareEdit(request);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OssInvalidArgumentError);
    expect((error as OssInvalidArgumentError).field).toBe(field);
  });
});
