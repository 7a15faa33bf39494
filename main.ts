/**
 * The cdktf app (`cdktf.json` runs it for `cdktf synth` and `cdktn synth`; so does `npm run
 * synth`): synthesizes the mesh in `MESH_DIR` (default: the example in `examples/acme`) exactly
 * as `meshgrant synth` does: load and validate, check the policies, write one stack per
 * environment atomically, print a summary.
 */
import { synthAsCdktfApp } from './cli/cdktf-app';
import { exitWith } from './cli/main';

exitWith(synthAsCdktfApp());
