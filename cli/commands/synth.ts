import { Command, InvalidArgumentError, Option } from 'commander';
import { join, relative } from 'path';
import { PolicyReport, policyReportJson, renderText } from '../../lib/policy';
import { TableLayout, formatTable } from '../../lib/reports/format-table';
import { CdkFlavourError } from '../../constructs/cdk-flavour';
import { CliContext } from '../cli-context';
import { MESH_DIR_HELP } from '../find-mesh';
import { CliCommand, CliError } from '../cli-command';
import { RULES_OPTION, checkMeshPolicies } from '../policy-check';
import { replaceDirectory } from '../replace-directory';
import { AS_OF_OPTION } from '../as-of';
import { wideOption } from '../format-option';
import { expiryReport } from '../../lib/lifecycle/expiry';
import { expiryNotice } from '../../lib/lifecycle/render-expiry';

/**
 * `meshgrant synth [dir] --out DIR`: loads the mesh, checks its governance policies and, when no
 * error-level finding is open, writes one Terraform stack per environment.
 */
export const synthCommand: CliCommand = {
  define: (program: Command) =>
    program
      .command('synth')
      .description('synthesize the mesh to Terraform JSON, one stack per environment; an earlier output stays intact if it fails')
      .argument('[dir]', MESH_DIR_HELP)
      .option('--out <dir>', 'output directory', 'cdktf.out')
      .addOption(
        new Option(
          '--jobs <n>',
          'stacks synthesized at once, each in a worker thread; 1: all in this process (default: one per environment and core, on a big enough mesh)',
        ).argParser(positiveInteger),
      )
      .option(...RULES_OPTION)
      .option(...AS_OF_OPTION)
      .addOption(wideOption()),

  run: async ([dir], options, feedback, terminal) => {
    const out = String(options.out);
    const mesh = new CliContext(dir as string | undefined, options.asOf as string | undefined, feedback).mesh();
    // Only what has expired: synthesis output changes on the day after an expiry, and says so.
    const expiry = expiryReport(mesh, -1);
    const notice = expiryNotice(expiry);
    feedback.progress('checking policies');
    const report = checkMeshPolicies(mesh, options);
    const policy = policyReportJson(report);
    if (report.hasErrors) {
      return {
        exitCode: 1,
        text: `${renderText(report)}nothing written: synthesis waits until no error-level finding is open`,
        json: { policy },
      };
    }
    const { synthesizeMeshParallel, formatSummary } = await loadSynthesis();
    const summary = await replaceDirectory(out, async (staging) => {
      const s = await synthesizeMeshParallel(mesh, {
        outdir: staging,
        policy: report,
        jobs: options.jobs as number | undefined,
        onProgress: (step) => feedback.progress(step),
      });
      // The summary names files in the staging directory; they end up under `out`.
      const moved = (file: string) => join(out, relative(staging, file));
      const environments = s.environments.map((e) => ({
        ...e,
        file: moved(e.file),
        ...(e.stacks ? { stacks: e.stacks.map((p) => ({ ...p, file: moved(p.file) })) } : {}),
      }));
      return { ...s, outdir: out, environments };
    });
    const findings = report.findings.length > 0 ? `\n\n${synthFindings(report, feedback.verbosity === 'verbose', terminal)}` : '';
    return {
      exitCode: 0,
      summary: true,
      text: `${formatSummary(summary, terminal)}${findings}${notice ? `\n\n${notice}` : ''}`,
      json: { summary, policy, ...(notice ? { expiry: { asOf: expiry.asOf, expired: expiry.entries } } : {}) },
    };
  },
};

/** Open findings synth lists one by one; more are counted per rule (`validate` and `--verbose` list them all). */
const FINDINGS_LISTED = 20;

/**
 * The open (warning-level) findings under synth's summary: each of them when there are few or with
 * `--verbose`; otherwise a count per rule, so that hundreds of warnings do not bury the summary.
 */
function synthFindings(report: PolicyReport, verbose: boolean, layout: TableLayout): string {
  if (verbose || report.findings.length <= FINDINGS_LISTED) return renderText(report).trimEnd();
  const byRule = new Map<string, number>();
  for (const f of report.findings) byRule.set(`${f.severity} ${f.rule}`, (byRule.get(`${f.severity} ${f.rule}`) ?? 0) + 1);
  const rows = [...byRule].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([rule, n]) => [rule, String(n)]);
  return [
    `${renderText(report).split('\n')[0]}, by rule:`,
    '',
    formatTable('text', ['rule', 'findings'], rows, { ...layout, align: ['left', 'right'] }),
    '',
    'Each finding: meshgrant validate (or synth --verbose); validate --sarif or --markdown for CI.',
  ].join('\n');
}

/**
 * Imported here, not at the top: it loads the CDK library (cdktn or cdktf), which `validate` and
 * the other commands do without, and which a user may not have installed.
 */
async function loadSynthesis(): Promise<typeof import('../../stacks')> {
  try {
    return await import('../../stacks');
  } catch (e) {
    if (e instanceof CdkFlavourError) throw new CliError(e.message);
    throw e;
  }
}

/** Parses `--jobs`; commander reports the error and `meshgrant` exits 2, as for any bad option. */
function positiveInteger(value: string): number {
  if (!/^[1-9][0-9]*$/.test(value)) throw new InvalidArgumentError('expected a positive integer, e.g. 2');
  return Number(value);
}
