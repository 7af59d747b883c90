import { readFile, readdir } from 'node:fs/promises';
import { parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildPublicSchema } from '../../../src/graphql/schema.js';

const DIR = new URL('../../../schema/operations/', import.meta.url);

describe('schema/operations', () => {
  it('every named operation validates against the public schema', async () => {
    const files = (await readdir(DIR)).filter((f) => f.endsWith('.graphql'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const document = parse(await readFile(new URL(file, DIR), 'utf8'));
      expect(validate(buildPublicSchema(), document).map((e) => `${file}: ${e.message}`)).toEqual([]);
    }
  });
});
