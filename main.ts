/**
 * The cdktf app: loads the mesh from YAML (the example in `examples/acme`, or the directory in
 * `MESH_DIR`), synthesizes one stack per environment and prints a summary.
 * `npm run synth` runs it compiled (no type-checking loader on the synth path).
 */
import { MeshValidationError, formatProblem, loadMesh } from './lib';
import { formatSummary, synthesizeMesh } from './stacks/synthesize';

const dir = process.env.MESH_DIR ?? 'examples/acme';
const outdir = process.env.CDKTF_OUTDIR ?? 'cdktf.out';
try {
  console.log(formatSummary(synthesizeMesh(loadMesh(dir), { outdir })));
} catch (e) {
  if (!(e instanceof MeshValidationError)) throw e;
  for (const p of e.problems) console.error(formatProblem(p));
  console.error(`\n${e.problems.length} problem${e.problems.length === 1 ? '' : 's'} in ${dir}; nothing was synthesized.`);
  process.exitCode = 2;
}
