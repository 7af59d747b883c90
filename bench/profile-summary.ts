/**
 * `npx tsx bench/profile-summary.ts <file.cpuprofile> [top] [--callers=NAME]`: the functions and
 * the files with the most self time in a V8 CPU profile (`node --cpu-prof`), as a plain-text list —
 * enough to say where an API process spends its time without opening DevTools. `--callers=NAME`
 * adds the heaviest call stacks leading to functions whose name contains NAME.
 */
import { readFile } from 'node:fs/promises';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** Self time per function and per package/file, in milliseconds, largest first. */
export function summariseProfile(profile: CpuProfile, top = 25): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  for (const [id, ms] of self) {
    const frame = byId.get(id)?.callFrame;
    if (frame === undefined) continue;
    const file = frame.url.replace(/^file:\/\//, '').replace(/^.*node_modules\//, 'node_modules/').replace(/^.*\/work\/main\//, '');
    const fn = `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
    const group = file.startsWith('node_modules/')
      ? file.split('/').slice(0, file.split('/')[1]?.startsWith('@') ? 3 : 2).join('/')
      : file === '' ? `(${frame.functionName || 'native'})` : file;
    byFile.set(group, (byFile.get(group) ?? 0) + ms);
  }
  const list = (m: Map<string, number>): string[] =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, ms]) => `${((ms / total) * 100).toFixed(1).padStart(5)} %  ${ms.toFixed(0).padStart(7)} ms  ${name}`);
  return [`total sampled ${total.toFixed(0)} ms`, '', 'self time by package / file:', ...list(byFile), '', 'self time by function:', ...list(byFunction)].join('\n');
}

/** The heaviest distinct call stacks (by self time) ending in a function whose name contains `name`. */
export function callersOf(profile: CpuProfile, name: string, top = 8): string {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const stacks = new Map<string, number>();
  for (const [id, ms] of self) {
    const node = byId.get(id);
    if (node === undefined || !node.callFrame.functionName.includes(name)) continue;
    const frames: string[] = [];
    for (let cur: number | undefined = id; cur !== undefined && frames.length < 14; cur = parent.get(cur)) {
      const f = byId.get(cur)?.callFrame;
      if (f === undefined || f.functionName === '(root)') break;
      frames.push(`${f.functionName || '(anonymous)'} ${f.url.replace(/^.*node_modules\//, '').replace(/^.*\/work\/main\//, '')}:${f.lineNumber + 1}`);
    }
    const key = frames.join('\n    ← ');
    stacks.set(key, (stacks.get(key) ?? 0) + ms);
  }
  return [...stacks.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([stack, ms]) => `${ms.toFixed(0)} ms:\n    ${stack}`)
    .join('\n');
}

/** Inclusive time per project file and per package: samples with that file anywhere on the stack. */
export function inclusiveByFile(profile: CpuProfile, top = 25): string {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, number>();
  let all = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const leaf = byId.get(id)?.callFrame.functionName;
    if (leaf === '(idle)' || leaf === '(program)') return;
    all += ms;
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const url = byId.get(cur)?.callFrame.url ?? '';
      let group: string | undefined;
      if (url.includes('/node_modules/')) {
        const parts = url.replace(/^.*node_modules\//, '').split('/');
        group = parts.slice(0, parts[0]?.startsWith('@') ? 2 : 1).join('/');
      } else if (url.includes('/work/main/src/')) {
        group = url.replace(/^.*\/work\/main\//, '');
      }
      if (group !== undefined) seen.add(group);
    }
    for (const g of seen) totals.set(g, (totals.get(g) ?? 0) + ms);
  });
  return [
    `inclusive time (busy samples only, ${all.toFixed(0)} ms):`,
    ...[...totals.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, ms]) => `${((ms / all) * 100).toFixed(1).padStart(5)} %  ${ms.toFixed(0).padStart(7)} ms  ${name}`),
  ].join('\n');
}

const args = process.argv.slice(2);
const [file, top] = args.filter((a) => !a.startsWith('--'));
const callers = args.find((a) => a.startsWith('--callers='))?.slice('--callers='.length);
if (file !== undefined) {
  const profile = JSON.parse(await readFile(file, 'utf8')) as CpuProfile;
  console.log(summariseProfile(profile, Number(top ?? 25)));
  if (args.includes('--inclusive')) console.log(`\n${inclusiveByFile(profile, Number(top ?? 25))}`);
  if (callers !== undefined) console.log(`\ncall stacks of ${callers}:\n${callersOf(profile, callers)}`);
}
