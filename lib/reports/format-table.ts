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

/** Rows under a header, as aligned text or as a Markdown table (cut after {@link TEXT_MAX_ROWS} and {@link MARKDOWN_MAX_ROWS} rows). */
export function formatTable(format: ReportFormat, header: readonly string[], rows: readonly (readonly string[])[]): string {
  if (format === 'md') {
    const cell = (c: string) => c.replace(/\|/g, '\\|').replace(/\n/g, '<br>');
    const line = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;
    const more = rows.length - MARKDOWN_MAX_ROWS;
    const cut = more > 0 ? [`\n_${more} more row${more === 1 ? '' : 's'}: run the command with \`--json\` for all of them._`] : [];
    return [line(header), line(header.map(() => '---')), ...rows.slice(0, MARKDOWN_MAX_ROWS).map(line), ...cut].join('\n');
  }
  const shown = rows.slice(0, TEXT_MAX_ROWS);
  // A loop, not Math.max(...rows): a spread of a hundred thousand rows overflows the call stack.
  const widths = header.map((h, i) => shown.reduce((w, r) => Math.max(w, r[i].length), h.length));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  const more = rows.length - shown.length;
  const cut = more > 0 ? [`${more} more row${more === 1 ? '' : 's'}: run the command with --json for all of them.`] : [];
  return [line(header), ...shown.map(line), ...cut].join('\n');
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
