import { mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, relative } from 'path';
import { runCli } from '../../cli/main';
import { OUTPUT_MARKER } from '../../cli/replace-directory';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `meshgrant <argv>` in-process and captures what it prints. */
export async function cli(...argv: string[]): Promise<CliRun> {
  return cliInTerminal(undefined, ...argv);
}

/** Runs `meshgrant <argv>` as {@link cli} does, printing to a terminal `columns` wide (undefined: not a terminal). */
export async function cliInTerminal(columns: number | undefined, ...argv: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), columns });
  return { code, stdout, stderr };
}

/** Every file under `dir` with its content, to prove a directory did not change. */
export function readTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}

export const tempDir = () => mkdtempSync(join(tmpdir(), 'meshgrant-cli-'));

/** An output directory from an earlier run, as `synth` leaves it. */
export function earlierOutput(parent: string): string {
  const out = join(parent, 'cdktf.out');
  mkdirSync(join(out, 'stacks', 'old'), { recursive: true });
  writeFileSync(join(out, 'manifest.json'), '{"version":"earlier"}\n');
  writeFileSync(join(out, OUTPUT_MARKER), 'earlier\n');
  writeFileSync(join(out, 'stacks', 'old', 'cdk.tf.json'), '{"resource":{}}\n');
  return out;
}

/** A stack trace line, which user errors must never show. */
export const STACK_LINE = /^\s+at .+:\d+:\d+\)?$/m;
