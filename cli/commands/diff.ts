import { Command } from 'commander';
import { diffAccess } from '../../lib/reports/access-diff';
import { nameMembers } from '../../lib/reports/member-names';
import { ReportFormat } from '../../lib/reports/format-table';
import { renderDiff } from '../../lib/reports/render-diff';
import { CliCommand, CliError } from '../cli-command';
import { CliContext } from '../cli-context';
import { wideOption } from '../format-option';
import { accessOf, readChangedSynthesized, reportFormatOption, readSynthesized, repeatable, withReadbackNotes } from './synthesized-access';

/** Exit code when access widens, so that CI can require an approval. */
const WIDENS = 3;

/**
 * `meshgrant diff <old> <new>`: access gained and lost between two synthesized outputs (per
 * environment, trusted members included); `meshgrant diff --env dev --env prod`: between two
 * environments of one output, principals and databases matched across environments.
 */
export const diffCommand: CliCommand = {
  define: (program: Command) =>
    program
      .command('diff')
      .description('access gained and lost between two synthesized outputs, or between two environments; exit 3 when access widens')
      .argument('[old]', 'cdktf output before the change')
      .argument('[new]', 'cdktf output after the change')
      .option(
        '--env <name>',
        'with <old> <new>: only these environments; alone: twice, the environments to compare (first is old)',
        repeatable,
        [],
      )
      .option('--out <dir>', 'cdktf output holding the environments of --env', 'cdktf.out')
      .option('--mesh <dir>', 'mesh directory whose identity mappings name trusted members (groups, users) instead of ARNs')
      .addOption(reportFormatOption())
      .addOption(wideOption()),

  run: ([oldDir, newDir], options, feedback, terminal) => {
    const envs = options.env as string[];
    const format = options.format as ReportFormat;
    let before, after, labels, read, afterProblems;
    if (oldDir !== undefined && newDir !== undefined) {
      feedback.progress(`reading what changed from ${String(oldDir)} to ${String(newDir)}`);
      const [old, now] = readChangedSynthesized(String(oldDir), String(newDir));
      const keep = (list: typeof old) => (envs.length === 0 ? list.access : envs.flatMap((e) => accessOf(list, e)));
      [before, after, labels, read] = [keep(old), keep(now), { before: old.dir, after: now.dir }, [old, now]];
      afterProblems = now.problems.filter((p) => envs.length === 0 || envs.includes(p.environment));
    } else if (oldDir === undefined && envs.length === 2) {
      feedback.progress(`reading the synthesized output in ${String(options.out)}`);
      const out = readSynthesized(String(options.out));
      [before, after, labels, read] = [accessOf(out, envs[0]), accessOf(out, envs[1]), { before: envs[0], after: envs[1] }, [out]];
      afterProblems = out.problems.filter((p) => p.environment === envs[1]);
    } else {
      throw new CliError('give two outputs (`diff <old> <new>`) or two environments (`diff --env dev --env prod`)');
    }
    feedback.progress('comparing access');
    const raw = diffAccess(before, after, { acrossEnvironments: oldDir === undefined, afterProblems });
    const diff = options.mesh === undefined ? raw : nameMembers(raw, new CliContext(String(options.mesh)).identities());
    const readback = read.flatMap((o) => o.problems);
    return {
      exitCode: diff.widens ? WIDENS : 0,
      text: withReadbackNotes(renderDiff(diff, labels, format, terminal), read, diff.notUnderstood ?? []),
      json: { ...labels, diff, readback },
    };
  },
};
