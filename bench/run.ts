/**
 * `npm run bench`: every figure issue 16 asks for, from one command. Synthesizes generated meshes
 * of several sizes with meshgrant (by default and in one thread), with the hand-written L1
 * baseline and with the floor (the same JSON serialized and written); measures the report
 * commands (readback, `access`, `diff`, `impact`) on the same outputs; fits the growth exponent k
 * (time ~ N^k) of each over the sizes; and counts what typical changes cost. Each run is its own
 * process. Prints the tables and the conditions (load average, cores, versions); the figures
 * also go to bench/results.json.
 *
 * Options: `--sizes 200x2,1000x2,2000x2` (products x environments), `--reports 200,1000,2000`
 * (products, two environments; `none` to skip), `--runs 3`, `--seed 1`, `--people 100000`,
 * `--change-cost 50`, `--results <file>` (default bench/results.json).
 */
import { execFileSync } from 'child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { availableParallelism, loadavg } from 'os';
import { join, relative } from 'path';
import { performance } from 'perf_hooks';
import { parseArgs } from 'util';
import { buildMesh } from '../lib/model';
import { checkPolicies } from '../lib/policy/check-policies';
import { synthesisWorkers } from '../stacks/synthesize-parallel';
import { selectCdkFlavour } from '../constructs/cdk-flavour';
import { generateMeshSpec } from './generator';
import { StackStats, stackStats } from './stack-stats';
import type { RunResult } from './synth-once';
import { ChangeCostRow, changeCostMesh, changeCostTable, formatChangeCost } from './change-cost';
import { ReportRow, Timing, benchReports, formatReports } from './reports';
import { Growth, SizedTiming, formatGrowth, growth } from './growth';

const OUT = join(__dirname, '..', '..', 'bench', 'out');
const RESULTS = join(__dirname, '..', '..', 'bench', 'results.json');
const SYNTH_ONCE = join(__dirname, 'synth-once.js');

