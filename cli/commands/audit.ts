import { Command, InvalidArgumentError } from 'commander';
import { AuditFilters, auditTrail } from '../../lib/audit/audit-trail';
import { readCloudTrail } from '../../lib/audit/cloudtrail-files';
import { AuditFormat, describeFilters, renderAudit } from '../../lib/audit/render-audit';
import { InputFileError } from '../../lib/input/read-input-file';
import { utcDayOf } from '../../lib/model/calendar-date';
import { readAccessReport } from '../../lib/readback';
import { StackAttribution, readAttribution } from '../../lib/readback/attribution';
import { problemLines } from '../../lib/reports/render-not-understood';
import { formatOption } from '../format-option';
import { CliCommand, CliError } from '../cli-command';

/** `--from` and `--to`: a day, or an instant with its offset (as `--as-of`), as its UTC day. */
function parseDay(value: string): string {
  const day = utcDayOf(value);
  if (day === undefined)
    throw new InvalidArgumentError('expected a day YYYY-MM-DD, or an instant with an offset, e.g. 2026-12-01T09:00:00+01:00');
  return day;
}

/**
 * `meshgrant audit --cloudtrail <file or dir> [--out DIR] [--class C] [--environment E]
 * [--purpose P] [--from DAY] [--to DAY] [--format text|csv|json|md]`: who accessed tables holding
 * a class, in an environment, for a purpose, between days, from CloudTrail logs (Lake Formation
 * `GetDataAccess`, Athena `StartQueryExecution`, Glue reads), each principal attributed through
 * the synthesized output. Exit 1 when events of principals meshgrant does not know are listed or
 * a log file could not be read: both need a look.
 */
export const auditCommand: CliCommand = {
  define: (program: Command) =>
    program
      .command('audit')
      .description('who accessed tables holding a class, in an environment, for a purpose, between days: from CloudTrail logs')
      .requiredOption('--cloudtrail <path>', 'a CloudTrail log file (.json or .json.gz) or a directory of them, walked recursively')
      .option('--out <dir>', 'cdktf output that attributes principals, workgroups and tables', 'cdktf.out')
      .option('--class <class>', 'only reads of tables holding this class, e.g. pii')
      .option('--environment <name>', 'only events in this environment')
      .option('--purpose <name>', 'only events for this purpose')
      .option('--from <day>', 'first day, YYYY-MM-DD (UTC), inclusive', parseDay)
      .option('--to <day>', 'last day, YYYY-MM-DD (UTC), inclusive', parseDay)
      .addOption(formatOption(['text', 'csv', 'json', 'md'], 'text for a terminal, csv, json, md for a pull-request or issue comment')),

  run: (_args, options) => {
    const filters: AuditFilters = {
      ...(options.class !== undefined ? { class: String(options.class) } : {}),
      ...(options.environment !== undefined ? { environment: String(options.environment) } : {}),
      ...(options.purpose !== undefined ? { purpose: String(options.purpose) } : {}),
      ...(options.from !== undefined ? { from: String(options.from) } : {}),
      ...(options.to !== undefined ? { to: String(options.to) } : {}),
    };
    if (filters.from !== undefined && filters.to !== undefined && filters.from > filters.to)
      throw new CliError(`--from ${filters.from} is after --to ${filters.to}`);
    const out = String(options.out);
    let attribution: ReturnType<typeof readAttribution>;
    try {
      attribution = readAttribution(out);
    } catch (e) {
      throw new CliError(`cannot read synthesized Terraform at \`${out}\`: ${(e as Error).message}`);
    }
    checkFilters(filters, attribution.stacks, out);
    const path = String(options.cloudtrail);
    let reading: ReturnType<typeof readCloudTrail>;
    try {
      reading = readCloudTrail(path);
    } catch (e) {
      if (e instanceof InputFileError) throw new CliError(`--cloudtrail \`${path}\` ${e.message}`);
      throw e;
    }
    const report = auditTrail(reading, attribution.stacks, filters, readAccessReport(out).access);
    const unknown = problemLines(
      attribution.problems.filter((p) => p.mayWiden),
      `${out} `,
    );
    const notes =
      unknown.length > 0 ? [`Not understood in the synthesized output, so attribution may be incomplete:\n${unknown.join('\n')}`] : [];
    const json = {
      cloudtrail: path,
      out,
      filters,
      question: describeFilters(filters),
      access: report.lines,
      unknownPrincipals: report.unknown,
      counts: report.counts,
      notRead: report.problems,
      readbackProblems: attribution.problems,
    };
    const format = options.format as AuditFormat;
    return {
      exitCode: report.unknown.length > 0 || report.problems.length > 0 ? 1 : 0,
      text: format === 'json' ? JSON.stringify(json, null, 2) : renderAudit(report, filters, format, notes),
      json,
    };
  },
};

/** A filter naming an environment, purpose or class the output does not have is a typo: exit 2 with what there is. */
function checkFilters(filters: AuditFilters, stacks: readonly StackAttribution[], out: string): void {
  const known = (what: string, value: string | undefined, values: Iterable<string>) => {
    const all = [...new Set(values)].sort();
    if (value !== undefined && !all.includes(value))
      throw new CliError(`no ${what} \`${value}\` in ${out} (${what === 'class' ? 'classes' : `${what}s`}: ${all.join(', ') || 'none'})`);
  };
  known(
    'environment',
    filters.environment,
    stacks.map((s) => s.environment),
  );
  known(
    'purpose',
    filters.purpose,
    stacks.flatMap((s) => [
      ...[...s.roles.values()].map((p) => p.purpose).filter((p): p is string => p !== undefined),
      ...[...s.workgroups.values()].map((w) => w.purpose).filter((p): p is string => p !== undefined),
    ]),
  );
  known(
    'class',
    filters.class,
    stacks.flatMap((s) => [...s.tableClasses.values()].flat()),
  );
}
