/**
 * `npx tsx bench/profile-summary.ts <file.cpuprofile> [top] [--inclusive] [--split] [--callers=NAME]`:
 * the functions and the files with the most self time in a V8 CPU profile (`node --cpu-prof`), as
 * a plain-text list — enough to say where an API process spends its time without opening DevTools.
 * `--inclusive` adds time with each package / project file anywhere on the stack; `--split` adds a
 * partition of the busy time by owner (see {@link splitByOwner}); `--callers=NAME` adds the
 * heaviest call stacks leading to functions whose name contains NAME.
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
    const file = frame.url.replace(/^file:\/\//, '').replace(/^.*node_modules\//, 'node_modules/').replace(PROJECT_PREFIX, '');
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
      frames.push(`${f.functionName || '(anonymous)'} ${f.url.replace(/^.*node_modules\//, '').replace(PROJECT_PREFIX, '')}:${f.lineNumber + 1}`);
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
      } else if (PROJECT_FILE.test(url)) {
        group = url.replace(PROJECT_PREFIX, '');
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

/** A file of the project, under `src/` (tsx) or `dist/` (the compiled build), in any checkout. */
const PROJECT_FILE = /^file:\/\/(?!.*node_modules\/).*\/(src|dist)\/[^]*\.[jt]s$/;
/** What is cut from a project file's URL to name it (`dist/oss/…`). */
const PROJECT_PREFIX = /^(file:\/\/)?(?!.*node_modules\/).*?\/(?=(src|dist)\/)/;

/** The owner groups of {@link splitByOwner}, in the order they are printed. */
const OWNERS = [
  'ossgraph: V4 signing (src/oss/signer, src/oss/transport/sign-request.ts)',
  'ossgraph: the rest of src/',
  'graphql-yoga / @whatwg-node / @envelop',
  'graphql-js + @graphql-tools (parse, validate, execute)',
  'undici',
  'dataloader',
  'other packages',
  'native socket writes (writev, write*String)',
  'Node runtime only (http parser, net, timers, promises; no package on the stack)',
  'garbage collector',
  'start-up: module loading (tsx, node:internal/modules)',
] as const;

function ownerOf(url: string): (typeof OWNERS)[number] | undefined {
  if (PROJECT_FILE.test(url)) {
    return /\/(src|dist)\/oss\/(signer\/|transport\/sign-request\.[jt]s)/.test(url) ? OWNERS[0] : OWNERS[1];
  }
  if (!url.includes('/node_modules/')) return undefined;
  const parts = url.replace(/^.*node_modules\//, '').split('/');
  const pkg = parts.slice(0, parts[0]?.startsWith('@') ? 2 : 1).join('/');
  if (pkg === 'graphql-yoga' || pkg.startsWith('@graphql-yoga/') || pkg.startsWith('@whatwg-node/') || pkg.startsWith('@envelop/')) return OWNERS[2];
  if (pkg === 'graphql' || pkg.startsWith('@graphql-tools/')) return OWNERS[3];
  if (pkg === 'undici') return OWNERS[4];
  if (pkg === 'dataloader') return OWNERS[5];
  if (pkg === 'tsx') return OWNERS[10];
  return OWNERS[6];
}

/**
 * A partition of the busy samples (idle excluded) by owner: each sample goes to the nearest frame
 * on its stack that belongs to a project file or a package, so time in Node internals and native
 * code (crypto, streams, promises) is charged to the code that called it. Exceptions, checked
 * first: garbage collection; module loading anywhere on the stack (start-up, not per request);
 * native socket writes (the bytes both directions cost, whoever asked). With `requests`, each
 * group is also given in µs per request.
 */
export function splitByOwner(profile: CpuProfile, requests?: number): string {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, number>();
  let all = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const leaf = byId.get(id)?.callFrame;
    if (leaf === undefined || leaf.functionName === '(idle)') return;
    all += ms;
    let owner: string | undefined;
    if (leaf.functionName === '(garbage collector)') owner = OWNERS[9];
    for (let cur: number | undefined = id; owner === undefined && cur !== undefined; cur = parent.get(cur)) {
      const url = byId.get(cur)?.callFrame.url ?? '';
      if (url.includes('/node_modules/tsx/') || url.startsWith('node:internal/modules/')) owner = OWNERS[10];
    }
    if (owner === undefined && leaf.url === '' && /^(writev|writeBuffer|write\w*String)$/.test(leaf.functionName)) owner = OWNERS[7];
    for (let cur: number | undefined = id; owner === undefined && cur !== undefined; cur = parent.get(cur)) {
      owner = ownerOf(byId.get(cur)?.callFrame.url ?? '');
    }
    owner ??= OWNERS[8];
    totals.set(owner, (totals.get(owner) ?? 0) + ms);
  });
  const perRequest = requests !== undefined && requests > 0;
  const startup = totals.get(OWNERS[10]) ?? 0;
  return [
    `busy time by owner (${all.toFixed(0)} ms busy; ${(all - startup).toFixed(0)} ms without start-up${perRequest ? `; µs per request over ${requests} requests, start-up excluded` : ''}):`,
    ...OWNERS.map((name) => {
      const ms = totals.get(name) ?? 0;
      const us = perRequest && name !== OWNERS[10] ? `${((ms * 1000) / requests).toFixed(0).padStart(5)} µs/req  ` : '';
      return `${((ms / all) * 100).toFixed(1).padStart(5)} %  ${ms.toFixed(0).padStart(7)} ms  ${us}${name}`;
    }),
  ].join('\n');
}

const args = process.argv.slice(2);
const [file, top] = args.filter((a) => !a.startsWith('--'));
const callers = args.find((a) => a.startsWith('--callers='))?.slice('--callers='.length);
if (file !== undefined) {
  const profile = JSON.parse(await readFile(file, 'utf8')) as CpuProfile;
  console.log(summariseProfile(profile, Number(top ?? 25)));
  if (args.includes('--inclusive')) console.log(`\n${inclusiveByFile(profile, Number(top ?? 25))}`);
  const requests = args.find((a) => a.startsWith('--requests='))?.slice('--requests='.length);
  if (args.includes('--split')) console.log(`\n${splitByOwner(profile, requests === undefined ? undefined : Number(requests))}`);
  if (callers !== undefined) console.log(`\ncall stacks of ${callers}:\n${callersOf(profile, callers)}`);
}
