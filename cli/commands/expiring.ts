import { Command } from 'commander';
import { formatOption } from '../format-option';
import { expiryReport } from '../../lib/lifecycle/expiry';
import { renderExpiry } from '../../lib/lifecycle/render-expiry';
import { CliContext } from '../cli-context';
import { MESH_DIR_HELP } from '../find-mesh';
import { CliCommand } from '../cli-command';
import { AS_OF_OPTION, parseDays } from '../as-of';

/**
 * `meshgrant expiring [dir] [--within 30d] [--as-of DAY] [--format text|md|json]`: what has
 * expired and what expires soon, per approver: the weekly reminder of who must renew or remove what.
 */
export const expiringCommand: CliCommand = {
  define: (program: Command) =>
    program
      .command('expiring')
      .description('list members, grants and purpose bindings that have expired or expire soon, per approver')
      .argument('[dir]', MESH_DIR_HELP)
      .option('--within <span>', 'window after the as-of day, e.g. 30d or 4w', parseDays, 30)
      .option(...AS_OF_OPTION)
      .addOption(formatOption(['text', 'md', 'json'], 'text for a terminal, md for an issue or pull-request comment, json')),

  run: ([dir], options, feedback) => {
    const mesh = new CliContext(dir as string | undefined, options.asOf as string | undefined, feedback).mesh();
    const report = expiryReport(mesh, options.within as number);
    const text =
      options.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : renderExpiry(report, options.format === 'md' ? 'md' : 'text');
    return { exitCode: 0, text: text.trimEnd(), json: { expiry: report } };
  },
};
