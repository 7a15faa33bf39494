import { Command } from 'commander';
import { ReportFormat } from '../../lib/reports/format-table';
import { checkPromotion } from '../../lib/reports/promote-check';
import { renderPromotion } from '../../lib/reports/render-promotion';
import { CliCommand } from '../cli-command';
import { wideOption } from '../format-option';
import { accessOf, reportFormatOption, readSynthesized, withReadbackNotes } from './synthesized-access';

/** `meshgrant promote-check --from dev --to prod`: fails (1) naming each grant `--to` holds that `--from` does not. */
export const promoteCheckCommand: CliCommand = {
  define: (program: Command) =>
    program
      .command('promote-check')
      .description(
        'check that an environment holds no access the environment promoting to it does not hold; exit 1 naming each offending grant',
      )
      .requiredOption('--from <env>', 'environment promoted from, e.g. dev')
      .requiredOption('--to <env>', 'environment promoted to, e.g. prod')
      .option('--out <dir>', 'cdktf output holding both environments', 'cdktf.out')
      .addOption(reportFormatOption())
      .addOption(wideOption()),

  run: (_args, options, feedback, terminal) => {
    feedback.progress(`reading the synthesized output in ${String(options.out)}`);
    // Grants IAM blocks today count too: the guard is about what Lake Formation grants.
    const out = readSynthesized(String(options.out), true);
    const [from, to] = [String(options.from), String(options.to)];
    const check = checkPromotion([...accessOf(out, from), ...accessOf(out, to)], from, to, out.problems);
    const text = withReadbackNotes(renderPromotion(check, options.format as ReportFormat, terminal), [out], check.notUnderstood ?? []);
    return { exitCode: check.ok ? 0 : 1, text, json: { check, readback: out.problems } };
  },
};
