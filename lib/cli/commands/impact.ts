import { Command } from 'commander';
import { DirectoryError, loadDirectory } from '../../directory';
import { DirectorySnapshot } from '../../directory/directory';
import { ReportFormat } from '../../reports/format-table';
import { analyzeImpact } from '../../reports/impact';
import { renderImpact } from '../../reports/render-impact';
import { loadMesh } from '../../spec';
import { CliCommand, CliError } from '../cli-command';
import { formatOption, readSynthesized, repeatable, withReadbackNotes } from './synthesized-access';

/**
 * `meshgrant impact --directory users.json --directory groups.json [--old DIR] --new DIR`: the
 * people who gain or lose access with a change, resolved through the mesh's identity mappings.
 */
export const impactCommand: CliCommand = {
  define: (program: Command) =>
    program
      .command('impact')
      .description('which people gain or lose access, to what and through which role, between two synthesized outputs')
      .requiredOption('--directory <file>', 'directory snapshot: SCIM Users/Groups export (JSON) or YAML users; repeat for several files', repeatable, [])
      .option('--old <dir>', 'cdktf output before the change (default: none, list everyone\'s access)')
      .option('--new <dir>', 'cdktf output after the change', 'cdktf.out')
      .option('--mesh <dir>', 'mesh directory whose environments map directory groups and users to principals', '.')
      .addOption(formatOption()),

  run: (_args, options) => {
    const directory = readDirectory(options.directory as string[]);
    const mesh = loadMesh(String(options.mesh));
    const now = readSynthesized(String(options.new));
    const old = options.old === undefined ? undefined : readSynthesized(String(options.old));
    const known = new Set(mesh.environments.map((e) => e.name));
    const unknown = [...new Set([...now.environments, ...(old?.environments ?? [])])].filter((e) => !known.has(e));
    if (unknown.length > 0) throw new CliError(`environment ${unknown.join(', ')} is not in mesh ${mesh.name} (${String(options.mesh)}): its identity mapping is unknown`);
    const identities = new Map(mesh.environments.map((e) => [e.name, e]));
    const report = analyzeImpact(old?.access ?? [], now.access, directory, identities);
    const labels = { before: old?.dir ?? '(nothing)', after: now.dir };
    const read = old === undefined ? [now] : [old, now];
    const text = withReadbackNotes(renderImpact(report, labels, options.format as ReportFormat), read);
    return { exitCode: 0, text, json: { ...labels, impact: report, readback: read.flatMap((o) => o.problems) } };
  },
};

function readDirectory(files: readonly string[]): DirectorySnapshot {
  try {
    return loadDirectory(files);
  } catch (e) {
    if (e instanceof DirectoryError) throw new CliError(e.message);
    throw e;
  }
}
