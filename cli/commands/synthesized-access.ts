import { formatOption } from '../format-option';
import { AccessReport, BlockedAccess, IamOpenAccess, ReadbackProblem, readAccessReport, readChangedAccess } from '../../lib/readback';
import { EffectiveAccess } from '../../lib/readback/effective-access';
import { REPORT_FORMATS } from '../../lib/reports/format-table';
import { problemLines } from '../../lib/reports/render-not-understood';
import { CliError } from '../cli-command';

/** The access read back from one cdktf output, for the report commands. */
export interface SynthesizedAccess {
  readonly dir: string;
  /** Usable access; with `includeBlocked`, also Lake Formation grants that IAM blocks today. */
  readonly access: readonly EffectiveAccess[];
  /** Lake Formation grants the principal cannot use today (IAM, database visibility), with why. */
  readonly blocked: readonly BlockedAccess[];
  /** Tables also open to IAM-only access (hybrid access mode): access there is wider than the grants. */
  readonly iamOpen: readonly IamOpenAccess[];
  /** Environments with a stack in the output, sorted (an environment may hold no access). */
  readonly environments: readonly string[];
  /** What readback could not interpret, per stack: access the report may miss. */
  readonly problems: readonly ReadbackProblem[];
}

/**
 * Reads a cdktf output for a report command.
 * @param includeBlocked also count grants IAM does not let the principal use (a guard checks grants, not today's usability)
 * @throws CliError when the output is missing or unreadable (exit 2, no stack trace)
 */
export function readSynthesized(dir: string, includeBlocked = false): SynthesizedAccess {
  try {
    return synthesizedAccess(dir, readAccessReport(dir), includeBlocked);
  } catch (e) {
    throw new CliError(`cannot read synthesized Terraform at \`${dir}\`: ${(e as Error).message}`);
  }
}

function synthesizedAccess(dir: string, report: AccessReport, includeBlocked = false): SynthesizedAccess {
  const access = includeBlocked ? [...report.access, ...report.blocked.map((b) => b.access)] : report.access;
  return { dir, access, blocked: report.blocked, iamOpen: report.iamOpen, environments: report.environments, problems: report.problems };
}

/**
 * Two cdktf outputs, before and after a change, for `diff`: only the access the change can touch
 * is read (`readChangedAccess`); what both hold unchanged is left out of both, which changes no
 * diff. Read whole when a side holds a principal readback knows by ARN only (`kind` other): the
 * diff names those by the environment's database prefixes, which all of its access decides.
 * @throws CliError when an output is missing or unreadable (exit 2, no stack trace)
 */
export function readChangedSynthesized(before: string, after: string): [SynthesizedAccess, SynthesizedAccess] {
  let changed: ReturnType<typeof readChangedAccess>;
  try {
    changed = readChangedAccess(before, after);
  } catch {
    // Read each alone, so that the message names the output at fault.
    return [readSynthesized(before), readSynthesized(after)];
  }
  if ([changed.before, changed.after].some((r) => r.access.some((a) => a.principal.kind === 'other')))
    return [readSynthesized(before), readSynthesized(after)];
  return [synthesizedAccess(before, changed.before), synthesizedAccess(after, changed.after)];
}

/** The access of one environment of an output. @throws CliError naming the environments there are */
export function accessOf(synthesized: SynthesizedAccess, environment: string): EffectiveAccess[] {
  if (!synthesized.environments.includes(environment)) {
    throw new CliError(`no environment \`${environment}\` in ${synthesized.dir} (environments: ${synthesized.environments.join(', ')})`);
  }
  return synthesized.access.filter((a) => a.environment === environment);
}

/**
 * A report followed by what readback could not interpret in the outputs it read, if anything:
 * first what it does not understand (access may be wider than reported), then the rest.
 * @param shown problems the report itself already lists (a gate's verdict), left out here
 */
export function withReadbackNotes(text: string, outputs: readonly SynthesizedAccess[], shown: readonly ReadbackProblem[] = []): string {
  const left = (o: SynthesizedAccess, mayWiden: boolean) => o.problems.filter((p) => p.mayWiden === mayWiden && !shown.includes(p));
  const unknown = outputs.flatMap((o) => problemLines(left(o, true), `${o.dir} `));
  const notes = outputs.flatMap((o) => problemLines(left(o, false), `${o.dir} `));
  return [
    text,
    ...(unknown.length > 0 ? [`Not understood, so access may be wider than reported:\n${unknown.join('\n')}`] : []),
    ...(notes.length > 0 ? [`Not interpreted, so not in this report:\n${notes.join('\n')}`] : []),
  ].join('\n\n');
}

/** The caveat of a table still open to IAM-only access, as reports print it. */
export function iamOpenNote(t: IamOpenAccess): string {
  const why = t.reasons.map((r) => (r === 'hybrid-location' ? 'storage in hybrid access mode' : 'created under IAM default permissions'));
  return `open to IAM-only access: ${t.environment} ${t.database}.${t.table} (${why.join(', ')}): any principal whose IAM policies allow Glue and S3 reads can read it, whatever the grants say`;
}

/** `--format text|md`, shared by the report commands. */
export const reportFormatOption = () => formatOption(REPORT_FORMATS, 'text for a terminal, md for a pull-request comment');

/** Commander's collector for an option given several times (`--env dev --env prod`). */
export const repeatable = (value: string, previous: string[]) => [...previous, value];
