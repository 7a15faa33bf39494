/**
 * The cdktf app (`cdktf.json` runs it; so does `npm run synth`): synthesizes the mesh in
 * `MESH_DIR` (default: the example in `examples/acme`) exactly as `meshgrant synth` does: load
 * and validate, check the policies, write one stack per environment atomically, print a summary.
 */
import { runCli } from './lib/cli/main';

const dir = process.env.MESH_DIR ?? 'examples/acme';
const outdir = process.env.CDKTF_OUTDIR ?? 'cdktf.out';
runCli(['synth', dir, '--out', outdir]).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`meshgrant: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 2;
  },
);
