import { lstatSync, mkdirSync, readdirSync } from 'fs';
import { join } from 'path';
import { todayUtc, utcDayOf } from '../lib/model/calendar-date';
import { shown } from '../lib/model/literal-text';
import { CliOutput, runCli } from './main';

/** The environment variable that sets the day expiry is evaluated for under `cdktf synth` (the app takes no options). */
export const AS_OF_VARIABLE = 'MESHGRANT_AS_OF';

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
 *
 * Expiry is evaluated for `MESHGRANT_AS_OF` (what `--as-of` takes: a day, or an instant with its
 * offset), default today in UTC; the app prints the day first, so that a log says which stacks
 * an output is (a re-run for the same day writes the same bytes).
 * @returns the exit code of `meshgrant synth`
 */
export async function synthAsCdktfApp(env: NodeJS.ProcessEnv = process.env, output?: CliOutput): Promise<number> {
  const cliOutdir = env.CDKTF_OUTDIR;
  const out = cliOutdir ?? 'cdktf.out';
  const listed = cliOutdir === undefined ? [] : stackFolders(out);
  const write = output ?? { stdout: (t: string) => process.stdout.write(t), stderr: (t: string) => process.stderr.write(t) };
  const given = env[AS_OF_VARIABLE];
  const asOf = given === undefined ? todayUtc() : utcDayOf(given);
  if (asOf === undefined) {
    write.stderr(
      `${AS_OF_VARIABLE} \`${shown(given!)}\`: expected a day YYYY-MM-DD, or an instant with an offset, e.g. 2026-12-01T09:00:00+01:00\n`,
    );
    return 2;
  }
  write.stdout(
    `Expiry evaluated as of ${asOf} (UTC, ${given === undefined ? `today; set ${AS_OF_VARIABLE}=YYYY-MM-DD for another day` : `from ${AS_OF_VARIABLE}`})\n`,
  );
  const code = await runCli(['synth', env.MESH_DIR ?? 'examples/acme', '--out', out, '--as-of', asOf], output);
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
