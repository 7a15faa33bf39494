/**
 * `npm run bench`: synthesizes generated meshes of several sizes with meshgrant, with the
 * hand-written L1 baseline and with the floor (the same JSON serialized and written), each run in
 * its own process, and prints one table; the figures also go to bench/results.json.
 *
 * Options: `--sizes 50x2,1000x2` (products x environments), `--runs 3`, `--seed 1`,
 * `--results <file>` (default bench/results.json).
 */
import { execFileSync } from 'child_process';
import { mkdirSync, rmSync, writeFileSync } from 'fs';
import { join, relative } from 'path';
import { performance } from 'perf_hooks';
import { parseArgs } from 'util';
import { buildMesh } from '../lib/model';
import { checkPolicies } from '../lib/policy/check-policies';
import { synthesisWorkers } from '../stacks/synthesize-parallel';
import { generateMeshSpec } from './generator';
import { StackStats, stackStats } from './stack-stats';
import type { RunResult } from './synth-once';
import { ChangeCostRow, changeCostMesh, changeCostTable, formatChangeCost } from './change-cost';
import { ReportRow, benchReports, formatReports } from './reports';

const OUT = join(__dirname, '..', '..', 'bench', 'out');
const RESULTS = join(__dirname, '..', '..', 'bench', 'results.json');
const SYNTH_ONCE = join(__dirname, 'synth-once.js');
/** Readback grows faster than linearly with N (29 s at N = 200): it gets this long, then is reported as not measured. */
export const READBACK_TIMEOUT_SECONDS = 90;

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
  /** Terraform resources, all environments together; per stack below. */
  readonly resources: number;
  readonly resourcesByEnvironment: Readonly<Record<string, number>>;
  readonly resourcesByType: Readonly<Record<string, number>>;
  readonly lakeFormationByTarget: Readonly<Record<string, number>>;
  readonly bytes: number;
  /**
   * `readAccess` on our output, in its own process, modules loaded excluded. Null when the first
   * run exceeded {@link READBACK_TIMEOUT_SECONDS}; runs stop after one that takes over 20 s.
   */
  readonly readbackSeconds: number | null;
  readonly readbackRuns: readonly number[];
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
  return runChild([...args, '--out', out]);
}

function runChild(args: string[], timeoutSeconds?: number): RunResult {
  const stdout = execFileSync(process.execPath, [SYNTH_ONCE, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
    timeout: timeoutSeconds && timeoutSeconds * 1000,
  });
  return JSON.parse(stdout.trim().split('\n').pop()!) as RunResult;
}

/** Readback times in seconds; empty when the first run did not finish in time. */
function readbackRuns(from: string, runs: number): number[] {
  const times: number[] = [];
  while (times.length < runs && (times.length === 0 || times[times.length - 1] <= 20)) {
    try {
      const r = runChild(['--mode', 'readback', '--from', from], READBACK_TIMEOUT_SECONDS);
      times.push(round(r.written - r.loaded));
    } catch (e) {
      if ((e as { code?: string }).code !== 'ETIMEDOUT') throw e;
      break;
    }
  }
  return times;
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
  const readback = readbackRuns(join(dir, 'ours'), runs);
  const o = stackStats(join(dir, 'ours'));
  const b = stackStats(join(dir, 'baseline'));
  const synthRuns = ours.map((r) => round(r.written));
  const baselineSynthRuns = baseline.map((r) => round(r.written - (r.modeled - r.loaded)));
  const synthSeconds = median(synthRuns);
  const baselineSynthSeconds = median(baselineSynthRuns);
  const floorSeconds = round(median(floor.map((r) => r.written - r.loaded)));
  const cpuSeconds = round(median(ours.map((r) => r.cpuSeconds)));
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
    oneThreadCpuSeconds: round(median(oneThread.map((r) => r.cpuSeconds))),
    oneThreadPeakMemoryMb: round(median(oneThread.map((r) => r.peakMemoryMb)), 0),
    resources: o.resources,
    resourcesByEnvironment: byEnv(o),
    resourcesByType: o.resourcesByType,
    lakeFormationByTarget: o.lakeFormationByTarget,
    bytes: o.bytes,
    readbackSeconds: readback.length > 0 ? median(readback) : null,
    readbackRuns: readback,
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
    'readback s',
    'baseline s',
    'base cpu s',
    'base MB',
    'base res/env',
    'floor s',
    'ours/base',
    'cpu ours/base',
    'ours/floor',
    'res ours/base',
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
      r.readbackSeconds === null ? `>${READBACK_TIMEOUT_SECONDS}` : r.readbackSeconds.toFixed(2),
      r.baselineSynthSeconds.toFixed(2),
      r.baselineCpuSeconds.toFixed(2),
      r.baselinePeakMemoryMb,
      perEnv(r.baselineResourcesByEnvironment),
      r.floorSeconds.toFixed(2),
      `${r.synthOverBaseline.toFixed(2)}x`,
      `${r.cpuOverBaseline.toFixed(2)}x`,
      `${r.synthOverFloor.toFixed(0)}x`,
      `${r.resourcesOverBaseline.toFixed(2)}x`,
    ].map(String),
  );
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => c.map((x, i) => x.padStart(widths[i])).join('  ');
  return [line(header), ...cells.map(line)].join('\n');
}

