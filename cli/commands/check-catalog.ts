import { Command } from 'commander';
import { catalogDrift } from '../../lib/import/catalog-drift';
import { CliContext } from '../cli-context';
import { MESH_DIR_HELP } from '../find-mesh';
import { CliCommand, CliError } from '../cli-command';
import { readUpstream } from './import';

/**
 * `meshgrant check-catalog <get-tables output>`: the declared ports against a Glue catalog
 * export. Exit 1 when a difference changes access (a table or column missing, an undeclared
 * column whole-table readers would see); a retyped column alone is reported with exit 0.
 */
export const checkCatalogCommand: CliCommand = {
  define: (program: Command) =>
    program
      .command('check-catalog')
      .description('compare the declared ports with `aws glue get-tables` output; exit 1 on drift that changes access')
      .argument('<file>', 'the JSON `aws glue get-tables --database-name <db>` prints')
      .option('--mesh <dir>', MESH_DIR_HELP)
      .option('--env <name>', 'environment whose database names to compare (default: the first)'),

  run: ([file], options, feedback) => {
    const mesh = new CliContext(options.mesh as string | undefined, undefined, feedback).mesh();
    const env = options.env === undefined ? mesh.environments[0].name : String(options.env);
    if (!mesh.environments.some((e) => e.name === env))
      throw new CliError(
        `no environment \`${env}\` in mesh ${mesh.name} (environments: ${mesh.environments.map((e) => e.name).join(', ')})`,
      );
    const read = readUpstream(String(file), 'glue');
    const drift = catalogDrift(mesh, env, read);
    const changing = drift.filter((d) => d.changesAccess);
    const lines = [
      drift.length === 0
        ? `catalog matches the declared ports of ${env}`
        : `${drift.length} difference(s) with the declared ports of ${env}, ${changing.length} changing access:`,
      ...drift.map((d) => `  ${d.changesAccess ? 'access' : 'schema'}: ${d.message}`),
      ...read.skipped.map((s) => `  skipped: ${s}`),
    ];
    return { exitCode: changing.length > 0 ? 1 : 0, text: lines.join('\n'), json: { environment: env, drift, skipped: read.skipped } };
  },
};
