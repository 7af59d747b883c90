/**
 * `npm run schema:check`: regenerates `schema/schema.graphql` and `test/__generated__/` (codegen,
 * in memory) and `schema/subgraph.graphql` (the federation SDL), and fails when the committed
 * files differ (stale, missing, or left over), naming each file and the command that fixes it.
 * Writes nothing.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import config, { GENERATED } from '../codegen.js';
import { printSubgraphSdl } from '../src/graphql/federation.js';

/** The federation SDL; not a codegen output (graphql-js printing would drop `@key`). */
const SUBGRAPH_SDL = 'schema/subgraph.graphql';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** Reads `path`, or `undefined` when it does not exist. */
async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Every file under `dir` (relative to the repository root), or none when `dir` is missing. */
async function listFiles(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(join(root, dir), { recursive: true, withFileTypes: true });
    return entries.filter((e) => e.isFile()).map((e) => relative(root, join(e.parentPath, e.name)));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** Compares generated output with the files on disk; returns one line per problem. */
async function findDrift(): Promise<string[]> {
  const outputs = (await generate({ ...config, cwd: root, silent: true }, false)) as Array<{ filename: string; content: string }>;
  const problems: string[] = [];
  const expected = new Set<string>();
  for (const output of outputs) {
    const path = relative(root, resolve(root, output.filename));
    expected.add(path);
    const current = await readIfExists(join(root, path));
    if (current === undefined) problems.push(`missing: ${path}`);
    else if (current !== output.content) problems.push(`stale:   ${path}`);
  }
  for (const path of await listFiles(GENERATED.documents)) {
    if (!expected.has(path)) problems.push(`extra:   ${path} (no longer generated)`);
  }
  const subgraph = await readIfExists(join(root, SUBGRAPH_SDL));
  if (subgraph === undefined) problems.push(`missing: ${SUBGRAPH_SDL}`);
  else if (subgraph !== printSubgraphSdl()) problems.push(`stale:   ${SUBGRAPH_SDL}`);
  return problems;
}

const problems = await findDrift();
if (problems.length > 0) {
  console.error(
    `schema:check failed: generated files do not match the Pothos schema and schema/operations/*.graphql.\n` +
      problems.map((p) => `  ${p}`).join('\n') +
      `\nRun \`npm run codegen\` and commit the result (delete any extra files).`,
  );
  process.exit(1);
}
console.log(`schema:check ok: ${GENERATED.schema}, ${SUBGRAPH_SDL} and ${GENERATED.documents} are up to date.`);
