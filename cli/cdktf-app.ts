import { lstatSync, mkdirSync, readdirSync } from 'fs';
import { join } from 'path';
import { CliOutput, runCli } from './main';

/**
 * Runs `meshgrant synth` as the app of `cdktf.json`, for `cdktf synth` and `cdktn synth` (both
 * CLIs name the output folder in `CDKTF_OUTDIR`) and for `npm run synth` (without it): the mesh
 * in `MESH_DIR` (default: the example) is synthesized to that folder.
 *
 * Both CLIs list the stack folders of the output before they run the app, and afterwards delete
 * those the app did not synthesize again, with a removal that fails on a folder that is already
 * gone (cli-core `SynthStack.synth`). `synth` replaces the whole output at once, so a stack
 * removed from the mesh has no folder left to delete and `cdktf synth` failed with `ENOENT ...
 * lstat 'cdktf.out/stacks/<old>'`. Under a CLI, the app therefore leaves an empty folder for
 * each such stack, for the CLI to delete as it expects.
 * @returns the exit code of `meshgrant synth`
 */
export async function synthAsCdktfApp(env: NodeJS.ProcessEnv = process.env, output?: CliOutput): Promise<number> {
  const cliOutdir = env.CDKTF_OUTDIR;
  const out = cliOutdir ?? 'cdktf.out';
  const listed = cliOutdir === undefined ? [] : stackFolders(out);
  const code = await runCli(['synth', env.MESH_DIR ?? 'examples/acme', '--out', out], output);
  // On failure the earlier output is untouched: every listed folder is still there.
  if (code === 0) {
    const now = new Set(stackFolders(out));
    for (const name of listed.filter((n) => !now.has(n))) {
      try {
        mkdirSync(join(out, 'stacks', name));
      } catch {
        // The output is written; at worst the CLI reports the folder it cannot delete.
      }
    }
  }
  return code;
}

/** The folders of `<out>/stacks`, as the CLIs list them (links are not followed). */
function stackFolders(out: string): string[] {
  const stacks = join(out, 'stacks');
  try {
    return readdirSync(stacks).filter((n) => lstatSync(join(stacks, n)).isDirectory());
  } catch {
    return [];
  }
}
