/**
 * One measured run, in its own process so that time and peak memory are those of a real
 * synthesis from process start to files written:
 *
 *   node dist/bench/synth-once.js --mode ours|baseline --spec <mesh.json> --out <dir> [--jobs <n>]
 *   node dist/bench/synth-once.js --mode floor --from <dir synthesized by ours> --out <dir>
 *   node dist/bench/synth-once.js --mode readback --from <dir synthesized by ours>
 *
 * Prints one JSON line: a {@link RunResult}. Modules are imported inside each mode, so that a
 * run loads only what it uses.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import { performance } from 'perf_hooks';
import { parseArgs } from 'util';
import type { MeshSpec } from '../lib/model';

/** Seconds since process start at the end of each phase; `written` is when the last file is. */
export interface RunResult {
  readonly mode: 'ours' | 'baseline' | 'floor' | 'readback';
  /** Modules loaded and the spec read. */
  readonly loaded: number;
  /** Mesh validated (`buildMesh`); the baseline also derives its grants from the declared access. */
  readonly modeled: number;
  /** CPU seconds (user + system) spent by the end of loading and of modeling. */
  readonly loadedCpu: number;
  readonly modeledCpu: number;
  readonly written: number;
  /** Peak resident set size of the process (worker threads included), MB. */
  readonly peakMemoryMb: number;
  /** CPU time (user + system) of the process at the end, worker threads included, seconds: less sensitive than wall time to other load. */
  readonly cpuSeconds: number;
}

const seconds = () => performance.now() / 1000;
const cpuSeconds = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

/** @param jobs as `meshgrant synth --jobs`; default, as there, chosen by the mesh's size and the cores */
async function ours(spec: MeshSpec, out: string, jobs?: number): Promise<Omit<RunResult, 'peakMemoryMb' | 'cpuSeconds'>> {
  const { buildMesh } = await import('../lib/model');
  const { synthesizeMeshParallel } = await import('../stacks/synthesize-parallel');
  const [loaded, loadedCpu] = [seconds(), cpuSeconds()];
  const mesh = buildMesh(spec);
  const [modeled, modeledCpu] = [seconds(), cpuSeconds()];
  // What `meshgrant synth` runs: policy checks, stacks (in worker threads on a big enough mesh),
  // files, and the summary (which reads the files back).
  await synthesizeMeshParallel(mesh, { outdir: out, jobs });
  return { mode: 'ours', loaded, loadedCpu, modeled, modeledCpu, written: seconds() };
}

async function baseline(spec: MeshSpec, out: string): Promise<Omit<RunResult, 'peakMemoryMb' | 'cpuSeconds'>> {
  const { buildMesh } = await import('../lib/model');
  const { accessPlan } = await import('../lib/plan');
  const { App, disableCreationStackTraces } = await import('../constructs/cdktf');
  const { BaselineStack } = await import('./baseline/baseline-stack');
  const [loaded, loadedCpu] = [seconds(), cpuSeconds()];
  const mesh = buildMesh(spec);
  const access = accessPlan(mesh);
  const [modeled, modeledCpu] = [seconds(), cpuSeconds()];
  disableCreationStackTraces();
  const app = new App({ outdir: out, stackTraces: false });
  for (const env of mesh.environments) new BaselineStack(app, `${mesh.name}-${env.name}`, { mesh, environment: env.name, access });
  app.synth();
  return { mode: 'baseline', loaded, loadedCpu, modeled, modeledCpu, written: seconds() };
}

/** The floor: the same JSON, already built as plain objects, serialized and written. */
function floor(from: string, out: string): Omit<RunResult, 'peakMemoryMb' | 'cpuSeconds'> {
  const stacks = readdirSync(join(from, 'stacks')).sort();
  const json = stacks.map((s) => JSON.parse(readFileSync(join(from, 'stacks', s, 'cdk.tf.json'), 'utf8')) as unknown);
  const [loaded, loadedCpu] = [seconds(), cpuSeconds()];
  stacks.forEach((s, i) => {
    mkdirSync(join(out, 'stacks', s), { recursive: true });
    writeFileSync(join(out, 'stacks', s, 'cdk.tf.json'), JSON.stringify(json[i], null, 2));
  });
  return { mode: 'floor', loaded, loadedCpu, modeled: loaded, modeledCpu: loadedCpu, written: seconds() };
}

/** Reading the effective access back from our output (`readAccess`). */
async function readback(from: string): Promise<Omit<RunResult, 'peakMemoryMb' | 'cpuSeconds'>> {
  const { readAccess } = await import('../lib/readback');
  const [loaded, loadedCpu] = [seconds(), cpuSeconds()];
  readAccess(from);
  return { mode: 'readback', loaded, loadedCpu, modeled: loaded, modeledCpu: loadedCpu, written: seconds() };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      mode: { type: 'string' },
      spec: { type: 'string' },
      from: { type: 'string' },
      out: { type: 'string' },
      jobs: { type: 'string' },
    },
  });
  const { out, from } = values;
  let result: Omit<RunResult, 'peakMemoryMb' | 'cpuSeconds'>;
  if (values.mode === 'readback') {
    if (from === undefined) throw new Error('--from is required with --mode readback');
    result = await readback(from);
  } else if (out === undefined) {
    throw new Error('--out is required');
  } else if (values.mode === 'floor') {
    if (from === undefined) throw new Error('--from is required with --mode floor');
    result = floor(from, out);
  } else if (values.mode === 'ours' || values.mode === 'baseline') {
    if (values.spec === undefined) throw new Error(`--spec is required with --mode ${values.mode}`);
    const spec = JSON.parse(readFileSync(values.spec, 'utf8')) as MeshSpec;
    result = await (values.mode === 'ours'
      ? ours(spec, out, values.jobs === undefined ? undefined : Number(values.jobs))
      : baseline(spec, out));
  } else {
    throw new Error(`--mode must be ours, baseline, floor or readback, not ${values.mode ?? 'nothing'}`);
  }
  const full: RunResult = { ...result, peakMemoryMb: process.resourceUsage().maxRSS / 1024, cpuSeconds: cpuSeconds() };
  process.stdout.write(`${JSON.stringify(full)}\n`);
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
