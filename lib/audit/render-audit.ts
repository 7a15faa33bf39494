import { printable } from '../input/printable';
import { formatCsv, formatTable } from '../reports/format-table';
import { AuditFilters, AuditLine, AuditReport } from './audit-trail';

/** How `meshgrant audit` prints its answer. */
export type AuditFormat = 'text' | 'csv' | 'json' | 'md';

const HEADER = ['time', 'environment', 'event', 'principal', 'session', 'purpose', 'tables', 'classes', 'readable', 'workgroup', 'outcome'];

/** A line's cells; text from the logs (ARNs, session and workgroup names) with control characters escaped, so a log cannot forge a line or drive the terminal. */
const row = (l: AuditLine) =>
  [
    l.time,
    l.environment,
    l.action,
    l.principal,
    l.session || '-',
    l.purpose || '-',
    l.tables.join(' ') || '-',
    l.classes.join(' ') || '-',
    l.readableClasses.join(' ') || '-',
    l.workgroup || '-',
    l.outcome,
  ].map(printable);

/** The filters in words: `class pii, environment prod, 2026-11-01 to 2026-11-30 (UTC)`. */
export function describeFilters(f: AuditFilters): string {
  const parts = [
    ...(f.class !== undefined ? [`class ${f.class}`] : []),
    ...(f.environment !== undefined ? [`environment ${f.environment}`] : []),
    ...(f.purpose !== undefined ? [`purpose ${f.purpose}`] : []),
    ...(f.from !== undefined || f.to !== undefined
      ? [`${f.from ?? 'the first event'} to ${f.to ?? 'the last event'} (UTC, inclusive)`]
      : []),
  ];
  return parts.length > 0 ? parts.join(', ') : 'no filter';
}

/**
 * The answer as a table (text or Markdown) or CSV. CSV holds every event, with a `known` column
 * that says whether meshgrant declares the principal; the tables list events of principals
 * meshgrant does not know in a section of their own, then what was counted or not read.
 */
export function renderAudit(
  report: AuditReport,
  filters: AuditFilters,
  format: Exclude<AuditFormat, 'json'>,
  notes: readonly string[],
): string {
  if (format === 'csv')
    return formatCsv(
      [...HEADER, 'known'],
      [...report.lines, ...report.unknown].map((l) => [...row(l), l.known ? 'yes' : 'no']),
    );
  const table = (lines: readonly AuditLine[]) => formatTable(format, HEADER, lines.map(row));
  const c = report.counts;
  const heading = (text: string) => (format === 'md' ? `### ${text}` : text);
  const out = [
    heading(`Data access (${describeFilters(filters)})`),
    report.lines.length > 0 ? table(report.lines) : 'no data access by principals meshgrant knows matches',
  ];
  if (report.unknown.length > 0)
    out.push(
      '',
      heading(`Principals meshgrant does not know (${report.unknown.length} event${report.unknown.length === 1 ? '' : 's'})`),
      table(report.unknown),
    );
  out.push(
    '',
    `Read ${c.files} log file${c.files === 1 ? '' : 's'}${c.digests > 0 ? ` (${c.digests} digest file${c.digests === 1 ? '' : 's'} skipped)` : ''}, ` +
      `${c.records} record${c.records === 1 ? '' : 's'}: ${c.events} data-access event${c.events === 1 ? '' : 's'}, ` +
      `${c.outsideFilters} outside the filters; ${c.otherEvents} other event${c.otherEvents === 1 ? '' : 's'}.`,
  );
  if (report.problems.length > 0) out.push('', 'Not read:', ...report.problems.map((p) => `  ${printable(p.file)}: ${p.message}`));
  if (notes.length > 0) out.push('', ...notes);
  return out.join('\n');
}
