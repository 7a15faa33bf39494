import { describeGains, describeLosses } from './describe-change';
import { ReportFormat, TableLayout, formatHeading, formatTable } from './format-table';
import { ImpactReport } from './impact';

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
    const rows = report.people.flatMap((p) =>
      p.changes.map((c) => {
        const gains = describeGains(c);
        const losses = describeLosses(c);
        const still = losses.length > 0 && c.stillThrough.length > 0 ? [`still reads the table through ${c.stillThrough.join(', ')}`] : [];
        const what = [...gains.map((g) => `gains ${g}`), ...losses.map((l) => `loses ${l}`), ...still].join('; ');
        return [p.person, c.environment, `${c.database}.${c.table}`, what, `${c.roleName} via ${c.via.join(', ')}`];
      }),
    );
    parts.push(formatTable(format, ['person', 'env', 'table', 'change', 'through'], rows, layout));
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
