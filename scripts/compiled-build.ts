/** The compiled production build (`npm run build` → `dist/`), made once and reused while fresh. */
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Newest modification time of any file under `dir`, in ms (0 for a missing directory). */
function newestMtime(dir: string): number {
  let newest = 0;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true, recursive: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/**
 * Makes sure `root/dist` holds a build of the current `src/`: reuses the one `npm test` just made
 * (its `build` step), builds when `dist/main.js` is missing or older than a source file (a plain
 * `npx vitest run`). Throws with the compiler output when the build fails.
 */
export function ensureBuild(root: string): { built: boolean } {
  let builtAt = 0;
  try {
    builtAt = statSync(join(root, 'dist', 'main.js')).mtimeMs;
  } catch {
    builtAt = 0;
  }
  const sourcesAt = Math.max(newestMtime(join(root, 'src')), statSync(join(root, 'tsconfig.build.json')).mtimeMs);
  if (builtAt > 0 && builtAt >= sourcesAt) return { built: false };
  const result = spawnSync('npm', ['run', 'build'], { cwd: root, encoding: 'utf8', timeout: 240_000 });
  if (result.status !== 0) throw new Error(`npm run build failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  return { built: true };
}

/** Every bare module specifier `import`ed (statically or dynamically) by the `.js` files under `dir`. */
export function importedPackages(dir: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const pattern = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"]([^'"./][^'"]*)['"]/g;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.js')) continue;
    const file = join(entry.parentPath, entry.name);
    const text = readFileSync(file, 'utf8');
    for (const [, specifier] of text.matchAll(pattern)) {
      if (specifier === undefined || specifier.startsWith('node:')) continue;
      const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
      found.set(name, [...(found.get(name) ?? []), file]);
    }
  }
  return found;
}
