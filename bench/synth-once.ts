/**
 * One measured run, in its own process so that time and peak memory are those of a real
 * synthesis from process start to files written:
 *
 *   node dist/bench/synth-once.js --mode ours|baseline --spec <mesh.json> --out <dir>
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
  readonly written: number;
  /** Peak resident set size of the process, MB. */
  readonly peakMemoryMb: number;
  /** CPU time (user + system) of the process at the end, seconds: less sensitive than wall time to other load. */
  readonly cpuSeconds: number;
}

const seconds = () => performance.now() / 1000;

async function ours(spec: MeshSpec, out: string): Promise<Omit<RunResult, 'peakMemoryMb' | 'cpuSeconds'>> {
  const { buildMesh } = await import('../lib/model');
  const { synthesizeMesh } = await import('../stacks/synthesize');
  const loaded = seconds();
  const mesh = buildMesh(spec);
  const modeled = seconds();
  // What `meshgrant synth` runs: policy checks, stacks, files, and the summary (which reads the files back).
  synthesizeMesh(mesh, { outdir: out });
  return { mode: 'ours', loaded, modeled, written: seconds() };
}

async function baseline(spec: MeshSpec, out: string): Promise<Omit<RunResult, 'peakMemoryMb' | 'cpuSeconds'>> {
  const { buildMesh, declaredAccess } = await import('../lib/model');
  const { App } = await import('cdktf');
  const { disableCreationStackTraces } = await import('../constructs/cdktf');
  const { BaselineStack } = await import('./baseline/baseline-stack');
  const loaded = seconds();
  const mesh = buildMesh(spec);
  const access = declaredAccess(mesh);
  const modeled = seconds();
  disableCreationStackTraces();
  const app = new App({ outdir: out, stackTraces: false });
  for (const env of mesh.environments) new BaselineStack(app, `${mesh.name}-${env.name}`, { mesh, environment: env.name, access });
  app.synth();
  return { mode: 'baseline', loaded, modeled, written: seconds() };
}

/** The floor: the same JSON, already built as plain objects, serialized and written. */
function floor(from: string, out: string): Omit<RunResult, 'peakMemoryMb' | 'cpuSeconds'> {
  const stacks = readdirSync(join(from, 'stacks')).sort();
  const json = stacks.map((s) => JSON.parse(readFileSync(join(from, 'stacks', s, 'cdk.tf.json'), 'utf8')) as unknown);
  const loaded = seconds();
  stacks.forEach((s, i) => {
    mkdirSync(join(out, 'stacks', s), { recursive: true });
    writeFileSync(join(out, 'stacks', s, 'cdk.tf.json'), JSON.stringify(json[i], null, 2));
  });
  return { mode: 'floor', loaded, modeled: loaded, written: seconds() };
}

/** Reading the effective access back from our output (`readAccess`). */
async function readback(from: string): Promise<Omit<RunResult, 'peakMemoryMb' | 'cpuSeconds'>> {
  const { readAccess } = await import('../lib/readback');
  const loaded = seconds();
  readAccess(from);
  return { mode: 'readback', loaded, modeled: loaded, written: seconds() };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { mode: { type: 'string' }, spec: { type: 'string' }, from: { type: 'string' }, out: { type: 'string' } } });
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
    result = await (values.mode === 'ours' ? ours : baseline)(spec, out);
  } else {
    throw new Error(`--mode must be ours, baseline, floor or readback, not ${values.mode ?? 'nothing'}`);
  }
  const usage = process.resourceUsage();
  const full: RunResult = { ...result, peakMemoryMb: usage.maxRSS / 1024, cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6 };
  process.stdout.write(`${JSON.stringify(full)}\n`);
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