/** One row of bench/results.json. Seconds are medians over the runs; `*Runs` keep every run. */
export interface BenchRow {
  readonly n: number;
  readonly environments: number;
  /** Products per environment stack. */
  readonly productsByEnvironment: Readonly<Record<string, number>>;
  /**
   * Process start to `synthesizeMeshParallel` done (files written), validation and policy checks
   * included: what `meshgrant synth` runs, in worker threads on a big enough mesh.
   */
  readonly synthSeconds: number;
  readonly synthRuns: readonly number[];
  /** Of which validation (`buildMesh`). */
  readonly validateSeconds: number;
  /** Of which policy checks (`checkPolicies`, timed apart in the benchmark's own process). */
  readonly policySeconds: number;
  readonly peakMemoryMb: number;
  /** CPU seconds (user + system) of the whole process: the machine is shared, this varies less than wall time. */
  readonly cpuSeconds: number;
  /** Worker threads `meshgrant synth` uses by default for this mesh here (1: none). */
  readonly workers: number;
  /** The same synthesis in one thread (`--jobs 1`); equal to the figures above when `workers` is 1. */
  readonly oneThreadSynthSeconds: number;
  readonly oneThreadCpuSeconds: number;
  readonly oneThreadPeakMemoryMb: number;
  /** One-minute load average of the machine when the row's runs ended (its cores: `conditions.cores`). */
  readonly loadAverage: number;
  /** Terraform resources, all environments together; per stack below. */
  readonly resources: number;
  readonly resourcesByEnvironment: Readonly<Record<string, number>>;
  readonly resourcesByType: Readonly<Record<string, number>>;
  readonly lakeFormationByTarget: Readonly<Record<string, number>>;
  readonly bytes: number;
  /** Process start to files written, less deriving the grants from the mesh (a hand-written project has them in its code). */
  readonly baselineSynthSeconds: number;
  readonly baselineSynthRuns: readonly number[];
  readonly baselinePeakMemoryMb: number;
  /** Less the CPU time spent deriving the grants from the mesh, as for wall time. */
  readonly baselineCpuSeconds: number;
  readonly baselineResources: number;
  readonly baselineResourcesByEnvironment: Readonly<Record<string, number>>;
  readonly baselineResourcesByType: Readonly<Record<string, number>>;
  readonly baselineLakeFormationByTarget: Readonly<Record<string, number>>;
  readonly baselineBytes: number;
  /** Serializing and writing our JSON from plain objects. */
  readonly floorSeconds: number;
  readonly synthOverBaseline: number;
  readonly cpuOverBaseline: number;
  /** CPU seconds of ours in one thread over the baseline's (which runs in one thread). */
  readonly oneThreadCpuOverBaseline: number;
  readonly synthOverFloor: number;
  readonly resourcesOverBaseline: number;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

const round = (x: number, digits = 3) => Number(x.toFixed(digits));

function timed(f: () => unknown): number {
  const start = performance.now();
  f();
  return (performance.now() - start) / 1000;
}

/** Runs synth-once in a fresh process into a fresh folder. */
function runOnce(args: string[], out: string): RunResult {
  rmSync(out, { recursive: true, force: true });
  const stdout = execFileSync(process.execPath, [SYNTH_ONCE, ...args, '--out', out], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split('\n').pop()!) as RunResult;
}

function benchOne(n: number, environments: 2 | 3, runs: number, seed: number): BenchRow {
  const dir = join(OUT, `n${n}-e${environments}`);
  mkdirSync(dir, { recursive: true });
  const spec = generateMeshSpec({ products: n, environments, seed });
  const mesh = buildMesh(spec);
  const specFile = join(dir, 'spec.json');
  writeFileSync(specFile, JSON.stringify(spec));

  const ours: RunResult[] = [];
  const oneThread: RunResult[] = [];
  const baseline: RunResult[] = [];
  const floor: RunResult[] = [];
  const workers = synthesisWorkers(mesh);
  // Interleaved, so that load from other processes falls on all alike.
  for (let i = 0; i < runs; i++) {
    ours.push(runOnce(['--mode', 'ours', '--spec', specFile], join(dir, 'ours')));
    oneThread.push(workers === 1 ? ours[i] : runOnce(['--mode', 'ours', '--spec', specFile, '--jobs', '1'], join(dir, 'ours-one-thread')));
    baseline.push(runOnce(['--mode', 'baseline', '--spec', specFile], join(dir, 'baseline')));
    floor.push(runOnce(['--mode', 'floor', '--from', join(dir, 'ours')], join(dir, 'floor')));
  }
  const o = stackStats(join(dir, 'ours'));
  const b = stackStats(join(dir, 'baseline'));
  const synthRuns = ours.map((r) => round(r.written));
  const baselineSynthRuns = baseline.map((r) => round(r.written - (r.modeled - r.loaded)));
  const synthSeconds = median(synthRuns);
  const baselineSynthSeconds = median(baselineSynthRuns);
  const floorSeconds = round(median(floor.map((r) => r.written - r.loaded)));
  const cpuSeconds = round(median(ours.map((r) => r.cpuSeconds)));
  const oneThreadCpuSeconds = round(median(oneThread.map((r) => r.cpuSeconds)));
  const baselineCpuSeconds = round(median(baseline.map((r) => r.cpuSeconds - (r.modeledCpu - r.loadedCpu))));
  const byEnv = (s: StackStats) =>
    Object.fromEntries(Object.entries(s.resourcesByStack).map(([stack, count]) => [stack.slice(mesh.name.length + 1), count]));
  return {
    n,
    environments,
    productsByEnvironment: Object.fromEntries(mesh.environments.map((e) => [e.name, mesh.productsIn(e.name).length])),
    synthSeconds,
    synthRuns,
    validateSeconds: round(median(ours.map((r) => r.modeled - r.loaded))),
    policySeconds: round(median(ours.map(() => timed(() => checkPolicies(mesh))))),
    peakMemoryMb: round(median(ours.map((r) => r.peakMemoryMb)), 0),
    cpuSeconds,
    workers,
    oneThreadSynthSeconds: median(oneThread.map((r) => round(r.written))),
    oneThreadCpuSeconds,
    oneThreadPeakMemoryMb: round(median(oneThread.map((r) => r.peakMemoryMb)), 0),
    loadAverage: round(loadavg()[0], 1),
    resources: o.resources,
    resourcesByEnvironment: byEnv(o),
    resourcesByType: o.resourcesByType,
    lakeFormationByTarget: o.lakeFormationByTarget,
    bytes: o.bytes,
    baselineSynthSeconds,
    baselineSynthRuns,
    baselinePeakMemoryMb: round(median(baseline.map((r) => r.peakMemoryMb)), 0),
    baselineCpuSeconds,
    baselineResources: b.resources,
    baselineResourcesByEnvironment: byEnv(b),
    baselineResourcesByType: b.resourcesByType,
    baselineLakeFormationByTarget: b.lakeFormationByTarget,
    baselineBytes: b.bytes,
    floorSeconds,
    synthOverBaseline: round(synthSeconds / baselineSynthSeconds, 2),
    cpuOverBaseline: round(cpuSeconds / baselineCpuSeconds, 2),
    oneThreadCpuOverBaseline: round(oneThreadCpuSeconds / baselineCpuSeconds, 2),
    synthOverFloor: round(synthSeconds / floorSeconds, 1),
    resourcesOverBaseline: round(o.resources / b.resources, 2),
  };
}

/** The rows as one table for a terminal. */
export function formatTable(rows: readonly BenchRow[]): string {
  const header = [
    'N',
    'envs',
    'resources/env',
    'JSON MB',
    'threads',
    'synth s',
    'cpu s',
    'peak MB',
    '1-thread s',
    '1-thread cpu s',
    '1-thread MB',
    'validate s',
    'policy s',
    'baseline s',
    'base cpu s',
    'base MB',
    'base res/env',
    'floor s',
    'ours/base',
    'cpu ours/base',
    '1-thread cpu ours/base',
    'ours/floor',
    'res ours/base',
    'load',
  ];
  const perEnv = (r: Readonly<Record<string, number>>) => Object.values(r).join('/');
  const cells = rows.map((r) =>
    [
      r.n,
      r.environments,
      perEnv(r.resourcesByEnvironment),
      (r.bytes / 1e6).toFixed(1),
      r.workers,
      r.synthSeconds.toFixed(2),
      r.cpuSeconds.toFixed(2),
      r.peakMemoryMb,
      r.oneThreadSynthSeconds.toFixed(2),
      r.oneThreadCpuSeconds.toFixed(2),
      r.oneThreadPeakMemoryMb,
      r.validateSeconds.toFixed(2),
      r.policySeconds.toFixed(2),
      r.baselineSynthSeconds.toFixed(2),
      r.baselineCpuSeconds.toFixed(2),
      r.baselinePeakMemoryMb,
      perEnv(r.baselineResourcesByEnvironment),
      r.floorSeconds.toFixed(2),
      `${r.synthOverBaseline.toFixed(2)}x`,
      `${r.cpuOverBaseline.toFixed(2)}x`,
      `${r.oneThreadCpuOverBaseline.toFixed(2)}x`,
      `${r.synthOverFloor.toFixed(0)}x`,
      `${r.resourcesOverBaseline.toFixed(2)}x`,
      r.loadAverage.toFixed(1),
    ].map(String),
  );
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => c.map((x, i) => x.padStart(widths[i])).join('  ');
  return [line(header), ...cells.map(line)].join('\n');
}

/** Under what the figures were measured: on a shared machine, wall time means little without the load. */
export interface Conditions {
  /** When the command started (ISO 8601, UTC). */
  readonly started: string;
  /** The whole command, seconds. */
  readonly elapsedSeconds: number;
  /** One-, five- and fifteen-minute load averages at the start and at the end. */
  readonly loadAverage: { readonly start: readonly number[]; readonly end: readonly number[] };
  readonly cores: number;
  readonly node: string;
  /** The CDK library and AWS provider bindings synthesis used, with their versions (e.g. `cdktn 0.24.0`). */
  readonly cdk: readonly string[];
}

/** `cdktn 0.24.0`: a package installed next to meshgrant, with its version. */
function installedVersion(name: string): string {
  const { version } = JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version: string };
  return `${name} ${version}`;
}

