import stringWidth from 'string-width';
import { ColumnUserConfig, getBorderCharacters, table } from 'table';
import { printable } from '../input/printable';

/** How a report is rendered for people: a terminal table or Markdown for pull-request comments. */
export type ReportFormat = 'text' | 'md';

/** The report formats, for option parsing and help. */
export const REPORT_FORMATS: readonly ReportFormat[] = ['text', 'md'];

/** Rows a Markdown table shows at most, so that a pull-request comment stays under GitHub's size limit. */
export const MARKDOWN_MAX_ROWS = 100;

/**
 * Rows a terminal table shows at most: an impact over a large directory can name millions of
 * person-table changes, more text than a JavaScript string holds and more than anyone reads.
 */
export const TEXT_MAX_ROWS = 10_000;

/** Rows a table of this format shows at most: a report with more rows need only build these. */
export const maxTableRows = (format: ReportFormat): number => (format === 'md' ? MARKDOWN_MAX_ROWS : TEXT_MAX_ROWS);

/** The width a terminal table keeps to when the terminal's own is unknown (output to a file or a pipe). */
export const DEFAULT_TEXT_WIDTH = 100;

/** A column is never wrapped narrower than this (or its widest cell, when narrower): fewer characters per line are unreadable. */
const MIN_COLUMN_WIDTH = 10;

/** Blanks between two columns of a terminal table. */
const COLUMN_GAP = '  ';

/** How a terminal table is laid out. Markdown ignores it. */
export interface TableLayout {
  /**
   * Characters a line may hold: the widest columns wrap (at blanks and `-_./,;|\`) until the
   * table fits, none narrower than ten characters.
   * @default - unlimited: every cell on one line (`--wide`)
   */
  readonly width?: number;
  /**
   * Alignment per column, `right` for numbers.
   * @default - every column left-aligned
   */
  readonly align?: readonly ('left' | 'right')[];
}

/**
 * Rows under a header, as a terminal table or a Markdown table (cut after {@link TEXT_MAX_ROWS} and
 * {@link MARKDOWN_MAX_ROWS} rows). Every text table of the CLI is laid out here, by the `table`
 * library (docs/decisions.md: "Terminal tables"); control characters in cells are written as
 * escapes first, so that input never drives the terminal and widths are what is printed.
 */
export function formatTable(
  format: ReportFormat,
  header: readonly string[],
  rows: readonly (readonly string[])[],
  layout: TableLayout = {},
  total = rows.length,
): string {
  if (format === 'md') {
    const cell = (c: string) => c.replace(/\|/g, '\\|').replace(/\n/g, '<br>');
    const line = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;
    const more = total - Math.min(rows.length, MARKDOWN_MAX_ROWS);
    const cut = more > 0 ? [`\n_${more} more row${more === 1 ? '' : 's'}: run the command with \`--json\` for all of them._`] : [];
    return [line(header), line(header.map(() => '---')), ...rows.slice(0, MARKDOWN_MAX_ROWS).map(line), ...cut].join('\n');
  }
  const shown = [header, ...rows.slice(0, TEXT_MAX_ROWS)].map((r) => r.map(printable));
  const widths = columnWidths(shown, layout.width);
  const columns: ColumnUserConfig[] = widths.map((width, i) => ({ width, alignment: layout.align?.[i] ?? 'left', wrapWord: true }));
  const text = table(shown, {
    border: { ...getBorderCharacters('void'), bodyJoin: COLUMN_GAP },
    drawHorizontalLine: () => false,
    columnDefault: { paddingLeft: 0, paddingRight: 0 },
    columns,
  });
  const lines = text.split('\n').map((l) => l.trimEnd());
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const more = total - (shown.length - 1);
  const cut = more > 0 ? [`${more} more row${more === 1 ? '' : 's'}: run the command with --json for all of them.`] : [];
  return [...lines, ...cut].join('\n');
}

/**
 * The width of each column: its widest cell when the table fits in `width`; otherwise the
 * widest columns share what is left after the narrow ones, each at least {@link MIN_COLUMN_WIDTH}
 * (a table of many columns may then still be wider than `width`).
 */
function columnWidths(rows: readonly (readonly string[])[], width: number | undefined): number[] {
  // A loop, not Math.max(...rows): a spread of a hundred thousand rows overflows the call stack.
  const natural = rows[0].map((_, i) => rows.reduce((w, r) => Math.max(w, stringWidth(r[i])), 1));
  if (width === undefined) return natural;
  const budget = width - COLUMN_GAP.length * (natural.length - 1);
  const total = (cap: number) => natural.reduce((sum, w) => sum + Math.min(w, cap), 0);
  if (total(Infinity) <= budget) return natural;
  // The largest cap on column widths under which the table fits, then its remainder to the capped columns, left first.
  let cap = MIN_COLUMN_WIDTH;
  while (total(cap + 1) <= budget) cap++;
  let left = budget - total(cap);
  return natural.map((w) => {
    if (w <= cap) return w;
    const extra = left > 0 ? 1 : 0;
    left -= extra;
    return cap + extra;
  });
}

/** A heading: `### text` in Markdown, the text alone in a terminal. */
export function formatHeading(format: ReportFormat, text: string): string {
  return format === 'md' ? `### ${text}` : text;
}

/** Rows under a header as CSV (RFC 4180: a cell holding a comma, a quote or a line break is quoted, its quotes doubled). */
export function formatCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const cell = (c: string) => (/[",\n\r]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\n');
}
