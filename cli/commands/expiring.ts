import { Command, Option } from 'commander';
import { expiryReport } from '../../lib/lifecycle/expiry';
import { renderExpiry } from '../../lib/lifecycle/render-expiry';
import { CliContext } from '../cli-context';
import { CliCommand } from '../cli-command';
import { AS_OF_OPTION, parseDays } from '../as-of';
import { wideOption } from '../format-option';

/**
 * `meshgrant expiring [dir] [--within 30d] [--as-of DAY] [--format text|md|json]`: what has
 * expired and what expires soon, per approver: the weekly reminder of who must renew or remove what.
 */
export const expiringCommand: CliCommand = {
  define: (program: Command) =>
    program
      .command('expiring')
      .description('list members, grants and purpose bindings that have expired or expire soon, per approver')
      .argument('[dir]', 'mesh directory (holds mesh.yaml)', '.')
      .option('--within <span>', 'window after the as-of day, e.g. 30d or 4w', parseDays, 30)
      .option(...AS_OF_OPTION)
      .addOption(
        new Option('--format <format>', 'text, md (a comment for an issue or pull request) or json')
          .choices(['text', 'md', 'json'])
          .default('text'),
      )
      .addOption(wideOption()),

  run: ([dir], options, terminal) => {
    const mesh = new CliContext(String(dir), options.asOf as string | undefined).mesh();
    const report = expiryReport(mesh, options.within as number);
    const text =
      options.format === 'json'
        ? `${JSON.stringify(report, null, 2)}\n`
        : renderExpiry(report, options.format === 'md' ? 'md' : 'text', terminal);
    return { exitCode: 0, text: text.trimEnd(), json: { expiry: report } };
  },
};
