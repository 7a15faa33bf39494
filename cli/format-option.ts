import { InvalidArgumentError, Option } from 'commander';

/**
 * The one `--format` vocabulary of every command: `text` for a terminal, `json`, `csv` for a
 * spreadsheet, `md` for a pull-request comment, `sarif` for code scanning. A command offers
 * those that apply to it.
 */
export type OutputFormat = 'text' | 'json' | 'csv' | 'md' | 'sarif';

/** Older or common names, still accepted: `table` was `access`'s name for `text`. */
const ALIASES: Readonly<Record<string, OutputFormat>> = { table: 'text', markdown: 'md' };

/**
 * `--format <format>` with the formats a command offers, default `text`; an alias is accepted
 * and given to the command under its canonical name. A value outside the list is a usage error (exit 2).
 */
export function formatOption(formats: readonly OutputFormat[], description: string): Option {
  return new Option('--format <format>', `${description} (${formats.join('|')})`).default('text').argParser((value: string) => {
    const format = (ALIASES[value] ?? value) as OutputFormat;
    if (!formats.includes(format)) throw new InvalidArgumentError(`expected one of ${formats.join(', ')}`);
    return format;
  });
}

/** `--wide`: text tables as wide as their cells, for a wide terminal or a file to search. */
export const wideOption = () =>
  new Option('--wide', 'text tables as wide as their longest cells (default: wrapped to the terminal, 100 characters when not one)');
