/**
 * CPU profile of one synthesis: runs synth-once under `node --cpu-prof` and prints the functions
 * with the most self time, self time by module, the whole profile split into categories (garbage
 * collection, CDK resolution, our derivation, JSON writing...), and the inclusive time of phases.
 *
 *   node dist/bench/profile.js --n 1000 --envs 2 --mode ours|baseline [--top 25]
 *   node dist/bench/profile.js --profile <file.cpuprofile>     (read a profile already written)
 */
import { execFileSync } from 'child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'fs';
import { join } from 'path';
import { parseArgs } from 'util';
import { generateMeshSpec } from './generator';

/** The parts of a V8 `.cpuprofile` this reads. */
interface CpuProfile {
  readonly nodes: readonly {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: readonly number[];
  }[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** Seconds of self time per key, most first. */
function rank(profile: CpuProfile, keyOf: (frame: CpuProfile['nodes'][number]['callFrame']) => string): [string, number][] {
  const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const totals = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const key = keyOf(frames.get(id)!);
    totals.set(key, (totals.get(key) ?? 0) + profile.timeDeltas[i] / 1e6);
  });
  return [...totals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** Phases worth knowing the inclusive time of: function name and where it is defined. */
const PHASES: readonly { name: string; file: string; what: string }[] = [
  { name: 'buildMesh', file: 'lib/model/mesh.js', what: 'validation' },
  { name: 'checkPolicies', file: 'lib/policy/check-policies.js', what: 'policy checks' },
  { name: 'EnvironmentStack', file: 'stacks/environment-stack.js', what: 'construct tree (ours)' },
  { name: 'BaselineStack', file: 'bench/baseline/baseline-stack.js', what: 'construct tree (baseline)' },
  { name: 'prepareStack', file: '/lib/terraform-stack.js', what: 'CDK (cdktn or cdktf): first resolve pass' },
  { name: 'prepareStack', file: 'constructs/self-contained-stack.js', what: 'ours: first pass, elements added after seal only' },
  { name: 'toTerraform', file: '/lib/terraform-stack.js', what: 'CDK (cdktn or cdktf): per-element and whole-stack resolve passes' },
  { name: 'resolveWithLiterals', file: 'constructs/terraform-literals.js', what: 'ours: elements resolved with literal text escaped' },
  { name: 'strayExpressions', file: 'constructs/terraform-literals.js', what: 'ours: output checked for stray expressions' },
  { name: 'stringify', file: 'safe-stable-stringify/index.js', what: 'cdktn: key-sorted JSON' },
  { name: 'stringify', file: 'json-stable-stringify/index.js', what: 'cdktf 0.21: key-sorted JSON' },
  { name: 'summarizeStack', file: 'stacks/synthesize.js', what: 'ours: summary' },
  { name: 'writeFileSync', file: 'node:fs', what: 'writing files' },
  { name: 'readFileSync', file: 'node:fs', what: 'reading files (spec)' },
  { name: 'captureStackTrace', file: '/lib/tokens/private/stack-trace.js', what: 'token stack traces' },
];

/** Seconds of samples that have each phase on their stack (each sample counted once per phase). */
function inclusive(profile: CpuProfile): number[] {
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const phaseOf = new Map(
    profile.nodes.map((n) => [n.id, PHASES.findIndex((p) => p.name === n.callFrame.functionName && n.callFrame.url.endsWith(p.file))]),
  );
  const totals = PHASES.map(() => 0);
  profile.samples.forEach((id, i) => {
    const seen = new Set<number>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const phase = phaseOf.get(at)!;
      if (phase >= 0 && !seen.has(phase)) {
        seen.add(phase);
        totals[phase] += profile.timeDeltas[i] / 1e6;
      }
    }
  });
  return totals;
}

type CallFrame = CpuProfile['nodes'][number]['callFrame'];

/** Where a sample's time belongs, judged from its stack (leaf first); the first category that matches takes it. */
const CATEGORIES: readonly { what: string; matches: (stack: readonly CallFrame[]) => boolean }[] = [
  { what: 'garbage collection', matches: ([leaf]) => leaf.functionName === '(garbage collector)' },
  { what: 'module loading', matches: (stack) => stack.some((f) => f.url.startsWith('node:internal/modules')) },
  {
    what: 'JSON serialization and writing files',
    matches: (stack) => stack.some((f) => /(safe|json)-stable-stringify\/index\.js$/.test(f.url) || f.functionName === 'writeFileSync'),
  },
  {
    what: 'ours: literal-text resolution and stray-expression check',
    matches: (stack) => stack.some((f) => f.url.endsWith('constructs/terraform-literals.js')),
  },
  {
    what: 'CDK: element configurations resolved and merged (prepareStack, toTerraform)',
    matches: (stack) =>
      stack.some((f) => (f.functionName === 'toTerraform' || f.functionName === 'prepareStack') && f.url.endsWith('-stack.js')),
  },
  {
    what: 'construct tree: our derivation (plans, grants, names, policies)',
    matches: ([leaf, ...rest]) => isTree(rest) && leaf.url.includes('/dist/'),
  },
  {
    what: 'construct tree: CDK and provider constructors, tokens',
    matches: (stack) => isTree(stack),
  },
  {
    what: 'validation and policy checks (buildMesh, checkPolicies, accessPlan)',
    matches: (stack) => stack.some((f) => ['buildMesh', 'checkPolicies', 'accessPlan'].includes(f.functionName)),
  },
  { what: 'summary', matches: (stack) => stack.some((f) => f.functionName === 'summarizeStack') },
  { what: 'other', matches: () => true },
];

/** Whether a stack is inside the building of a stack's constructs (ours or the baseline's). */
function isTree(stack: readonly CallFrame[]): boolean {
  return stack.some((f) => f.functionName === 'EnvironmentStack' || f.functionName === 'BaselineStack');
}

/** Seconds of samples per {@link CATEGORIES} entry: together, the whole profile. */
function breakdown(profile: CpuProfile): number[] {
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const totals = CATEGORIES.map(() => 0);
  profile.samples.forEach((id, i) => {
    const stack: CallFrame[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) stack.push(frames.get(at)!);
    totals[CATEGORIES.findIndex((c) => c.matches(stack))] += profile.timeDeltas[i] / 1e6;
  });
  return totals;
}

/** A script's path from its package (`cdktf/lib/tokens/private/resolve.js`) or from dist/. */
function shortUrl(url: string): string {
  const i = url.lastIndexOf('node_modules/');
  return i >= 0 ? url.slice(i + 'node_modules/'.length) : url.replace(/^file:\/\//, '').replace(/^.*\/dist\//, 'dist/');
}

/** `cdktf/lib/tokens/private/resolve.js` -> `cdktf/lib/tokens`; our code by file; native frames by name. */
function moduleOf(url: string, functionName: string): string {
  if (url === '') return functionName || '(native)';
  return url.includes('node_modules/') ? shortUrl(url).split('/').slice(0, 3).join('/') : shortUrl(url);
}

/** Runs one synthesis of a generated mesh under `--cpu-prof`; returns its result line and the profile's path. */
function profileSynthesis(mode: string, n: number, environments: number): { run: string; file: string } {
  const dir = join(__dirname, '..', '..', 'bench', 'out', `profile-${mode}-n${n}-e${environments}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const specFile = join(dir, 'spec.json');
  writeFileSync(specFile, JSON.stringify(generateMeshSpec({ products: n, environments: environments as 2 | 3 })));
  // `--jobs 1`: every stack in the main thread, so that its one profile holds all the work.
  const synthesis = [join(__dirname, 'synth-once.js'), '--mode', mode, '--spec', specFile, '--out', join(dir, 'out'), '--jobs', '1'];
  const run = execFileSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', join(dir, 'prof'), ...synthesis], { encoding: 'utf8' });
  const file = readdirSync(join(dir, 'prof')).find((f) => f.endsWith('.cpuprofile'))!;
  return { run: run.trim(), file: join(dir, 'prof', file) };
}

function main(): void {
  const { values } = parseArgs({
    options: {
      n: { type: 'string', default: '1000' },
      envs: { type: 'string', default: '2' },
      mode: { type: 'string', default: 'ours' },
      top: { type: 'string', default: '25' },
      /** A `.cpuprofile` already written, to read instead of profiling a new run. */
      profile: { type: 'string' },
    },
  });
  const { run, file } =
    values.profile === undefined
      ? profileSynthesis(values.mode!, Number(values.n), Number(values.envs))
      : { run: '(read from a profile)', file: values.profile };
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const total = profile.timeDeltas.reduce((a, b) => a + b, 0) / 1e6;
  const show = (rows: [string, number][], top = rows.length) =>
    rows
      .slice(0, top)
      .map(([k, s]) => `${s.toFixed(2).padStart(7)} s ${((100 * s) / total).toFixed(1).padStart(5)}%  ${k}`)
      .join('\n');
  console.log(`${values.mode}, N = ${values.n}, ${values.envs} environments: ${run}`);
  console.log(`profiled ${total.toFixed(1)} s (profile in ${file})\n\nself time by function:`);
  const top = Number(values.top);
  console.log(
    show(
      rank(profile, (f) => `${f.functionName || '(anonymous)'} ${shortUrl(f.url)}${f.url ? `:${f.lineNumber + 1}` : ''}`),
      top,
    ),
  );
  console.log('\nself time by module:');
  console.log(
    show(
      rank(profile, (f) => moduleOf(f.url, f.functionName)),
      top,
    ),
  );
  console.log('\nwhere the time goes (each sample counted once, in the first category that fits):');
  console.log(show(breakdown(profile).map((s, i): [string, number] => [CATEGORIES[i].what, s])));
  console.log('\ninclusive time of phases (nested phases count in both):');
  console.log(show(inclusive(profile).map((s, i): [string, number] => [`${PHASES[i].what} (${PHASES[i].name})`, s])));
}

if (require.main === module) main();
