import { Command } from 'commander';
import { writeFileSync } from 'fs';
import { policyReportJson, renderMarkdown, renderSarif, renderText } from '../../lib/policy';
import { CliContext } from '../cli-context';
import { CliCommand } from '../cli-command';
import { RULES_OPTION, checkMeshPolicies } from '../policy-check';

/** `meshgrant validate [dir]`: loads the mesh and checks its governance policies, synthesizes nothing. */
export const validateCommand: CliCommand = {
  define: (program: Command) =>
    program
      .command('validate')
      .description(
        'check the mesh files (syntax, fields, names, references) and the governance policies; every problem with file:line:column',
      )
      .argument('[dir]', 'mesh directory (holds mesh.yaml)', '.')
      .option('--sarif <file>', 'also write the policy findings as SARIF 2.1.0, for code scanning')
      .option('--markdown <file>', 'also write the policy findings as Markdown, for a pull-request comment')
      .option(...RULES_OPTION),

  run: ([dir], options) => {
    const mesh = new CliContext(String(dir)).mesh();
    const counts = { products: mesh.products.length, environments: mesh.environments.length, purposes: mesh.purposes.length };
    const report = checkMeshPolicies(mesh, options);
    if (options.sarif !== undefined) writeFileSync(String(options.sarif), renderSarif(report, { root: process.cwd() }));
    if (options.markdown !== undefined) writeFileSync(String(options.markdown), renderMarkdown(report));
    const verdict = report.hasErrors ? 'breaks governance policies' : 'is valid';
    const summary = `mesh ${mesh.name} ${verdict}: ${counts.products} products, ${counts.environments} environments, ${counts.purposes} purposes`;
    const clean = report.findings.length === 0 && report.suppressions.length === 0;
    return {
      exitCode: report.hasErrors ? 1 : 0,
      text: clean ? summary : `${summary}\n\n${renderText(report).trimEnd()}`,
      json: { mesh: { name: mesh.name, ...counts }, policy: policyReportJson(report) },
    };
  },
};
