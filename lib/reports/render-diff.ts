import { AccessDiff } from './access-diff';
import { describeGains, describeLosses } from './describe-change';
import { ReportFormat, TableLayout, formatHeading, formatTable } from './format-table';
import { renderNotUnderstood } from './render-not-understood';

const MARK = { added: '+', removed: '-', modified: '~' } as const;

/** An access diff for people; `before` and `after` name the two sides (folders or environments). */
export function renderDiff(
  diff: AccessDiff,
  labels: { before: string; after: string },
  format: ReportFormat,
  layout: TableLayout = {},
): string {
  const title = formatHeading(format, `Access diff ${labels.before} -> ${labels.after}`);
  const unknown = renderNotUnderstood(diff.notUnderstood ?? [], labels.after);
  if (diff.changes.length === 0 && diff.members.length === 0 && unknown.length === 0) return `${title}\n\nNo access changes.`;
  const parts = [title];
  if (diff.changes.length > 0) {
    // Widening first: it is what a reviewer must see, also when Markdown cuts a long table.
    const ordered = [...diff.changes.filter((c) => c.widens), ...diff.changes.filter((c) => !c.widens)];
    const rows = ordered.map((c) => [
      MARK[c.change],
      c.environment,
      c.principal,
      `${c.database}.${c.table}`,
      describeGains(c).join('; '),
      describeLosses(c).join('; '),
    ]);
    parts.push(formatTable(format, ['', 'env', 'principal', 'table', 'gained', 'lost'], rows, layout));
  }
  if (diff.members.length > 0) {
    const rows = diff.members.map((m) => [m.environment, m.principal, m.roleName, m.members.gained.join(', '), m.members.lost.join(', ')]);
    parts.push(formatTable(format, ['env', 'principal', 'role', 'members gained', 'members lost'], rows, layout));
  }
  parts.push(...unknown);
  const n = diff.notUnderstood?.length ?? 0;
  const count = `${diff.changes.length} access change${diff.changes.length === 1 ? '' : 's'}, ${diff.members.length} member change${diff.members.length === 1 ? '' : 's'}${n > 0 ? `, ${n} not understood` : ''}`;
  const verdict = diff.widens ? `Access ${n > 0 ? 'may widen' : 'widens'}: an approval is required.` : 'Access does not widen.';
  parts.push(format === 'md' ? `${count}. **${verdict}**` : `${count}. ${verdict}`);
  return parts.join('\n\n');
}
