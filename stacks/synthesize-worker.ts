/**
 * The worker thread of `synthesizeMeshParallel`: rebuilds the mesh from its spec once, then
 * synthesizes each environment the parent posts, one at a time, and posts back a
 * {@link StackResult}. An error is left to propagate: the parent receives it as the worker's
 * `error` event.
 */
import { mkdirSync, readdirSync, renameSync } from 'fs';
import { join } from 'path';
import { parentPort, workerData } from 'worker_threads';
import { MeshSpec, buildMesh } from '../lib/model';
import type { PolicyReport } from '../lib/policy/check-policies';
import type { StackManifest } from '../constructs/cdktf';
import { EnvironmentSummary, addEnvironmentStack, stackName, summarizeStack, synthesisApp } from './synthesize';

/** What a worker is started with: data only, since class instances do not cross threads. */
export interface SynthesisWorkerData {
  readonly spec: MeshSpec;
  /** The day the parent's mesh was built for: expired entries stay out in every stack. */
  readonly asOf: string;
  /** Computed once by the parent, which alone may run organisation rules. */
  readonly policy: PolicyReport;
  /** Where the stacks end up: `<outdir>/stacks/<stack>`; the parent creates `<outdir>/stacks`. */
  readonly outdir: string;
  /** An existing directory for each stack's own cdktf App, which the parent removes. */
  readonly scratch: string;
}

/** What a worker posts back for one environment. */
export interface StackResult {
  readonly summary: EnvironmentSummary;
  /** The entries of the environment's stacks in the App's manifest.json, for the parent to merge. */
  readonly manifests: readonly StackManifest[];
  /** Of the App's manifest: the cdktf version and output format, the same for every stack. */
  readonly version: string;
  readonly hclOutput: boolean;
}

const port = parentPort;
if (port === null) throw new Error('synthesize-worker runs in a worker thread started by synthesizeMeshParallel');
const { spec, asOf, policy, outdir, scratch } = workerData as SynthesisWorkerData;
const mesh = buildMesh(spec, undefined, { asOf });

port.on('message', (environment: string) => {
  const id = stackName(mesh, environment);
  // Each environment gets an App of its own in `scratch`, because an App writes manifest.json
  // into its outdir: only the parent writes it in `outdir`, once, merged.
  const app = synthesisApp(join(scratch, id));
  const deployment = addEnvironmentStack(app, mesh, environment, policy);
  app.synth();
  const names = deployment.stacks.map((s) => s.node.id);
  for (const name of names) {
    // File by file, as an App writing into `outdir` would: files others put in the stack's
    // directory (`terraform init`'s) stay.
    const [from, to] = [join(scratch, id, 'stacks', name), join(outdir, 'stacks', name)];
    mkdirSync(to, { recursive: true });
    for (const file of readdirSync(from)) renameSync(join(from, file), join(to, file));
  }
  const result: StackResult = {
    summary: summarizeStack(deployment, outdir),
    manifests: names.map((n) => app.manifest.stacks[n]),
    version: app.manifest.version,
    hclOutput: app.manifest.hclOutput,
  };
  port.postMessage(result);
});
