import { Command } from 'commander';
import { ReportFormat } from '../../lib/reports/format-table';
import { analyzeImpact } from '../../lib/reports/impact';
import { renderImpact } from '../../lib/reports/render-impact';
import { CliCommand } from '../cli-command';
import { CliContext } from '../cli-context';
import { wideOption } from '../format-option';
import { MESH_DIR_HELP } from '../find-mesh';
import { reportFormatOption, readSynthesized, repeatable, withReadbackNotes } from './synthesized-access';

/**
 * `meshgrant impact --directory users.json --directory groups.json [--old DIR] --new DIR`: the
 * people who gain or lose access with a change, resolved through the mesh's identity mappings.
 */
export const impactCommand: CliCommand = {
  define: (program: Command) =>
    program
      .command('impact')
      .description('which people gain or lose access, to what and through which role, between two synthesized outputs')
      .requiredOption(
        '--directory <file>',
        'directory snapshot: SCIM Users/Groups export (JSON) or YAML users; repeat for several files',
        repeatable,
        [],
      )
      .option('--old <dir>', "cdktf output before the change (default: none, list everyone's access)")
      .option('--new <dir>', 'cdktf output after the change', 'cdktf.out')
      .option('--mesh <dir>', `${MESH_DIR_HELP}; its environments map directory groups and users to principals`)
      .addOption(reportFormatOption())
      .addOption(wideOption()),

  run: (_args, options, feedback, terminal) => {
    const context = new CliContext(options.mesh as string | undefined, undefined, feedback);
    const directory = context.directory(options.directory as string[]);
    context.settings(); // a broken mesh.yaml or environments.yaml is reported before the outputs are read
    feedback.progress(`reading the synthesized output in ${String(options.new)}`);
    const now = readSynthesized(String(options.new));
    if (options.old !== undefined) feedback.progress(`reading the synthesized output in ${String(options.old)}`);
    const old = options.old === undefined ? undefined : readSynthesized(String(options.old));
    const identities = context.identitiesOf([...now.environments, ...(old?.environments ?? [])]);
    feedback.progress(`finding who gains or loses access among ${directory.people.length} people`);
    const report = analyzeImpact(old?.access ?? [], now.access, directory, identities);
    const labels = { before: old?.dir ?? '(nothing)', after: now.dir };
    const read = old === undefined ? [now] : [old, now];
    const text = withReadbackNotes(renderImpact(report, labels, options.format as ReportFormat, terminal), read);
    return { exitCode: 0, text, json: { ...labels, impact: report, readback: read.flatMap((o) => o.problems) } };
  },
};
