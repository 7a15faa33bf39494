/**
 * The cdktf app (`cdktf.json` runs it; so does `npm run synth`): synthesizes the mesh in
 * `MESH_DIR` (default: the example in `examples/acme`) exactly as `meshgrant synth` does: load
 * and validate, check the policies, write one stack per environment atomically, print a summary.
 */
import { main } from './lib/cli/main';

main(['synth', process.env.MESH_DIR ?? 'examples/acme', '--out', process.env.CDKTF_OUTDIR ?? 'cdktf.out']);
