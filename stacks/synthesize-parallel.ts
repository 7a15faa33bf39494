import { mkdirSync, rmSync } from 'fs';
import { availableParallelism } from 'os';
import { extname, join } from 'path';
import { types } from 'util';
import { Worker } from 'worker_threads';
import { Mesh } from '../lib/model';
import { checkPolicies } from '../lib/policy/check-policies';
import { Manifest } from '../constructs/cdktf';
import type { StackResult, SynthesisWorkerData } from './synthesize-worker';
import { SynthesisSummary, SynthesizeOptions, stackName, synthesizeMesh } from './synthesize';

/**
 * Products an environment needs for its stack to get a worker thread of its own by default. A
 * worker costs its start (loading the CDK and the provider bindings, rebuilding the mesh) and the
 * stacks slow each other down when they share the cores, which only a second big stack wins back.
 * Measured on 2 idle cores with cdktn (`npm run bench`, medians of 3, docs/performance.md), by
 * products in the second-largest environment: 150, threads 21% slower than one thread (3.13 s
 * against 2.58 s); 740, level (11.81 s against 11.76 s, with 37% more CPU and 41% more memory);
 * 1,480, 16% faster (21.45 s against 25.65 s). It was 150 with cdktf, before our stacks kept
 * cdktn's resolve passes off their sealed elements and made a stack cheaper than a worker's start.
 */
export const PARALLEL_MIN_PRODUCTS = 1_000;

/** Options of {@link synthesizeMeshParallel}. */
export interface ParallelSynthesizeOptions extends SynthesizeOptions {
  /**
   * How many stacks are synthesized at once, each environment's in a worker thread; 1
   * synthesizes them all in this thread, as {@link synthesizeMesh}. Never more workers than
   * environments.
   * @default - one per environment with at least {@link PARALLEL_MIN_PRODUCTS} products, up to
   *   `os.availableParallelism()`; 1 when that is fewer than two
   */
  readonly jobs?: number;
}

/**
 * {@link synthesizeMesh}, with each environment's stack synthesized in a worker thread, so that
 * wall time is bounded by the largest stack rather than the sum. Same files, byte for byte, and
 * the same summary. The policy report is computed here, once: organisation rules never run in
 * the workers.
 * @throws Error with the message of the first worker that failed (the others are stopped);
 *   stacks already written stay in `outdir`, without a manifest.json
 */
