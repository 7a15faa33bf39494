import { describeGains, describeLosses } from './describe-change';
import { ReportFormat, TableLayout, formatHeading, formatTable, maxTableRows } from './format-table';
import { ImpactReport, PersonChange } from './impact';

/**
 * Person-table changes a terminal impact report lists at most. A row names a table's columns and
 * wraps over a dozen lines at 100 characters, so this is already thousands of lines, more than a
 * reviewer reads; the counts under the table cover every change and `--json` lists them all.
 * Laying out a wrapped row costs the table library about a millisecond, so the 10,000 rows of
 * other tables would take seconds (docs/decisions.md: "Impact lists 200 changes on a terminal").
 */
export const IMPACT_TEXT_ROWS = 200;

/** Who gains or loses access, for people: one row per person and change, with how they reach it. */
export function renderImpact(
  report: ImpactReport,
  labels: { before: string; after: string },
  format: ReportFormat,
  layout: TableLayout = {},
): string {
  const title = formatHeading(format, `Access impact ${labels.before} -> ${labels.after}`);
  const parts = [title];
  if (report.people.length === 0) parts.push('Nobody in the directory gains or loses access.');
  else {
    // Only the rows the table shows are built: a change over a large directory names hundreds of
    // thousands of person-table changes, and people of one membership share their change objects.
    const limit = Math.min(maxTableRows(format), IMPACT_TEXT_ROWS);
    const rows: string[][] = [];
    let total = 0;
    for (const p of report.people) {
      total += p.changes.length;
      for (const c of p.changes) {
        if (rows.length === limit) break;
        rows.push([p.person, c.environment, `${c.database}.${c.table}`, describe(c), `${c.roleName} via ${c.via.join(', ')}`]);
      }
    }
    parts.push(formatTable(format, ['person', 'env', 'table', 'change', 'through'], rows, layout, total));
    const gain = report.people.filter((p) => p.gains).length;
    const lose = report.people.filter((p) => p.loses).length;
    parts.push(
      `${gain} ${gain === 1 ? 'person gains' : 'people gain'} access, ${lose} ${lose === 1 ? 'person loses' : 'people lose'} access.`,
    );
  }
  if (report.unresolved.length > 0) {
    const rows = report.unresolved.map((u) => [u.environment, u.roleName, u.principals.join(', ')]);
    parts.push(
      `Principals trusted by identities outside the directory (people unknown):\n\n${formatTable(format, ['env', 'role', 'trusted principals'], rows, layout)}`,
    );
  }
  return parts.join('\n\n');
}

/** What a change does, in words: `gains ...; loses ...; still reads the table through ...`. */
function describe(c: PersonChange): string {
  const gains = describeGains(c);
  const losses = describeLosses(c);
  const still = losses.length > 0 && c.stillThrough.length > 0 ? [`still reads the table through ${c.stillThrough.join(', ')}`] : [];
  return [...gains.map((g) => `gains ${g}`), ...losses.map((l) => `loses ${l}`), ...still].join('; ');
}
