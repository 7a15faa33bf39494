import { Command } from 'commander';
import { writeFileSync } from 'fs';
import { policyReportJson, renderMarkdown, renderSarif, renderText } from '../../lib/policy';
import { CliContext } from '../cli-context';
import { CliCommand } from '../cli-command';
import { RULES_OPTION, checkMeshPolicies } from '../policy-check';
import { AS_OF_OPTION, parseDays } from '../as-of';
import { expiryReport } from '../../lib/lifecycle/expiry';
import { expiryNotice } from '../../lib/lifecycle/render-expiry';

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
      .option(...RULES_OPTION)
      .option(...AS_OF_OPTION)
      .option('--warn-within <span>', 'list entries that expire within this span after the as-of day, e.g. 14d', parseDays, 14),

  run: ([dir], options) => {
    const mesh = new CliContext(String(dir), options.asOf as string | undefined).mesh();
    const expiry = expiryReport(mesh, options.warnWithin as number);
    const counts = { products: mesh.products.length, environments: mesh.environments.length, purposes: mesh.purposes.length };
    const report = checkMeshPolicies(mesh, options);
    if (options.sarif !== undefined) writeFileSync(String(options.sarif), renderSarif(report, { root: process.cwd() }));
    if (options.markdown !== undefined) writeFileSync(String(options.markdown), renderMarkdown(report));
    const verdict = report.hasErrors ? 'breaks governance policies' : 'is valid';
    const summary = `mesh ${mesh.name} ${verdict}: ${counts.products} products, ${counts.environments} environments, ${counts.purposes} purposes`;
    const clean = report.findings.length === 0 && report.suppressions.length === 0;
    const notice = expiryNotice(expiry);
    return {
      exitCode: report.hasErrors ? 1 : 0,
      text: `${clean ? summary : `${summary}\n\n${renderText(report).trimEnd()}`}${notice ? `\n\n${notice}` : ''}`,
      json: { mesh: { name: mesh.name, ...counts }, policy: policyReportJson(report), ...(notice ? { expiry } : {}) },
    };
  },
};