export async function synthesizeMeshParallel(mesh: Mesh, options: ParallelSynthesizeOptions): Promise<SynthesisSummary> {
  const policy = options.policy ?? checkPolicies(mesh);
  const workers = synthesisWorkers(mesh, options.jobs);
  if (workers === 1) return synthesizeMesh(mesh, { outdir: options.outdir, policy, onProgress: options.onProgress });
  const { outdir } = options;
  const scratch = join(outdir, '.synth-workers');
  // `stacks` as an App creates it, before any stack is synthesized.
  for (const d of [join(outdir, 'stacks'), scratch]) mkdirSync(d, { recursive: true });
  try {
    const data = { spec: mesh.spec, asOf: mesh.asOf, policy, outdir, scratch };
    const results = await inWorkers(workers, largestFirst(mesh), data, workProgress(mesh, options.onProgress));
    const ordered = mesh.environments.map((e) => results.find((r) => r.summary.environment === e.name)!);
    writeManifest(outdir, ordered);
    return { outdir, environments: ordered.map((r) => r.summary) };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * How many worker threads {@link synthesizeMeshParallel} starts for `jobs`; 1 means none, every
 * stack in this thread.
 * @throws RangeError when `jobs` is not a positive integer
 */
export function synthesisWorkers(mesh: Mesh, jobs?: number): number {
  if (jobs !== undefined) {
    if (!Number.isInteger(jobs) || jobs < 1) throw new RangeError(`jobs must be a positive integer, not ${jobs}`);
    return Math.min(jobs, mesh.environments.length);
  }
  const big = mesh.environments.filter((e) => mesh.productsIn(e.name).length >= PARALLEL_MIN_PRODUCTS).length;
  const workers = Math.min(big, availableParallelism());
  return workers >= 2 ? workers : 1;
}

/** Environment names, those with the most products first: with fewer workers than environments, the last to start is a small one. */
function largestFirst(mesh: Mesh): string[] {
  const size = (e: string) => mesh.productsIn(e).length;
  return mesh.environments.map((e) => e.name).sort((a, b) => size(b) - size(a));
}

/**
 * Synthesizes `environments` with `count` workers, each taking the next environment when it is
 * done. Rejects with the first error; every worker is stopped before this returns or throws.
 */
async function inWorkers(
  count: number,
  environments: readonly string[],
  data: SynthesisWorkerData,
  progress: WorkProgress,
): Promise<StackResult[]> {
  const queue = [...environments];
  const results: StackResult[] = [];
  const workers: Worker[] = [];
  try {
    // All started before any is awaited, so that a failed start leaves no promise unobserved.
    for (let i = 0; i < count; i++) workers.push(startWorker(data));
    await Promise.all(workers.map((w) => drain(w, queue, results, progress)));
    return results;
  } finally {
    // On success they wait for more work; on failure the others may still be synthesizing.
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/**
 * The worker script sits next to this file, with the same extension: `.js` when compiled; `.ts`
 * under jest, which runs the sources, and then the worker loads it through ts-node (a
 * devDependency, never needed from dist).
 */
function startWorker(workerData: SynthesisWorkerData): Worker {
  const ext = extname(__filename);
  const script = join(__dirname, `synthesize-worker${ext}`);
  if (ext !== '.ts') return new Worker(script, { workerData });
  return new Worker(script, { workerData, execArgv: ['--require', require.resolve('ts-node/register/transpile-only')] });
}

/** Feeds `worker` environments from `queue` until it is empty; rejects when the worker fails or stops. */
function drain(worker: Worker, queue: string[], results: StackResult[], progress: WorkProgress): Promise<void> {
  return new Promise((resolve, reject) => {
    const next = () => {
      const environment = queue.shift();
      if (environment === undefined) resolve();
      else {
        progress.started(environment);
        worker.postMessage(environment);
      }
    };
    worker.on('message', (result: StackResult) => {
      results.push(result);
      progress.done(result.summary.environment);
      next();
    });
    // The worker's error arrives cloned: an Error with its message and stack; anything else thrown becomes one.
    worker.on('error', (e: unknown) => reject(types.isNativeError(e) ? e : new Error(String(e))));
    worker.on('messageerror', reject);
    worker.on('exit', (code) => reject(new Error(`a synthesis worker stopped with exit code ${code}`)));
    next();
  });
}

/** Tells `onProgress` which stacks the workers are synthesizing and how many are written. */
interface WorkProgress {
  started(environment: string): void;
  done(environment: string): void;
}

function workProgress(mesh: Mesh, onProgress: ((step: string) => void) | undefined): WorkProgress {
  const running = new Set<string>();
  let done = 0;
  const report = () =>
    onProgress?.(
      `synthesizing ${[...running].map((e) => stackName(mesh, e)).join(', ') || 'nothing'}: ${done} of ${mesh.environments.length} stacks written`,
    );
  return {
    started: (environment) => {
      running.add(environment);
      report();
    },
    done: (environment) => {
      running.delete(environment);
      done++;
      report();
    },
  };
}

/** manifest.json as one App holding every stack writes it, with cdktf's own writer. */
function writeManifest(outdir: string, results: readonly StackResult[]): void {
  const manifest = new Manifest(results[0].version, outdir, results[0].hclOutput);
  for (const r of results) for (const m of r.manifests) manifest.stacks[m.name] = m;
  manifest.writeToFile();
}
