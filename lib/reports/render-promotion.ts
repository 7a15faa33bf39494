import { ReportFormat, TableLayout, formatHeading, formatTable } from './format-table';
import { PromotionCheck } from './promote-check';
import { renderNotUnderstood } from './render-not-understood';

/** The promotion guard's outcome for people: each offending grant with what it holds beyond the source. */
export function renderPromotion(check: PromotionCheck, format: ReportFormat, layout: TableLayout = {}): string {
  const title = formatHeading(format, `Promotion check ${check.from} -> ${check.to}`);
  if (check.ok) return `${title}\n\n${check.to} holds no access that ${check.from} does not hold.`;
  const rows = check.violations.map((v) => [v.principal, v.roleName, `${v.database}.${v.table}`, v.excess.join('; ')]);
  const n = check.violations.length;
  const unknown = check.notUnderstood?.length ?? 0;
  return [
    title,
    ...(n > 0 ? [formatTable(format, ['principal', `role in ${check.to}`, 'table', `beyond ${check.from}`], rows, layout)] : []),
    ...renderNotUnderstood(check.notUnderstood ?? [], check.to),
    ...(n > 0
      ? [`${n} grant${n === 1 ? '' : 's'} in ${check.to} that ${check.from} does not hold: promote through ${check.from} first.`]
      : []),
    ...(unknown > 0
      ? [`${unknown} thing${unknown === 1 ? '' : 's'} in ${check.to} not understood: ${check.to} may hold access ${check.from} does not.`]
      : []),
  ].join('\n\n');
}
