/**
 * The cdktf app: synthesizes the example mesh, one stack per environment, and prints a summary.
 * `npm run synth` runs it compiled (no type-checking loader on the synth path).
 */
import { buildMesh } from './lib';
import { acmeMeshSpec } from './examples/acme-mesh';
import { formatSummary, synthesizeMesh } from './stacks/synthesize';

const outdir = process.env.CDKTF_OUTDIR ?? 'cdktf.out';
const summary = synthesizeMesh(buildMesh(acmeMeshSpec), { outdir });
console.log(formatSummary(summary));