async function main(): Promise<void> {
  const started = performance.now();
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '50x2,50x3,200x2,1000x2' },
      runs: { type: 'string', default: '3' },
      seed: { type: 'string', default: '1' },
      results: { type: 'string', default: RESULTS },
      /** Sizes (products, two environments) at which the report commands are measured; `none` to skip. */
      reports: { type: 'string', default: '200,1000' },
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
  const rows = sizes.map(({ n, e }) => {
    const row = benchOne(n, e, Number(values.runs), Number(values.seed));
    process.stderr.write(`N=${n} x${e} done after ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
    return row;
  });
  const reportSizes = values.reports === 'none' ? [] : values.reports.split(',').map(Number);
  const reports: ReportRow[] = reportSizes.map((n) => {
    const benched = rows.find((r) => r.n === n && r.environments === 2);
    const spec = generateMeshSpec({ products: n, environments: 2, seed: Number(values.seed) });
    const dir = join(OUT, `reports-n${n}`);
    const row = benchReports(spec, n, dir, Number(values.runs), Number(values.people), benched && join(OUT, `n${n}-e2`, 'ours'));
    process.stderr.write(`reports N=${n} done after ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
    return row;
  });
  const changeCostN = Number(values['change-cost']);
  const changeCost: ChangeCostRow[] = changeCostN > 0 ? await changeCostTable(changeCostMesh(changeCostN, Number(values.seed))) : [];
  const synthesis = rows
    .filter((r) => r.environments === 2 && (reportSizes.length < 2 || reportSizes.includes(r.n)))
    .map((r) => ({ n: r.n, seconds: r.synthSeconds, cpuSeconds: r.cpuSeconds }));
  writeFileSync(values.results, `${JSON.stringify({ synthesis: rows, reports, changeCost, changeCostProducts: changeCostN }, null, 2)}\n`);
  console.log(formatTable(rows));
  if (reports.length > 0)
    console.log(
      `\nReport commands (fresh processes, medians of ${values.runs}; impact with ${values.people} people):\n${formatReports(reports, synthesis)}`,
    );
  if (changeCost.length > 0)
    console.log(
      `\nChange cost at N=${changeCostN} x 2 (spec lines; Terraform resources created +, changed ~, destroyed -):\n${formatChangeCost(changeCost)}`,
    );
  console.log('');
  console.log(`Medians of ${values.runs} runs, each a separate process (start to files written); readback runs stop after one over 20 s.`);
  console.log(
    `Baseline: hand-written cdktf L1, same access, no LF-tags. Floor: the same JSON serialized and written. Written to ${relative(process.cwd(), values.results)}.`,
  );
}

if (require.main === module)
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
