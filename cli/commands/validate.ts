import { Command } from 'commander';
import { writeFileSync } from 'fs';
import { MeshValidationError } from '../../lib/model/problems';
import { PolicyReport, policyReportJson, renderMarkdown, renderSarif, renderText } from '../../lib/policy';
import { CliContext } from '../cli-context';
import { MESH_DIR_HELP } from '../find-mesh';
import { CliCommand, CliError } from '../cli-command';
import { RULES_OPTION, checkMeshPolicies } from '../policy-check';
import { problemsAsReport, repositoryRoot } from '../problem-report';
import { meshgrantVersion } from '../version';
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
      .argument('[dir]', MESH_DIR_HELP)
      .option(
        '--sarif <file>',
        'also write every problem and policy finding as SARIF 2.1.0, for code scanning (also when the mesh does not load)',
      )
      .option('--markdown <file>', 'also write them as Markdown, for a pull-request comment (also when the mesh does not load)')
      .option('--root <dir>', 'directory that SARIF file URIs are relative to (default: the git repository root above the mesh, else .)')
      .option(...RULES_OPTION)
      .option(...AS_OF_OPTION)
      .option('--warn-within <span>', 'list entries that expire within this span after the as-of day, e.g. 14d', parseDays, 14),

  run: ([dir], options, feedback) => {
    const context = new CliContext(dir as string | undefined, options.asOf as string | undefined, feedback);
    let mesh;
    try {
      mesh = context.mesh();
    } catch (e) {
      // The commonest pull-request mistakes stop loading: the upload and comment steps still get their files.
      if (e instanceof MeshValidationError)
        writeReports(problemsAsReport(e.problems, context.meshDir), 'validation', context.meshDir, options);
      throw e;
    }
    const expiry = expiryReport(mesh, options.warnWithin as number);
    const counts = { products: mesh.products.length, environments: mesh.environments.length, purposes: mesh.purposes.length };
    feedback.progress('checking policies');
    const report = checkMeshPolicies(mesh, options);
    writeReports(report, 'policy check', context.meshDir, options);
    const verdict = report.hasErrors ? 'breaks governance policies' : 'is valid';
    const summary = `mesh ${mesh.name} ${verdict}: ${counts.products} products, ${counts.environments} environments, ${counts.purposes} purposes`;
    const clean = report.findings.length === 0 && report.suppressions.length === 0;
    const notice = expiryNotice(expiry);
    return {
      exitCode: report.hasErrors ? 1 : 0,
      summary: true,
      text: `${clean ? summary : `${summary}\n\n${renderText(report).trimEnd()}`}${notice ? `\n\n${notice}` : ''}`,
      json: { mesh: { name: mesh.name, ...counts }, policy: policyReportJson(report), ...(notice ? { expiry } : {}) },
    };
  },
};

/** Writes the `--sarif` and `--markdown` files asked for. */
function writeReports(report: PolicyReport, check: string, dir: string, options: Readonly<Record<string, unknown>>): void {
  const root = options.root === undefined ? repositoryRoot(dir) : String(options.root);
  if (options.sarif !== undefined) write(String(options.sarif), renderSarif(report, { root, version: meshgrantVersion() }));
  if (options.markdown !== undefined) write(String(options.markdown), renderMarkdown(report, { check }));
}

function write(file: string, text: string): void {
  try {
    writeFileSync(file, text);
  } catch (e) {
    throw new CliError(`cannot write ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}