const loads = () => loadavg().map((x) => round(x, 2));

async function main(): Promise<void> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const startLoad = loads();
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '200x2,1000x2,2000x2' },
      runs: { type: 'string', default: '3' },
      seed: { type: 'string', default: '1' },
      results: { type: 'string', default: RESULTS },
      /** Sizes (products, two environments) at which the report commands are measured; `none` to skip. */
      reports: { type: 'string', default: '200,1000,2000' },
      /** People in the SCIM directory of `impact`. */
      people: { type: 'string', default: '100000' },
      /** Products of the mesh the change-cost table edits; 0 to skip. */
      'change-cost': { type: 'string', default: '50' },
    },
  });
  const sizes = values.sizes.split(',').map((s) => {
    const [n, e] = s.split('x').map(Number);
    if (!(n > 0) || (e !== 2 && e !== 3)) throw new Error(`--sizes: \`${s}\` is not <products>x<2|3>`);
    return { n, e: e as 2 | 3 };
  });
  const reportSizes = values.reports === 'none' ? [] : values.reports.split(',').map(Number);
  if (reportSizes.some((n) => !(n > 0))) throw new Error(`--reports: \`${values.reports}\` is not a list of product counts or \`none\``);
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;
  const rows = sizes.map(({ n, e }) => {
    const row = benchOne(n, e, Number(values.runs), Number(values.seed));
    process.stderr.write(`N=${n} x${e} done after ${elapsed()}\n`);
    return row;
  });
  const reports: ReportRow[] = reportSizes.map((n) => {
    const benched = rows.find((r) => r.n === n && r.environments === 2);
    const spec = generateMeshSpec({ products: n, environments: 2, seed: Number(values.seed) });
    const dir = join(OUT, `reports-n${n}`);
    // The synthesis rows leave their default output in place: the reports read it as the mesh before the changes.
    const row = benchReports(spec, n, dir, Number(values.runs), Number(values.people), benched && join(OUT, `n${n}-e2`, 'ours'));
    process.stderr.write(`reports N=${n} done after ${elapsed()}\n`);
    return row;
  });
  const changeCostN = Number(values['change-cost']);
  const changeCost: ChangeCostRow[] = changeCostN > 0 ? await changeCostTable(changeCostMesh(changeCostN, Number(values.seed))) : [];
  const twoEnvironments = rows.filter((r) => r.environments === 2);
  const synthesisOf = (seconds: (r: BenchRow) => number, cpuSeconds: (r: BenchRow) => number): SizedTiming[] =>
    twoEnvironments.map((r) => ({ n: r.n, seconds: seconds(r), cpuSeconds: cpuSeconds(r) }));
  const reportOf = (pick: (r: ReportRow) => Timing): SizedTiming[] =>
    reports.map((r) => ({ n: r.n, seconds: pick(r).seconds, cpuSeconds: pick(r).cpuSeconds }));
  const growthRows: Growth[] = growth({
    synth: synthesisOf(
      (r) => r.synthSeconds,
      (r) => r.cpuSeconds,
    ),
    'synth, 1 thread': synthesisOf(
      (r) => r.oneThreadSynthSeconds,
      (r) => r.oneThreadCpuSeconds,
    ),
    'baseline synth (not ours)': synthesisOf(
      (r) => r.baselineSynthSeconds,
      (r) => r.baselineCpuSeconds,
    ),
    readback: reportOf((r) => r.readback),
    'access --format json': reportOf((r) => r.accessJson),
    diff: reportOf((r) => r.diff),
    impact: reportOf((r) => r.impact),
  }).filter((g) => g.sizes.length > 0);
  const cdk = selectCdkFlavour();
  const conditions: Conditions = {
    started: startedAt,
    elapsedSeconds: round((performance.now() - started) / 1000, 0),
    loadAverage: { start: startLoad, end: loads() },
    cores: availableParallelism(),
    node: process.version,
    cdk: [installedVersion(cdk.core), installedVersion(cdk.awsProvider)],
  };
  writeFileSync(
    values.results,
    `${JSON.stringify({ conditions, synthesis: rows, reports, growth: growthRows, changeCost, changeCostProducts: changeCostN }, null, 2)}\n`,
  );
  console.log(formatTable(rows));
  if (reports.length > 0)
    console.log(
      `\nReport commands (fresh processes, medians of ${values.runs}; impact with ${values.people} people):\n${formatReports(reports)}`,
    );
  if (growthRows.length > 0)
    console.log(`\nGrowth exponents k (time ~ N^k, least squares on log-log, two environments):\n${formatGrowth(growthRows)}`);
  if (changeCost.length > 0)
    console.log(
      `\nChange cost at N=${changeCostN} x 2 (spec lines; Terraform resources created +, changed ~, destroyed -):\n${formatChangeCost(changeCost)}`,
    );
  console.log('');
  console.log(`Medians of ${values.runs} runs, each a separate process (start to files written).`);
  console.log(
    `Baseline: hand-written L1 resources through the same CDK, same access, no LF-tags. Floor: the same JSON serialized and written. Written to ${relative(process.cwd(), values.results)}.`,
  );
  console.log(
    `Conditions: ${conditions.started}, whole command ${conditions.elapsedSeconds} s; load average ${startLoad.join(' ')} at the start, ${conditions.loadAverage.end.join(' ')} at the end, on ${conditions.cores} cores; Node ${conditions.node}, ${conditions.cdk.join(', ')}.`,
  );
}

if (require.main === module)
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
